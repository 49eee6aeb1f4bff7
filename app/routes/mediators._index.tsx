import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { enumLabel } from "@db/enums";
import { formatShare } from "~/components/actor";
import { Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { shareBroken } from "~/models/actors";
import { listMediators, mediatorListQuerySchema } from "~/models/actors.server";
import { todayUtc } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Mediators · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), mediatorListQuerySchema);
  const page = await listMediators(await getDb(), query, todayUtc());
  return withQueryStatus({ page, query, errors }, errors);
}

export default function MediatorsPage() {
  const { page, query, errors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mediators</h1>
      <p className="lede">
        Everyone who mediated or hosted a round, and what those rounds produced: the commitments obtained there and how many have been
        broken, as of today.
      </p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Sort mediators" resetTo="/mediators">
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort === "name-asc" ? undefined : query.sort}
          anyLabel="Name A–Z"
          options={[
            { value: "rounds-desc", label: "Most rounds" },
            { value: "commitments-desc", label: "Most commitments obtained" },
          ]}
          errors={errors}
        />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="mediator" apiPath="/api/v1/mediators" />
      {page.items.length === 0 ? (
        <Empty>No round has a recorded mediator or host yet.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Mediators and hosts with what their rounds produced</caption>
            <thead>
              <tr>
                <th scope="col">Mediator</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">Rounds mediated</th>
                <th scope="col" className="num">Rounds hosted</th>
                <th scope="col" className="num">Commitments obtained</th>
                <th scope="col" className="num">Broken</th>
                <th scope="col" className="num">Share broken</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <Link to={`/mediators/${m.slug}`}>{m.name}</Link>
                  </th>
                  <td>{enumLabel(m.kind)}</td>
                  <td className="num">
                    <Link to={`/rounds?mediator=${m.slug}`} aria-label={`${m.roundsMediated} rounds mediated by ${m.name}`}>
                      {m.roundsMediated}
                    </Link>
                  </td>
                  <td className="num">{m.roundsHosted}</td>
                  <td className="num">{m.commitments}</td>
                  <td className="num">{m.broken}</td>
                  <td className="num">{formatShare(shareBroken(m))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        A round both mediated and hosted by the same actor counts once among its rounds and commitments. “Broken” means at least one
        corroborated breach.
      </p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
