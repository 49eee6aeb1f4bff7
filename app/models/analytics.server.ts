// The analysis page's figures, computed live in SQL: each view is one query in app/models/analytics/
// returning a typed result that its chart and table take as props. The filters (one zod schema for
// the page and the CSV downloads) narrow every view; how each kind of record is narrowed is in
// analytics/filters.server.ts.
import type { Kysely } from "kysely";
import { z } from "zod";
import { COMMITMENT_KINDS } from "@db/enums";
import type { Database } from "@db/types";
import { toCsv, type CsvColumn } from "~/utils/csv";
import { dateRangeRefinement, enumParam, isoDateParam, slugParam } from "~/utils/query.server";
import { breachBreakdown, type BreachBreakdown, type BreachCounts } from "./analytics/breaches.server";
import {
  casualtiesByIncident,
  casualtiesByPeriod,
  type AffectedSide,
  type CasualtyGroup,
  type ClaimantBucket,
  type ClaimantRange,
  type ClaimFigure,
  type IncidentCasualties,
  type IncidentGroupRange,
  type PeriodGroupRange,
} from "./analytics/casualties.server";
import {
  BUCKETS,
  CASUALTY_BUCKETS_SHOWN,
  CASUALTY_CLAIMANTS_SHOWN,
  CASUALTY_GROUPS_SHOWN,
  COUNTED_ASSESSMENTS,
  SURVIVAL_CHECKPOINTS,
  SURVIVAL_GROUPS_SHOWN,
  SURVIVAL_STEPS_SHOWN,
  TIMELINE_COMMITMENTS_SHOWN,
  TIMELINE_ROUNDS_SHOWN,
} from "./analytics/options";
import { chartSteps, survivalCurves, type SurvivalGroup, type SurvivalStep } from "./analytics/survival.server";
import {
  activityByBucket,
  commitmentPeriods,
  latestPeriods,
  latestRounds,
  timelineRounds,
  type ActivityBucket,
  type ActivityCounts,
  type CommitmentPeriod,
  type TimelineRound,
} from "./analytics/timeline.server";

export type {
  ActivityBucket,
  ActivityCounts,
  AffectedSide,
  BreachBreakdown,
  BreachCounts,
  CasualtyGroup,
  ClaimantBucket,
  ClaimantRange,
  ClaimFigure,
  CommitmentPeriod,
  IncidentCasualties,
  IncidentGroupRange,
  PeriodGroupRange,
  SurvivalGroup,
  SurvivalStep,
  TimelineRound,
};
export type { AnalysisFilters } from "./analytics/filters.server";
export type { Bucket, CountedAssessment, SurvivalSplit } from "./analytics/options";

export const analysisQuerySchema = z
  .object({
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    process: slugParam.optional(),
    party: slugParam.optional(),
    mediator: slugParam.optional(),
    venue: slugParam.optional(),
    kind: enumParam(COMMITMENT_KINDS, "commitment kind").optional(),
    assessment: enumParam(COUNTED_ASSESSMENTS, "breach assessment").optional(),
    per: z.enum(BUCKETS, { error: "Group by month or by week." }).default("month"),
  })
  .superRefine(dateRangeRefinement);
export type AnalysisQuery = z.infer<typeof analysisQuerySchema>;

/**
 * The page lists this many incidents with their claims; the CSV has them all. With 100 the
 * unfiltered page carried 150 KB of claims and took longer to render than to compute.
 */
export const CASUALTY_INCIDENTS_SHOWN = 30;

export interface Analysis {
  /** The latest rounds and commitment periods (TIMELINE_ROUNDS_SHOWN, TIMELINE_COMMITMENTS_SHOWN). */
  rounds: TimelineRound[];
  periods: CommitmentPeriod[];
  /** How many rounds and periods match the filters in all. */
  timelineTotals: { rounds: number; periods: number };
  activity: { buckets: ActivityBucket[]; total: ActivityCounts };
  survival: SurvivalGroup[];
  breaches: BreachBreakdown;
  casualties: { incidents: { total: number; items: IncidentCasualties[] }; periods: PeriodGroupRange[] };
}

/** Every view of the page: seven queries, run together, whatever the size of the data. */
export async function getAnalysis(db: Kysely<Database>, q: AnalysisQuery, asOf: string): Promise<Analysis> {
  const [rounds, periods, activity, survival, breaches, incidents, casualtyPeriods] = await Promise.all([
    latestRounds(db, q, TIMELINE_ROUNDS_SHOWN),
    latestPeriods(db, q, asOf, TIMELINE_COMMITMENTS_SHOWN),
    activityByBucket(db, q, q.per),
    survivalCurves(db, q, asOf, { shown: SURVIVAL_GROUPS_SHOWN }).then((groups) =>
      groups.map((g) => ({ ...g, steps: chartSteps(g.steps, SURVIVAL_STEPS_SHOWN) })),
    ),
    breachBreakdown(db, q, q.per),
    casualtiesByIncident(db, q, CASUALTY_INCIDENTS_SHOWN),
    casualtiesByPeriod(db, q, q.per, CASUALTY_BUCKETS_SHOWN, { groups: CASUALTY_GROUPS_SHOWN, claimants: CASUALTY_CLAIMANTS_SHOWN }),
  ]);
  return {
    rounds: rounds.items,
    periods: periods.items,
    timelineTotals: { rounds: rounds.total, periods: periods.total },
    activity,
    survival,
    breaches,
    casualties: { incidents, periods: casualtyPeriods },
  };
}

