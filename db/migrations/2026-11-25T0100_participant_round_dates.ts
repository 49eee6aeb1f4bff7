// An actor's page lists its latest rounds in each role. Ordering by a column of another table cannot
// use an index: for a party to 3,063 rounds that meant joining all its participations to the rounds
// and sorting them (5.5 of the page's 10 ms at 2M incidents). Each participation now carries its
// round's start date, filled in by the database when the participation is written and when the
// round's date changes (as breaches carry their incident's date, migration 1852).
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table round_participants add column round_start_date date`.execute(db);
  await sql`update round_participants rp set round_start_date = r.start_date from rounds r where r.id = rp.round_id`.execute(db);
  // The update queued the deferred data-version bump (migration 2000); PostgreSQL alters no table
  // with trigger events pending, so it fires now.
  await sql`set constraints all immediate`.execute(db);
  await sql`alter table round_participants alter column round_start_date set not null`.execute(db);

  await sql`
    create function round_participants_round_date() returns trigger language plpgsql as $$
    begin
      new.round_start_date := (select start_date from rounds where id = new.round_id);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger round_participants_round_date before insert or update of round_id, round_start_date on round_participants
    for each row execute function round_participants_round_date()`.execute(db);
  await sql`
    create function rounds_update_participant_dates() returns trigger language plpgsql as $$
    begin
      update round_participants rp set round_start_date = n.start_date
      from n join o using (id)
      where rp.round_id = n.id and n.start_date is distinct from o.start_date;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger rounds_update_participant_dates after update on rounds
    referencing new table as n old table as o for each statement execute function rounds_update_participant_dates()`.execute(db);

  await sql`create index round_participants_actor_date_idx on round_participants (actor_id, role, round_start_date desc, round_id desc)`.execute(db);
  await sql`analyze round_participants`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists round_participants_actor_date_idx`.execute(db);
  await sql`drop trigger if exists rounds_update_participant_dates on rounds`.execute(db);
  await sql`drop function if exists rounds_update_participant_dates()`.execute(db);
  await sql`drop trigger if exists round_participants_round_date on round_participants`.execute(db);
  await sql`drop function if exists round_participants_round_date()`.execute(db);
  await sql`alter table round_participants drop column if exists round_start_date`.execute(db);
}
