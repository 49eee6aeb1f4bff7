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

/** Breach links (aliases `b`, `i`, `c` for the breach, its incident and its commitment). */
export function breachWhere(f: AnalysisFilters) {
  const out: Condition[] = [
    sql`b.deleted_at is null`,
    sql`i.deleted_at is null`,
    sql`c.deleted_at is null`,
    f.assessment ? sql`b.assessment = ${f.assessment}` : sql`b.assessment <> 'rejected'`,
    ...linkedCommitmentConditions(f, "c"),
  ];
  if (f.party) out.push(sql`b.responsible_id = ${idOf("actors", f.party)}`);
  if (f.from) out.push(sql`i.occurred_on >= cast(${f.from} as date)`);
  if (f.to) out.push(sql`i.occurred_on <= cast(${f.to} as date)`);
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
