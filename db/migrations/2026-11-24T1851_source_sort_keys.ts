// The sources list sorts undated sources last in either order, on a key that stands in a far date
// for a missing one (app/models/sources.server.ts). Indexes on exactly those keys let a page, however
// deep, read its 26 rows in order instead of sorting every source.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index sources_newest_key_idx on sources ((coalesce(published_on, cast('0001-01-01' as date))), id) where deleted_at is null`.execute(db);
  await sql`create index sources_oldest_key_idx on sources ((coalesce(published_on, cast('9999-12-31' as date))), id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists sources_oldest_key_idx`.execute(db);
  await sql`drop index if exists sources_newest_key_idx`.execute(db);
}
