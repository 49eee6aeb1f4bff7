import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ACTOR_KINDS, enumLabel, PARTICIPANT_ROLES } from "@db/enums";
import { countryLabel } from "~/components/actor";
import { EditorLink } from "~/components/record-actions";
import { Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter, TextFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { actorListQuerySchema, listActors } from "~/models/actors.server";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Actors · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), actorListQuerySchema);
  const page = await listActors(await getDb(), query);
  return withQueryStatus({ page, query, errors }, errors);
}

export default function ActorsPage() {
  const { page, query, errors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Actors</h1>
      <EditorLink to="/actors/new">New actor</EditorLink>
      <p className="lede">
        States, de facto authorities, armed groups, organisations and people, and the roles they held in the rounds. See also the{" "}
        <Link to="/mediators">mediators</Link> and <Link to="/parties">parties</Link> scorecards.
      </p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter actors" resetTo="/actors">
        <TextFilter name="q" label="Name contains" value={query.q} errors={errors} />
        <SelectFilter name="kind" label="Kind" value={query.kind} options={ACTOR_KINDS} errors={errors} />
        <SelectFilter name="role" label="Held the role" value={query.role} options={PARTICIPANT_ROLES} errors={errors} />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="actor" apiPath="/api/v1/actors" />
      {page.items.length === 0 ? (
        <Empty>No actor matches these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Actors, by name</caption>
            <thead>
              <tr>
                <th scope="col">Actor</th>
                <th scope="col">Kind</th>
                <th scope="col">Country</th>
                <th scope="col">Roles held</th>
                <th scope="col" className="num">Rounds</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/actors/${a.slug}`}>{a.name}</Link>
                    {a.shortName || a.aliases.length ? (
                      <div className="muted small">{[a.shortName, ...a.aliases].filter(Boolean).join("; ")}</div>
                    ) : null}
                  </th>
                  <td>{enumLabel(a.kind)}</td>
                  <td>{countryLabel(a.countryCode)}</td>
                  <td>{a.roles.length ? a.roles.map(enumLabel).join(", ") : "—"}</td>
                  <td className="num">{a.roundCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
