import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import { countryLabel } from "~/components/actor";
import { Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { listParties, partyListQuerySchema } from "~/models/actors.server";
import { todayUtc } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Parties · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), partyListQuerySchema);
  const page = await listParties(await getDb(), query, todayUtc());
  return withQueryStatus({ page, query, errors }, errors);
}

export default function PartiesPage() {
  const { page, query, errors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Parties</h1>
      <p className="lede">
        Everyone who sat at a round as a party or is bound by a commitment: the rounds attended, the commitments that bind them, and the
        breaches they are alleged responsible for.
      </p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Sort parties" resetTo="/parties">
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort === "name-asc" ? undefined : query.sort}
          anyLabel="Name A–Z"
          options={[
            { value: "rounds-desc", label: "Most rounds attended" },
            { value: "breaches-desc", label: "Most breaches alleged" },
          ]}
          errors={errors}
        />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="party" plural="parties" apiPath="/api/v1/parties" />
      {page.items.length === 0 ? (
        <Empty>No party is recorded yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Parties with their rounds, commitments and alleged breaches</caption>
            <thead>
              <tr>
                <th scope="col">Party</th>
                <th scope="col">Kind</th>
                <th scope="col">Country</th>
                <th scope="col" className="num">Rounds attended</th>
                <th scope="col" className="num">Commitments binding it</th>
                <th scope="col" className="num">of which broken</th>
                <th scope="col" className="num">Breaches alleged against it</th>
                <th scope="col" className="num">of which corroborated</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={`/actors/${p.slug}`}>{p.name}</Link>
                  </th>
                  <td>{enumLabel(p.kind)}</td>
                  <td>{countryLabel(p.countryCode)}</td>
                  <td className="num">
                    <Link to={`/rounds?party=${p.slug}`} aria-label={`${p.rounds} rounds attended by ${p.name}`}>
                      {p.rounds}
                    </Link>
                  </td>
                  <td className="num">{p.commitments}</td>
                  <td className="num">{p.commitmentsBroken}</td>
                  <td className="num">
                    <Link to={`/actors/${p.slug}#breaches-heading`} aria-label={`${p.breaches} breaches alleged against ${p.name}`}>
                      {p.breaches}
                    </Link>
                  </td>
                  <td className="num">{p.breachesCorroborated}</td>
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
