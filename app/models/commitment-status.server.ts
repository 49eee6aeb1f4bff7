// The one rule that derives a commitment's status and days held. Documented in
// docs/decisions/0001-commitment-status.md; change both together.
//
// As of a date D, looking only at breaches whose incident falls inside the commitment's term
// (on or after it takes effect, and on or before D, its expiry and the day a successor superseded it),
// ignoring deleted records and breaches assessed "rejected":
//   1. takes effect after D                              -> not_yet_in_effect
//   2. at least one "corroborated" breach                -> broken
//   3. at least one "alleged" or "disputed" breach       -> disputed
//   4. superseded by a commitment in effect on or before D -> superseded
//   5. fulfilled on or before D                          -> fulfilled
//   6. expired before D                                  -> lapsed
//   7. otherwise                                         -> holding
// Days held: from taking effect to the first corroborated breach when broken (an observed event);
// otherwise to the earliest of D, expiry, supersession and fulfilment (still running: censored).
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { CommitmentStatus } from "@db/enums";
import type { Database } from "@db/types";

export interface CommitmentFacts {
  commitmentId: number;
  status: CommitmentStatus;
  daysHeld: number | null;
  /** True when daysHeld ends at a breach; false when the commitment is still running or ended otherwise. */
  broken: boolean;
  firstBreachOn: string | null;
  firstContestedOn: string | null;
  breachCount: number;
  supersededOn: string | null;
}

/**
 * A query with one row per live commitment and its derived facts (snake_case columns, for joining
 * into other queries: commitment_id, status, days_held, broken, first_breach_on, first_contested_on,
 * breach_count, superseded_on).
 *
 * It reads the breach facts the database keeps per commitment (commitment_breach_facts, see the
 * migration 2026-11-24T1850), which hold everything the rule needs whatever asOf is: only a
 * commitment with breaches dated after asOf has its breach count taken from the breaches
 * themselves. Joined on a commitment id, the planner reads one row of each table.
 */
// The table is kept by triggers and never written by the app, so it is read as raw SQL with its row
// type; left-joined as `bf` on the commitment's id (commitmentFactsColumns reads it).
export const breachFacts = sql<{
  commitment_id: number;
  superseded_from: string | null;
  first_corroborated_on: string | null;
  first_contested_on: string | null;
  last_breach_on: string | null;
  breach_count: number;
}>`commitment_breach_facts`;

/**
 * The status rule below, as a condition on stored columns: true exactly for the commitments with
 * this status as of the date. A filter written as `status = 'broken'` over the rule's CASE left the
 * planner guessing (it expected 9 of pakistan-2's 1,184 broken commitments and planned for 9);
 * plain comparisons of dates have statistics, and the broken, disputed and superseded ones an index.
 * Each status is the CASE's own test after the failure of every earlier one; a test fails on a
 * null date, as the CASE's does.
 */
