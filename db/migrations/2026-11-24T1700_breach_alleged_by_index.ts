// The breaches API filters by who alleged a breach; give that filter its index.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index breaches_alleged_by_idx on breaches (alleged_by_id, id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists breaches_alleged_by_idx`.execute(db);
}
