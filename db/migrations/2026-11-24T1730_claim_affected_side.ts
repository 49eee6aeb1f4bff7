// A casualty figure counts somebody's dead: "58 Pakistani soldiers" and "200+ Taliban" are both
// security_forces, and ranging them together mixes the two sides. Null means the claim does not
// say whose people it counts (civilians are told apart by category, not by side).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table claims add column affected_id integer references actors (id)`.execute(db);
  await sql`create index claims_affected_idx on claims (affected_id, id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists claims_affected_idx`.execute(db);
  await sql`alter table claims drop column affected_id`.execute(db);
}
