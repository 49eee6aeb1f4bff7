// The status rule reads breach facts that triggers keep per commitment (migration
// 2026-11-24T1850). These tests hold them to the live computation — the rule evaluated on the
// breaches, incidents and relations themselves — on generated data, as of dates before, inside and
// after the data, and after every kind of write that can change them.
import { sql } from "kysely";
import { expect, it } from "vitest";
import { COMMITMENT_STATUSES } from "@db/enums";
import { generate } from "@db/generate/index";
import { describeEachEngine, type TestDatabase } from "../../tests/support/db";
import { commitmentFactsQuery } from "./commitment-status.server";
import { commitmentListQuerySchema, commitmentTotals, listCommitments } from "./commitments.server";

/** The rule as it was written before the facts were kept: every breach joined to its incident. */
function liveFacts(t: TestDatabase, asOf: string) {
  return sql<Record<string, unknown>>`
    with superseded as (
      select r.related_commitment_id as commitment_id, min(s.takes_effect_on) as superseded_on
      from commitment_relations r join commitments s on s.id = r.commitment_id
      where r.relation = 'supersedes' and s.deleted_at is null and s.takes_effect_on <= cast(${asOf} as date)
      group by r.related_commitment_id
    ), counted as (
      select b.commitment_id,
        min(i.occurred_on) filter (where b.assessment = 'corroborated') as first_breach_on,
        min(i.occurred_on) filter (where b.assessment in ('alleged', 'disputed')) as first_contested_on,
        count(*)::int as breach_count
      from breaches b join incidents i on i.id = b.incident_id join commitments c on c.id = b.commitment_id
      left join superseded s on s.commitment_id = c.id
      where b.deleted_at is null and i.deleted_at is null and b.assessment <> 'rejected'
        and i.occurred_on >= c.takes_effect_on and i.occurred_on <= least(cast(${asOf} as date), c.expires_on, s.superseded_on)
      group by b.commitment_id
    )
    select c.id as commitment_id,
      case when c.takes_effect_on > cast(${asOf} as date) then 'not_yet_in_effect'
        when k.first_breach_on is not null then 'broken'
        when k.first_contested_on is not null then 'disputed'
        when s.superseded_on is not null then 'superseded'
        when c.fulfilled_on <= cast(${asOf} as date) then 'fulfilled'
        when c.expires_on < cast(${asOf} as date) then 'lapsed'
        else 'holding' end as status,
      case when c.takes_effect_on > cast(${asOf} as date) then null
        when k.first_breach_on is not null then k.first_breach_on - c.takes_effect_on
        else least(cast(${asOf} as date), c.expires_on, s.superseded_on, c.fulfilled_on) - c.takes_effect_on end as days_held,
      k.first_breach_on is not null as broken, k.first_breach_on, k.first_contested_on,
      coalesce(k.breach_count, 0) as breach_count, s.superseded_on
    from commitments c left join counted k on k.commitment_id = c.id left join superseded s on s.commitment_id = c.id
    where c.deleted_at is null
    order by c.id`
    .execute(t.db)
    .then((r) => r.rows);
}

async function keptFacts(t: TestDatabase, asOf: string) {
  const rows = await t.db.selectFrom(commitmentFactsQuery(t.db, asOf).as("f")).selectAll().orderBy("f.commitment_id").execute();
  // The round is carried for joining, not derived.
  return rows.map(({ round_id: _, ...facts }) => facts) as Record<string, unknown>[];
}

/** Before the data, in the middle of it, at its end and after it. */
const DATES = ["2014-12-31", "2018-06-30", "2021-03-15", "2025-10-01", "2026-12-31"];

