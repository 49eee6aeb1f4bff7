import { sql } from "kysely";
import { getDb } from "~/db.server";

/** Readiness: answers 200 only once the database is migrated, seeded and answering. */
export async function loader() {
  await sql`select 1`.execute(await getDb());
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}
