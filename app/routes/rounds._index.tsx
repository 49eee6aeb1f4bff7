import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { ROUND_OUTCOMES } from "@db/enums";
import { OutcomeBadge } from "~/components/badges";
import { EditorLink } from "~/components/record-actions";
import { DateFilter, Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { roundChoices } from "~/models/cached.server";
import { listRounds, roundListQuerySchema } from "~/models/rounds.server";
import { formatDateRange } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Rounds · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { query, errors } = parseQuery(url, roundListQuerySchema);
  const db = await getDb();
  const [page, options] = await Promise.all([listRounds(db, query), roundChoices(db, request)]);
  return withQueryStatus({ page, options, query, errors }, errors);
}

export default function RoundsPage() {
  const { page, options, query, errors } = useLoaderData<typeof loader>();
  // Processes have no page of their own: the rounds list filtered by one stands for it.
  const processShown = options.processes.find((p) => p.value === query.process);
  return (
    <>
      <h1>Rounds</h1>
      <p className="lede">Each meeting of the parties: where, when, who mediated, and what came of it.</p>
      <EditorLink to={query.process ? `/rounds/new?process=${encodeURIComponent(query.process)}` : "/rounds/new"}>New round</EditorLink>
      <EditorLink to="/processes/new">New process</EditorLink>
      {processShown ? <EditorLink to={`/processes/${processShown.value}/edit`}>{`Edit process: ${processShown.label}`}</EditorLink> : null}
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter rounds" resetTo="/rounds">
        <DateFilter name="from" label="From" value={query.from} errors={errors} />
        <DateFilter name="to" label="To" value={query.to} errors={errors} />
        <SelectFilter name="process" label="Process" value={query.process} options={options.processes} errors={errors} />
        <SelectFilter name="venue" label="Venue" value={query.venue} options={options.venues} errors={errors} />
        <SelectFilter name="mediator" label="Mediator" value={query.mediator} options={options.mediators} errors={errors} />
        <SelectFilter name="party" label="Party" value={query.party} options={options.parties} errors={errors} />
        <SelectFilter name="outcome" label="Outcome" value={query.outcome} options={ROUND_OUTCOMES} errors={errors} />
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort}
          anyLabel="Newest first"
          options={[
            { value: "date-asc", label: "Oldest first" },
            { value: "title-asc", label: "Title A–Z" },
          ]}
          errors={errors}
        />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="round" apiPath="/api/v1/rounds" />
      {page.items.length === 0 ? (
        <Empty>No rounds match these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Rounds</caption>
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Dates</th>
                <th scope="col">Venue</th>
                <th scope="col">Mediators</th>
                <th scope="col">Outcome</th>
                <th scope="col" className="num">Commitments</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/rounds/${r.slug}`}>{r.title}</Link>
                  </th>
                  <td>{formatDateRange(r.startDate, r.startPrecision, r.endDate, r.endPrecision)}</td>
                  <td>{r.venue ? <Link to={`/venues/${r.venue.slug}`}>{r.venue.city}</Link> : "—"}</td>
                  <td>
                    {r.mediators.length
                      ? r.mediators.map((m, i) => (
                          <span key={m.slug}>
                            {i > 0 ? ", " : ""}
                            <Link to={`/mediators/${m.slug}`}>{m.name}</Link>
                          </span>
                        ))
                      : "—"}
                  </td>
                  <td>
                    <OutcomeBadge outcome={r.outcome} />
                  </td>
                  <td className="num">{r.commitmentCount}</td>
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
