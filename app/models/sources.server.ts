import { sql, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import {
  SOURCE_KINDS,
  type BreachAssessment,
  type ClaimCategory,
  type ClaimRank,
  type DatePrecision,
  type SourceKind,
} from "@db/enums";
import { executePrepared } from "@db/connection";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import { cursorSortRefinement, dateRangeRefinement, enumParam, isoDateParam, pagingShape } from "~/utils/query.server";
import type { ActorRef } from "./rounds.server";

// published_on is nullable but a keyset needs a total order on NOT NULL keys. Undated sources sort
// as if dated 0001-01-01 newest-first and 9999-12-31 oldest-first, i.e. always last, and their
// cursors carry that stand-in date. The same stand-in is used in SQL (below) and in the cursor (keyOf).
const UNDATED_NEWEST_FIRST = "0001-01-01";
const UNDATED_OLDEST_FIRST = "9999-12-31";

const SORTS = {
  "date-desc": { name: "date-desc", column: "sl.newest_key", direction: "desc", idColumn: "sl.id" },
  "date-asc": { name: "date-asc", column: "sl.oldest_key", direction: "asc", idColumn: "sl.id" },
} as const satisfies Record<string, KeysetSort>;
export const SOURCE_SORTS = Object.keys(SORTS) as (keyof typeof SORTS)[];

export const sourceListQuerySchema = z
  .object({
    kind: enumParam(SOURCE_KINDS, "kind of source").optional(),
    publisher: z.string().max(200, { error: "This publisher name is too long." }).optional(),
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    sort: z.enum(SOURCE_SORTS, { error: `Sort by one of: ${SOURCE_SORTS.join(", ")}.` }).default("date-desc"),
    ...pagingShape,
  })
  .superRefine(dateRangeRefinement)
  .superRefine(cursorSortRefinement);
export type SourceListQuery = z.infer<typeof sourceListQuerySchema>;

export interface SourceListItem {
  id: number;
  kind: SourceKind;
  publisher: string;
  title: string;
  author: string | null;
  publishedOn: string | null;
  datePrecision: DatePrecision | null;
  url: string | null;
}

// Both keys have an index (migration 2026-11-24T1851) on exactly these expressions: the stand-ins
// are literals, not parameters, so that the planner matches them to the indexes.
const newestKey = sql<string>`coalesce(s.published_on, cast(${sql.lit(UNDATED_NEWEST_FIRST)} as date))`;
const oldestKey = sql<string>`coalesce(s.published_on, cast(${sql.lit(UNDATED_OLDEST_FIRST)} as date))`;

export async function listSources(db: Kysely<Database>, q: Omit<SourceListQuery, "format"> & { limit: number }) {
  const key = q.sort === "date-desc" ? newestKey : oldestKey;
  let filtered = db
    .selectFrom("sources as s")
    .where("s.deleted_at", "is", null)
    .selectAll("s")
    .select([newestKey.as("newest_key"), oldestKey.as("oldest_key")]);
  if (q.kind) filtered = filtered.where("s.kind", "=", q.kind);
  if (q.publisher) filtered = filtered.where("s.publisher", "=", q.publisher);
  // A dated source's key is its date, and the date conditions leave undated ones out: the same
  // bounds on the key let the index skip straight to the range.
  if (q.from) filtered = filtered.where("s.published_on", ">=", q.from).where(key, ">=", sql<string>`cast(${q.from} as date)`);
  if (q.to) filtered = filtered.where("s.published_on", "<=", q.to).where(key, "<=", sql<string>`cast(${q.to} as date)`);

  const qb = db
    .selectFrom(filtered.as("sl"))
    .select([
      "sl.id",
      "sl.kind",
      "sl.publisher",
      "sl.title",
      "sl.author",
      "sl.published_on as publishedOn",
      "sl.date_precision as datePrecision",
      "sl.url",
    ]);
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<SourceListItem, typeof qb>(qb, SORTS[q.sort], page, (row) => ({
    key: row.publishedOn ?? (q.sort === "date-desc" ? UNDATED_NEWEST_FIRST : UNDATED_OLDEST_FIRST),
    id: row.id,
  }));
}

export const sourceCsvColumns: CsvColumn<SourceListItem>[] = [
  { header: "id", value: (s) => s.id },
  { header: "kind", value: (s) => s.kind },
  { header: "publisher", value: (s) => s.publisher },
  { header: "title", value: (s) => s.title },
  { header: "author", value: (s) => s.author },
  { header: "published_on", value: (s) => s.publishedOn },
  { header: "date_precision", value: (s) => s.datePrecision },
  { header: "url", value: (s) => s.url },
];

/**
 * Publishers for the filter form (one query). A few hundred publishers among hundreds of thousands
 * of sources: each step jumps along the publisher index to the next name instead of reading every
 * source.
 */
export async function sourceFilterOptions(db: Kysely<Database>) {
  const { rows } = await sql<{ publisher: string }>`
    with recursive p(publisher) as (
      (select publisher from sources where deleted_at is null order by publisher limit 1)
      union all
      select (select s.publisher from sources s where s.deleted_at is null and s.publisher > p.publisher order by s.publisher limit 1)
      from p where p.publisher is not null)
    select publisher from p where publisher is not null`.execute(db);
  return { publishers: rows.map((r) => r.publisher) };
}

/** A record citing the source, with the place in the source (page, paragraph) when given. */
interface Cited {
  locator: string | null;
}

export interface CitedDatedRecord extends Cited {
  id: number;
  title: string;
  date: string;
  datePrecision: DatePrecision;
}

export interface SourceDetail extends SourceListItem {
  notes: string | null;
  version: number;
  updatedAt: string;
  rounds: (Cited & { slug: string; title: string; startDate: string; startPrecision: DatePrecision })[];
  commitments: CitedDatedRecord[];
  incidents: CitedDatedRecord[];
  breaches: (Cited & {
    id: number;
    assessment: BreachAssessment;
    commitment: { id: number; title: string };
    incident: { id: number; title: string };
  })[];
  actors: (Cited & ActorRef)[];
  processes: (Cited & { slug: string; name: string })[];
  /** Casualty claims whose figures come from this source. */
  claims: (Cited & {
    id: number;
    category: ClaimCategory;
    killedLow: number | null;
    killedHigh: number | null;
    injuredLow: number | null;
    injuredHigh: number | null;
    rank: ClaimRank;
    claimant: ActorRef;
    incident: { id: number; title: string; occurredOn: string; datePrecision: DatePrecision };
  })[];
  /** Dates this source gives where sources disagree, with the record each is about. */
  dateAssertions: {
    field: string;
    value: string;
    precision: DatePrecision;
    note: string;
    record: { type: "round"; slug: string; title: string } | { type: "commitment" | "incident"; id: number; title: string };
  }[];
}

/** One live source and every live record that cites it, in one query. */
export async function getSource(db: Kysely<Database>, id: number) {
  const [row] = await executePrepared(
    db,
    db
      .selectFrom("sources as s")
      .where("s.deleted_at", "is", null)
      .where("s.id", "=", id)
      .select((eb) => {
        const citing = () => eb.selectFrom("citations as ct").whereRef("ct.source_id", "=", "s.id");
        // A record may cite the source more than once (different pages): it is listed once, with every locator.
        const locators = sql<string | null>`string_agg(ct.locator, '; ' order by ct.id)`.as("locator");
        return [
          "s.id",
          "s.kind",
          "s.publisher",
          "s.title",
          "s.author",
          "s.published_on as publishedOn",
          "s.date_precision as datePrecision",
          "s.url",
          "s.notes",
          "s.version",
          "s.updated_at as updatedAt",
          jsonArrayFrom(
            citing()
              .innerJoin("rounds as r", "r.id", "ct.round_id")
              .where("r.deleted_at", "is", null)
              .groupBy("r.id")
              .select(["r.slug", "r.title", "r.start_date as startDate", "r.start_precision as startPrecision", locators])
              .orderBy("r.start_date")
              .orderBy("r.id"),
          ).as("rounds"),
          jsonArrayFrom(
            citing()
              .innerJoin("commitments as c", "c.id", "ct.commitment_id")
              .where("c.deleted_at", "is", null)
              .groupBy("c.id")
              .select(["c.id", "c.title", "c.takes_effect_on as date", "c.takes_effect_precision as datePrecision", locators])
              .orderBy("c.takes_effect_on")
              .orderBy("c.id"),
          ).as("commitments"),
          jsonArrayFrom(
            citing()
              .innerJoin("incidents as i", "i.id", "ct.incident_id")
              .where("i.deleted_at", "is", null)
              .groupBy("i.id")
              .select(["i.id", "i.title", "i.occurred_on as date", "i.date_precision as datePrecision", locators])
              .orderBy("i.occurred_on")
              .orderBy("i.id"),
          ).as("incidents"),
          jsonArrayFrom(
            citing()
              .innerJoin("breaches as b", "b.id", "ct.breach_id")
              .innerJoin("commitments as bc", "bc.id", "b.commitment_id")
              .innerJoin("incidents as bi", "bi.id", "b.incident_id")
              .where("b.deleted_at", "is", null)
              .where("bc.deleted_at", "is", null)
              .where("bi.deleted_at", "is", null)
              .groupBy(["b.id", "bc.id", "bi.id"])
              .select([
                "b.id",
                "b.assessment",
                sql<{ id: number; title: string }>`json_build_object('id', bc.id, 'title', bc.title)`.as("commitment"),
                sql<{ id: number; title: string }>`json_build_object('id', bi.id, 'title', bi.title)`.as("incident"),
                locators,
              ])
              .orderBy("bi.occurred_on")
              .orderBy("b.id"),
          ).as("breaches"),
          jsonArrayFrom(
            citing()
              .innerJoin("actors as a", "a.id", "ct.actor_id")
              .where("a.deleted_at", "is", null)
              .groupBy("a.id")
              .select(["a.slug", "a.name", locators])
              .orderBy("a.name"),
          ).as("actors"),
          jsonArrayFrom(
            citing()
              .innerJoin("processes as p", "p.id", "ct.process_id")
              .where("p.deleted_at", "is", null)
              .groupBy("p.id")
              .select(["p.slug", "p.name", locators])
              .orderBy("p.name"),
          ).as("processes"),
          jsonArrayFrom(
            eb
              .selectFrom("claims as cl")
              .innerJoin("incidents as ci", "ci.id", "cl.incident_id")
              .innerJoin("actors as ca", "ca.id", "cl.claimant_id")
              .whereRef("cl.source_id", "=", "s.id")
              .where("cl.deleted_at", "is", null)
              .where("ci.deleted_at", "is", null)
              .select([
                "cl.id",
                "cl.category",
                "cl.killed_low as killedLow",
                "cl.killed_high as killedHigh",
                "cl.injured_low as injuredLow",
                "cl.injured_high as injuredHigh",
                "cl.rank",
                "cl.locator",
                sql<ActorRef>`json_build_object('slug', ca.slug, 'name', ca.name)`.as("claimant"),
                sql<{ id: number; title: string; occurredOn: string; datePrecision: DatePrecision }>`json_build_object(
                  'id', ci.id, 'title', ci.title, 'occurredOn', ci.occurred_on, 'datePrecision', ci.date_precision)`.as("incident"),
              ])
              .orderBy("ci.occurred_on")
              .orderBy("cl.id"),
          ).as("claims"),
          jsonArrayFrom(
            eb
              .selectFrom("date_assertions as da")
              .leftJoin("rounds as dr", (j) => j.onRef("dr.id", "=", "da.round_id").on("dr.deleted_at", "is", null))
              .leftJoin("commitments as dc", (j) => j.onRef("dc.id", "=", "da.commitment_id").on("dc.deleted_at", "is", null))
              .leftJoin("incidents as di", (j) => j.onRef("di.id", "=", "da.incident_id").on("di.deleted_at", "is", null))
              .whereRef("da.source_id", "=", "s.id")
              .where(sql<boolean>`coalesce(dr.id, dc.id, di.id) is not null`)
              .select([
                "da.field",
                "da.value",
                "da.precision",
                "da.note",
                sql<SourceDetail["dateAssertions"][number]["record"]>`case
                  when dr.id is not null then json_build_object('type', 'round', 'slug', dr.slug, 'title', dr.title)
                  when dc.id is not null then json_build_object('type', 'commitment', 'id', dc.id, 'title', dc.title)
                  else json_build_object('type', 'incident', 'id', di.id, 'title', di.title) end`.as("record"),
              ])
              .orderBy("da.value")
              .orderBy("da.id"),
          ).as("dateAssertions"),
        ];
      })
  );
  return (row as SourceDetail | undefined) ?? null;
}

/** A numeric id from a route parameter, or null (the caller answers 404) for anything else. */
export function sourceIdParam(value: string | undefined): number | null {
  return value && /^\d{1,9}$/.test(value) ? Number(value) : null;
}
