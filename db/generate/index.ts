// Fills an empty, migrated database with synthetic data in proportion to a number of incidents
// (docs/generator.md). Everything happens in one transaction: a failed or interrupted run leaves
// the database as it was, indexes and foreign keys included.
import { sql } from "kysely";
import type { DB, Engine } from "../connection";
import { shippedDataset } from "../dataset/index";
import { IncidentStream } from "./incidents";
import {
  type AnyDb,
  dropDeferrable,
  insertRows,
  nonEmptyTables,
  resetSequences,
  restoreDeferred,
  rowCounts,
  truncateDomainTables,
  DOMAIN_TABLES,
} from "./load";
import { createRng } from "./random";
import { addSources } from "./sources";
import { Rows, SERIAL_TABLES, SPECS, TABLE_ORDER, type Batch } from "./tables";
import { buildWorld, planSizes } from "./world";

export { planSizes } from "./world";

export interface GenerateOptions {
  incidents: number;
  seed: number;
  /** Empty every domain table first; without it a non-empty database is refused. */
  reset?: boolean;
  engine: Engine;
  /** Incidents per insert batch (claims, breaches and citations follow in proportion). */
  batchSize?: number;
  progress?: (line: string) => void;
}

export interface GenerateResult {
  counts: Record<string, number>;
  seconds: number;
}

export class NotEmptyError extends Error {
  constructor(readonly tables: string[]) {
    super(
      `The database is not empty (rows in ${tables.join(", ")}). The generator writes explicit ids into an empty ` +
        "database only; pass --reset to empty every domain table first (users are kept).",
    );
  }
}

const SOURCE_BATCH = 50_000;
// Each batch is generated in slices, yielding to the event loop between them so that the previous
// batch's statement keeps streaming to the server while the next one is being built.
const SLICE = 250;

/**
 * Triggers off during the load. Insert triggers that recount summaries per statement: breach facts
 * (migration 2026-11-24T1850), group tallies (1930) and the analysis summaries (1900, 1905); per
 * batch they would re-read what earlier batches wrote, through indexes dropped for the load, so two
 * million incidents took half an hour; each summary is rebuilt once at the end instead. And the
 * data version's (2000), deferred per row: millions of events held until the commit; the version
 * is moved once at the end instead. And the claim date's (2026-11-25T0600), a lookup by key per
 * row, 4.6 million of them: the generator writes each claim's incident date itself. The record
 * tallies (1853) add deltas and the breach date (1852) is a lookup by key for a few breaches per
 * hundred incidents: those stay on.
 */
const TRIGGERS_OFF_FOR_THE_LOAD = "_insert_(breach_facts|group_tallies|analysis(_breaches)?)$|_data_version$|^claims_incident_date$";
/** Every group tally of migration 1930, over actors; 'venue' is over venues. */
const ACTOR_TALLIES = ["bound", "obtained", "responsible", "alleged", "rounds", "led", "mediator", "host", "party", "observer"];

/**
 * Fills every summary the recounting triggers keep, from the rows as they are: what the load does
 * once at the end instead of after every batch.
 */
export async function rebuildSummaries(tx: AnyDb, say: (line: string) => void = () => {}): Promise<void> {
  await sql`select refresh_commitment_breach_facts(array(select id from commitments))`.execute(tx);
  for (const tally of ACTOR_TALLIES) await sql`select refresh_group_tallies(${tally}, array(select id from actors))`.execute(tx);
  await sql`select refresh_group_tallies('venue', array(select id from venues))`.execute(tx);
  say("breach facts and group tallies filled");
  await sql`select analysis_summaries_rebuild()`.execute(tx);
  say("analysis summaries of incidents and casualties filled");
  await sql`select analysis_breach_buckets_rebuild()`.execute(tx);
  say("analysis summaries of breaches filled");
}

async function triggersOffForTheLoad(tx: AnyDb): Promise<{ table: string; name: string }[]> {
  const { rows } = await sql<{ table: string; name: string }>`
    select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where not t.tgisinternal and t.tgname ~ ${TRIGGERS_OFF_FOR_THE_LOAD} order by 1, 2`.execute(tx);
  return rows;
}

