// The analysis summaries the database keeps (migrations 2026-11-24T1900 and 1905) against the same
// figures computed live from the records, on generated data and after every kind of write that can
// change them: claims added, changed, deprecated, deleted, restored and removed; incidents added,
// moved to another month and week, re-attributed, re-dated less precisely, deleted and restored;
// breaches added, re-assessed, re-attributed, moved to another incident, deleted, restored and
// removed; commitments of another kind, deleted and restored.
import { sql } from "kysely";
import { expect, it } from "vitest";
import { generate } from "@db/generate/index";
import { describeEachEngine, type TestDatabase } from "../../tests/support/db";
import { breachBreakdown } from "./analytics/breaches.server";
import { casualtiesByIncident, casualtiesByPeriod } from "./analytics/casualties.server";
import type { AnalysisFilters } from "./analytics/filters.server";
import { activityByBucket } from "./analytics/timeline.server";

const TABLES = ["analysis_incident_buckets", "analysis_group_buckets", "analysis_claimant_buckets", "analysis_breach_buckets"];

async function kept(t: TestDatabase) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    // A bucket emptied by deletions may stay as a row of zeros; it is not a figure.
    out[table] = (await sql`select * from ${sql.table(table)} where incidents <> 0 order by 1, 2, 3, 4, 5, 6`.execute(t.db)).rows;
  }
  return out;
}

/** The tables as the triggers left them equal the tables rebuilt from the records. */
async function expectTablesExact(t: TestDatabase) {
  const incremental = await kept(t);
  const leftovers = await sql<{ n: number }>`select count(*)::int as n from analysis_claimant_buckets where incidents = 0
    and (killed_low, killed_high, injured_low, injured_high, killed_low_n, killed_high_n, injured_low_n, injured_high_n) <> (0, 0, 0, 0, 0, 0, 0, 0)`.execute(t.db);
  expect(leftovers.rows[0].n).toBe(0);
  await sql`select analysis_summaries_rebuild()`.execute(t.db);
  await sql`select analysis_breach_buckets_rebuild()`.execute(t.db);
  const rebuilt = await kept(t);
  expect(rebuilt.analysis_incident_buckets.length).toBeGreaterThan(10);
  expect(rebuilt.analysis_breach_buckets.length).toBeGreaterThan(10);
  expect(incremental).toEqual(rebuilt);
}

async function figures(t: TestDatabase, f: AnalysisFilters) {
  return {
    activity: { month: await activityByBucket(t.db, f, "month"), week: await activityByBucket(t.db, f, "week") },
    periods: { month: await casualtiesByPeriod(t.db, f, "month"), week: await casualtiesByPeriod(t.db, f, "week") },
    latestPeriods: await casualtiesByPeriod(t.db, f, "week", 3),
    cappedPeriods: await casualtiesByPeriod(t.db, f, "month", 3, { groups: 2, claimants: 1 }),
    incidents: await casualtiesByIncident(t.db, f, 5),
    breaches: { month: await breachBreakdown(t.db, f, "month"), week: await breachBreakdown(t.db, f, "week") },
  };
}

/** What the page shows, read from the summaries, equals the live computation, for each kind of filter. */
async function expectSameAsLive(t: TestDatabase, party: string) {
  const filters: AnalysisFilters[] = [
    {},
    { party },
    // Whole months and weeks; then ranges that cut buckets at both ends, and one inside a single week.
    { from: "2024-01-01", to: "2024-12-31" },
    { from: "2023-03-15", to: "2025-02-11", party },
    { from: "2024-06-04", to: "2024-06-06" },
    { from: "2024-02-10" },
    { to: "2024-07-20" },
  ];
  const seen = [];
  for (const f of filters) {
    const summarised = await figures(t, f);
    expect(summarised).toEqual(await figures(t, { ...f, live: true }));
    seen.push(summarised);
  }
  return seen;
}