function statusCondition(status: CommitmentStatus, asOfDate: RawBuilder<unknown>): RawBuilder<boolean> {
  const onOrBefore = (column: string) => ({
    holds: sql<boolean>`${sql.ref(column)} <= ${asOfDate}`,
    fails: sql<boolean>`(${sql.ref(column)} is null or ${sql.ref(column)} > ${asOfDate})`,
  });
  const tests: [Exclude<CommitmentStatus, "holding">, { holds: RawBuilder<boolean>; fails: RawBuilder<boolean> }][] = [
    // takes_effect_on is never null.
    ["not_yet_in_effect", { holds: sql<boolean>`c.takes_effect_on > ${asOfDate}`, fails: sql<boolean>`c.takes_effect_on <= ${asOfDate}` }],
    ["broken", onOrBefore("bf.first_corroborated_on")],
    ["disputed", onOrBefore("bf.first_contested_on")],
    ["superseded", onOrBefore("bf.superseded_from")],
    ["fulfilled", onOrBefore("c.fulfilled_on")],
    ["lapsed", { holds: sql<boolean>`c.expires_on < ${asOfDate}`, fails: sql<boolean>`(c.expires_on is null or c.expires_on >= ${asOfDate})` }],
  ];
  // Holding is what no test claims.
  const at = status === "holding" ? tests.length : tests.findIndex(([s]) => s === status);
  const conditions = tests.slice(0, at).map(([, t]) => t.fails);
  if (at < tests.length) conditions.push(tests[at][1].holds);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

/**
 * The derived facts as expressions over a query that reads `commitments as c` and left-joins the
 * kept breach facts as `bf` (`breachFacts`): for a list that filters and sorts the commitments
 * themselves, without a second reading of them in a subquery.
 */
export function commitmentFactsColumns(asOf: string) {
  const asOfDate = sql`cast(${asOf} as date)`;
  const supersededOn = sql<string | null>`case when bf.superseded_from <= ${asOfDate} then bf.superseded_from end`;
  const firstBreachOn = sql<string | null>`case when bf.first_corroborated_on <= ${asOfDate} then bf.first_corroborated_on end`;
  const firstContestedOn = sql<string | null>`case when bf.first_contested_on <= ${asOfDate} then bf.first_contested_on end`;
  return {
    status: sql<CommitmentStatus>`case
        when c.takes_effect_on > ${asOfDate} then 'not_yet_in_effect'
        when ${firstBreachOn} is not null then 'broken'
        when ${firstContestedOn} is not null then 'disputed'
        when ${supersededOn} is not null then 'superseded'
        when c.fulfilled_on <= ${asOfDate} then 'fulfilled'
        when c.expires_on < ${asOfDate} then 'lapsed'
        else 'holding' end`,
    daysHeld: sql<number | null>`case
        when c.takes_effect_on > ${asOfDate} then null
        when ${firstBreachOn} is not null then ${firstBreachOn} - c.takes_effect_on
        else least(${asOfDate}, c.expires_on, ${supersededOn}, c.fulfilled_on) - c.takes_effect_on end`,
    broken: sql<boolean>`${firstBreachOn} is not null`,
    firstBreachOn,
    firstContestedOn,
    breachCount: sql<number>`case when bf.last_breach_on > ${asOfDate} then (
      select count(*)::int from breaches b join incidents i on i.id = b.incident_id
      where b.commitment_id = c.id and b.deleted_at is null and i.deleted_at is null and b.assessment <> 'rejected'
        and i.occurred_on >= c.takes_effect_on and i.occurred_on <= least(${asOfDate}, c.expires_on, bf.superseded_from))
    else coalesce(bf.breach_count, 0) end`,
    supersededOn,
    /** Only the commitments with this status as of the date (statusCondition). */
    only: (status: CommitmentStatus) => statusCondition(status, asOfDate),
  };
}

export function commitmentFactsQuery(db: Kysely<Database>, asOf: string) {
  const f = commitmentFactsColumns(asOf);
  return db
    .selectFrom("commitments as c")
    .leftJoin(breachFacts.as("bf"), (j) => j.onRef("bf.commitment_id", "=", "c.id"))
    .where("c.deleted_at", "is", null)
    .select([
      "c.id as commitment_id",
      "c.round_id as round_id",
      f.status.as("status"),
      f.daysHeld.as("days_held"),
      f.broken.as("broken"),
      f.firstBreachOn.as("first_breach_on"),
      f.firstContestedOn.as("first_contested_on"),
      f.breachCount.as("breach_count"),
      f.supersededOn.as("superseded_on"),
    ]);
}

/** The derived facts of the given commitments (one query). */
export async function getCommitmentFacts(
  db: Kysely<Database>,
  ids: number[],
  asOf: string,
): Promise<Map<number, CommitmentFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom(commitmentFactsQuery(db, asOf).as("f"))
    .selectAll()
    .where("f.commitment_id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.commitment_id, toFacts(r)]));
}

export function toFacts(r: {
  commitment_id: number;
  status: CommitmentStatus;
  days_held: number | null;
  broken: boolean;
  first_breach_on: string | null;
  first_contested_on: string | null;
  breach_count: number;
  superseded_on: string | null;
}): CommitmentFacts {
  return {
    commitmentId: r.commitment_id,
    status: r.status,
    daysHeld: r.days_held,
    broken: r.broken,
    firstBreachOn: r.first_breach_on,
    firstContestedOn: r.first_contested_on,
    breachCount: Number(r.breach_count),
    supersededOn: r.superseded_on,
  };
}
