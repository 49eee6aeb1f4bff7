// Revisions written by one editor action share a change id, so a delete that also deleted or
// unlinked other records can be undone as a whole, and /changes can group them.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence revision_change_seq`.execute(db);
  await sql`alter table revisions add column change_id bigint`.execute(db);
  await sql`create index revisions_change_idx on revisions (change_id) where change_id is not null`.execute(db);
  await sql`create index revisions_type_recent_idx on revisions (record_type, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists revisions_type_recent_idx`.execute(db);
  await sql`drop index if exists revisions_change_idx`.execute(db);
  await sql`alter table revisions drop column change_id`.execute(db);
  await sql`drop sequence if exists revision_change_seq`.execute(db);
}
