import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Link } from "~/components/link";
import { enumLabel } from "@db/enums";
import { Empty, ParamErrors } from "~/components/list";
import { Highlight } from "~/components/search-box";
import { getDb } from "~/db.server";
import {
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  SEARCH_TYPE_LABELS,
  SEARCH_TYPES,
  type SearchGroup,
  type SearchHit,
  type SearchType,
} from "~/models/search";
import { search, searchQuerySchema } from "~/models/search.server";
import { formatDateRange } from "~/utils/dates";
import { parseQuery, withQueryStatus, type ParamError } from "~/utils/query.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.results ? `Search: ${data.results.q} · Parley` : "Search · Parley" },
  { name: "robots", content: "noindex" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { query, errors } = parseQuery(new URL(request.url), searchQuerySchema);
  const results = query.q ? await search(await getDb(), { q: query.q, type: query.type, page: query.page }) : null;
  return withQueryStatus({ query, results, errors }, errors);
}

function searchHref(q: string, type?: SearchType, page = 1) {
  const params = new URLSearchParams({ q });
  if (type) params.set("type", type);
  if (page > 1) params.set("page", String(page));
  return `/search?${params}`;
}

const count = (n: number, lowerBound: boolean) => (lowerBound ? `${n.toLocaleString("en-GB")}+` : n.toLocaleString("en-GB"));

export default function SearchPage() {
  const { query, results, errors } = useLoaderData<typeof loader>();
  const found = results?.groups.filter((g) => g.hits.length > 0) ?? [];
  const empty = results?.groups.filter((g) => g.total === 0) ?? [];
  return (
    <>
      <h1>Search</h1>
      {/* Keyed by the query, so that a search from the header box refills the fields. */}
      <SearchForm key={`${query.q ?? ""}|${query.type ?? ""}`} q={query.q} type={query.type} errors={errors} />
      <ParamErrors errors={errors} />
      {!results ? (
        <div className="prose">
          <p className="lede">Find rounds, commitments, incidents, actors, venues and sources by their words.</p>
          <p>
            Names are found with or without their accents and in their common spellings: <em>Turkiye</em> finds Türkiye,{" "}
            <em>Khowst</em> finds Khost. Put a phrase in quotes (<em>"Spin Boldak"</em>), write <em>or</em> between
            words to find either, and put a minus sign before a word to leave it out (<em>Khost -drone</em>).
          </p>
        </div>
      ) : !results.searchable ? (
        <Empty>“{results.q}” has no words to search for. Try a name, a place or a word from a title.</Empty>
      ) : found.length === 0 && results.type && results.groups[0].total > 0 ? (
        <Empty>
          This page is past the last result. <Link to={searchHref(results.q, results.type)}>Go to the first page</Link>.
        </Empty>
      ) : found.length === 0 ? (
        <Empty>Nothing matches “{results.q}”. Check the spelling, or search for fewer words.</Empty>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {results.type
              ? `${SEARCH_TYPE_LABELS[results.type]} matching “${results.q}”, best matches first.`
              : `Results for “${results.q}”, best matches first in each group.`}
          </p>
          {found.map((g) => (
            <ResultGroup key={g.type} group={g} q={results.q} single={results.type !== null} page={results.page} />
          ))}
          {!results.type && empty.length > 0 ? (
            <p className="muted">No matching {empty.map((g) => SEARCH_TYPE_LABELS[g.type].toLowerCase()).join(", ")}.</p>
          ) : null}
        </>
      )}
    </>
  );
}

function SearchForm({ q, type, errors }: { q: string | undefined; type: SearchType | undefined; errors: ParamError[] }) {
  const error = (name: string) => errors.find((e) => e.parameter === name);
  return (
    <Form method="get" action="/search" role="search" className="filters" aria-label="Search">
      <fieldset>
        <legend className="sr-only">Search</legend>
        <div className="field">
          <label htmlFor="search-q">Search for</label>
          <input
            type="search"
            id="search-q"
            name="q"
            defaultValue={q ?? ""}
            maxLength={MAX_QUERY_LENGTH}
            aria-invalid={error("q") ? true : undefined}
            aria-describedby={error("q") ? "search-q-error" : undefined}
          />
          {error("q") ? (
            <span className="field-error" id="search-q-error">
              {error("q")!.message}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="search-type">In</label>
          <select
            id="search-type"
            name="type"
            defaultValue={type ?? ""}
            aria-invalid={error("type") ? true : undefined}
            aria-describedby={error("type") ? "search-type-error" : undefined}
          >
            <option value="">All records</option>
            {SEARCH_TYPES.map((t) => (
              <option key={t} value={t}>
                {SEARCH_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
          {error("type") ? (
            <span className="field-error" id="search-type-error">
              {error("type")!.message}
            </span>
          ) : null}
        </div>
        <div className="field">
          <button type="submit">Search</button>
        </div>
      </fieldset>
    </Form>
  );
}

function ResultGroup({ group, q, single, page }: { group: SearchGroup; q: string; single: boolean; page: number }) {
  const label = SEARCH_TYPE_LABELS[group.type];
  const headingId = `results-${group.type}`;
  const total = count(group.total, group.totalIsLowerBound);
  return (
    <section className="search-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {label} <span className="muted">({total})</span>
      </h2>
      {group.totalIsLowerBound ? (
        <p className="muted small">
          Showing the best of the first {group.cap.toLocaleString("en-GB")} matches found: more than{" "}
          {group.cap.toLocaleString("en-GB")} {label.toLowerCase()} match. Refine your search — add words, or put a phrase in
          quotes — to see the best of all of them.
        </p>
      ) : null}
      <ol className="search-results">
        {group.hits.map((h) => (
          <Result key={h.id} hit={h} />
        ))}
      </ol>
      {single ? (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? (
            <Link to={searchHref(q, group.type, page - 1)} rel="prev">
              Previous page
            </Link>
          ) : null}
          {group.more && page < MAX_PAGE ? (
            <Link to={searchHref(q, group.type, page + 1)} rel="next">
              Next page
            </Link>
          ) : null}
          <Link to={searchHref(q)}>All record types</Link>
        </nav>
      ) : group.more ? (
        <p>
          <Link to={searchHref(q, group.type)}>
            More {label.toLowerCase()} matching “{q}”
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Result({ hit }: { hit: SearchHit }) {
  const facts = [
    hit.kind ? enumLabel(hit.kind) : null,
    hit.date && hit.datePrecision ? formatDateRange(hit.date, hit.datePrecision, hit.endDate, hit.endPrecision) : null,
  ].filter(Boolean);
  return (
    <li>
      <Link to={hit.url}>
        <Highlight text={hit.titleHighlight} />
      </Link>
      {facts.length || hit.context.length ? (
        <span className="muted small">
          {" "}
          — {facts.join(", ")}
          {facts.length && hit.context.length ? ", " : ""}
          <Highlight text={hit.context} />
        </span>
      ) : null}
      {hit.snippet.length ? (
        <p className="snippet">
          <Highlight text={hit.snippet} />
        </p>
      ) : null}
    </li>
  );
}
