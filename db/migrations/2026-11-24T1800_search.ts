// Full-text search over rounds, commitments, incidents, actors, venues and sources (/search).
//
// Two text search configurations, both folding diacritics through the `unaccent` dictionary so
// that "Türkiye" and "Turkiye", "Paktīkā" and "Paktika" are the same word on both sides:
//   parley_name  simple + unaccent: names, titles and places as written — no stemming, and no stop
//                words, so that "US" or "IS" stay searchable;
//   parley_text  english + unaccent: prose (summaries, wording, notes, descriptions) with stemming
//                ("strikes" finds "strike"). Titles are indexed with both.
// A query is parsed with both, and the two OR'ed when they differ (parley_search_query below).
//
// Each searchable table gets a stored generated `search` tsvector — weight A for titles and names,
// B for places and publishers, C for prose — and a GIN index on the live rows. A stored column
// (rather than an expression index) lets ranking read the vector instead of re-parsing the text.
// Adding it rewrites each table once, under an exclusive lock: with 2,000,000 incidents the whole
// migration took 3 to 4 minutes on two cores.
// Configurations are used inside the generated columns, so they cannot be altered later without
// dropping the columns; add a new configuration and new columns instead.
//
// Spellings that unaccent cannot fold (Khowst/Khost, Turkey/Türkiye, Spin Buldak/Spin Boldak) live
// in search.synonyms: a schema of its own, because it is reference data that emptying the record
// tables (the tests truncate every public table) must not touch. From it, search.rewrites holds
// ts_rewrite rules applied to the query: first every spelling becomes a placeholder lexeme for its
// group, then each placeholder becomes the OR of the group's spellings. Two steps, because a
// one-step rewrite would rewrite its own output again for every other spelling of the group.
// Edits of search.synonyms refresh the rules (trigger below).
import { type Kysely, sql } from "kysely";

/** Variant spellings of the places and names in the data, each with the spelling Parley uses. */
const SYNONYMS: Record<string, string[]> = {
  "Türkiye": ["Turkey"],
  "Khost": ["Khowst"],
  "Kunar": ["Konar", "Konarha"],
  "Nangarhar": ["Ningarhar", "Nangrahar"],
  "Paktia": ["Paktiya", "Paktya"],
  "Paktika": ["Paktica"],
  "Kandahar": ["Qandahar"],
  "Helmand": ["Hilmand"],
  "Herat": ["Hirat"],
  "Spin Boldak": ["Spin Buldak", "Speen Boldak"],
  "Torkham": ["Turkham", "Torkhum"],
  "Chaman": ["Chamman"],
  "Urgun": ["Orgun", "Urgoon"],
  "Barmal": ["Bermal"],
  "Spera": ["Sperah"],
  "Bajaur": ["Bajour", "Bajawar"],
  "Balochistan": ["Baluchistan"],
  "Khyber Pakhtunkhwa": ["Khyber Pukhtunkhwa", "KPK"],
  "Waziristan": ["Wazirstan"],
  "Kurram": ["Kuram"],
  "Jalalabad": ["Jelalabad"],
  "Kunduz": ["Kondoz", "Qunduz"],
  "Uruzgan": ["Oruzgan", "Urozgan"],
  "Nimroz": ["Nimruz"],
  "Jowzjan": ["Jawzjan", "Jozjan"],
  "Bamyan": ["Bamiyan"],
  "Panjshir": ["Panjsher"],
  "Zabul": ["Zabol"],
  "Nuristan": ["Nurestan"],
  "Ghazni": ["Ghazny"],
  "Riyadh": ["Riyad"],
};