/** Compares at every date; returns the facts as of the last one, to show that a stage changed something. */
async function expectSameAsLive(t: TestDatabase) {
  let last: Record<string, unknown>[] = [];
  for (const asOf of DATES) {
    const live = await liveFacts(t, asOf);
    expect(live.length).toBeGreaterThan(0);
    expect(await keptFacts(t, asOf), `as of ${asOf}`).toEqual(live);
    last = live;
  }
  return last;
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describeEachEngine("commitment breach facts", (t) => {
  it("equal the live computation on generated data, and after every kind of write", async () => {
    await generate(t.db, { incidents: 8000, seed: 7, engine: t.engine });
    let before = await expectSameAsLive(t);

    // Breaches: reassessed, soft-deleted, hard-deleted, moved to another commitment, added.
    const breaches = await t.db.selectFrom("breaches").select(["id", "commitment_id", "incident_id"]).orderBy("id").execute();
    expect(breaches.length).toBeGreaterThan(20);
    await t.db.updateTable("breaches").set({ assessment: "corroborated" }).where("id", "in", ids(breaches.slice(0, 5))).execute();
    await t.db.updateTable("breaches").set({ assessment: "rejected" }).where("id", "in", ids(breaches.slice(5, 8))).execute();
    await t.db.updateTable("breaches").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("id", "in", ids(breaches.slice(8, 11))).execute();
    await t.db.deleteFrom("citations").where("breach_id", "in", ids(breaches.slice(11, 13))).execute();
    await t.db.deleteFrom("breaches").where("id", "in", ids(breaches.slice(11, 13))).execute();
    const [moved, target] = [breaches[13], breaches[breaches.length - 1]];
    await sql`update breaches set commitment_id = ${target.commitment_id} where id = ${moved.id}
      and not exists (select 1 from breaches x where x.commitment_id = ${target.commitment_id} and x.incident_id = breaches.incident_id)`.execute(t.db);
    const incident = await t.db.selectFrom("incidents").select("id").orderBy("id", "desc").executeTakeFirstOrThrow();
    await t.db
      .insertInto("breaches")
      .values({ commitment_id: breaches[0].commitment_id, incident_id: incident.id, assessment: "disputed", reasoning: "Added by the test." })
      .execute();
    let after = await expectSameAsLive(t);
    expect(after).not.toEqual(before);
    before = after;

    // Incidents: moved in time (into and out of terms), soft-deleted.
    const breached = [...new Set(breaches.slice(14, 30).map((b) => b.incident_id))];
    const shift = (days: number) => ({ occurred_on: sql<string>`occurred_on + cast(${days} as integer)`, ended_on: sql<string>`ended_on + cast(${days} as integer)` });
    await t.db.updateTable("incidents").set(shift(45)).where("id", "in", breached.slice(0, 4)).execute();
    await t.db.updateTable("incidents").set(shift(-400)).where("id", "in", breached.slice(4, 8)).execute();
    await t.db.updateTable("incidents").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("id", "in", breached.slice(8, 11)).execute();
    after = await expectSameAsLive(t);
    expect(after).not.toEqual(before);
    before = after;

    // Commitments: terms changed, successors moved and deleted, relations removed and added.
    const supersessions = await t.db
      .selectFrom("commitment_relations")
      .select(["commitment_id", "related_commitment_id"])
      .where("relation", "=", "supersedes")
      .orderBy("commitment_id")
      .execute();
    expect(supersessions.length).toBeGreaterThan(6);
    const successors = supersessions.map((s) => s.commitment_id);
    // Later, but not past its own expiry or fulfilment.
    const later = sql<string>`least(takes_effect_on + 30, coalesce(expires_on, 'infinity'), coalesce(fulfilled_on, 'infinity'))`;
    await t.db.updateTable("commitments").set({ takes_effect_on: later }).where("id", "in", successors.slice(0, 2)).execute();
    await t.db.updateTable("commitments").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("id", "in", successors.slice(2, 4)).execute();
    await t.db
      .deleteFrom("commitment_relations")
      .where("commitment_id", "=", supersessions[4].commitment_id)
      .where("related_commitment_id", "=", supersessions[4].related_commitment_id)
      .execute();
    const predecessors = supersessions.map((s) => s.related_commitment_id);
    await t.db.updateTable("commitments").set({ expires_on: null }).where("id", "in", predecessors.slice(5, 7)).execute();
    await t.db.updateTable("commitments").set({ takes_effect_on: sql<string>`takes_effect_on - 20` }).where("id", "in", ids(breaches.slice(30, 34).map((b) => ({ id: b.commitment_id })))).execute();
    const [older, newer] = await t.db.selectFrom("commitments").select(["id"]).where("deleted_at", "is", null).orderBy("takes_effect_on").orderBy("id").limit(2).execute();
    await t.db.insertInto("commitment_relations").values({ commitment_id: newer.id, relation: "supersedes", related_commitment_id: older.id }).execute();
    after = await expectSameAsLive(t);
    expect(after).not.toEqual(before);
  });

  it("give the commitments list the same commitments for each status as the rule itself", async () => {
    // The list filters a status by the rule written as a condition on stored columns
    // (commitmentFactsQuery's onlyStatus); the rule itself must agree, at every date.
    await generate(t.db, { incidents: 4000, seed: 11, engine: t.engine });
    // The generator fulfils nothing; a few unbreached commitments are fulfilled five days in.
    await sql`update commitments set fulfilled_on = takes_effect_on + 5 where id in (
        select c.id from commitments c left join commitment_breach_facts bf on bf.commitment_id = c.id
        where bf.first_corroborated_on is null and bf.first_contested_on is null and bf.superseded_from is null
          and (c.expires_on is null or c.expires_on >= c.takes_effect_on + 5)
        order by c.id limit 5)`.execute(t.db);
    // Each test of the rule on its boundary: unbreached commitments that take effect, expire or are
    // fulfilled exactly on one of the dates asked about.
    await sql`update commitments c set takes_effect_on = case k.n when 0 then date '2021-03-15' else date '2018-06-01' end,
        expires_on = case k.n when 1 then date '2021-03-15' end,
        fulfilled_on = case k.n when 2 then date '2021-03-15' end
      from (select c2.id, row_number() over (order by c2.id) - 1 as n from commitments c2
        left join commitment_breach_facts bf on bf.commitment_id = c2.id
        where bf.first_corroborated_on is null and bf.first_contested_on is null and bf.superseded_from is null
          and c2.fulfilled_on is null order by c2.id limit 3) k
      where c.id = k.id`.execute(t.db);
    const party = await t.db
      .selectFrom("commitment_parties as cp")
      .innerJoin("actors as a", "a.id", "cp.actor_id")
      .select(["a.id", "a.slug"])
      .groupBy(["a.id", "a.slug"])
      .orderBy(sql`count(*)`, "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const seen = new Set<string>();
    for (const asOf of DATES) {
      const facts = await keptFacts(t, asOf);
      const bound = new Set(
        (await t.db.selectFrom("commitment_parties").select("commitment_id").where("actor_id", "=", party.id).execute()).map((r) => r.commitment_id),
      );
      for (const status of COMMITMENT_STATUSES) {
        const expected = facts.filter((f) => f.status === status).map((f) => f.commitment_id as number);
        if (expected.length) seen.add(status);
        const totals = await commitmentTotals(t.db, { status }, asOf);
        expect(totals, `${status} as of ${asOf}`).toEqual({ total: expected.length, broken: status === "broken" ? expected.length : 0 });
        const byParty = expected.filter((id) => bound.has(id));
        expect((await commitmentTotals(t.db, { status, party: party.slug }, asOf)).total, `${status}, ${party.slug}, as of ${asOf}`).toBe(byParty.length);
        const page = await listCommitments(t.db, { ...commitmentListQuerySchema.parse({ status, sort: "title-asc" }), limit: 50 }, asOf);
        const titles = await t.db
          .selectFrom("commitments")
          .select(["id", "title"])
          .where("id", "in", expected.length ? expected : [0])
          .orderBy("title")
          .orderBy("id")
          .limit(50)
          .execute();
        expect(page.items.map((c) => c.id), `${status} as of ${asOf}`).toEqual(titles.map((r) => r.id));
        expect(page.items.every((c) => c.status === status)).toBe(true);
      }
    }
    // The generated data holds every status at some date, so no branch went untested.
    expect(COMMITMENT_STATUSES.filter((s) => !seen.has(s))).toEqual([]);
  });
});
