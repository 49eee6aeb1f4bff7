import { sql } from "kysely";
import { expect, it } from "vitest";
import { buildDataset, make } from "../dataset/factories";
import { shippedDataset } from "../dataset/index";
import { loadDataset } from "../dataset/load";
import { commitmentFactsQuery } from "../../app/models/commitment-status.server";
import { describeEachEngine } from "../../tests/support/db";
import type { DB } from "../connection";
import { generate, NotEmptyError, planSizes, rebuildSummaries } from "./index";
import { TABLE_ORDER } from "./tables";

// Small enough for PGlite; the proportions and the status mix need a few dozen rounds, hence the larger size.
const SMALL = 2_000;
const MEDIUM = 10_000;

it("sizes everything from the number of incidents", () => {
  expect(planSizes(2_000_000)).toEqual({
    incidents: 2_000_000,
    processes: 100,
    rounds: 5_000,
    venues: 60,
    mediators: 40,
    armedGroups: 150,
    sources: 200_000,
  });
  expect(planSizes(2_000)).toMatchObject({ processes: 2, rounds: 5, venues: 3, sources: 200 });
});

describeEachEngine("synthetic data generator", (t) => {
  const run = (seed: number, { reset = false, incidents = SMALL, batchSize = 700 } = {}) =>
    generate(t.db, { incidents, seed, reset, engine: t.engine, batchSize });

  async function count(query: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`${sql.raw(query)}`.execute(t.db);
    return Number(rows[0].n);
  }

  /** One md5 per table over every column of every row, in a stable order. */
  async function checksums(db: DB): Promise<Record<string, string>> {
    const parts = TABLE_ORDER.map(
      (table) => sql`select ${table}::text as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from ${sql.table(table)} as x`,
    );
    const { rows } = await sql<{ name: string; sum: string }>`${sql.join(parts, sql` union all `)}`.execute(db);
    return Object.fromEntries(rows.map((r) => [r.name, r.sum]));
  }

  async function schemaObjects(db: DB) {
    const { rows } = await sql<{ def: string }>`
      select indexdef as def from pg_indexes where schemaname = 'public'
      union all
      select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
      order by 1`.execute(db);
    return rows.map((r) => r.def);
  }

  it("fills an empty database in proportion and leaves the schema as the migrations made it", async () => {
    const before = await schemaObjects(t.db);
    const { counts } = await run(1, { incidents: MEDIUM });
    expect(await schemaObjects(t.db)).toEqual(before);

    const INCIDENTS = MEDIUM;
    expect(counts.incidents).toBe(INCIDENTS);
    expect(counts.processes).toBe(2);
    expect(counts.rounds).toBe(25);
    expect(counts.venues).toBe(13);
    expect(counts.sources).toBe(1_000);
    expect(counts.commitments / counts.rounds).toBeGreaterThan(2);
    expect(counts.commitments / counts.rounds).toBeLessThan(4);
    expect(counts.claims / INCIDENTS).toBeGreaterThan(2);
    expect(counts.claims / INCIDENTS).toBeLessThan(2.6);
    expect(counts.breaches / INCIDENTS).toBeGreaterThan(0.02);
    expect(counts.breaches / INCIDENTS).toBeLessThan(0.1);
    expect(counts.date_assertions).toBeGreaterThan(0);
    for (const table of TABLE_ORDER) expect(counts[table], table).toBeGreaterThan(0);

    // Every incident has one to four claims, from different claimants, and some pairs disagree.
    expect(await count("select count(*) as n from incidents i where not exists (select 1 from claims c where c.incident_id = i.id)")).toBe(0);
    expect(await count("select max(n) as n from (select count(*) as n from claims group by incident_id) x")).toBeLessThanOrEqual(4);
    expect(await count("select count(*) as n from (select 1 from claims group by incident_id, claimant_id having count(*) > 1) x")).toBe(0);
    expect(
      await count(`select count(*) as n from (select incident_id from claims where killed_low is not null
        group by incident_id having min(killed_low) <> max(killed_low)) x`),
    ).toBeGreaterThan(INCIDENTS / 10);
    expect(await count("select count(distinct rank) as n from claims")).toBe(3);
    // Counts of fighters say whose fighters they were; counts of civilians do not take a side.
    expect(await count("select count(*) as n from claims where category = 'security_forces' and affected_id is null")).toBe(0);
    expect(await count("select count(*) as n from claims where category = 'civilians' and affected_id is not null")).toBe(0);
    expect(await count("select count(distinct assessment) as n from breaches")).toBe(4);
    expect(await count("select count(distinct extract(year from occurred_on)) as n from incidents")).toBeGreaterThan(1);
    expect(await count("select count(distinct province) as n from incidents")).toBeGreaterThan(10);

    // Each round has two parties and one to three mediators.
    expect(await count("select count(*) as n from rounds r where (select count(*) from round_participants p where p.round_id = r.id and p.role = 'party') <> 2")).toBe(0);
    expect(
      await count(`select count(*) as n from rounds r
        where (select count(*) from round_participants p where p.round_id = r.id and p.role = 'mediator') not between 1 and 3`),
    ).toBe(0);

    // The serial sequences continue after the explicit ids.
    const next = await t.db.insertInto("actors").values({ slug: "added-later", name: "Added later", kind: "person", description: "" }).returning("id").executeTakeFirstOrThrow();
    expect(next.id).toBe(counts.actors + 1);
  });

  it("leaves every summary the database keeps equal to a recount, with its triggers back on, and the data version moved", async () => {
    const versionBefore = await count("select n from data_version");
    await run(3);
    // Kept results (decision 0006) computed before the load are not served after it.
    expect(await count("select n from data_version")).toBe(versionBefore + 1);
    const SUMMARIES = [
      "commitment_breach_facts",
      "commitment_breach_tallies",
      "group_tallies",
      "analysis_incident_buckets",
      "analysis_group_buckets",
      "analysis_claimant_buckets",
      "analysis_breach_buckets",
    ];
    const snapshot = async () => {
      const parts = SUMMARIES.map(
        (table) => sql`select ${table}::text as name, count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as sum from ${sql.table(table)} as x`,
      );
      const { rows } = await sql<{ name: string; n: number; sum: string }>`${sql.join(parts, sql` union all `)}`.execute(t.db);
      return rows;
    };
    const loaded = await snapshot();
    for (const table of ["commitment_breach_facts", "group_tallies"]) expect(loaded.find((r) => r.name === table)!.n, table).toBeGreaterThan(0);
    await sql`truncate commitment_breach_facts, commitment_breach_tallies, group_tallies`.execute(t.db);
    await rebuildSummaries(t.db);
    expect(await snapshot()).toEqual(loaded);
    // The record tallies were kept by their triggers during the load.
    expect(await count("select n from record_tallies where subject = 'claims'")).toBe(await count("select count(*) as n from claims where deleted_at is null"));
    expect(await count("select n from record_tallies where subject = 'breaches'")).toBe(await count("select count(*) as n from breaches where deleted_at is null"));
    // Every claim carries its incident's date, written by the generator with its trigger off.
    expect(await count("select count(*) as n from claims cl join incidents i on i.id = cl.incident_id where cl.incident_occurred_on <> i.occurred_on")).toBe(0);
    expect(await count("select count(*) as n from claims")).toBeGreaterThan(0);
    // No trigger is left disabled.
    expect(await count("select count(*) as n from pg_trigger where not tgisinternal and tgenabled <> 'O'")).toBe(0);
  });

  it("cites at least one source for every round, commitment, incident and breach", async () => {
    await run(1);
    for (const [table, column] of [["rounds", "round_id"], ["commitments", "commitment_id"], ["incidents", "incident_id"], ["breaches", "breach_id"], ["processes", "process_id"], ["actors", "actor_id"]]) {
      expect(await count(`select count(*) as n from ${table} r where not exists (select 1 from citations c where c.${column} = r.id)`), table).toBe(0);
    }
  });

  it("links breaches only to commitments of the incident's process, inside their term", async () => {
    await run(1, { incidents: MEDIUM });
    // The term as the status rule reads it: from taking effect to expiry or supersession.
    const outside = await count(`
      with superseded as (
        select r.related_commitment_id as id, min(s.takes_effect_on) as on_date
        from commitment_relations r join commitments s on s.id = r.commitment_id
        where r.relation = 'supersedes' group by 1)
      select count(*) as n from breaches b
      join incidents i on i.id = b.incident_id
      join commitments c on c.id = b.commitment_id
      left join superseded s on s.id = c.id
      where i.occurred_on < c.takes_effect_on or i.occurred_on > least(c.expires_on, s.on_date)`);
    expect(outside).toBe(0);
    // Whoever is held responsible is a party to the commitment's process.
    const strangers = await count(`
      select count(*) as n from breaches b join commitments c on c.id = b.commitment_id
      where b.responsible_id is not null and not exists (
        select 1 from round_participants p join rounds r on r.id = p.round_id
        where r.process_id = c.process_id and p.actor_id = b.responsible_id and p.role = 'party')`);
    expect(strangers).toBe(0);

    // So the status rule sees them: some commitments come out broken, some disputed, some holding.
    const facts = await t.db.selectFrom(commitmentFactsQuery(t.db, "2026-01-01").as("f")).select("f.status").execute();
    const statuses = new Set(facts.map((f) => f.status));
    for (const status of ["broken", "disputed", "holding"]) expect(statuses).toContain(status);
  });

  it("writes the same rows for the same seed, whatever the batch size, and different rows for another seed", async () => {
    await run(42);
    const first = await checksums(t.db);
    await run(42, { reset: true, batchSize: 1_500 });
    expect(await checksums(t.db)).toEqual(first);
    await run(43, { reset: true });
    const other = await checksums(t.db);
    expect(other.incidents).not.toBe(first.incidents);
    expect(other.claims).not.toBe(first.claims);
    expect(other.breaches).not.toBe(first.breaches);
  });

  it("leaves room for the shipped data set, which the app loads into a database that lacks it", async () => {
    await run(1);
    const result = await loadDataset(t.db, shippedDataset());
    expect(result.status).toBe("loaded");
  });

  it("refuses a database that is not empty unless told to reset it", async () => {
    await t.load(buildDataset({ incidents: [make.incident("kept")] }));
    const error = await run(1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotEmptyError);
    expect((error as NotEmptyError).tables).toEqual(expect.arrayContaining(["incidents", "actors", "sources", "revisions"]));
    // The refused run changed nothing.
    expect(await count("select count(*) as n from incidents")).toBe(1);
    expect(await count("select count(*) as n from revisions")).toBeGreaterThan(0);

    const { counts } = await run(1, { reset: true });
    expect(counts.incidents).toBe(SMALL);
    expect(await count("select count(*) as n from revisions")).toBe(0);
    const again = await run(1).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(NotEmptyError);
  });
});
