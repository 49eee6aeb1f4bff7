// The rounds and commitments lists sort by title (A–Z), keyset-paged on (title, id). No index
// matched, so every page, however deep, sorted all 5,000 rounds or 15,000 commitments; with these a
// page reads its rows in order, and a filtered page can walk them until it has enough.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index rounds_title_idx on rounds (title, id) where deleted_at is null`.execute(db);
  await sql`create index commitments_title_idx on commitments (title, id) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists commitments_title_idx`.execute(db);
  await sql`drop index if exists rounds_title_idx`.execute(db);
}
