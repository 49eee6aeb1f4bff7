import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel, INCIDENT_KINDS } from "@db/enums";
import { claimGroupLabel, formatRange } from "~/components/claims";
import { EditorLink } from "~/components/record-actions";
import { DateFilter, Empty, FilterForm, ListMeta, Pagination, ParamErrors, SelectFilter, TextFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { incidentChoices } from "~/models/cached.server";
import { chosenCommitment, incidentListQuerySchema, listIncidents } from "~/models/incidents.server";
import { formatDateRange } from "~/utils/dates";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [{ title: "Incidents · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { query, errors } = parseQuery(url, incidentListQuerySchema);
  const db = await getDb();
  const [page, choices, commitment] = await Promise.all([
    listIncidents(db, query),
    incidentChoices(db, request),
    chosenCommitment(db, query.commitment),
  ]);
  return withQueryStatus(
    { page, options: { ...choices, commitment }, query: { ...query, commitment: query.commitment?.toString() }, errors },
    errors,
  );
}

export default function IncidentsPage() {
  const { page, options, query, errors } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Incidents</h1>
      <p className="lede">
        Strikes, border fire and attacks, with who is alleged responsible, the range of casualty figures claimed, and the
        commitments each one is said to have broken.
      </p>
      <EditorLink to="/incidents/new">New incident</EditorLink>
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter incidents" resetTo="/incidents">
        <DateFilter name="from" label="From" value={query.from} errors={errors} />
        <DateFilter name="to" label="To" value={query.to} errors={errors} />
        <SelectFilter name="kind" label="Kind" value={query.kind} options={INCIDENT_KINDS} errors={errors} />
        <SelectFilter name="country" label="Country" value={query.country} options={options.countries} errors={errors} />
        <SelectFilter name="province" label="Province" value={query.province} options={options.provinces} errors={errors} />
        <SelectFilter
          name="perpetrator"
          label="Alleged perpetrator"
          value={query.perpetrator}
          options={options.perpetrators}
          errors={errors}
        />
        <SelectFilter
          name="breached"
          label="Linked to a breach"
          value={query.breached}
          options={[
            { value: "yes", label: "Yes" },
            { value: "no", label: "No" },
          ]}
          errors={errors}
        />
        <TextFilter
          name="commitment"
          label="Broke commitment (number)"
          value={query.commitment}
          inputMode="numeric"
          errors={errors}
          hint={
            options.commitment ? (
              <Link to={`/commitments/${options.commitment.value}`}>{options.commitment.label}</Link>
            ) : query.commitment ? (
              `There is no commitment number ${query.commitment}.`
            ) : (
              <>
                The number in a commitment’s address, as in /commitments/12 (see <Link to="/commitments">commitments</Link>).
              </>
            )
          }
        />
        <SelectFilter
          name="sort"
          label="Sort"
          value={query.sort}
          anyLabel="Newest first"
          options={[{ value: "date-asc", label: "Oldest first" }]}
          errors={errors}
        />
      </FilterForm>
      <ListMeta shown={page.items.length} noun="incident" apiPath="/api/v1/incidents" />
      {page.items.length === 0 ? (
        <Empty>No incidents match these filters.</Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="sr-only">Incidents</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Incident</th>
                <th scope="col">Kind</th>
                <th scope="col">Place</th>
                <th scope="col">Alleged perpetrator</th>
                <th scope="col" className="num">
                  Killed (claims)
                </th>
                <th scope="col" className="num">
                  Breaches
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((i) => (
                <tr key={i.id}>
                  <td>{formatDateRange(i.occurredOn, i.datePrecision, i.endedOn, i.datePrecision)}</td>
                  <th scope="row">
                    <Link to={`/incidents/${i.id}`}>{i.title}</Link>
                  </th>
                  <td>{enumLabel(i.kind)}</td>
                  <td>{[i.district, i.province, i.countryName].filter(Boolean).join(", ")}</td>
                  <td>{i.perpetrator ? <Link to={`/actors/${i.perpetrator.slug}`}>{i.perpetrator.name}</Link> : "—"}</td>
                  <td className="num">
                    {formatRange(i.killed)}
                    {i.killed ? (
                      <span className="muted small">
                        <br />
                        {claimGroupLabel(i.killed)}
                        {i.killed.groups > 1 ? ` (1 of ${i.killed.groups} groups)` : ""}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{i.breachCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        Killed: the lowest to the highest figure among the claims not deprecated that count the same people — one category
        on one side, never one side’s dead against the other’s. Where claims count several groups, the one shown is the
        group with the most claims (on a tie, the highest figure); “+” marks a figure given only as a minimum. Each
        incident’s page gives every group’s range and shows every claim side by side.
      </p>
      <Pagination next={page.next} prev={page.prev} />
    </>
  );
}
