// `npm run bench -- --explain REGEX`: calls the loader of each matching route once, then shows
// EXPLAIN (ANALYZE, BUFFERS) of every query it issued, with the same parameters. Where a target
// is missed, this is where the cause is found.
import { CompiledQuery } from "kysely";
import type { DB } from "@db/connection";

export interface CapturedQuery {
  sql: string;
  parameters: readonly unknown[];
}

/** Plans of the queries captured while `call` ran (`captured` is filled by the database's query log). */
export async function explainCall(db: DB, captured: CapturedQuery[], call: () => Promise<unknown>): Promise<string[]> {
  captured.length = 0;
  await call();
  const queries = captured.splice(0);
  const plans: string[] = [];
  for (const q of queries) {
    const { rows } = await db.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, buffers) ${q.sql}`, [...q.parameters]));
    captured.length = 0;
    plans.push(`${q.sql}\n-- parameters: ${JSON.stringify(q.parameters)}\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
  }
  return plans;
}
