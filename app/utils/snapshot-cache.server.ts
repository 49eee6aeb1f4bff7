// Results of heavy read-only computations (the analysis page, the scorecards), kept in memory and
// keyed by the database snapshot they were computed in: PostgreSQL's pg_current_snapshot() names
// exactly which transactions a query sees, and it changes with every commit of a writing
// transaction. A result is served again only to a request whose snapshot is the same, that is,
// when nothing has been written since; any write makes the next request compute afresh.
// Decision 0006 says why this and not more summary tables.
import { sql, type Kysely } from "kysely";

interface Entry {
  snapshot: string;
  value: Promise<unknown>;
}

export interface SnapshotCache {
  /**
   * `compute()`'s result for `key`, computed afresh unless a result for `key` was computed in the
   * database snapshot current now. Concurrent requests for the same key and snapshot share one
   * computation. With `fresh`, always computes (and keeps the result for the next request).
   */
  get<T>(db: Kysely<any>, key: string, compute: () => Promise<T>, options?: { fresh?: boolean }): Promise<T>;
  /** How many results it holds for the database (tests). */
  size(db: Kysely<any>): number;
  clear(): void;
}

/**
 * A cache of at most `maxEntries` results, the least recently used dropped first. The snapshot
 * read is taken before the computation starts, so a result is never filed under a snapshot older
 * than what it saw minus nothing: it may include a write committed while it ran, and then that
 * write has already changed the snapshot later requests see.
 */
export function snapshotCache(maxEntries: number): SnapshotCache {
  // Per database handle: two databases (PGlite and PostgreSQL in the tests) can be at the same snapshot.
  let byDb = new WeakMap<Kysely<any>, Map<string, Entry>>();
  return {
    async get<T>(db: Kysely<any>, key: string, compute: () => Promise<T>, options?: { fresh?: boolean }): Promise<T> {
      let entries = byDb.get(db);
      if (!entries) {
        entries = new Map();
        byDb.set(db, entries);
      }
      const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
      const snapshot = rows[0].snapshot;
      const held = entries.get(key);
      if (held && held.snapshot === snapshot && !options?.fresh) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, held);
        return held.value as Promise<T>;
      }
      const value = compute();
      const entry = { snapshot, value };
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
    clear: () => {
      byDb = new WeakMap();
    },
  };
}

/** Whether the request asks for a fresh answer (Cache-Control: no-cache), as a browser's hard reload does. */
export function wantsFresh(request: Request): boolean {
  return /\bno-cache\b/i.test(request.headers.get("cache-control") ?? "") || /\bno-cache\b/i.test(request.headers.get("pragma") ?? "");
}
