// Subqueries shared by the record models: a record's citations and its disputed dates, nested
// into the record's own query with jsonArrayFrom (one query, not one per record).
import { sql, type ExpressionBuilder } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DatePrecision, SourceKind } from "@db/enums";
import type { Database } from "@db/types";

export type CitingColumn = "actor_id" | "process_id" | "round_id" | "commitment_id" | "incident_id" | "breach_id";
export type DatedColumn = "round_id" | "commitment_id" | "incident_id";

export interface CitationRef {
  sourceId: number;
  title: string;
  publisher: string;
  kind: SourceKind;
  publishedOn: string | null;
  datePrecision: DatePrecision | null;
  url: string | null;
  locator: string | null;
}

export interface DateAssertion {
  field: string;
  value: string;
  precision: DatePrecision;
  note: string;
  sourceId: number;
  sourceTitle: string;
  sourcePublisher: string;
}

/** `eb` must be inside a query where `recordId` refers to the record's id column. */
export function citationsOf<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: CitingColumn,
  recordId: string,
) {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return jsonArrayFrom(
    e
      .selectFrom("citations as ct")
      .innerJoin("sources as s", "s.id", "ct.source_id")
      .where(sql.ref(`ct.${column}`), "=", sql.ref(recordId))
      .where("s.deleted_at", "is", null)
      .select([
        "s.id as sourceId",
        "s.title",
        "s.publisher",
        "s.kind",
        "s.published_on as publishedOn",
        "s.date_precision as datePrecision",
        "s.url",
        "ct.locator",
      ])
      .orderBy("s.published_on")
      .orderBy("s.id"),
  ).$castTo<CitationRef[]>();
}

export function dateAssertionsOf<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: DatedColumn,
  recordId: string,
) {
  const e = eb as unknown as ExpressionBuilder<Database, never>;
  return jsonArrayFrom(
    e
      .selectFrom("date_assertions as da")
      .innerJoin("sources as s", "s.id", "da.source_id")
      .where(sql.ref(`da.${column}`), "=", sql.ref(recordId))
      .select([
        "da.field",
        "da.value",
        "da.precision",
        "da.note",
        "s.id as sourceId",
        "s.title as sourceTitle",
        "s.publisher as sourcePublisher",
      ])
      .orderBy("da.field")
      .orderBy("da.value"),
  ).$castTo<DateAssertion[]>();
}

/** Resolves an API id parameter: a number is an id, anything else a slug. */
export function idOrSlug(value: string): { id: number } | { slug: string } {
  return /^\d{1,9}$/.test(value) ? { id: Number(value) } : { slug: value };
}
