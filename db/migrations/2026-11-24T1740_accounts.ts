// Sign-in attempts, kept so that repeated failures for one account or from one address can be
// slowed down and then refused (see app/auth/throttle.server.ts and docs/decisions/0003-accounts.md).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_attempts (
      id serial primary key,
      email text not null,
      ip text,
      succeeded boolean not null default false,
      attempted_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index login_attempts_email_idx on login_attempts (email, attempted_at desc)`.execute(db);
  await sql`create index login_attempts_ip_idx on login_attempts (ip, attempted_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_attempts").ifExists().execute();
}
