// The breach facts behind every commitment's status, kept up to date by the database itself.
//
// The status rule (app/models/commitment-status.server.ts) looks at the breaches whose incident
// falls inside the commitment's term. Deriving that for every commitment on every request meant
// joining all breaches to their incidents: seconds at 2,000,000 incidents. This table holds, per
// commitment, what the rule needs, in a form that does not depend on the date the status is
// asked for (asOf):
//   superseded_from   the earliest takes_effect_on of a live commitment that supersedes it. As of
//                     a date D the commitment is superseded when superseded_from <= D.
//   term end          least(expires_on, superseded_from): as of D the term ends at
//                     least(D, expires_on, superseded_from), whatever D is.
//   first_corroborated_on, first_contested_on, last_breach_on, breach_count
//                     over the live, not rejected breaches whose live incident falls in
//                     [takes_effect_on, term end]. As of D, the first corroborated breach is
//                     first_corroborated_on when that is <= D (and none otherwise); the count is
//                     breach_count when last_breach_on <= D; only when breaches lie after D (an
//                     incident dated in the future, or a status asked for a past date) must the
//                     count be taken from the breaches themselves.
// commitment_breach_tallies counts, per commitment, its live breaches about live incidents by
// party alleged responsible, party alleging and assessment, whatever their date: the breach counts
// of the parties list and the actor pages, a few thousand rows to add up instead of every breach
// joined to its incident.
//
// Statement-level triggers on every table the facts read recompute the facts of the commitments a
// statement touched, in the same transaction: the engine, the data set loader and the generator
// all write through them, and a reader never sees facts older than the data.
//
// Concurrent writers: the recomputation locks the commitments it recomputes, and a write of
// breaches also locks (share) their incidents, so that a breach added while its incident is being
// deleted is counted by whichever of the two transactions commits last, with the other's work in view.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table commitment_breach_facts (
      commitment_id integer primary key references commitments (id) on delete cascade,
      superseded_from date,
      first_corroborated_on date,
      first_contested_on date,
      last_breach_on date,
      breach_count integer not null default 0
    )`.execute(db);

  await sql`
    create table commitment_breach_tallies (
      commitment_id integer not null references commitments (id) on delete cascade,
      responsible_id integer,
      alleged_by_id integer,
      assessment text not null,
      breaches integer not null
    )`.execute(db);
  for (const column of ["commitment_id", "responsible_id", "alleged_by_id"]) {
    await sql`create index ${sql.raw(`commitment_breach_tallies_${column.replace(/_id$/, "")}_idx`)} on commitment_breach_tallies (${sql.ref(column)})`.execute(db);
  }

  // Locks the commitments first (in id order, so that two writers cannot deadlock on them): a
  // concurrent writer of the same commitment waits, and the recomputation, a statement of its own
  // with a fresh snapshot, then sees what that writer committed.
  await sql`
    create function refresh_commitment_breach_facts(ids integer[]) returns void language sql volatile as $$
      select 1 from commitments where id = any(ids) order by id for no key update;
      insert into commitment_breach_facts as f
        (commitment_id, superseded_from, first_corroborated_on, first_contested_on, last_breach_on, breach_count)
      select c.id, s.superseded_from, b.first_corroborated_on, b.first_contested_on, b.last_breach_on, b.breach_count
      from commitments c
      cross join lateral (
        select min(successor.takes_effect_on) as superseded_from
        from commitment_relations r join commitments successor on successor.id = r.commitment_id
        where r.related_commitment_id = c.id and r.relation = 'supersedes' and successor.deleted_at is null) s
      cross join lateral (
        select min(i.occurred_on) filter (where b.assessment = 'corroborated') as first_corroborated_on,
          min(i.occurred_on) filter (where b.assessment in ('alleged', 'disputed')) as first_contested_on,
          max(i.occurred_on) as last_breach_on,
          count(*)::int as breach_count
        from breaches b join incidents i on i.id = b.incident_id
        where b.commitment_id = c.id and b.deleted_at is null and i.deleted_at is null and b.assessment <> 'rejected'
          and i.occurred_on >= c.takes_effect_on
          and i.occurred_on <= coalesce(least(c.expires_on, s.superseded_from), 'infinity')) b
      where c.id = any(ids)
      on conflict (commitment_id) do update set
        superseded_from = excluded.superseded_from,
        first_corroborated_on = excluded.first_corroborated_on,
        first_contested_on = excluded.first_contested_on,
        last_breach_on = excluded.last_breach_on,
        breach_count = excluded.breach_count;
      delete from commitment_breach_tallies where commitment_id = any(ids);
      insert into commitment_breach_tallies (commitment_id, responsible_id, alleged_by_id, assessment, breaches)
      select b.commitment_id, b.responsible_id, b.alleged_by_id, b.assessment, count(*)::int
      from breaches b join incidents i on i.id = b.incident_id
      where b.commitment_id = any(ids) and b.deleted_at is null and i.deleted_at is null
      group by b.commitment_id, b.responsible_id, b.alleged_by_id, b.assessment;
    $$`.execute(db);

  // One trigger function per table and event; transition tables `n` (new rows) and `o` (old rows).
  const triggers: { table: string; event: "insert" | "update" | "delete"; ids: string; lock?: string }[] = [
    { table: "breaches", event: "insert", ids: "select commitment_id from n", lock: "select incident_id from n" },
    {
      table: "breaches",
      event: "update",
      ids: "select commitment_id from n union select commitment_id from o",
      lock: "select incident_id from n",
    },
    { table: "breaches", event: "delete", ids: "select commitment_id from o" },
    {
      table: "incidents",
      event: "update",
      ids: `select b.commitment_id from n join o using (id) join breaches b on b.incident_id = n.id
        where n.occurred_on is distinct from o.occurred_on or n.deleted_at is distinct from o.deleted_at`,
    },
    { table: "commitments", event: "insert", ids: "select id from n" },
    {
      // Its own term, and the supersession date of the commitments it supersedes.
      table: "commitments",
      event: "update",
      ids: `with changed as (
          select n.id from n join o using (id)
          where n.takes_effect_on is distinct from o.takes_effect_on or n.expires_on is distinct from o.expires_on
            or n.deleted_at is distinct from o.deleted_at)
        select id from changed
        union select r.related_commitment_id from commitment_relations r join changed on changed.id = r.commitment_id
        where r.relation = 'supersedes'`,
    },
    { table: "commitment_relations", event: "insert", ids: "select related_commitment_id from n where relation = 'supersedes'" },
    {
      table: "commitment_relations",
      event: "update",
      ids: `select related_commitment_id from n where relation = 'supersedes'
        union select related_commitment_id from o where relation = 'supersedes'`,
    },
    { table: "commitment_relations", event: "delete", ids: "select related_commitment_id from o where relation = 'supersedes'" },
  ];
  for (const t of triggers) {
    const name = `${t.table}_${t.event}_breach_facts`;
    const referencing = { insert: "new table as n", update: "new table as n old table as o", delete: "old table as o" }[t.event];
    await sql`
      create function ${sql.raw(name)}() returns trigger language plpgsql as $$
      begin
        ${sql.raw(t.lock ? `perform 1 from incidents where id in (${t.lock}) order by id for share;` : "")}
        perform refresh_commitment_breach_facts(array(${sql.raw(t.ids)}));
        return null;
      end $$`.execute(db);
    await sql`
      create trigger ${sql.raw(name)} after ${sql.raw(t.event)} on ${sql.table(t.table)}
      referencing ${sql.raw(referencing)} for each statement execute function ${sql.raw(name)}()`.execute(db);
  }

  // Emptying breaches or incidents (the tests do, between tests) takes every commitment's breaches away.
  await sql`
    create function truncate_breach_facts() returns trigger language plpgsql as $$
    begin
      perform refresh_commitment_breach_facts(array(select id from commitments));
      return null;
    end $$`.execute(db);
  for (const table of ["breaches", "incidents"]) {
    await sql`
      create trigger ${sql.raw(`${table}_truncate_breach_facts`)} after truncate on ${sql.table(table)}
      for each statement execute function truncate_breach_facts()`.execute(db);
  }

  await sql`select refresh_commitment_breach_facts(array(select id from commitments))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [table, events] of Object.entries({
    breaches: ["insert", "update", "delete"],
    incidents: ["update"],
    commitments: ["insert", "update"],
    commitment_relations: ["insert", "update", "delete"],
  })) {
    for (const event of events) {
      await sql`drop trigger if exists ${sql.raw(`${table}_${event}_breach_facts`)} on ${sql.table(table)}`.execute(db);
      await sql`drop function if exists ${sql.raw(`${table}_${event}_breach_facts`)}()`.execute(db);
    }
  }
  for (const table of ["breaches", "incidents"]) {
    await sql`drop trigger if exists ${sql.raw(`${table}_truncate_breach_facts`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists truncate_breach_facts()`.execute(db);
  await sql`drop function if exists refresh_commitment_breach_facts(integer[])`.execute(db);
  await sql`drop table if exists commitment_breach_tallies`.execute(db);
  await sql`drop table if exists commitment_breach_facts`.execute(db);
}
