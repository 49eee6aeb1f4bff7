// How the analysis page's filters narrow each kind of record. One place, so every chart and its
// CSV apply the same rule (documented on the page under "How the filters apply"):
//   rounds       dates overlap the range; process, venue; mediator and party by their role in the
//                round; kind = the round produced a commitment of that kind
//   commitments  took effect in the range; process; venue and mediator of their round; party =
//                an actor bound by it; kind
//   breaches     incident in the range; party = the actor alleged responsible; assessment; the
//                breached commitment's process, venue, mediator and kind
//   incidents    in the range; party = the actor alleged to have carried it out; with any
//                commitment-side filter (process, venue, mediator, kind, assessment), only incidents
//                recorded as breaching a matching commitment
// Assessment narrows only breach links: what counts as broken for a commitment is decision 0001's.
// Every condition is a lookup on an indexed column (see the initial migration).
import { sql, type RawBuilder } from "kysely";
import type { CommitmentKind } from "@db/enums";
import type { Bucket, CountedAssessment } from "./options";

export interface AnalysisFilters {
  from?: string;
  to?: string;
  process?: string;
  party?: string;
  mediator?: string;
  venue?: string;
  kind?: CommitmentKind;
  assessment?: CountedAssessment;
  /** Compute from the records alone, ignoring the summaries: the reference the tests hold them to. */
  live?: boolean;
}

type Condition = RawBuilder<unknown>;

const idOf = (table: "actors" | "processes" | "venues", slug: string) =>
  sql`(select id from ${sql.table(table)} where slug = ${slug} and deleted_at is null)`;

function allOf(conditions: Condition[]): RawBuilder<boolean> {
  return conditions.length ? sql<boolean>`(${sql.join(conditions, sql` and `)})` : sql<boolean>`true`;
}

const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

function roundsWithRole(role: "mediator" | "party", slug: string) {
  return sql`(select rp.round_id from round_participants rp where rp.role = ${role} and rp.actor_id = ${idOf("actors", slug)})`;
}

/** The first day a date falls in, for month or week (ISO, from Monday) buckets. */
export function bucketOf(unit: Bucket, dateColumn: string) {
  // Truncating a plain timestamp, never a timestamptz, so the session time zone cannot move a date.
  return sql<string>`cast(date_trunc(${unit}, cast(${sql.ref(dateColumn)} as timestamp)) as date)`;
}

/** The last day of the bucket that starts on `startColumn`. */
export function bucketEndOf(unit: Bucket, startColumn: string) {
  return sql<string>`cast(${sql.ref(startColumn)} + cast(${`1 ${unit}`} as interval) as date) - 1`;
}

/** A commitment filter by its round, process and kind (alias `c`); used wherever a commitment is linked. */
function linkedCommitmentConditions(f: AnalysisFilters, c: string): Condition[] {
  const out: Condition[] = [];
  if (f.process) out.push(sql`${col(c, "process_id")} = ${idOf("processes", f.process)}`);
  if (f.kind) out.push(sql`${col(c, "kind")} = ${f.kind}`);
  if (f.venue) {
    out.push(sql`${col(c, "round_id")} in (select r.id from rounds r where r.deleted_at is null and r.venue_id = ${idOf("venues", f.venue)})`);
  }
  if (f.mediator) out.push(sql`${col(c, "round_id")} in ${roundsWithRole("mediator", f.mediator)}`);
  return out;
}

/** Commitments (alias `c`) the survival curve and the periods in force count. */
export function commitmentWhere(f: AnalysisFilters, c = "c") {
  const out = [sql`${col(c, "deleted_at")} is null`, ...linkedCommitmentConditions(f, c)];
  if (f.party) out.push(sql`${col(c, "id")} in (select cp.commitment_id from commitment_parties cp where cp.actor_id = ${idOf("actors", f.party)})`);
  if (f.from) out.push(sql`${col(c, "takes_effect_on")} >= cast(${f.from} as date)`);
  if (f.to) out.push(sql`${col(c, "takes_effect_on")} <= cast(${f.to} as date)`);
  return allOf(out);
}

