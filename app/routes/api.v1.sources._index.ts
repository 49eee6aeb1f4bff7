import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { listSources, sourceCsvColumns, sourceListQuerySchema } from "~/models/sources.server";
import { csvResponse, listJson, wantsCsv } from "~/utils/api.server";
import { badRequestJson, parseQuery } from "~/utils/query.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, sourceListQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const db = await getDb();
  const query = parsed.query;
  if (wantsCsv(url)) {
    return csvResponse("parley-sources.csv", sourceCsvColumns, (after, limit) =>
      listSources(db, { ...query, after, before: undefined, limit }),
    );
  }
  return listJson(url, await listSources(db, query));
}
