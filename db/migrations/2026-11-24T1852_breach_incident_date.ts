// A breach is dated by its incident, and every list of breaches is ordered by that date. Ordering by
// a column of another table cannot use an index: the newest 25 breaches of a party alleged
// responsible for 40,000 meant joining all 40,000 to their incidents and sorting them. Each breach
// now carries its incident's date (incident_occurred_on), filled in by the database when the breach
// is written and when the incident's date changes, with indexes for each filter of the list.
import { type Kysely, sql } from "kysely";

const INDEXED_FILTERS = ["responsible_id", "alleged_by_id", "assessment", "commitment_id"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table breaches add column incident_occurred_on date`.execute(db);
  await sql`update breaches b set incident_occurred_on = i.occurred_on from incidents i where i.id = b.incident_id`.execute(db);
  await sql`alter table breaches alter column incident_occurred_on set not null`.execute(db);

  await sql`
    create function breaches_incident_date() returns trigger language plpgsql as $$
    begin
      new.incident_occurred_on := (select occurred_on from incidents where id = new.incident_id);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger breaches_incident_date before insert or update of incident_id, incident_occurred_on on breaches
    for each row execute function breaches_incident_date()`.execute(db);
  await sql`
    create function incidents_update_breach_dates() returns trigger language plpgsql as $$
    begin
      update breaches b set incident_occurred_on = n.occurred_on
      from n join o using (id)
      where b.incident_id = n.id and n.occurred_on is distinct from o.occurred_on;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger incidents_update_breach_dates after update on incidents
    referencing new table as n old table as o for each statement execute function incidents_update_breach_dates()`.execute(db);

  await sql`create index breaches_date_idx on breaches (incident_occurred_on, id) where deleted_at is null`.execute(db);
  for (const column of INDEXED_FILTERS) {
    await sql`create index ${sql.raw(`breaches_${column.replace(/_id$/, "")}_date_idx`)} on breaches (${sql.ref(column)}, incident_occurred_on, id) where deleted_at is null`.execute(db);
  }
  await sql`analyze breaches`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of INDEXED_FILTERS) {
    await sql`drop index if exists ${sql.raw(`breaches_${column.replace(/_id$/, "")}_date_idx`)}`.execute(db);
  }
  await sql`drop index if exists breaches_date_idx`.execute(db);
  await sql`drop trigger if exists incidents_update_breach_dates on incidents`.execute(db);
  await sql`drop function if exists incidents_update_breach_dates()`.execute(db);
  await sql`drop trigger if exists breaches_incident_date on breaches`.execute(db);
  await sql`drop function if exists breaches_incident_date()`.execute(db);
  await sql`alter table breaches drop column if exists incident_occurred_on`.execute(db);
}
