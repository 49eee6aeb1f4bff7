import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { listVenues, venueCsvColumns, venueListQuerySchema, type VenueListItem } from "~/models/venues.server";
import { scorecardCsvColumns, type ScoredVenue, scoreVenues } from "~/models/scorecards.server";
import { scoredVenuePage } from "~/models/cached.server";
import { csvResponse, listJson, wantsCsv } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";
import { badRequestJson, parseQuery } from "~/utils/query.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, venueListQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const db = await getDb();
  const query = parsed.query;
  const asOf = todayUtc();
  if (wantsCsv(url)) {
    return csvResponse<ScoredVenue<VenueListItem>>("parley-venues.csv", [...venueCsvColumns, ...scorecardCsvColumns], async (after, limit) =>
      scoreVenues(db, await listVenues(db, { ...query, after, before: undefined, limit }, asOf), asOf),
    );
  }
  return listJson(url, await scoredVenuePage(db, request, query, asOf));
}
