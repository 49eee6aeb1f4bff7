// Runs a suite once per engine: an in-memory PGlite and a real PostgreSQL database cloned from
// the migrated template. Every table is emptied between tests.
import { sql, type LogEvent } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from "vitest";
import { migrateToLatest, openDatabase, type DB, type Engine, type OpenedDatabase } from "../../db/connection";
import type { Dataset } from "../../db/dataset/schema";
import { loadDataset } from "../../db/dataset/load";
import { parseDataset } from "../../db/dataset/parse";
import { adminUrl, DB_PREFIX, TEMPLATE_DB, urlFor } from "./global-setup";
import { unpointAppDatabase } from "./routes";

export interface TestDatabase {
  readonly db: DB;
  readonly engine: Engine;
  /** Queries run since the last `resetQueryCount()`. */
  readonly queries: string[];
  resetQueryCount(): void;
  load(dataset: Dataset): Promise<void>;
}

let counter = 0;

async function openTestDatabase(engine: Engine, onQuery: (e: LogEvent) => void): Promise<{ opened: OpenedDatabase; drop: () => Promise<void> }> {
  if (engine === "pglite") {
    const opened = await openDatabase({ dataDir: "memory://", onQuery });
    await migrateToLatest(opened.db);
    return { opened, drop: async () => {} };
  }
  const name = `${DB_PREFIX}_${process.pid}_${++counter}`;
  const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
  await sql`create database ${sql.id(name)} template ${sql.id(TEMPLATE_DB)}`.execute(admin.db);
  await admin.close();
  const opened = await openDatabase({ databaseUrl: urlFor(name), poolSize: 4, onQuery });
  return {
    opened,
    drop: async () => {
      const a = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(a.db);
      await a.close();
    },
  };
}

export function testEngines(): Engine[] {
  return inject("postgres").available ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * `describeEachEngine("rounds", (t) => { it(..., async () => { await t.load(...); t.db ... }) })`
 */
export function describeEachEngine(name: string, body: (t: TestDatabase) => void) {
  const pg = inject("postgres");
  for (const engine of ["pglite", "postgres"] as const) {
    const run = engine === "pglite" || pg.available ? describe : describe.skip;
    run(`${name} [${engine}]`, () => {
      let opened: OpenedDatabase | undefined;
      let drop: (() => Promise<void>) | undefined;
      let counting = false;
      const queries: string[] = [];
      const t: TestDatabase = {
        get db() {
          if (!opened) throw new Error("test database not open yet");
          return opened.db;
        },
        engine,
        queries,
        resetQueryCount() {
          queries.length = 0;
          counting = true;
        },
        async load(dataset) {
          counting = false;
          await loadDataset(t.db, parseDataset(dataset));
          queries.length = 0;
          counting = true;
        },
      };
      beforeAll(async () => {
        ({ opened, drop } = await openTestDatabase(engine, (e) => {
          if (counting && e.level === "query") queries.push(e.query.sql);
        }));
      });
      beforeEach(unpointAppDatabase);
      afterEach(async () => {
        counting = false;
        // Every table but the migrations' and the data version, which only ever moves on: emptied, it
        // would count again from zero and meet versions that results were kept under (decision 0006).
        const tables = await sql<{ tablename: string }>`
          select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'
            and tablename <> 'data_version'`.execute(t.db);
        await sql`truncate table ${sql.join(tables.rows.map((r) => sql.id(r.tablename)))} restart identity cascade`.execute(t.db);
        queries.length = 0;
      });
      afterAll(async () => {
        await opened?.close();
        await drop?.();
      });
      body(t);
    });
  }
}
