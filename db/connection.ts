// Opens Parley's database: a real PostgreSQL through `pg` when a URL is given, otherwise an
// embedded PGlite in a local folder. Both return the same JS types for the same SQL (see
// `parsers`), run with the session time zone at UTC, and run the same migrations.
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { Kysely, Migrator, PostgresDialect, type Compilable, type LogEvent, type PostgresPool, type PostgresPoolClient } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrationProvider } from "./migrations/index";
import type { Database } from "./types";

export type DB = Kysely<Database>;
export type Engine = "postgres" | "pglite";

export interface OpenedDatabase {
  db: DB;
  engine: Engine;
  close: () => Promise<void>;
}

export interface OpenOptions {
  /** postgres://… — when absent, PGlite is used. */
  databaseUrl?: string;
  /** PGlite folder, or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  /** Called with every executed query; the tests use it to count a loader's queries. */
  onQuery?: (event: LogEvent) => void;
  poolSize?: number;
}

const OID = { INT8: 20, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

/** "2025-10-19 06:30:00.123+00" -> "2025-10-19T06:30:00.123Z" */
export function timestampToIso(value: string): string {
  const normalized = value.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00");
  return new Date(normalized).toISOString();
}

// Counts come back as int8; they are far below 2^53, so a JS number is exact.
const parsers: Record<number, (value: string) => unknown> = {
  [OID.INT8]: (v) => Number(v),
  [OID.NUMERIC]: (v) => Number(v),
  [OID.DATE]: (v) => v,
  [OID.TIMESTAMP]: (v) => v,
  [OID.TIMESTAMPTZ]: (v) => timestampToIso(v),
};

/** Starts the SQL of a query that runs as a named prepared statement on PostgreSQL (executePrepared). */
const PREPARED = "/* prepared */ ";

/**
 * Runs a query as a named prepared statement on PostgreSQL: parsed and planned once per connection,
 * then, from the sixth run, on a generic plan when PostgreSQL estimates it as good as planning
 * afresh. For a large query run on every request of a page whose planning costs more than its
 * execution (the actor page: 6 ms planning, 3 ms execution). On PGlite it runs as any query.
 * The query's SQL must come in a bounded number of shapes: each is a statement kept by every
 * connection.
 */
export async function executePrepared<O>(db: Kysely<any>, query: Compilable<O>): Promise<O[]> {
  const compiled = query.compile();
  const { rows } = await db.executeQuery<O>({ ...compiled, sql: PREPARED + compiled.sql });
  return rows;
}

/** The pool, with queries marked by executePrepared sent as named statements (named by their SQL's hash). */
function preparingPool(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled client: Kysely keeps its connection object per client.
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const prepare = (text: string) => `parley_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrapped.get(client);
      if (!wrapper) {
        const query = (text: unknown, values?: unknown[]) =>
          typeof text === "string" && text.startsWith(PREPARED) ? client.query({ name: prepare(text), text, values }) : client.query(text as string, values);
        wrapper = { query: query as unknown as PostgresPoolClient["query"], release: (destroy?: boolean) => client.release(destroy) };
        wrapped.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

export async function openDatabase(options: OpenOptions = {}): Promise<OpenedDatabase> {
  const log = options.onQuery;
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // No JIT: a page's queries run in milliseconds, and compiling one whose estimated cost passes
      // jit_above_cost took longer than running it (docs/performance.md).
      options: "-c TimeZone=UTC -c jit=off",
      types: {
        getTypeParser: ((oid: number, format?: "text" | "binary") =>
          parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle connection the server ends (a restart, a dropped database) errors outside any query;
    // unheard, that error would take the whole process down. The pool replaces the connection.
    let closing = false;
    pool.on("error", (error) => {
      if (!closing) console.error(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), log });
    return {
      db,
      engine: "postgres",
      close: () => {
        closing = true;
        return db.destroy();
      },
    };
  }

  const dataDir = options.dataDir ?? ".data";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, {
    extensions: { unaccent, pg_trgm },
    parsers: {
      [pgliteTypes.INT8]: parsers[OID.INT8],
      [pgliteTypes.NUMERIC]: parsers[OID.NUMERIC],
      [pgliteTypes.DATE]: parsers[OID.DATE],
      [pgliteTypes.TIMESTAMP]: parsers[OID.TIMESTAMP],
      [pgliteTypes.TIMESTAMPTZ]: parsers[OID.TIMESTAMPTZ],
    },
  });
  await pglite.exec("set time zone 'UTC'");
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log });
  return { db, engine: "pglite", close: () => db.destroy() };
}

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
