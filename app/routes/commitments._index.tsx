import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { COMMITMENT_KINDS, COMMITMENT_STATUSES, enumLabel } from "@db/enums";
import { StatusBadge } from "~/components/badges";
import { ActorLinks, DaysHeld } from "~/components/commitment";
import { EditorLink } from "~/components/record-actions";
import { DateFilter, Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter, TextFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { commitmentChoices } from "~/models/cached.server";
import {
  chosenRound,
  commitmentListQuerySchema,
  commitmentTotals,
  listCommitments,
} from "~/models/commitments.server";
import { formatDate, todayUtc } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Commitments · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { query, errors } = parseQuery(url, commitmentListQuerySchema);
  const db = await getDb();
  const asOf = todayUtc();
  const [page, totals, choices, round] = await Promise.all([
    listCommitments(db, query, asOf),
    commitmentTotals(db, query, asOf),
    commitmentChoices(db, request),
    chosenRound(db, query.round),
  ]);
  return withQueryStatus({ page, totals, options: { ...choices, round }, query, errors, asOf }, errors);
}

export default function CommitmentsPage() {
  const { page, totals, options, query, errors, asOf } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Commitments</h1>
      <EditorLink to="/commitments/new">New commitment</EditorLink>
      <p className="lede">What the parties promised, whether each promise is holding, and how long it held before it was broken.</p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter commitments" resetTo="/commitments">
        <DateFilter name="from" label="Took effect from" value={query.from} errors={errors} />
        <DateFilter name="to" label="Took effect to" value={query.to} errors={errors} />
        <SelectFilter name="process" label="Process" value={query.process} options={options.processes} errors={errors} />
        <TextFilter
          name="round"
          label="Round (its address)"
          value={query.round}
          errors={errors}
          hint={
            options.round ? (
              <Link to={`/rounds/${options.round.value}`}>{options.round.label}</Link>
            ) : query.round ? (
              `There is no round “${query.round}”.`
            ) : (
              <>
                The name in a round’s address, as in /rounds/doha-2025-10 (see <Link to="/rounds">rounds</Link>).
              </>
            )
          }
        />
        <SelectFilter name="party" label="Bound party" value={query.party} options={options.parties} errors={errors} />
        <SelectFilter name="mediator" label="Mediator" value={query.mediator} options={options.mediators} errors={errors} />
        <SelectFilter name="venue" label="Venue" value={query.venue} options={options.venues} errors={errors} />
        <SelectFilter name="kind" label="Kind" value={query.kind} options={COMMITMENT_KINDS} errors={errors} />
        <SelectFilter name="status" label="Status" value={query.status} options={COMMITMENT_STATUSES} errors={errors} />
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort}
          anyLabel="Latest to take effect first"
          options={[
            { value: "date-asc", label: "Earliest to take effect first" },
            { value: "title-asc", label: "Title A–Z" },
          ]}
          errors={errors}
        />
      </FilterForm>
      <p>
        <strong>
          {totals.total} commitment{totals.total === 1 ? "" : "s"}, {totals.broken} broken
        </strong>{" "}
        <span className="muted">(status as of {formatDate(asOf)}).</span>
      </p>
      <ListMeta shown={page.items.length} noun="commitment" apiPath="/api/v1/commitments" />
      {page.items.length === 0 ? (
        <Empty>No commitments match these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Commitments</caption>
            <thead>
              <tr>
                <th scope="col">Commitment</th>
                <th scope="col">Kind</th>
                <th scope="col">Round</th>
                <th scope="col">Bound actors</th>
                <th scope="col">Took effect</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Days held</th>
                <th scope="col" className="num">Breaches</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/commitments/${c.id}`}>{c.title}</Link>
                  </th>
                  <td>{enumLabel(c.kind)}</td>
                  <td>{c.round ? <Link to={`/rounds/${c.round.slug}`}>{c.round.title}</Link> : <span className="muted">announced outside a round</span>}</td>
                  <td>
                    <ActorLinks actors={c.boundActors} />
                  </td>
                  <td>{formatDate(c.takesEffectOn, c.takesEffectPrecision)}</td>
                  <td>{formatDate(c.expiresOn)}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td className="num">
                    <DaysHeld days={c.daysHeld} broken={c.broken} />
                  </td>
                  <td className="num">{c.breachCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        “+” marks a commitment still running or ended without a breach: it held at least that long. Breaches counts those the status
        rule counts: not rejected, and inside the commitment’s term.
      </p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
