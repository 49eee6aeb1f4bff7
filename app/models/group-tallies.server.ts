// Reading group_tallies (migration 2026-11-24T1930): the commitments binding an actor, obtained by
// its mediation or made at a venue, with how many are broken as of a date; the breaches an actor is
// alleged responsible for or alleged. Each is an index lookup instead of a count over thousands of rows.
import { sql, type RawBuilder } from "kysely";

export type CommitmentGroup = "bound" | "obtained" | "venue";

const kept = (tally: string, id: RawBuilder<unknown>, column: "n" | "broken" | "corroborated") =>
  sql<number>`coalesce((select ${sql.ref(`gt.${column}`)} from group_tallies gt where gt.tally = ${tally} and gt.id = ${id}), 0)`;

/** Whether the live commitment `c` belongs to the group `id` (SQL: the same membership the tally counts). */
function member(group: CommitmentGroup, id: RawBuilder<unknown>) {
  switch (group) {
    case "bound":
      return sql`exists (select 1 from commitment_parties cp where cp.commitment_id = c.id and cp.actor_id = ${id})`;
    case "obtained":
      return sql`exists (select 1 from round_participants rp join rounds r on r.id = rp.round_id and r.deleted_at is null
        where rp.round_id = c.round_id and rp.actor_id = ${id} and rp.role in ('mediator', 'host'))`;
    case "venue":
      return sql`exists (select 1 from rounds r where r.id = c.round_id and r.deleted_at is null and r.venue_id = ${id})`;
  }
}

/**
 * The live commitments of the group `id` (an SQL expression, e.g. a column of the enclosing query),
 * and how many are broken as of `asOf`: the kept count of those ever broken, less the few whose
 * first corroborated breach falls after asOf (decision 0001: broken as of D when the first
 * corroborated breach is on or before D).
 */
export function commitmentGroupCounts(group: CommitmentGroup, id: RawBuilder<unknown>, asOf: string) {
  // "offset 0" keeps the few later breaks a subquery of their own, read along the index on
  // first_corroborated_on: flattened, the planner joined the group's every commitment first
  // (4 ms a row on the mediators list, 26 rows a page).
  const brokenLater = sql<number>`(select count(*) from (
      select bf.commitment_id from commitment_breach_facts bf where bf.first_corroborated_on > cast(${asOf} as date) offset 0) later
    join commitments c on c.id = later.commitment_id and c.deleted_at is null
    where ${member(group, id)})`;
  return {
    n: sql<number>`${kept(group, id, "n")}::int`,
    broken: sql<number>`(${kept(group, id, "broken")} - ${brokenLater})::int`,
  };
}

/** The live breaches, about live incidents, of live commitments, that name the actor `id` as responsible or that it alleged; and how many are corroborated. */
export function breachGroupCounts(which: "responsible" | "alleged", id: RawBuilder<unknown>) {
  return { n: sql<number>`${kept(which, id, "n")}::int`, corroborated: sql<number>`${kept(which, id, "corroborated")}::int` };
}

export type RoundTally = "rounds" | "led" | "mediator" | "host" | "party" | "observer";

/** Live rounds the actor `id` took part in (`rounds`), held a role in, or mediated or hosted (`led`, each round once). */
export function roundCount(which: RoundTally, id: RawBuilder<unknown>) {
  return sql<number>`${kept(which, id, "n")}::int`;
}

/** The roles the actor `id` held in a live round, alphabetical, as a JSON array. */
export function rolesHeld(id: RawBuilder<unknown>) {
  return sql<string[]>`coalesce((select json_agg(gt.tally order by gt.tally) from group_tallies gt
    where gt.id = ${id} and gt.tally in ('host', 'mediator', 'observer', 'party')), '[]')`;
}
