// One search over rounds, commitments, incidents, actors, venues and sources, by their words.
// The indexing side — text search configurations folding diacritics, synonyms for spellings that
// do not fold, weighted `search` columns with GIN indexes — is in migration 2026-11-24T1800_search.
//
// A search is a fixed number of queries whatever the data size: one turns the words into a tsquery
// (parley_search_query: both configurations, synonyms rewritten), then one per record type. The
// tsquery travels to those as a literal parameter rather than as a function call, so that the
// planner sees its words — and picks the GIN index for a rare word, or a scan that stops after a
// few thousand rows for a word half the table contains — and so that it is not recomputed per row.
//
// Ranking is bounded: at most 100 matching records of a type are ranked on the grouped page, 200
// when one type is paged through (ts_rank_cd: titles and names above places above prose). Below
// that number — every record type of the shipped data — the ranking is exact; above it, the
// candidates are the first ones the scan finds, the total shows as "100+", and the reader is asked
// to add words. This keeps a search of two million incidents within its time budget: the bound is
// also what lets the planner stop a scan early when the words are common (with a small LIMIT it
// prefers a scan that stops after a few hundred rows to collecting a GIN bitmap of 270,000).
// ts_headline, the costly part, runs on the returned rows only.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { z } from "zod";
import type { DatePrecision } from "@db/enums";
import type { Database } from "@db/types";
import { enumParam } from "~/utils/query.server";
import {
  GROUP_CANDIDATES,
  GROUP_SIZE,
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  SEARCH_TYPES,
  TYPE_CANDIDATES,
  TYPE_PAGE_SIZE,
  type Highlighted,
  type SearchGroup,
  type SearchHit,
  type SearchResults,
  type SearchType,
} from "./search";

export const searchQuerySchema = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, { error: `Search for at most ${MAX_QUERY_LENGTH} characters.` }).optional(),
    type: enumParam(SEARCH_TYPES, "record type").optional(),
    page: z.coerce
      .number({ error: "The page must be a whole number." })
      .int({ error: "The page must be a whole number." })
      .min(1, { error: "The page must be at least 1." })
      .max(MAX_PAGE, { error: `Search shows at most ${MAX_PAGE} pages; add words to narrow the search.` })
      .default(1),
  })
  .superRefine((q, ctx) => {
    if (q.page > 1 && !q.type) {
      ctx.addIssue({ code: "custom", path: ["page"], message: "Choose a record type to see further pages." });
    }
  });
export type SearchQuery = z.infer<typeof searchQuerySchema>;

// Private-use characters cannot occur in the records' text, so they delimit matches unambiguously.
const START = "\uE000";
const STOP = "\uE001";
const MARKERS = `StartSel="${START}", StopSel="${STOP}"`;
const WHOLE = `HighlightAll=true, ${MARKERS}`;
const PASSAGE = `MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … ", ${MARKERS}`;

export function parseHighlight(text: string | null): Highlighted {
  if (!text) return [];
  const out: Highlighted = [];
  for (const [i, part] of text.split(START).entries()) {
    const [marked, rest] = i === 0 ? [null, part] : part.split(STOP, 2);
    if (marked) out.push({ text: marked, match: true });
    if (rest) out.push({ text: rest, match: false });
  }
  return out;
}

interface TypeSpec {
  table: "rounds" | "commitments" | "incidents" | "actors" | "venues" | "sources";
  /** Newer first among equal ranks. */
  recency: string | null;
  title: string;
  context: string;
  body: string;
  kind: string | null;
  date: [on: string, precision: string, end: string, endPrecision: string] | null;
  joins: string;
  url: (row: { id: number; slug: string | null }) => string;
  slug: boolean;
}

// Column expressions over the record `t`; constants only, never user input.
const SPECS: Record<SearchType, TypeSpec> = {
  round: {
    table: "rounds",
    recency: "t.start_date",
    title: "t.title",
    context: "coalesce(v.city || ', ' || v.country, '')",
    body: "t.summary",
    kind: "t.outcome",
    date: ["t.start_date", "t.start_precision", "t.end_date", "t.end_precision"],
    joins: "left join venues v on v.id = t.venue_id and v.deleted_at is null",
    url: (r) => `/rounds/${r.slug}`,
    slug: true,
  },
  commitment: {
    table: "commitments",
    recency: "t.takes_effect_on",
    title: "t.title",
    context: "coalesce(cr.title, '')",
    body: "t.wording || coalesce(' ' || t.notes, '')",
    kind: "t.kind",
    date: ["t.takes_effect_on", "t.takes_effect_precision", "null::date", "null"],
    joins: "left join rounds cr on cr.id = t.round_id and cr.deleted_at is null",
    url: (r) => `/commitments/${r.id}`,
    slug: false,
  },
  incident: {
    table: "incidents",
    recency: "t.occurred_on",
    title: "t.title",
    context: "concat_ws(', ', t.place_name, t.district, t.province)",
    body: "t.summary",
    kind: "t.kind",
    date: ["t.occurred_on", "t.date_precision", "t.ended_on", "case when t.ended_on is null then null else t.date_precision end"],
    joins: "",
    url: (r) => `/incidents/${r.id}`,
    slug: false,
  },
  actor: {
    table: "actors",
    recency: null,
    title: "t.name",
    context: "concat_ws(' · ', t.short_name, nullif(array_to_string(t.aliases, ' · '), ''))",
    body: "t.description",
    kind: "t.kind",
    date: null,
    joins: "",
    url: (r) => `/actors/${r.slug}`,
    slug: true,
  },
  venue: {
    table: "venues",
    recency: null,
    title: "t.city",
    context: "t.country",
    body: "coalesce(t.description, '')",
    kind: null,
    date: null,
    joins: "",
    url: (r) => `/venues/${r.slug}`,
    slug: true,
  },
  source: {
    table: "sources",
    recency: "t.published_on",
    title: "t.title",
    context: "concat_ws(', ', t.publisher, t.author)",
    body: "coalesce(t.notes, '')",
    kind: "t.kind",
    date: ["t.published_on", "t.date_precision", "null::date", "null"],
    joins: "",
    url: (r) => `/sources/${r.id}`,
    slug: false,
  },
};

