// Keyset pagination: a page is "the rows after (or before) this sort key", never an OFFSET, so
// page 10,000 costs what page 1 costs. A cursor carries the sort it was made for.
import { sql, type SelectQueryBuilder } from "kysely";

export type Cursor = { sort: string; key: string | number | null; id: number };
export type SortDirection = "asc" | "desc";

export interface KeysetSort {
  /** Name shown in the URL, e.g. "date-desc". */
  name: string;
  /** Qualified column, e.g. "r.start_date". Must be NOT NULL (or coalesced) for a total order. */
  column: string;
  direction: SortDirection;
  /** The row's id column, the tiebreaker, e.g. "r.id". */
  idColumn: string;
}

export interface PageRequest {
  after?: Cursor;
  before?: Cursor;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursors for the next and previous pages, or null at either end. */
  next: string | null;
  prev: string | null;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString("base64url");
}

export function decodeCursor(value: string): Cursor | null {
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [sort, key, id] = parsed;
    if (typeof sort !== "string" || !Number.isSafeInteger(id)) return null;
    if (key !== null && typeof key !== "string" && typeof key !== "number") return null;
    return { sort, key, id };
  } catch {
    return null;
  }
}

export class CursorMismatch extends Error {}

/**
 * Runs `qb` as one page: adds the keyset condition, the order and a limit of one extra row (to
 * know whether another page exists). `keyOf` reads the sort key and id back from a result row.
 */
export async function fetchPage<Row, QB extends SelectQueryBuilder<any, any, any>>(
  qb: QB,
  sort: KeysetSort,
  page: PageRequest,
  keyOf: (row: Row) => { key: string | number; id: number },
): Promise<Page<Row>> {
  const cursor = page.before ?? page.after;
  if (cursor && cursor.sort !== sort.name) throw new CursorMismatch();
  const backwards = Boolean(page.before);
  const forwardOp = sort.direction === "asc" ? ">" : "<";
  const op = backwards ? (forwardOp === ">" ? "<" : ">") : forwardOp;
  const dir = backwards ? (sort.direction === "asc" ? "desc" : "asc") : sort.direction;

  let query = qb as SelectQueryBuilder<any, any, any>;
  if (cursor) {
    query = query.where(
      sql<boolean>`(${sql.ref(sort.column)}, ${sql.ref(sort.idColumn)}) ${sql.raw(op)} (${cursor.key}, ${cursor.id})`,
    );
  }
  const rows = (await query
    .orderBy(sql.ref(sort.column), dir)
    .orderBy(sql.ref(sort.idColumn), dir)
    .limit(page.limit + 1)
    .execute()) as Row[];

  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit);
  if (backwards) items.reverse();
  const make = (row: Row | undefined) => {
    if (!row) return null;
    const { key, id } = keyOf(row);
    return encodeCursor({ sort: sort.name, key, id });
  };
  if (backwards) {
    return { items, prev: more ? make(items[0]) : null, next: make(items[items.length - 1]) };
  }
  return { items, next: more ? make(items[items.length - 1]) : null, prev: page.after ? make(items[0]) : null };
}
