// The incidents filter offers every (province, country) present. Read as `select distinct` that is
// every incident, two million of them; with this index the choices are found by jumping from one
// pair to the next (a recursive query, see incidentFilterOptions), a few hundred index probes.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index incidents_place_idx on incidents (province, country_code) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists incidents_place_idx`.execute(db);
}
