// Counts the database keeps (record_tallies and commitment_breach_tallies, migrations
// 2026-11-24T1850 and 1853) against the same counts taken live from the rows, on generated data and
// after every kind of write that can change them.
import { sql } from "kysely";
import { expect, it } from "vitest";
import { generate } from "@db/generate/index";
import { describeEachEngine, type TestDatabase } from "../../tests/support/db";

async function rows<T>(t: TestDatabase, query: ReturnType<typeof sql<T>>) {
  return (await query.execute(t.db)).rows;
}

async function kept(t: TestDatabase) {
  return {
    tallies: await rows(t, sql`select subject, id, n::int as n from record_tallies where n <> 0 order by subject, id`),
    breaches: await rows(
      t,
      sql`select commitment_id, responsible_id, alleged_by_id, assessment, breaches from commitment_breach_tallies
        order by commitment_id, responsible_id nulls first, alleged_by_id nulls first, assessment`,
    ),
  };
}

async function live(t: TestDatabase) {
  return {
    tallies: await rows(
      t,
      sql`select subject, id, n::int as n from (
        select 'breaches' as subject, 0 as id, count(*) as n from breaches where deleted_at is null
        union all select 'claimant', c.claimant_id, count(*) from claims c join incidents i on i.id = c.incident_id
          where c.deleted_at is null and i.deleted_at is null group by c.claimant_id
        union all select 'claims', 0, count(*) from claims where deleted_at is null
        union all select 'incidents', 0, count(*) from incidents where deleted_at is null
        union all select 'perpetrator', perpetrator_id, count(*) from incidents where deleted_at is null and perpetrator_id is not null group by perpetrator_id
        union all select 'sources', 0, count(*) from sources where deleted_at is null) x
      where n <> 0 order by subject, id`,
    ),
    breaches: await rows(
      t,
      sql`select b.commitment_id, b.responsible_id, b.alleged_by_id, b.assessment, count(*)::int as breaches
        from breaches b join incidents i on i.id = b.incident_id where b.deleted_at is null and i.deleted_at is null
        group by b.commitment_id, b.responsible_id, b.alleged_by_id, b.assessment
        order by commitment_id, responsible_id nulls first, alleged_by_id nulls first, assessment`,
    ),
  };
}

async function expectSameAsLive(t: TestDatabase) {
  const now = await live(t);
  expect(now.tallies.length).toBeGreaterThan(5);
  expect(await kept(t)).toEqual(now);
  return now;
}

describeEachEngine("tallies kept by the database", (t) => {
  it("equal the live counts on generated data, and after every kind of write", async () => {
    await generate(t.db, { incidents: 1500, seed: 3, engine: t.engine });
    let before = await expectSameAsLive(t);
    const deleted = "2026-01-01T00:00:00Z";

    const incidents = await t.db.selectFrom("incidents").select(["id", "perpetrator_id"]).orderBy("id").limit(40).execute();
    const ids = incidents.map((i) => i.id);
    // Incidents deleted (with their claims and breaches still live), restored, re-attributed, added.
    await t.db.updateTable("incidents").set({ deleted_at: deleted }).where("id", "in", ids.slice(0, 10)).execute();
    await t.db.updateTable("incidents").set({ deleted_at: null }).where("id", "in", ids.slice(0, 3)).execute();
    await t.db.updateTable("incidents").set({ perpetrator_id: incidents[20].perpetrator_id === null ? incidents[21].perpetrator_id : null }).where("id", "in", ids.slice(20, 24)).execute();
    const [fresh] = await t.db
      .insertInto("incidents")
      .values({ title: "Added by the test", occurred_on: "2025-06-01", date_precision: "day", kind: "other", country_code: "AF", location_precision: "country", summary: "", perpetrator_id: incidents[30].perpetrator_id })
      .returning("id")
      .execute();
    let after = await expectSameAsLive(t);
    expect(after).not.toEqual(before);
    before = after;

    // Claims added (one about a deleted incident), deleted, moved to another claimant and incident, removed.
    const claims = await t.db.selectFrom("claims").select(["id", "claimant_id", "source_id"]).orderBy("id").limit(30).execute();
    await t.db
      .insertInto("claims")
      .values([ids[5], fresh.id, ids[12]].map((incident_id) => ({ incident_id, claimant_id: claims[0].claimant_id, source_id: claims[0].source_id, category: "civilians" as const, rank: "normal" as const, killed_low: 3 })))
      .execute();
    await t.db.updateTable("claims").set({ deleted_at: deleted }).where("id", "in", claims.slice(0, 6).map((c) => c.id)).execute();
    await t.db.updateTable("claims").set({ claimant_id: claims[7].claimant_id === claims[8].claimant_id ? claims[9].claimant_id : claims[7].claimant_id, incident_id: ids[6] }).where("id", "=", claims[8].id).execute();
    await t.db.deleteFrom("claims").where("id", "in", claims.slice(10, 13).map((c) => c.id)).execute();
    after = await expectSameAsLive(t);
    expect(after).not.toEqual(before);
    before = after;

    // Breaches reassessed, re-attributed, deleted, removed; sources added and deleted.
    const breaches = await t.db.selectFrom("breaches").select(["id", "responsible_id", "alleged_by_id"]).orderBy("id").limit(12).execute();
    await t.db.updateTable("breaches").set({ assessment: "rejected" }).where("id", "in", breaches.slice(0, 3).map((b) => b.id)).execute();
    await t.db.updateTable("breaches").set({ responsible_id: breaches[3].alleged_by_id, alleged_by_id: breaches[3].responsible_id }).where("id", "=", breaches[3].id).execute();
    await t.db.updateTable("breaches").set({ deleted_at: deleted }).where("id", "in", breaches.slice(4, 7).map((b) => b.id)).execute();
    await t.db.deleteFrom("citations").where("breach_id", "in", breaches.slice(7, 9).map((b) => b.id)).execute();
    await t.db.deleteFrom("breaches").where("id", "in", breaches.slice(7, 9).map((b) => b.id)).execute();
    await t.db.insertInto("sources").values({ kind: "news", publisher: "Test", title: "Added by the test" }).execute();
    const source = await t.db.selectFrom("sources").select("id").orderBy("id").executeTakeFirstOrThrow();
    await t.db.updateTable("sources").set({ deleted_at: deleted }).where("id", "=", source.id).execute();
    after = await expectSameAsLive(t);
    expect(after).not.toEqual(before);
  });

  it("empties with the tables", async () => {
    await generate(t.db, { incidents: 300, seed: 3, engine: t.engine });
    await sql`truncate table breaches, claims, citations, date_assertions, incidents, sources restart identity cascade`.execute(t.db);
    expect(await kept(t)).toEqual({ tallies: [], breaches: [] });
  });
});