/**
 * Breach links (aliases `b`, `c` for the breach and its commitment). The breach carries its
 * incident's date (migration 1852); a deleted incident is looked up among the deleted few
 * (incidents_deleted_idx, migration 1905) rather than each breach joined to its incident.
 */
export function breachWhere(f: AnalysisFilters) {
  const out: Condition[] = [
    sql`b.deleted_at is null`,
    sql`c.deleted_at is null`,
    sql`not exists (select 1 from incidents di where di.id = b.incident_id and di.deleted_at is not null)`,
    f.assessment ? sql`b.assessment = ${f.assessment}` : sql`b.assessment <> 'rejected'`,
    ...linkedCommitmentConditions(f, "c"),
  ];
  if (f.party) out.push(sql`b.responsible_id = ${idOf("actors", f.party)}`);
  if (f.from) out.push(sql`b.incident_occurred_on >= cast(${f.from} as date)`);
  if (f.to) out.push(sql`b.incident_occurred_on <= cast(${f.to} as date)`);
  return allOf(out);
}

/** Incidents (alias `i`) counted in the activity and casualty charts. */
export function incidentWhere(f: AnalysisFilters, i = "i") {
  const out: Condition[] = [sql`${col(i, "deleted_at")} is null`];
  if (f.party) out.push(sql`${col(i, "perpetrator_id")} = ${idOf("actors", f.party)}`);
  if (f.from) out.push(sql`${col(i, "occurred_on")} >= cast(${f.from} as date)`);
  if (f.to) out.push(sql`${col(i, "occurred_on")} <= cast(${f.to} as date)`);
  const linked = linkedCommitmentConditions(f, "lc");
  if (linked.length || f.assessment) {
    out.push(sql`exists (
      select 1 from breaches lb join commitments lc on lc.id = lb.commitment_id
      where lb.incident_id = ${col(i, "id")} and lb.deleted_at is null and lc.deleted_at is null
        and ${f.assessment ? sql`lb.assessment = ${f.assessment}` : sql`lb.assessment <> 'rejected'`}
        and ${allOf(linked)})`);
  }
  return allOf(out);
}

/** Rounds (alias `r`) drawn on the timeline. */
export function roundWhere(f: AnalysisFilters, r = "r") {
  const out: Condition[] = [sql`${col(r, "deleted_at")} is null`];
  if (f.process) out.push(sql`${col(r, "process_id")} = ${idOf("processes", f.process)}`);
  if (f.venue) out.push(sql`${col(r, "venue_id")} = ${idOf("venues", f.venue)}`);
  if (f.mediator) out.push(sql`${col(r, "id")} in ${roundsWithRole("mediator", f.mediator)}`);
  if (f.party) out.push(sql`${col(r, "id")} in ${roundsWithRole("party", f.party)}`);
  if (f.kind) {
    out.push(sql`exists (select 1 from commitments kc where kc.round_id = ${col(r, "id")} and kc.deleted_at is null and kc.kind = ${f.kind})`);
  }
  // A round overlaps the range when it starts before the range ends and ends after it starts.
  if (f.to) out.push(sql`${col(r, "start_date")} <= cast(${f.to} as date)`);
  if (f.from) out.push(sql`coalesce(${col(r, "end_date")}, ${col(r, "start_date")}) >= cast(${f.from} as date)`);
  return allOf(out);
}

