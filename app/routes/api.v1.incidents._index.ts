import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { incidentCsvColumns, incidentListQuerySchema, listIncidents } from "~/models/incidents.server";
import { csvResponse, listJson, wantsCsv } from "~/utils/api.server";
import { badRequestJson, parseQuery } from "~/utils/query.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, incidentListQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const db = await getDb();
  const query = parsed.query;
  if (wantsCsv(url)) {
    return csvResponse("parley-incidents.csv", incidentCsvColumns, (after, limit) =>
      listIncidents(db, { ...query, after, before: undefined, limit }),
    );
  }
  return listJson(url, await listIncidents(db, query));
}
