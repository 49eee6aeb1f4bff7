// The database side of the generator: bulk inserts of column arrays through unnest (one statement
// per batch, on PostgreSQL and PGlite alike), and the bookkeeping around a bulk load.
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Rows } from "./tables";

export type AnyDb = Kysely<any>;

/**
 * Every table the generator owns, children before parents (the order TRUNCATE and the emptiness
 * check list them in). `users` is not among them: accounts survive a reset.
 */
export const DOMAIN_TABLES = [
  "revisions", "date_assertions", "citations", "breaches", "claims", "incidents", "commitment_relations",
  "commitment_parties", "commitments", "round_participants", "rounds", "venues", "processes", "actors", "sources",
] as const;

/**
 * `insert into t (…) select … from unnest($1::text::integer[], $2::text::text[], …)`: one statement
 * for the whole batch. Each column travels as one array literal, written here rather than by the
 * driver, which is several times slower at it and would keep the CPU from generating rows.
 */
export function insertRows(db: AnyDb, rows: Rows): Promise<unknown> {
  const { table, columns, derived = {}, helpers = [] } = rows.spec;
  const stored = columns.map(([name]) => name).filter((name) => !helpers.includes(name));
  const targets = [...stored, ...Object.keys(derived)];
  const values = [...stored, ...Object.values(derived)];
  const arrays = columns.map(([, type], i) => sql`${arrayLiteral(rows.columns[i], type === "text")}::text::${sql.raw(type)}[]`);
  return sql`insert into ${sql.table(table)} (${sql.join(targets.map((c) => sql.ref(c)))})
    select ${sql.raw(values.join(", "))}
    from unnest(${sql.join(arrays)}) as u(${sql.join(columns.map(([name]) => sql.ref(name)))})`.execute(db);
}

const NEEDS_ESCAPE = /["\\]/;

/** `{1,NULL,3}`, `{"a",NULL,"say \"hi\""}`: PostgreSQL's text form of a one-dimensional array. */
export function arrayLiteral(values: readonly unknown[], text: boolean): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = "NULL";
    else if (!text) parts[i] = String(v);
    else {
      const s = String(v);
      parts[i] = NEEDS_ESCAPE.test(s) ? `"${s.replace(/[\\"]/g, "\\$&")}"` : `"${s}"`;
    }
  }
  return `{${parts.join(",")}}`;
}

/** Names of the domain tables that hold at least one row. */
export async function nonEmptyTables(db: AnyDb): Promise<string[]> {
  const checks: RawBuilder<unknown>[] = DOMAIN_TABLES.map(
    (t) => sql`select ${t}::text as name where exists (select 1 from ${sql.table(t)})`,
  );
  const result = await sql<{ name: string }>`${sql.join(checks, sql` union all `)}`.execute(db);
  return result.rows.map((r) => r.name);
}

export async function truncateDomainTables(db: AnyDb): Promise<void> {
  await sql`truncate table ${sql.join(DOMAIN_TABLES.map((t) => sql.table(t)))} restart identity cascade`.execute(db);
}

export interface Deferred {
  indexes: { table: string; name: string; definition: string }[];
  foreignKeys: { table: string; name: string; definition: string }[];
}

/**
 * Drops the foreign keys and non-unique indexes of the given tables, after reading their exact
 * definitions from the catalog, so that `restore` puts back precisely what the migrations made.
 * Primary keys and unique indexes stay: they guard the load itself.
 */
export async function dropDeferrable(db: AnyDb, tables: readonly string[]): Promise<Deferred> {
  const indexes = await sql<{ table: string; name: string; definition: string }>`
    select i.tablename as table, i.indexname as name, i.indexdef as definition
    from pg_indexes i
    join pg_index x on x.indexrelid = format('%I.%I', i.schemaname, i.indexname)::regclass
    where i.schemaname = 'public' and i.tablename in (${sql.join(tables)}) and not x.indisunique
    order by i.tablename, i.indexname`.execute(db);
  const foreignKeys = await sql<{ table: string; name: string; definition: string }>`
    select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace and c.conrelid::regclass::text in (${sql.join(tables)})
    order by 1, 2`.execute(db);
  for (const fk of foreignKeys.rows) await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.ref(fk.name)}`.execute(db);
  for (const ix of indexes.rows) await sql`drop index ${sql.ref(ix.name)}`.execute(db);
  return { indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

/** Recreates what `dropDeferrable` dropped; adding each foreign key checks every row against it. */
export async function restoreDeferred(db: AnyDb, deferred: Deferred, progress: (line: string) => void): Promise<void> {
  for (const ix of deferred.indexes) await sql.raw(ix.definition).execute(db);
  progress(`recreated ${deferred.indexes.length} indexes`);
  for (const fk of deferred.foreignKeys) {
    await sql`alter table ${sql.table(fk.table)} add constraint ${sql.ref(fk.name)} ${sql.raw(fk.definition)}`.execute(db);
  }
  progress(`re-added and checked ${deferred.foreignKeys.length} foreign keys`);
}

/** Moves each serial sequence past the explicit ids the generator wrote. */
export async function resetSequences(db: AnyDb, tables: readonly string[]): Promise<void> {
  for (const t of tables) {
    await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce(max(id), 0) + 1, false) from ${sql.table(t)}`.execute(db);
  }
}

export async function rowCounts(db: AnyDb, tables: readonly string[]): Promise<Record<string, number>> {
  const parts = tables.map((t) => sql`select ${t}::text as name, count(*)::int as n from ${sql.table(t)}`);
  const result = await sql<{ name: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const byName = new Map(result.rows.map((r) => [r.name, Number(r.n)]));
  return Object.fromEntries(tables.map((t) => [t, byName.get(t) ?? 0]));
}