const INDEXED: Record<string, string> = {
  rounds: `
    setweight(to_tsvector('parley_name', title), 'A') || setweight(to_tsvector('parley_text', title), 'A') ||
    setweight(to_tsvector('parley_text', summary), 'C')`,
  commitments: `
    setweight(to_tsvector('parley_name', title), 'A') || setweight(to_tsvector('parley_text', title), 'A') ||
    setweight(to_tsvector('parley_text', wording || ' ' || coalesce(notes, '')), 'C')`,
  incidents: `
    setweight(to_tsvector('parley_name', title), 'A') || setweight(to_tsvector('parley_text', title), 'A') ||
    setweight(to_tsvector('parley_name', coalesce(place_name, '') || ' ' || coalesce(district, '') || ' ' || coalesce(province, '')), 'B') ||
    setweight(to_tsvector('parley_text', summary), 'C')`,
  actors: `
    setweight(to_tsvector('parley_name', name || ' ' || coalesce(short_name, '') || ' ' || parley_words(aliases)), 'A') ||
    setweight(to_tsvector('parley_text', description), 'C')`,
  venues: `
    setweight(to_tsvector('parley_name', city), 'A') || setweight(to_tsvector('parley_name', country), 'B') ||
    setweight(to_tsvector('parley_text', coalesce(description, '')), 'C')`,
  sources: `
    setweight(to_tsvector('parley_name', title), 'A') || setweight(to_tsvector('parley_text', title), 'A') ||
    setweight(to_tsvector('parley_name', publisher || ' ' || coalesce(author, '')), 'B') ||
    setweight(to_tsvector('parley_text', coalesce(notes, '')), 'C')`,
};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration parley_name (copy = simple)`.execute(db);
  await sql`alter text search configuration parley_name alter mapping for hword, hword_part, word with unaccent, simple`.execute(db);
  await sql`create text search configuration parley_text (copy = english)`.execute(db);
  await sql`alter text search configuration parley_text alter mapping for hword, hword_part, word with unaccent, english_stem`.execute(db);
  // array_to_string is only STABLE (it could format any element type); for text[] it is immutable.
  await sql`
    create function parley_words(text[]) returns text language sql immutable parallel safe
    as $$ select array_to_string($1, ' ') $$`.execute(db);
  await sql`create aggregate parley_tsquery_or(tsquery) (sfunc = tsquery_or, stype = tsquery)`.execute(db);

  await sql`create schema search`.execute(db);
  await sql`
    create table search.synonyms (
      term text primary key check (term <> ''),
      canonical text not null check (canonical <> '' and canonical <> term)
    )`.execute(db);
  await sql`
    create table search.rewrites (
      step smallint not null check (step in (1, 2)),
      target tsquery not null,
      substitute tsquery not null
    )`.execute(db);
  // Quoted phrases parse to <-> and unquoted words to &, so a multi-word spelling gets both forms.
  await sql`
    create function parley_refresh_search_rewrites() returns trigger language plpgsql as $$
    begin
      delete from search.rewrites;
      insert into search.rewrites (step, target, substitute)
      with grouped as (
        select canonical, dense_rank() over (order by canonical) as n, spelling
        from (select canonical, term as spelling from search.synonyms
              union select canonical, canonical from search.synonyms) s
      ), forms as (
        select distinct g.n, f.phrase, f.q
        from grouped g
        cross join (values ('parley_name'::regconfig), ('parley_text'::regconfig)) c(cfg)
        cross join lateral (values (false, plainto_tsquery(c.cfg, g.spelling)),
                                   (true, phraseto_tsquery(c.cfg, g.spelling))) f(phrase, q)
        where numnode(f.q) > 0
      ), placeholders as (
        select n, phrase, quote_literal('synonym~' || n || case when phrase then '~phrase' else '' end)::tsquery as p
        from forms group by n, phrase
      ), targets as (
        -- A single word is the same in both forms; keep its plain form only.
        select distinct on (f.q::text) f.n, f.phrase, f.q from forms f order by f.q::text, f.phrase
      )
      select 1, t.q, p.p from targets t join placeholders p using (n, phrase)
      union all
      select 2, p.p, (select parley_tsquery_or(f.q) from forms f where f.n = p.n and f.phrase = p.phrase)
      from placeholders p;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger synonyms_refresh after insert or update or delete or truncate on search.synonyms
    for each statement execute function parley_refresh_search_rewrites()`.execute(db);
  const rows = Object.entries(SYNONYMS).flatMap(([canonical, terms]) => terms.map((term) => ({ term, canonical })));
  await db.insertInto("search.synonyms").values(rows).execute();

  // Each parse is rewritten on its own, and the two are OR'ed only when they still differ (stemming
  // or stop words changed something): an OR of two equal halves makes the index scan read every
  // posting list twice. Longer targets go first, so that "Khyber Pakhtunkhwa" is rewritten before
  // any rule on one of its words.
  await sql`
    create function parley_search_query_rewrite(q tsquery) returns tsquery language sql stable parallel safe as $$
      select ts_rewrite(
        ts_rewrite(q, 'select target, substitute from search.rewrites where step = 1 order by numnode(target) desc, target::text'),
        'select target, substitute from search.rewrites where step = 2 order by target::text')
    $$`.execute(db);
  await sql`
    create function parley_search_query(q text) returns tsquery language sql stable parallel safe as $$
      select case when names = prose then names else names || prose end
      from (select parley_search_query_rewrite(websearch_to_tsquery('parley_name', q)) as names,
                   parley_search_query_rewrite(websearch_to_tsquery('parley_text', q)) as prose) parsed
    $$`.execute(db);

  // All six locks at once, before the first rewrite: taken table by table, a reader joining two of
  // the tables could hold the next one while waiting for one already rewritten — a deadlock.
  await sql`lock table ${sql.join(Object.keys(INDEXED).map((t) => sql.table(t)))} in access exclusive mode`.execute(db);
  for (const [table, expression] of Object.entries(INDEXED)) {
    await sql`alter table ${sql.table(table)} add column search tsvector generated always as (${sql.raw(expression)}) stored`.execute(db);
    await sql`create index ${sql.raw(`${table}_search_idx`)} on ${sql.table(table)} using gin (search) where deleted_at is null`.execute(db);
    // Word frequencies for the planner from the first search on: they decide index or early-stopping scan.
    await sql`analyze ${sql.table(table)} (search)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of Object.keys(INDEXED)) {
    await sql`alter table ${sql.table(table)} drop column if exists search`.execute(db);
  }
  await sql`drop function if exists parley_search_query(text)`.execute(db);
  await sql`drop function if exists parley_search_query_rewrite(tsquery)`.execute(db);
  await sql`drop schema if exists search cascade`.execute(db);
  await sql`drop function if exists parley_refresh_search_rewrites()`.execute(db);
  await sql`drop aggregate if exists parley_tsquery_or(tsquery)`.execute(db);
  await sql`drop function if exists parley_words(text[])`.execute(db);
  await sql`drop text search configuration if exists parley_text`.execute(db);
  await sql`drop text search configuration if exists parley_name`.execute(db);
}
