// A version number of this database's records, that any committed write moves on: the key under
// which the analysis page's and the scorecards' figures are kept in the server's memory
// (app/utils/version-cache.server.ts, decision 0006).
//
// The bump runs at commit (a deferred constraint trigger), once per transaction: the version row's
// lock is then the last lock a writing transaction takes, so two writers wait for each other there
// without ever deadlocking with the locks their own statements took earlier. A reader sees the new
// version exactly when it sees the write, both being in one transaction.
import { type Kysely, sql } from "kysely";

const TABLES = [
  "actors", "venues", "processes", "sources", "rounds", "round_participants", "commitments", "commitment_parties",
  "commitment_relations", "incidents", "claims", "breaches", "citations", "date_assertions",
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table data_version (one boolean primary key default true check (one), n bigint not null)`.execute(db);
  await sql`insert into data_version (one, n) values (true, 0)`.execute(db);
  await sql`
    create function bump_data_version() returns trigger language plpgsql as $$
    begin
      if current_setting('parley.data_version_bumped', true) is distinct from txid_current()::text then
        perform set_config('parley.data_version_bumped', txid_current()::text, true);
        update data_version set n = n + 1;
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create function bump_data_version_on_truncate() returns trigger language plpgsql as $$
    begin
      update data_version set n = n + 1;
      return null;
    end $$`.execute(db);
  for (const table of TABLES) {
    await sql`
      create constraint trigger ${sql.raw(`${table}_data_version`)} after insert or update or delete on ${sql.table(table)}
      deferrable initially deferred for each row execute function bump_data_version()`.execute(db);
    await sql`
      create trigger ${sql.raw(`${table}_truncate_data_version`)} after truncate on ${sql.table(table)}
      for each statement execute function bump_data_version_on_truncate()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`drop trigger if exists ${sql.raw(`${table}_data_version`)} on ${sql.table(table)}`.execute(db);
    await sql`drop trigger if exists ${sql.raw(`${table}_truncate_data_version`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists bump_data_version()`.execute(db);
  await sql`drop function if exists bump_data_version_on_truncate()`.execute(db);
  await sql`drop table if exists data_version`.execute(db);
}
