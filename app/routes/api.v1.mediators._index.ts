import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { listMediators, mediatorCsvColumns, mediatorListQuerySchema, type MediatorTally } from "~/models/actors.server";
import { kmCsvColumns, scorecardCsvColumns, type ScoredMediator, scoreMediators } from "~/models/scorecards.server";
import { scoredMediatorPage } from "~/models/cached.server";
import { csvResponse, listJson, wantsCsv } from "~/utils/api.server";
import { todayUtc } from "~/utils/dates";
import { badRequestJson, parseQuery } from "~/utils/query.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, mediatorListQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const db = await getDb();
  const query = parsed.query;
  const asOf = todayUtc();
  if (wantsCsv(url)) {
    return csvResponse<ScoredMediator<MediatorTally>>("parley-mediators.csv", [...mediatorCsvColumns, ...scorecardCsvColumns, ...kmCsvColumns], async (after, limit) =>
      scoreMediators(db, await listMediators(db, { ...query, after, before: undefined, limit }, asOf), asOf),
    );
  }
  return listJson(url, await scoredMediatorPage(db, request, query, asOf));
}
