import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { lookup, lookupQuerySchema } from "~/models/lookup.server";
import { badRequestJson, parseQuery } from "~/utils/query.server";

/** `/api/v1/lookup?type=source&q=dawn`: up to 20 {value, label} pairs, for search-as-you-type pickers. */
export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = parseQuery(new URL(request.url), lookupQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const { type, q, limit } = parsed.query;
  return Response.json({ data: await lookup(await getDb(), type, q, limit) });
}
