// /analysis/<view>.csv: one view of the analysis page as CSV, with the page's filters.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { ANALYSIS_CSV, analysisQuerySchema, isAnalysisCsvName } from "~/models/analytics.server";
import { todayUtc } from "~/utils/dates";
import { badRequestJson, parseQuery } from "~/utils/query.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const name = params.chart ?? "";
  if (!isAnalysisCsvName(name)) {
    throw new Response(`There is no chart called "${name}". Known: ${Object.keys(ANALYSIS_CSV).join(", ")}.`, { status: 404 });
  }
  const parsed = parseQuery(new URL(request.url), analysisQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const csv = await ANALYSIS_CSV[name](await getDb(), parsed.query, todayUtc());
  return new Response("\uFEFF" + csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="parley-${name}.csv"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