describeEachEngine("analysis summaries kept by the database", (t) => {
  it("equal the live computation on generated data, and after every kind of write", async () => {
    await generate(t.db, { incidents: 1500, seed: 5, engine: t.engine });
    const busiest = await sql<{ slug: string; id: number }>`
      select a.slug, a.id from incidents i join actors a on a.id = i.perpetrator_id
      group by a.slug, a.id order by count(*) desc, a.id limit 1`.execute(t.db);
    const party = busiest.rows[0];
    await expectTablesExact(t);
    let before = await expectSameAsLive(t, party.slug);
    const deleted = "2026-01-01T00:00:00Z";

    // Claims: added (to an incident with none, and to others), figures and sides changed, deprecated,
    // deleted, restored, moved to another incident, removed; several incidents per statement.
    const incidents = await t.db.selectFrom("incidents").select(["id", "occurred_on"]).orderBy("id").limit(40).execute();
    const ids = incidents.map((i) => i.id);
    const claims = await t.db.selectFrom("claims").select(["id", "claimant_id", "source_id", "affected_id"]).orderBy("id").limit(40).execute();
    const [bare] = await t.db
      .insertInto("incidents")
      .values({ title: "No claim yet", occurred_on: "2024-06-05", date_precision: "day", kind: "other", country_code: "AF", location_precision: "country", summary: "", perpetrator_id: party.id })
      .returning("id")
      .execute();
    await t.db
      .insertInto("claims")
      .values(
        [bare.id, ids[1], ids[2], bare.id].map((incident_id, n) => ({
          incident_id,
          claimant_id: claims[n].claimant_id,
          source_id: claims[0].source_id,
          category: "civilians" as const,
          rank: "normal" as const,
          killed_low: 2 + n,
          killed_high: n === 3 ? 40 : null,
          injured_low: n === 1 ? 7 : null,
          affected_id: n === 2 ? party.id : null,
        })),
      )
      .execute();
    await t.db.updateTable("claims").set({ killed_low: 1, killed_high: 90 }).where("id", "in", claims.slice(0, 3).map((c) => c.id)).execute();
    await t.db.updateTable("claims").set({ affected_id: party.id }).where("id", "=", claims[3].id).execute();
    await t.db.updateTable("claims").set({ rank: "deprecated" }).where("id", "in", claims.slice(4, 6).map((c) => c.id)).execute();
    await t.db.updateTable("claims").set({ deleted_at: deleted }).where("id", "in", claims.slice(6, 12).map((c) => c.id)).execute();
    await t.db.updateTable("claims").set({ deleted_at: null }).where("id", "in", claims.slice(6, 8).map((c) => c.id)).execute();
    await t.db.updateTable("claims").set({ incident_id: ids[30] }).where("id", "=", claims[14].id).execute();
    await t.db.deleteFrom("claims").where("id", "in", claims.slice(15, 18).map((c) => c.id)).execute();
    await expectTablesExact(t);
    let after = await expectSameAsLive(t, party.slug);
    expect(after).not.toEqual(before);
    before = after;

    // Incidents: moved to another month and week, re-attributed, dated to the month or year only,
    // deleted, restored, and one with claims removed altogether.
    await t.db.updateTable("incidents").set({ occurred_on: "2024-06-30" }).where("id", "in", ids.slice(0, 4)).execute();
    await t.db.updateTable("incidents").set({ occurred_on: "2024-07-01" }).where("id", "=", bare.id).execute();
    await t.db.updateTable("incidents").set({ perpetrator_id: party.id }).where("id", "in", ids.slice(4, 8)).execute();
    await t.db.updateTable("incidents").set({ perpetrator_id: null }).where("id", "in", ids.slice(8, 10)).execute();
    await t.db.updateTable("incidents").set({ date_precision: "month" }).where("id", "in", ids.slice(10, 12)).execute();
    await t.db.updateTable("incidents").set({ date_precision: "year" }).where("id", "=", ids[12]).execute();
    await t.db.updateTable("incidents").set({ deleted_at: deleted }).where("id", "in", ids.slice(13, 20)).execute();
    await t.db.updateTable("incidents").set({ deleted_at: null }).where("id", "in", ids.slice(13, 15)).execute();
    await t.db.updateTable("incidents").set({ title: "Renamed: no figure changes" }).where("id", "=", ids[21]).execute();
    for (const table of ["claims", "breaches", "citations", "date_assertions"] as const) {
      await t.db.deleteFrom(table).where("incident_id", "=", ids[25]).execute();
    }
    await t.db.deleteFrom("incidents").where("id", "=", ids[25]).execute();
    await expectTablesExact(t);
    after = await expectSameAsLive(t, party.slug);
    expect(after).not.toEqual(before);
    before = after;

    // Breaches: added (a second one to an incident already breaching, and to a fresh incident),
    // re-assessed (to and from rejected), re-attributed, moved to another incident and commitment,
    // deleted, restored, removed; commitments of another kind, deleted and restored.
    const breaches = await t.db.selectFrom("breaches").select(["id", "commitment_id", "incident_id"]).where("deleted_at", "is", null).orderBy("id").limit(30).execute();
    const commitmentIds = [...new Set(breaches.map((b) => b.commitment_id))];
    const other = commitmentIds.find((c) => c !== breaches[0].commitment_id)!;
    await t.db
      .insertInto("breaches")
      .values([
        { commitment_id: other, incident_id: breaches[0].incident_id, responsible_id: party.id, assessment: "alleged", reasoning: "Second link" },
        { commitment_id: other, incident_id: bare.id, responsible_id: null, assessment: "corroborated", reasoning: "Fresh incident" },
      ])
      .onConflict((oc) => oc.doNothing())
      .execute();
    await t.db.updateTable("breaches").set({ assessment: "rejected" }).where("id", "in", breaches.slice(1, 4).map((b) => b.id)).execute();
    await t.db.updateTable("breaches").set({ assessment: "disputed" }).where("id", "=", breaches[2].id).execute();
    await t.db.updateTable("breaches").set({ responsible_id: party.id }).where("id", "in", breaches.slice(4, 7).map((b) => b.id)).execute();
    await t.db.updateTable("breaches").set({ incident_id: ids[3] }).where("id", "=", breaches[7].id).execute();
    await t.db.updateTable("breaches").set({ commitment_id: other }).where("id", "=", breaches[8].id).execute();
    await t.db.updateTable("breaches").set({ deleted_at: deleted }).where("id", "in", breaches.slice(9, 13).map((b) => b.id)).execute();
    await t.db.updateTable("breaches").set({ deleted_at: null }).where("id", "=", breaches[9].id).execute();
    await t.db.deleteFrom("citations").where("breach_id", "in", breaches.slice(13, 15).map((b) => b.id)).execute();
    await t.db.deleteFrom("breaches").where("id", "in", breaches.slice(13, 15).map((b) => b.id)).execute();
    await t.db.updateTable("commitments").set({ kind: "trade" }).where("id", "in", commitmentIds.slice(0, 2)).execute();
    await t.db.updateTable("commitments").set({ deleted_at: deleted }).where("id", "in", commitmentIds.slice(2, 5)).execute();
    await t.db.updateTable("commitments").set({ deleted_at: null }).where("id", "=", commitmentIds[2]).execute();
    // An incident with breaches moved to another date, deleted and restored.
    await t.db.updateTable("incidents").set({ occurred_on: "2024-06-04" }).where("id", "=", breaches[20].incident_id).execute();
    await t.db.updateTable("incidents").set({ deleted_at: deleted }).where("id", "in", [breaches[21].incident_id, breaches[22].incident_id]).execute();
    await t.db.updateTable("incidents").set({ deleted_at: null }).where("id", "=", breaches[21].incident_id).execute();
    await expectTablesExact(t);
    after = await expectSameAsLive(t, party.slug);
    expect(after.map((a) => a.breaches)).not.toEqual(before.map((b) => b.breaches));
  });

  it("empties with the tables", async () => {
    await generate(t.db, { incidents: 200, seed: 5, engine: t.engine });
    await sql`truncate table breaches, claims, citations, date_assertions, incidents, sources restart identity cascade`.execute(t.db);
    for (const table of TABLES) expect((await sql`select * from ${sql.table(table)}`.execute(t.db)).rows).toEqual([]);
  });
});
