// An actor's page lists the latest casualty claims it made, by incident date. Ordering by a column
// of another table cannot use an index, so the page chose between reading incidents newest first
// until enough of the actor's claims turned up and reading all of its claims; near the crossover
// both read thousands of rows (an armed group with 4,600 claims: 4,300 incidents, 38 ms at 2M
// incidents). Each claim now carries its incident's date, filled in by the database when the claim
// is written and when the incident's date changes (as breaches carry it, migration 1852), with an
// index per claimant and date.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table claims add column incident_occurred_on date`.execute(db);
  // The fill changes no record anyone reads: the claims' own triggers (tallies, analysis summaries,
  // the data version, each claim's deferred bump) would recount millions of unchanged rows.
  await sql`alter table claims disable trigger user`.execute(db);
  await sql`update claims cl set incident_occurred_on = i.occurred_on from incidents i where i.id = cl.incident_id`.execute(db);
  await sql`alter table claims enable trigger user`.execute(db);
  await sql`alter table claims alter column incident_occurred_on set not null`.execute(db);

  await sql`
    create function claims_incident_date() returns trigger language plpgsql as $$
    begin
      new.incident_occurred_on := (select occurred_on from incidents where id = new.incident_id);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger claims_incident_date before insert or update of incident_id, incident_occurred_on on claims
    for each row execute function claims_incident_date()`.execute(db);
  await sql`
    create function incidents_update_claim_dates() returns trigger language plpgsql as $$
    begin
      update claims cl set incident_occurred_on = n.occurred_on
      from n join o using (id)
      where cl.incident_id = n.id and n.occurred_on is distinct from o.occurred_on;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger incidents_update_claim_dates after update on incidents
    referencing new table as n old table as o for each statement execute function incidents_update_claim_dates()`.execute(db);

  await sql`create index claims_claimant_date_idx on claims (claimant_id, incident_occurred_on, incident_id, id) where deleted_at is null`.execute(db);
  await sql`analyze claims`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists claims_claimant_date_idx`.execute(db);
  await sql`drop trigger if exists incidents_update_claim_dates on incidents`.execute(db);
  await sql`drop function if exists incidents_update_claim_dates()`.execute(db);
  await sql`drop trigger if exists claims_incident_date on claims`.execute(db);
  await sql`drop function if exists claims_incident_date()`.execute(db);
  await sql`alter table claims drop column if exists incident_occurred_on`.execute(db);
}
