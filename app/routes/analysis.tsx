import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { Link } from "~/components/link";
import { COMMITMENT_KINDS, enumLabel } from "@db/enums";
import { AssessmentChart, BreachStackChart } from "~/components/charts/breach-charts";
import { CasualtiesByIncident, CasualtiesByPeriod } from "~/components/charts/casualty-charts";
import { CsvLink, formatRange, formatShare, plural } from "~/components/charts/chart-kit";
import { groupLabel, SurvivalChart } from "~/components/charts/survival-chart";
import { incidentsHref, TimelineChart } from "~/components/charts/timeline-chart";
import { DateFilter, FilterForm, ParamErrors, SelectFilter } from "~/components/list";
import { getDb } from "~/db.server";
import { analysisQuerySchema, type SurvivalGroup } from "~/models/analytics.server";
import { analysisFigures, roundChoices } from "~/models/cached.server";
import { CASUALTY_BUCKETS_SHOWN, COUNTED_ASSESSMENTS, type SurvivalSplit } from "~/models/analytics/options";
import { formatDate, todayUtc } from "~/utils/dates";
import { pack, useUnpacked } from "~/utils/packed";
import { parseQuery, withQueryStatus } from "~/utils/query.server";

export const meta: MetaFunction = () => [
  { title: "Analysis · Parley" },
  {
    name: "description",
    content: "Rounds and the incidents that followed them, how long commitments held, who is alleged to have broken them, and the casualties each side claims.",
  },
];

/**
 * Eleven queries whatever the data size: seven for the figures, three for the filter choices, and
 * the data version both are kept under (only that one when nothing was written since).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), analysisQuerySchema);
  const db = await getDb();
  const asOf = todayUtc();
  const [analysis, options] = await Promise.all([analysisFigures(db, request, query, asOf), roundChoices(db, request)]);
  // The kept figures as one JSON string (utils/packed.ts).
  return withQueryStatus({ analysis: pack(analysis), options, query, errors, asOf }, errors);
}

const SPLITS: { split: Exclude<SurvivalSplit, "all">; heading: string; caption: string }[] = [
  { split: "kind", heading: "By kind of commitment", caption: "Commitments unbroken over time, by kind" },
  { split: "round", heading: "By round", caption: "Commitments unbroken over time, by the round that produced them" },
  { split: "mediator", heading: "By mediator", caption: "Commitments unbroken over time, by mediator (a commitment counts for each mediator of its round)" },
];

/** The first of the month three months before the last date on record: a close-up of the latest events. */
function closeUpFrom(last: string): string {
  const [y, m] = last.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 3, 1));
  return d.toISOString().slice(0, 10);
}

function SurvivalSummary({ all }: { all: SurvivalGroup | undefined }) {
  if (!all) return <p>No commitment in effect matches these filters.</p>;
  const at30 = all.checkpoints.find((c) => c.days === 30)?.survival ?? null;
  return (
    <p>
      Of {plural(all.n, "commitment")} in effect, {all.broken} {all.broken === 1 ? "was" : "were"} broken and {all.censored}{" "}
      {all.censored === 1 ? "has" : "have"} not been (still running, or ended without a breach).{" "}
      {at30 === null ? "None was observed for 30 days." : `After 30 days, ${formatShare(at30)} were still unbroken.`}{" "}
      {all.kmMedian === null
        ? "The median time held is not reached: more than half are still unbroken at the longest time observed."
        : `Half were broken within ${plural(all.kmMedian, "day")} (Kaplan–Meier median).`}{" "}
      {all.medianDaysBroken === null ? "" : `The broken ones held a median of ${all.medianDaysBroken} days.`}
    </p>
  );
}

