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
import { sql, type Kysely } from "kysely";
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
 */
export function commitmentFactsQuery(db: Kysely<Database>, asOf: string) {
  const asOfDate = sql`cast(${asOf} as date)`;
  const superseded = db
    .selectFrom("commitment_relations as r")
    .innerJoin("commitments as successor", "successor.id", "r.commitment_id")
    .where("r.relation", "=", "supersedes")
    .where("successor.deleted_at", "is", null)
    .where(sql<boolean>`successor.takes_effect_on <= ${asOfDate}`)
    .groupBy("r.related_commitment_id")
    .select(["r.related_commitment_id as commitment_id", sql<string>`min(successor.takes_effect_on)`.as("superseded_on")]);

  const breaches = db
    .selectFrom("breaches as b")
    .innerJoin("incidents as i", "i.id", "b.incident_id")
    .innerJoin("commitments as bc", "bc.id", "b.commitment_id")
    .leftJoin(superseded.as("bs"), "bs.commitment_id", "bc.id")
    .where("b.deleted_at", "is", null)
    .where("i.deleted_at", "is", null)
    .where("b.assessment", "<>", "rejected")
    .where(sql<boolean>`i.occurred_on >= bc.takes_effect_on`)
    .where(sql<boolean>`i.occurred_on <= least(${asOfDate}, bc.expires_on, bs.superseded_on)`)
    .groupBy("b.commitment_id")
    .select([
      "b.commitment_id",
      sql<string | null>`min(i.occurred_on) filter (where b.assessment = 'corroborated')`.as("first_breach_on"),
      sql<string | null>`min(i.occurred_on) filter (where b.assessment in ('alleged', 'disputed'))`.as("first_contested_on"),
      sql<number>`count(*)`.as("breach_count"),
    ]);

  return db
    .selectFrom("commitments as c")
    .leftJoin(breaches.as("ba"), "ba.commitment_id", "c.id")
    .leftJoin(superseded.as("sa"), "sa.commitment_id", "c.id")
    .where("c.deleted_at", "is", null)
    .select([
      "c.id as commitment_id",
      sql<CommitmentStatus>`case
        when c.takes_effect_on > ${asOfDate} then 'not_yet_in_effect'
        when ba.first_breach_on is not null then 'broken'
        when ba.first_contested_on is not null then 'disputed'
        when sa.superseded_on is not null then 'superseded'
        when c.fulfilled_on <= ${asOfDate} then 'fulfilled'
        when c.expires_on < ${asOfDate} then 'lapsed'
        else 'holding' end`.as("status"),
      sql<number | null>`case
        when c.takes_effect_on > ${asOfDate} then null
        when ba.first_breach_on is not null then ba.first_breach_on - c.takes_effect_on
        else least(${asOfDate}, c.expires_on, sa.superseded_on, c.fulfilled_on) - c.takes_effect_on end`.as("days_held"),
      sql<boolean>`ba.first_breach_on is not null`.as("broken"),
      "ba.first_breach_on",
      "ba.first_contested_on",
      sql<number>`coalesce(ba.breach_count, 0)`.as("breach_count"),
      "sa.superseded_on",
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