/** Process, venue, mediator, kind or assessment: incidents count only through their breaches. */
export function narrowsByBreaches(f: AnalysisFilters): boolean {
  return Boolean(f.process || f.venue || f.mediator || f.kind || f.assessment);
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the bucket a date (YYYY-MM-DD) falls in, as bucketOf computes it in SQL. */
export function bucketStartOf(unit: Bucket, date: string): string {
  if (unit === "month") return `${date.slice(0, 7)}-01`;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return isoDay(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY);
}

function nextBucketStart(unit: Bucket, start: string): string {
  if (unit === "week") return isoDay(Date.parse(`${start}T00:00:00Z`) + 7 * DAY);
  const d = new Date(`${start}T00:00:00Z`);
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/**
 * Which buckets a summary table (alias `s`, keyed by unit and bucket) can answer for these dates,
 * and the date ranges at the range's ends, in the one or two partly covered buckets, that must be
 * computed live. `summary` selects the buckets wholly inside the range.
 */
function bucketRanges(f: AnalysisFilters, unit: Bucket): { summary: Condition[]; live: { from: string; to: string }[] } {
  const summary: Condition[] = [sql`s.unit = ${unit}`];
  const live: { from: string; to: string }[] = [];
  const firstStart = f.from ? bucketStartOf(unit, f.from) : undefined;
  const lastStart = f.to ? bucketStartOf(unit, f.to) : undefined;
  // Buckets [fullFrom, fullUntil) lie wholly inside the range.
  const fullFrom = f.from && firstStart !== f.from ? nextBucketStart(unit, firstStart!) : firstStart;
  const fullUntil = f.to && lastStart ? (nextBucketStart(unit, lastStart) === isoDay(Date.parse(`${f.to}T00:00:00Z`) + DAY) ? nextBucketStart(unit, lastStart) : lastStart) : undefined;
  if (f.from && f.to && fullFrom! >= fullUntil!) {
    if (f.from <= f.to) live.push({ from: f.from, to: f.to });
    summary.push(sql`false`);
  } else {
    if (fullFrom) summary.push(sql`s.bucket >= cast(${fullFrom} as date)`);
    if (fullUntil) summary.push(sql`s.bucket < cast(${fullUntil} as date)`);
    if (f.from && fullFrom !== f.from) live.push({ from: f.from, to: isoDay(Date.parse(`${fullFrom}T00:00:00Z`) - DAY) });
    if (f.to && fullUntil !== nextBucketStart(unit, lastStart!)) live.push({ from: lastStart!, to: f.to });
  }
  return { summary, live };
}

function inRanges(dateColumn: string, ranges: { from: string; to: string }[]): Condition {
  return ranges.length
    ? sql`(${sql.join(
        ranges.map((r) => sql`${sql.ref(dateColumn)} between cast(${r.from} as date) and cast(${r.to} as date)`),
        sql` or `,
      )})`
    : sql`false`;
}

const partyKey = (column: string, party: string | undefined) =>
  sql`${sql.ref(column)} = ${party ? sql`(select id from actors where slug = ${party} and deleted_at is null)` : sql`-1`}`;

/** What each summary is kept for: its party column and which live records the edges read. */
const SUMMARIES = {
  incidents: { party: "s.perpetrator_id", date: "i.occurred_on", nonEmpty: sql`s.incidents > 0`, where: (party?: string) => incidentWhere({ party }) },
  breaches: { party: "s.responsible_id", date: "b.incident_occurred_on", nonEmpty: sql`s.breaches > 0`, where: (party?: string) => breachWhere({ party }) },
};

/**
 * How to read incidents and casualties (migration 1900), or breaches (migration 1905), for these
 * filters: whole buckets from the summaries the database keeps, and live from the records only
 * what the summaries cannot answer. Null when a commitment-side filter or the assessment narrows
 * them (incidents to those linked by a breach, few): then everything is computed live. Otherwise
 * `summary` selects the rows (alias `s`) of the buckets wholly inside the date range, for the
 * party's (perpetrator's, or responsible's) records or all of them, and `live` the incidents
 * (alias `i`) or breaches (aliases `b`, `c`) of the one or two partly covered buckets at the
 * range's ends.
 */
export function summaryPlan(
  f: AnalysisFilters,
  unit: Bucket,
  of: keyof typeof SUMMARIES = "incidents",
): { summary: Condition; live: Condition } | null {
  if (f.live || narrowsByBreaches(f)) return null;
  const kept = SUMMARIES[of];
  const { summary, live } = bucketRanges(f, unit);
  return {
    summary: allOf([...summary, partyKey(kept.party, f.party), kept.nonEmpty]),
    live: live.length ? allOf([kept.where(f.party), inRanges(kept.date, live)]) : sql<boolean>`false`,
  };
}