export default function AnalysisPage() {
  const { analysis: packed, options, query, errors, asOf } = useLoaderData<typeof loader>();
  const analysis = useUnpacked(packed);
  const { search } = useLocation();
  const { rounds, periods, timelineTotals, activity, survival, breaches, casualties } = analysis;
  const all = survival.find((g) => g.split === "all");
  const lastDate = [...rounds.map((r) => r.endDate ?? r.startDate), ...activity.buckets.map((b) => b.bucketEnd)].sort().at(-1);
  const closeUp = new URLSearchParams(search);
  if (lastDate) {
    closeUp.set("from", closeUpFrom(lastDate));
    closeUp.set("to", lastDate);
  }
  const topParty = breaches.byParty.find((p) => p.party);

  return (
    <>
      <h1>Analysis</h1>
      <p className="lede">
        What was promised and what happened: the rounds and how long their commitments held, who is alleged to have broken them, and
        the casualties each side claims. Every figure is computed from the records as of {formatDate(asOf)}.
      </p>
      <ParamErrors errors={errors} />
      <FilterForm legend="Filter every chart" resetTo="/analysis">
        <DateFilter name="from" label="From" value={query.from} errors={errors} />
        <DateFilter name="to" label="To" value={query.to} errors={errors} />
        <SelectFilter name="process" label="Process" value={query.process} options={options.processes} errors={errors} />
        <SelectFilter name="party" label="Party" value={query.party} options={options.parties} errors={errors} />
        <SelectFilter name="mediator" label="Mediator" value={query.mediator} options={options.mediators} errors={errors} />
        <SelectFilter name="venue" label="Venue" value={query.venue} options={options.venues} errors={errors} />
        <SelectFilter name="kind" label="Commitment kind" value={query.kind} options={COMMITMENT_KINDS} errors={errors} />
        <SelectFilter name="assessment" label="Breach assessment" value={query.assessment} options={COUNTED_ASSESSMENTS} errors={errors} />
        <SelectFilter
          name="per"
          label="Count per"
          value={query.per === "month" ? undefined : query.per}
          anyLabel="Month"
          options={[{ value: "week", label: "Week" }]}
          errors={errors}
        />
      </FilterForm>
      <details className="small filter-notes">
        <summary>How the filters apply</summary>
        <ul>
          <li>Dates: rounds that overlap the range, commitments that took effect in it, incidents and breaches that happened in it.</li>
          <li>Party: rounds it took part in as a party, commitments that bind it, incidents and breaches it is alleged to be responsible for.</li>
          <li>
            Process, mediator, venue and commitment kind: rounds and commitments directly; breaches through the commitment broken;
            incidents only if recorded as breaching a matching commitment.
          </li>
          <li>Breach assessment: breaches, and incidents through their breaches. Whether a commitment counts as broken does not change: only a corroborated breach breaks it.</li>
          <li>Links assessed “rejected” are not breaches and are never counted.</li>
        </ul>
      </details>
      <nav aria-label="Suggested views" className="small analysis-views">
        <p>
          Views:{" "}
          {lastDate && !query.from ? (
            <>
              <Link to={`/analysis?${closeUp}`}>the last three months on record</Link>
              {options.processes.length ? " · " : ""}
            </>
          ) : null}
          {options.processes.map((p, i) => (
            <span key={p.value}>
              {i > 0 ? " · " : ""}
              <Link to={`/analysis?process=${p.value}`}>{p.label}</Link>
            </span>
          ))}
        </p>
      </nav>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Promised versus happened</h2>
        <p>
          {plural(rounds.length, "round")} and the time each of {plural(periods.length, "commitment")} held, above{" "}
          {plural(activity.total.incidents, "incident")} and the casualties claimed for them
          {activity.total.killedHigh != null
            ? ` (killed: ${formatRange(activity.total.killedLow, activity.total.killedHigh)}, adding up the lowest and the highest claim for each group of people counted)`
            : ""}
          , per{" "}
          {query.per}. Dashed lines mark the rounds on the lower chart. Select a round, a commitment or a bar to open its records.
        </p>
        {rounds.length < timelineTotals.rounds || periods.length < timelineTotals.periods ? (
          <p className="muted small">
            Drawn: the latest {plural(rounds.length, "round")} of {timelineTotals.rounds} and the latest{" "}
            {plural(periods.length, "commitment")} to take effect of {timelineTotals.periods} matching the filters; the CSVs below
            have every one.
          </p>
        ) : null}
        {rounds.length + periods.length + activity.buckets.length === 0 ? (
          <p className="empty">Nothing matches these filters.</p>
        ) : (
          <TimelineChart
            rounds={rounds}
            periods={periods}
            activity={activity.buckets}
            activityTotal={activity.total}
            per={query.per}
            from={query.from}
            to={query.to}
            party={query.party}
          />
        )}
        <p className="downloads small">
          Download as CSV: <CsvLink name="rounds">rounds</CsvLink>
          <CsvLink name="commitments">commitments and days held</CsvLink>
          <CsvLink name="activity">incidents and casualties per {query.per}</CsvLink>
        </p>
      </section>

      <section aria-labelledby="survival-heading">
        <h2 id="survival-heading">How long commitments survive</h2>
        <SurvivalSummary all={all} />
        <p className="muted small">
          The share still unbroken after a number of days (Kaplan–Meier). A commitment not yet broken — still running, expired,
          superseded or fulfilled — counts as unbroken for as long as it was observed and then leaves the count (it is censored, marked
          “+”), so it neither counts as broken nor is dropped. “n” is the number of commitments in effect behind each figure.
        </p>
        <h3>All commitments</h3>
        <SurvivalChart groups={all ? [all] : []} split="all" caption="Commitments unbroken over time" />
        {SPLITS.map(({ split, heading, caption }) => {
          const groups = survival.filter((g) => g.split === split);
          const inAll = groups[0]?.groupsInSplit ?? 0;
          return (
            <div key={split}>
              <h3>{heading}</h3>
              {groups.length < inAll ? (
                <p className="muted small">
                  The {groups.length} {split === "round" ? "rounds" : "mediators"} with the most commitments in effect, of {inAll}; the
                  CSV below has every one.
                </p>
              ) : null}
              {groups.length ? (
                <p className="muted small">
                  {groups.map((g) => `${groupLabel(g)}: n = ${g.n}, median ${g.kmMedian === null ? "not reached" : `${g.kmMedian} days`}`).join("; ")}.
                </p>
              ) : null}
              <SurvivalChart groups={groups} split={split} caption={caption} />
            </div>
          );
        })}
        <p className="downloads small">
          Download as CSV: <CsvLink name="survival-summary">medians and shares per group</CsvLink>
          <CsvLink name="survival">every curve, step by step (the life table behind each)</CsvLink>
        </p>
      </section>

      <section aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Breaches</h2>
        <p>
          {plural(breaches.total.total, "breach", "breaches")} on {plural(breaches.total.incidents, "incident")}:{" "}
          {breaches.total.corroborated} corroborated, {breaches.total.alleged} alleged, {breaches.total.disputed} disputed.
          {topParty ? ` ${topParty.party!.name} is alleged responsible for ${topParty.total} (${formatShare(topParty.share)}).` : ""} A
          breach links one commitment to one incident: an incident that broke three commitments counts three times.
        </p>
        <h3>By party alleged responsible</h3>
        <BreachStackChart
          caption="Breaches by party alleged responsible"
          groupHeader="Party"
          rows={breaches.byParty.map((r) => ({ ...r, label: r.party?.name ?? "Not attributed", href: r.party ? `/actors/${r.party.slug}` : undefined }))}
        />
        <h3>By kind of commitment</h3>
        <BreachStackChart
          caption="Breaches by kind of commitment broken"
          groupHeader="Kind"
          rows={breaches.byKind.map((r) => ({ ...r, label: enumLabel(r.kind), href: `/commitments?kind=${r.kind}` }))}
        />
        <h3>By assessment</h3>
        <AssessmentChart byAssessment={breaches.byAssessment} total={breaches.total} />
        <h3>Over time</h3>
        <BreachStackChart
          vertical
          caption={`Breaches per ${query.per} of the incident`}
          groupHeader={query.per === "week" ? "Week" : "Month"}
          rows={breaches.overTime.map((r) => ({
            ...r,
            label: formatDate(r.bucketStart, query.per === "week" ? "week" : "month"),
            href: `${incidentsHref(r, query.party)}&breached=yes`,
          }))}
        />
        <p className="downloads small">
          Download as CSV: <CsvLink name="breaches">every breakdown</CsvLink>
        </p>
      </section>

      <section aria-labelledby="casualties-heading">
        <h2 id="casualties-heading">Casualties and the disagreement over them</h2>
        <p>
          Each bar runs from the lowest to the highest figure claimed for one group of people — one category (civilians, security
          forces, militants…) on one side — and each claimant’s own figure sits beside it. Claims counting different people are
          never ranged together: one side’s count of its own dead and its count of the other side’s dead are separate bars. A claim
          that does not say whose dead it counts forms its own group. Nothing is averaged; deprecated claims are left out.
        </p>
        <h3>Per {query.per}</h3>
        <p className="muted small">
          The latest {CASUALTY_BUCKETS_SHOWN} {query.per}s with a figure claimed{query.from || query.to ? " within the dates chosen" : ""}; the
          CSV below has every {query.per}.
        </p>
        <CasualtiesByPeriod periods={casualties.periods} per={query.per} party={query.party} />
        <h3>Per incident</h3>
        <CasualtiesByIncident incidents={casualties.incidents.items} total={casualties.incidents.total} />
        <p className="downloads small">
          Download as CSV: <CsvLink name="casualties-incidents">every claim per incident</CsvLink>
          <CsvLink name="casualties-claimants">each claimant per {query.per}</CsvLink>
        </p>
      </section>
    </>
  );
}
