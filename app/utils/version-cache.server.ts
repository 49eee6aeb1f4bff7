// Results of heavy read-only computations (the analysis page, the scorecards), kept in memory and
// keyed by the version of the database's records they were computed at: data_version, which every
// committed write to a record moves on, in the writing transaction (migration 2026-11-24T2000). A
// result is served again only while the version is the same, that is, while nothing has been
// written since; any write makes the next request compute afresh. Decision 0006 says why this and
// not more summary tables.
import { sql, type Kysely } from "kysely";

interface Entry {
  version: string;
  value: Promise<unknown>;
}

export interface VersionCache {
  /**
   * `compute()`'s result for `key`, computed afresh unless a result for `key` was computed at the
   * data version current now. Concurrent requests for the same key and version share one
   * computation. With `fresh`, always computes (and keeps the result for the next request).
   */
  get<T>(db: Kysely<any>, key: string, compute: () => Promise<T>, options?: { fresh?: boolean; version?: Promise<string> }): Promise<T>;
  /** How many results it holds for the database (tests). */
  size(db: Kysely<any>): number;
}

/**
 * A cache of at most `maxEntries` results, the least recently used dropped first. The version is
 * read before the computation starts, so a result sees at least every write of its version: it may
 * include a write committed while it ran, and then that write has already moved the version later
 * requests read.
 */
export function versionCache(maxEntries: number): VersionCache {
  // Per database handle: two databases (PGlite and PostgreSQL in the tests) can be at the same version.
  const byDb = new WeakMap<Kysely<any>, Map<string, Entry>>();
  return {
    async get<T>(db: Kysely<any>, key: string, compute: () => Promise<T>, options?: { fresh?: boolean; version?: Promise<string> }): Promise<T> {
      let entries = byDb.get(db);
      if (!entries) {
        entries = new Map();
        byDb.set(db, entries);
      }
      const version = await (options?.version ?? readDataVersion(db));
      const held = entries.get(key);
      if (held && held.version === version && !options?.fresh) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, held);
        return held.value as Promise<T>;
      }
      const value = compute();
      const entry = { version, value };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      // A failure is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    size: (db) => byDb.get(db)?.size ?? 0,
  };
}

/** The current data version; `get` reads it unless given the version its caller already read. */
export async function readDataVersion(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ version: string }>`select n::text as version from data_version`.execute(db);
  return rows[0].version;
}

/** Whether the request asks for a fresh answer (Cache-Control: no-cache), as a browser's hard reload does. */
export function wantsFresh(request: Request): boolean {
  return /\bno-cache\b/i.test(request.headers.get("cache-control") ?? "") || /\bno-cache\b/i.test(request.headers.get("pragma") ?? "");
}
