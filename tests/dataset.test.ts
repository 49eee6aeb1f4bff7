import { sql } from "kysely";
import { expect, it } from "vitest";
import { shippedDataset } from "@db/dataset/index";
import { loadDataset } from "@db/dataset/load";
import { parseDataset } from "@db/dataset/parse";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine } from "./support/db";

const data = shippedDataset();

it("the shipped data set parses, with every reference resolved", () => {
  expect(data.rounds.length).toBeGreaterThanOrEqual(4);
  expect(data.commitments.length).toBeGreaterThanOrEqual(4);
  expect(data.incidents.length).toBeGreaterThanOrEqual(10);
  // The rounds the product is built around.
  const venues = data.rounds.map((r) => r.venue);
  for (const city of ["doha", "istanbul", "riyadh"]) expect(venues).toContain(city);
  // The 48-hour truce was announced outside any round.
  expect(data.commitments.some((c) => !c.round && c.kind === "ceasefire")).toBe(true);
});

it("refuses a data file with a broken reference, naming it", () => {
  const bad = buildDataset({ rounds: [make.round("r1", { venue: "atlantis" })] });
  expect(() => parseDataset(bad)).toThrow(/round r1: unknown venue "atlantis"/);
  expect(() => parseDataset({ ...bad, rounds: [{ ...bad.rounds[0], venue: undefined, startDate: "2025-02-30" }] })).toThrow(/rounds\.0\.startDate: is not a real calendar date/);
  const unknownSide = buildDataset({ incidents: [make.incident("i1")], claims: [make.claim("i1", "party-a", { affected: "nobody" })] });
  expect(() => parseDataset(unknownSide)).toThrow(/claim #1 \(i1\): unknown actor "nobody"/);
});

it("says whose dead every combatant figure in the shipped data set counts", () => {
  // Soldiers and fighters belong to a side; a figure without one would be ranged apart from the
  // rest of its side's dead. Civilians are told apart by their category.
  const sideless = data.claims.filter((c) => c.category !== "civilians" && !c.affected);
  expect(sideless.map((c) => `${c.incident} (${c.claimant})`)).toEqual([]);
  const borderPosts = data.claims.filter((c) => c.incident === "2025-10-afghan-attacks-on-pakistani-border-posts");
  expect(borderPosts.map((c) => [c.claimant, c.affected, c.killedLow])).toEqual([
    ["afghanistan-taliban", "pakistan", 58],
    ["afghanistan-taliban", "afghanistan-taliban", 9],
    ["pakistan", "afghanistan-taliban", 200],
    ["pakistan", "pakistan", 23],
    ["unattributed-reports", "pakistan", 24],
  ]);
});

describeEachEngine("loading the shipped data set", (t) => {
  async function counts() {
    const r = await sql<Record<string, number>>`select
      (select count(*) from rounds)::int as rounds, (select count(*) from commitments)::int as commitments,
      (select count(*) from incidents)::int as incidents, (select count(*) from claims)::int as claims,
      (select count(*) from breaches)::int as breaches, (select count(*) from sources)::int as sources,
      (select count(*) from citations)::int as citations, (select count(*) from revisions)::int as revisions`.execute(t.db);
    return r.rows[0];
  }

  it("loads every record, satisfying the schema's constraints, once", async () => {
    const first = await loadDataset(t.db, data);
    expect(first.status).toBe("loaded");
    const after = await counts();
    expect(after).toMatchObject({
      rounds: data.rounds.length,
      commitments: data.commitments.length,
      incidents: data.incidents.length,
      claims: data.claims.length,
      breaches: data.breaches.length,
      sources: data.sources.length,
    });
    // Every imported record starts its history with a revision.
    const records = data.sources.length + data.actors.length + data.venues.length + data.processes.length + data.rounds.length +
      data.commitments.length + data.incidents.length + data.claims.length + data.breaches.length;
    expect(after.revisions).toBe(records);
    const sides = await sql<{ n: number }>`select count(*)::int as n from claims where affected_id is not null`.execute(t.db);
    expect(sides.rows[0].n).toBe(data.claims.filter((c) => c.affected).length);
    expect(await loadDataset(t.db, data)).toEqual({ status: "already-loaded" });
    expect(await counts()).toEqual(after);
  });

  it("every round, commitment, incident and breach cites a source", async () => {
    await loadDataset(t.db, data);
    for (const [table, column] of [["rounds", "round_id"], ["commitments", "commitment_id"], ["incidents", "incident_id"], ["breaches", "breach_id"]] as const) {
      const uncited = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} r
        where not exists (select 1 from citations c where c.${sql.ref(column)} = r.id)`.execute(t.db);
      expect(uncited.rows[0].n, `${table} without a citation`).toBe(0);
    }
  });

  it("writes nothing when a record breaks a database constraint half-way", async () => {
    // zod is bypassed on purpose: the database's own CHECK must stop it, and the transaction roll back.
    const bad = buildDataset({
      incidents: [make.incident("i1")],
      claims: [make.claim("i1", "party-a", { killedLow: 10, killedHigh: 2 })],
    });
    await expect(loadDataset(t.db, bad)).rejects.toThrow();
    expect(await counts()).toMatchObject({ rounds: 0, incidents: 0, claims: 0, sources: 0, revisions: 0 });
  });
});
