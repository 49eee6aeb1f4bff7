import { sql, type Kysely, type QueryCreator } from "kysely";
import { z } from "zod";
import { BREACH_ASSESSMENTS, type BreachAssessment, type DatePrecision, type IncidentKind } from "@db/enums";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import {
  cursorSortRefinement,
  dateRangeRefinement,
  enumParam,
  isoDateParam,
  pagingShape,
  slugParam,
} from "~/utils/query.server";
import type { ActorRef } from "./rounds.server";
import { citationsOf, type CitationRef } from "./shared.server";

// A breach carries its incident's date (incident_occurred_on, kept by the database, migration
// 2026-11-24T1852): sorting on it reads an index of breaches, filtered or not.
const SORTS = {
  "date-desc": { name: "date-desc", column: "b.incident_occurred_on", direction: "desc", idColumn: "b.id" },
  "date-asc": { name: "date-asc", column: "b.incident_occurred_on", direction: "asc", idColumn: "b.id" },
} as const satisfies Record<string, KeysetSort>;

/** The breach's date, for ordering and filtering (`b` is the breach). */
export const breachDate = sql.ref<string>("b.incident_occurred_on");
export const BREACH_SORTS = Object.keys(SORTS) as (keyof typeof SORTS)[];

/** A record's number in a filter, e.g. `?commitment=12`. */
export const recordIdParam = z
  .string()
  .regex(/^\d{1,9}$/, { error: "Use the record's number, for example 12." })
  .transform(Number);

export const breachListQuerySchema = z
  .object({
    commitment: recordIdParam.optional(),
    incident: recordIdParam.optional(),
    assessment: enumParam(BREACH_ASSESSMENTS, "breach assessment").optional(),
    responsible: slugParam.optional(),
    "alleged-by": slugParam.optional(),
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    sort: z.enum(BREACH_SORTS, { error: `Sort by one of: ${BREACH_SORTS.join(", ")}.` }).default("date-desc"),
    ...pagingShape,
  })
  .superRefine(dateRangeRefinement)
  .superRefine(cursorSortRefinement);
export type BreachListQuery = z.infer<typeof breachListQuerySchema>;

export interface BreachIncident {
  id: number;
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  kind: IncidentKind;
  placeName: string | null;
  district: string | null;
  province: string | null;
  countryCode: string;
}

export interface BreachItem {
  id: number;
  assessment: BreachAssessment;
  reasoning: string;
  commitment: { id: number; title: string };
  incident: BreachIncident;
  responsible: ActorRef | null;
  allegedBy: ActorRef | null;
  sources: CitationRef[];
}

/**
 * Live breaches with everything a reader needs to follow them, as one select. Takes `db` or, to
 * nest it in another record's query, that query's expression builder cast to a QueryCreator
 * (then correlate with `where(sql.ref("b.commitment_id"), "=", sql.ref(...))`).
 */
export function breachItemsQuery(qc: QueryCreator<Database>) {
  return qc
    .selectFrom("breaches as b")
    .innerJoin("commitments as bc", "bc.id", "b.commitment_id")
    .innerJoin("incidents as i", "i.id", "b.incident_id")
    .leftJoin("actors as ra", (j) => j.onRef("ra.id", "=", "b.responsible_id").on("ra.deleted_at", "is", null))
    .leftJoin("actors as aa", (j) => j.onRef("aa.id", "=", "b.alleged_by_id").on("aa.deleted_at", "is", null))
    .where("b.deleted_at", "is", null)
    .where("bc.deleted_at", "is", null)
    .where("i.deleted_at", "is", null)
    .select((eb) => [
      "b.id",
      "b.assessment",
      "b.reasoning",
      sql<BreachItem["commitment"]>`json_build_object('id', bc.id, 'title', bc.title)`.as("commitment"),
      sql<BreachIncident>`json_build_object(
        'id', i.id, 'title', i.title, 'occurredOn', i.occurred_on, 'datePrecision', i.date_precision,
        'kind', i.kind, 'placeName', i.place_name, 'district', i.district, 'province', i.province,
        'countryCode', i.country_code)`.as("incident"),
      sql<ActorRef | null>`case when ra.id is null then null else json_build_object('slug', ra.slug, 'name', ra.name) end`.as(
        "responsible",
      ),
      sql<ActorRef | null>`case when aa.id is null then null else json_build_object('slug', aa.slug, 'name', aa.name) end`.as(
        "allegedBy",
      ),
      citationsOf(eb, "breach_id", "b.id").as("sources"),
    ]);
}

function actorIdBySlug(slug: string) {
  return sql<number>`(select id from actors where slug = ${slug})`;
}

export async function listBreaches(db: Kysely<Database>, q: Omit<BreachListQuery, "format"> & { limit: number }) {
  let qb = breachItemsQuery(db);
  if (q.commitment !== undefined) qb = qb.where("b.commitment_id", "=", q.commitment);
  if (q.incident !== undefined) qb = qb.where("b.incident_id", "=", q.incident);
  if (q.assessment) qb = qb.where("b.assessment", "=", q.assessment);
  if (q.responsible) qb = qb.where("b.responsible_id", "=", actorIdBySlug(q.responsible));
  if (q["alleged-by"]) qb = qb.where("b.alleged_by_id", "=", actorIdBySlug(q["alleged-by"]));
  if (q.from) qb = qb.where(breachDate, ">=", q.from);
  if (q.to) qb = qb.where(breachDate, "<=", q.to);

  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<BreachItem, typeof qb>(qb, SORTS[q.sort], page, (row) => ({ key: row.incident.occurredOn, id: row.id }));
}

/** One live breach, the same shape as a list item (one query). */
export async function getBreach(db: Kysely<Database>, id: number) {
  const row = await breachItemsQuery(db).where("b.id", "=", id).executeTakeFirst();
  return (row as BreachItem | undefined) ?? null;
}

export const breachCsvColumns: CsvColumn<BreachItem>[] = [
  { header: "id", value: (b) => b.id },
  { header: "commitment_id", value: (b) => b.commitment.id },
  { header: "commitment_title", value: (b) => b.commitment.title },
  { header: "incident_id", value: (b) => b.incident.id },
  { header: "incident_title", value: (b) => b.incident.title },
  { header: "incident_date", value: (b) => b.incident.occurredOn },
  { header: "incident_date_precision", value: (b) => b.incident.datePrecision },
  { header: "incident_kind", value: (b) => b.incident.kind },
  { header: "responsible", value: (b) => b.responsible?.slug },
  { header: "alleged_by", value: (b) => b.allegedBy?.slug },
  { header: "assessment", value: (b) => b.assessment },
  { header: "reasoning", value: (b) => b.reasoning },
  { header: "source_ids", value: (b) => b.sources.map((s) => s.sourceId).join("; ") },
];