// CSV downloads: one per view, with the page's filters. Column names are stable snake_case.

const roundColumns: CsvColumn<TimelineRound>[] = [
  { header: "slug", value: (r) => r.slug },
  { header: "title", value: (r) => r.title },
  { header: "start_date", value: (r) => r.startDate },
  { header: "start_precision", value: (r) => r.startPrecision },
  { header: "end_date", value: (r) => r.endDate },
  { header: "end_precision", value: (r) => r.endPrecision },
  { header: "outcome", value: (r) => r.outcome },
  { header: "venue", value: (r) => r.venueCity },
  { header: "mediators", value: (r) => r.mediators.map((m) => m.slug).join("; ") },
];

const periodColumns: CsvColumn<CommitmentPeriod>[] = [
  { header: "commitment_id", value: (c) => c.id },
  { header: "title", value: (c) => c.title },
  { header: "kind", value: (c) => c.kind },
  { header: "round", value: (c) => c.roundSlug },
  { header: "takes_effect_on", value: (c) => c.takesEffectOn },
  { header: "held_until", value: (c) => c.heldUntil },
  { header: "days_held", value: (c) => c.daysHeld },
  { header: "broken", value: (c) => c.broken },
  { header: "status", value: (c) => c.status },
];

const rangeColumns = <T extends { killedLow: number | null; killedHigh: number | null; injuredLow: number | null; injuredHigh: number | null }>(
  prefix = "",
): CsvColumn<T>[] => [
  { header: `${prefix}killed_low`, value: (r) => r.killedLow },
  { header: `${prefix}killed_high`, value: (r) => r.killedHigh },
  { header: `${prefix}injured_low`, value: (r) => r.injuredLow },
  { header: `${prefix}injured_high`, value: (r) => r.injuredHigh },
];

const activityColumns: CsvColumn<ActivityBucket>[] = [
  { header: "bucket_start", value: (b) => b.bucketStart },
  { header: "bucket_end", value: (b) => b.bucketEnd },
  { header: "incidents", value: (b) => b.incidents },
  { header: "imprecisely_dated_incidents", value: (b) => b.impreciseIncidents },
  { header: "incidents_with_killed_claims", value: (b) => b.incidentsWithKilledClaims },
  ...rangeColumns<ActivityBucket>(),
];

const stepColumns: CsvColumn<SurvivalStep & { group: SurvivalGroup }>[] = [
  { header: "split", value: (s) => s.group.split },
  { header: "group", value: (s) => s.group.key },
  { header: "label", value: (s) => s.group.label },
  { header: "days", value: (s) => s.t },
  { header: "at_risk", value: (s) => s.atRisk },
  { header: "broken", value: (s) => s.events },
  { header: "censored", value: (s) => s.censored },
  { header: "share_unbroken", value: (s) => s.survival },
];

const survivalSummaryColumns: CsvColumn<SurvivalGroup>[] = [
  { header: "split", value: (g) => g.split },
  { header: "group", value: (g) => g.key },
  { header: "label", value: (g) => g.label },
  { header: "commitments", value: (g) => g.n },
  { header: "broken", value: (g) => g.broken },
  { header: "censored", value: (g) => g.censored },
  { header: "km_median_days", value: (g) => g.kmMedian },
  { header: "median_days_held_broken", value: (g) => g.medianDaysBroken },
  ...SURVIVAL_CHECKPOINTS.map((days, i) => ({ header: `share_unbroken_${days}d`, value: (g: SurvivalGroup) => g.checkpoints[i].survival })),
];

type BreachRow = BreachCounts & { view: string; key: string | null; label: string | null; periodEnd?: string };
const breachColumns: CsvColumn<BreachRow>[] = [
  { header: "view", value: (r) => r.view },
  { header: "key", value: (r) => r.key },
  { header: "label", value: (r) => r.label },
  { header: "period_end", value: (r) => r.periodEnd },
  { header: "alleged", value: (r) => r.alleged },
  { header: "corroborated", value: (r) => r.corroborated },
  { header: "disputed", value: (r) => r.disputed },
  { header: "breaches", value: (r) => r.total },
  { header: "incidents", value: (r) => r.incidents },
  { header: "share", value: (r) => r.share },
];