export async function generate(db: DB, options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const say = (line: string) => options.progress?.(`[${seconds().toFixed(1).padStart(6)}s] ${line}`);
  const batchSize = options.batchSize ?? (options.engine === "postgres" ? 20_000 : 5_000);
  const sizes = planSizes(options.incidents);

  await db.transaction().execute(async (tx) => {
    await sql`set local synchronous_commit = off`.execute(tx);
    if (options.engine === "postgres") {
      // unnest() materialises its rows: with the default 4MB they would spill to disk every batch.
      await sql`set local work_mem = '256MB'`.execute(tx);
      await sql`set local maintenance_work_mem = '512MB'`.execute(tx);
    }
    const occupied = await nonEmptyTables(tx);
    if (occupied.length > 0) {
      if (!options.reset) throw new NotEmptyError(occupied);
      await truncateDomainTables(tx);
      say(`--reset: emptied ${DOMAIN_TABLES.join(", ")} (restart identity); users kept`);
    }
    const deferred = await dropDeferrable(tx, TABLE_ORDER);
    const triggers = await triggersOffForTheLoad(tx);
    for (const t of triggers) await sql`alter table ${sql.table(t.table)} disable trigger ${sql.id(t.name)}`.execute(tx);
    say(`dropped ${deferred.foreignKeys.length} foreign keys and ${deferred.indexes.length} non-unique indexes for the load (restored below from their catalog definitions)`);

    // The app loads the shipped data set into any database that lacks it (PARLEY_SEED): keep its
    // slugs free so that it can sit next to the generated records.
    const shipped = shippedDataset();
    const world = buildWorld(options.seed, sizes, {
      actors: shipped.actors.map((a) => a.slug),
      venues: shipped.venues.map((v) => v.slug),
      processes: shipped.processes.map((p) => p.slug),
      rounds: shipped.rounds.map((r) => r.slug),
    });
    for (const key of TABLE_ORDER) {
      const rows = world.rows[key];
      if (rows && rows.length > 0) await insertRows(tx, rows);
    }
    say(
      `wrote ${world.rows.actors!.length} actors, ${sizes.venues} venues, ${sizes.processes} processes, ` +
        `${world.rows.rounds!.length} rounds, ${world.rows.commitments!.length} commitments`,
    );

    const sourceRng = createRng(options.seed, "sources");
    for (let from = 1; from <= sizes.sources; from += SOURCE_BATCH) {
      const rows = new Rows(SPECS.sources);
      addSources(world.sources, sourceRng, rows, from, Math.min(sizes.sources, from + SOURCE_BATCH - 1));
      await insertRows(tx, rows);
    }
    say(`wrote ${sizes.sources} sources`);

    const stream = new IncidentStream(world, options.seed);
    let inFlight: Promise<unknown> | null = null;
    let reported = 0;
    while (stream.remaining > 0) {
      const batch: Batch = {};
      for (let left = Math.min(batchSize, stream.remaining); left > 0; left -= SLICE) {
        stream.fill(batch, Math.min(SLICE, left));
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (inFlight) await inFlight;
      const statements = TABLE_ORDER.flatMap((k) => (batch[k] && batch[k].length > 0 ? [insertRows(tx, batch[k])] : []));
      inFlight = Promise.all(statements);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      inFlight.catch(() => {});
      const done = sizes.incidents - stream.remaining;
      if (done - reported >= sizes.incidents / 10 || stream.remaining === 0) {
        reported = done;
        say(`incidents ${done.toLocaleString("en")} / ${sizes.incidents.toLocaleString("en")}`);
      }
    }
    await inFlight;
    say("incidents, claims, breaches, citations and date assertions written");

    await restoreDeferred(tx, deferred, say);
    // The fills join every claim and breach to its incident: without statistics on the tables just
    // loaded the planner guessed them empty, and the 2,000,000-incident fill took minutes.
    await sql`analyze incidents, claims, breaches, commitments`.execute(tx);
    await rebuildSummaries(tx, say);
    await sql`update data_version set n = n + 1`.execute(tx);
    for (const t of triggers) await sql`alter table ${sql.table(t.table)} enable trigger ${sql.id(t.name)}`.execute(tx);
    await resetSequences(tx, SERIAL_TABLES);
  });
  say("committed");
  await sql`analyze ${sql.join(TABLE_ORDER.map((t) => sql.table(t)))}`.execute(db);
  say("analyzed");
  const counts = await rowCounts(db, TABLE_ORDER);
  return { counts, seconds: seconds() };
}
