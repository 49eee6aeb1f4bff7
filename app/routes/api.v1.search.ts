import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { MAX_PAGE } from "~/models/search";
import { search, searchQuerySchema } from "~/models/search.server";
import { badRequestJson, parseQuery } from "~/utils/query.server";

/**
 * `/api/v1/search?q=doha[&type=incident[&page=2]]`: the search page's results as JSON — one group
 * per record type (the ten best of each), or one type fifty at a time with next/prev links.
 * Each group says how far its results go: at most `cap` matches are ranked (100 per type grouped,
 * 200 for one type); `totalIsLowerBound` is true when more match, and the results are then the best
 * of the first `cap` found — refine the words to see others.
 * Matching words come as segments: `[{ "text": "Talks in ", "match": false }, { "text": "Doha", "match": true }]`.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, searchQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const { q, type, page } = parsed.query;
  if (!q) return badRequestJson([{ parameter: "q", message: "Give the words to search for, for example q=doha." }]);
  const results = await search(await getDb(), { q, type, page });
  const pageLink = (n: number) => {
    const link = new URL(url);
    link.searchParams.set("page", String(n));
    return link.pathname + link.search;
  };
  const group = type ? results.groups[0] : null;
  return Response.json(
    {
      query: { q, type: type ?? null, page },
      searchable: results.searchable,
      data: results.groups,
      links: {
        next: group?.more && page < MAX_PAGE ? pageLink(page + 1) : null,
        prev: group && page > 1 ? pageLink(page - 1) : null,
      },
    },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}