const sameGroup = (a: CasualtyGroup, b: CasualtyGroup) => a.category === b.category && a.affected?.slug === b.affected?.slug;

// Each claim row carries the range of its own group (category and side), never one across groups.
type ClaimRow = { incident: IncidentCasualties; group: IncidentGroupRange; claim: ClaimFigure };
const claimColumns: CsvColumn<ClaimRow>[] = [
  { header: "incident_id", value: (r) => r.incident.id },
  { header: "incident", value: (r) => r.incident.title },
  { header: "occurred_on", value: (r) => r.incident.occurredOn },
  { header: "date_precision", value: (r) => r.incident.datePrecision },
  { header: "claimant", value: (r) => r.claim.claimant.slug },
  { header: "category", value: (r) => r.claim.category },
  { header: "affected", value: (r) => r.claim.affected?.slug },
  ...rangeColumns<IncidentGroupRange>("group_").map((c) => ({ header: c.header, value: (r: ClaimRow) => c.value(r.group) })),
  { header: "rank", value: (r) => r.claim.rank },
  ...rangeColumns<ClaimFigure>("claim_").map((c) => ({ header: c.header, value: (r: ClaimRow) => c.value(r.claim) })),
  { header: "source_id", value: (r) => r.claim.source.id },
  { header: "source", value: (r) => r.claim.source.title },
];

type ClaimantRow = { period: PeriodGroupRange; claimant: ClaimantBucket };
const claimantColumns: CsvColumn<ClaimantRow>[] = [
  { header: "bucket_start", value: (r) => r.period.bucketStart },
  { header: "bucket_end", value: (r) => r.period.bucketEnd },
  { header: "category", value: (r) => r.period.category },
  { header: "affected", value: (r) => r.period.affected?.slug },
  { header: "group_incidents", value: (r) => r.period.incidents },
  ...rangeColumns<PeriodGroupRange>("group_").map((c) => ({ header: c.header, value: (r: ClaimantRow) => c.value(r.period) })),
  { header: "claimant", value: (r) => r.claimant.claimant.slug },
  { header: "incidents", value: (r) => r.claimant.incidents },
  ...rangeColumns<ClaimantBucket>().map((c) => ({ header: c.header, value: (r: ClaimantRow) => c.value(r.claimant) })),
];

type CsvView = (db: Kysely<Database>, q: AnalysisQuery, asOf: string) => Promise<string>;

async function breachCsv(db: Kysely<Database>, q: AnalysisQuery) {
  const b = await breachBreakdown(db, q, q.per);
  const rows: BreachRow[] = [
    ...b.byParty.map((r) => ({ view: "party", key: r.party?.slug ?? null, label: r.party?.name ?? "Not attributed", ...r })),
    ...b.byKind.map((r) => ({ view: "kind", key: r.kind, label: null, ...r })),
    ...b.byAssessment.map((r) => ({ view: "assessment", key: r.assessment, label: null, ...r })),
    ...b.overTime.map((r) => ({ view: q.per, key: r.bucketStart, label: null, periodEnd: r.bucketEnd, ...r })),
    { view: "total", key: null, label: null, ...b.total },
  ];
  return toCsv(rows, breachColumns);
}

const CSV_VIEWS = {
  rounds: async (db, q) => toCsv(await timelineRounds(db, q), roundColumns),
  commitments: async (db, q, asOf) => toCsv(await commitmentPeriods(db, q, asOf), periodColumns),
  activity: async (db, q) => toCsv((await activityByBucket(db, q, q.per)).buckets, activityColumns),
  survival: async (db, q, asOf) =>
    toCsv((await survivalCurves(db, q, asOf)).flatMap((group) => group.steps.map((s) => ({ ...s, group }))), stepColumns),
  "survival-summary": async (db, q, asOf) => toCsv(await survivalCurves(db, q, asOf), survivalSummaryColumns),
  breaches: breachCsv,
  "casualties-incidents": async (db, q) =>
    toCsv(
      (await casualtiesByIncident(db, q)).items.flatMap((incident) =>
        incident.claims.map((claim) => ({ incident, claim, group: incident.groups.find((g) => sameGroup(g, claim))! })),
      ),
      claimColumns,
    ),
  "casualties-claimants": async (db, q) =>
    toCsv((await casualtiesByPeriod(db, q, q.per)).flatMap((period) => period.claimants.map((claimant) => ({ period, claimant }))), claimantColumns),
} satisfies Record<string, CsvView>;
export type AnalysisCsvName = keyof typeof CSV_VIEWS;

/** The downloadable views, by the name in /analysis/<name>.csv, each with the page's filters. */
export const ANALYSIS_CSV: Record<AnalysisCsvName, CsvView> = CSV_VIEWS;

export function isAnalysisCsvName(name: string): name is AnalysisCsvName {
  return Object.hasOwn(CSV_VIEWS, name);
}