interface HitRow {
  total: number;
  id: number | null;
  slug: string | null;
  title: string;
  title_hl: string;
  context_hl: string;
  snippet: string;
  kind: string | null;
  date: string | null;
  date_precision: DatePrecision | null;
  end_date: string | null;
  end_precision: DatePrecision | null;
  rank: number;
}

interface ResultWindow {
  limit: number;
  offset: number;
  candidates: number;
}

async function searchType(db: Kysely<Database>, type: SearchType, tsquery: string, { limit, offset, candidates }: ResultWindow): Promise<SearchGroup> {
  const s = SPECS[type];
  const raw = sql.raw;
  const q: RawBuilder<unknown> = sql`cast(${tsquery} as tsquery)`;
  const recency = s.recency ?? "null::date";
  const [on, precision, end, endPrecision] = s.date ?? ["null::date", "null", "null::date", "null"];
  // `hits` is computed once (it is read twice) and stops at one past the candidates: "more than".
  const { rows } = await sql<HitRow>`
    with hits as materialized (
      select t.id, t.search, ${raw(recency)} as recency
      from ${raw(s.table)} t
      where t.deleted_at is null and t.search @@ ${q}
      limit ${candidates + 1}
    ), ranked as (
      select h.id, h.recency, ts_rank_cd(h.search, ${q}) as rank
      from hits h
      order by rank desc, h.recency desc nulls last, h.id desc
      limit ${limit} offset ${offset}
    )
    select c.total, x.*
    from (select count(*)::int as total from hits) c
    left join lateral (
      select t.id, ${raw(s.slug ? "t.slug" : "null")} as slug, ${raw(s.title)} as title,
        ts_headline('parley_text', ${raw(s.title)}, ${q}, ${WHOLE}) as title_hl,
        ts_headline('parley_text', ${raw(s.context)}, ${q}, ${WHOLE}) as context_hl,
        ts_headline('parley_text', ${raw(s.body)}, ${q}, ${PASSAGE}) as snippet,
        ${raw(s.kind ?? "null")} as kind,
        ${raw(on)} as date, ${raw(precision)} as date_precision, ${raw(end)} as end_date, ${raw(endPrecision)} as end_precision,
        rk.rank::float8 as rank, rk.recency
      from ranked rk
      join ${raw(s.table)} t on t.id = rk.id
      ${raw(s.joins)}
    ) x on true
    order by x.rank desc, x.recency desc nulls last, x.id desc`.execute(db);

  const total = rows[0]?.total ?? 0;
  const hits: SearchHit[] = rows
    .filter((r): r is HitRow & { id: number } => r.id !== null)
    .map((r) => ({
      type,
      id: r.id,
      url: s.url(r),
      title: r.title,
      titleHighlight: parseHighlight(r.title_hl),
      context: parseHighlight(r.context_hl),
      snippet: parseHighlight(r.snippet),
      kind: r.kind,
      date: r.date,
      datePrecision: r.date_precision,
      endDate: r.end_date,
      endPrecision: r.end_precision,
      rank: r.rank,
    }));
  return {
    type,
    total: Math.min(total, candidates),
    totalIsLowerBound: total > candidates,
    cap: candidates,
    hits,
    // Matches past the cap are never ranked, so no page follows the last ranked one.
    more: Math.min(total, candidates) > offset + hits.length,
  };
}

/**
 * Searches every record type (GROUP_SIZE best of each), or one type a page of TYPE_PAGE_SIZE at a
 * time. Groups come in SEARCH_TYPES order, empty ones included.
 */
export async function search(db: Kysely<Database>, query: { q: string; type?: SearchType; page?: number }): Promise<SearchResults> {
  const page = query.page ?? 1;
  const types = query.type ? [query.type] : [...SEARCH_TYPES];
  const { tsquery, nodes } = await sql<{ tsquery: string; nodes: number }>`
    select q::text as tsquery, numnode(q) as nodes from (select parley_search_query(${query.q}) as q) s`
    .execute(db)
    .then((r) => r.rows[0]);
  const base = { q: query.q, type: query.type ?? null, page };
  const range: ResultWindow = query.type
    ? { limit: TYPE_PAGE_SIZE, offset: (page - 1) * TYPE_PAGE_SIZE, candidates: TYPE_CANDIDATES }
    : { limit: GROUP_SIZE, offset: 0, candidates: GROUP_CANDIDATES };
  if (nodes === 0) {
    return { ...base, searchable: false, groups: types.map((type) => ({ type, total: 0, totalIsLowerBound: false, cap: range.candidates, hits: [], more: false })) };
  }
  const groups = await Promise.all(types.map((type) => searchType(db, type, tsquery, range)));
  return { ...base, searchable: true, groups };
}
