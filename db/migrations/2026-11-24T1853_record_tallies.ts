// Exact counts that would otherwise mean counting millions of rows on every page view: how many
// live incidents, claims, breaches and sources there are (the overview), how many live incidents
// name each actor as perpetrator, and how many live claims about live incidents each actor made
// (the actor page). The database keeps them itself: statement-level triggers add what a statement
// changed, so every writer (the editing engine, the data set loader, the generator) keeps them
// exact, and a reader sees them in step with the rows.
//
// record_tallies(subject, id, n):
//   ('incidents' | 'claims' | 'breaches' | 'sources', 0)  live rows of the table
//   ('perpetrator', actor id)   live incidents naming the actor as the alleged perpetrator
//   ('claimant', actor id)      live claims by the actor about a live incident
//
// Deltas, not recounts: adding 1 commutes with any concurrent writer's adding. Whether a claim
// counts depends on its incident too, so a write of claims locks (share) their incidents first: a
// claim added while its incident is deleted is seen by whichever transaction commits last.
import { type Kysely, sql } from "kysely";

type Event = "insert" | "update" | "delete";

/** Rows of (subject, id, delta) a statement adds, per table and event, from transition tables n (new) and o (old). */
function deltas(table: string, event: Event): string {
  const plus = (rows: string) => (event === "delete" ? "" : rows.replaceAll("$T", "n").replaceAll("$D", "1"));
  const minus = (rows: string) => (event === "insert" ? "" : rows.replaceAll("$T", "o").replaceAll("$D", "-1"));
  const both = (rows: string) => [plus(rows), minus(rows)].filter(Boolean);
  switch (table) {
    case "incidents": {
      const parts = both(`select 'incidents', 0, $D from $T where deleted_at is null
        union all select 'perpetrator', perpetrator_id, $D from $T where deleted_at is null and perpetrator_id is not null`);
      // An incident deleted or restored takes its live claims out of, or back into, their claimants' tallies.
      if (event === "update") {
        parts.push(`select 'claimant', c.claimant_id, case when n.deleted_at is null then 1 else -1 end
          from n join o using (id) join claims c on c.incident_id = n.id
          where (n.deleted_at is null) <> (o.deleted_at is null) and c.deleted_at is null`);
      }
      return parts.join(" union all ");
    }
    case "claims":
      return both(`select 'claims', 0, $D from $T where deleted_at is null
        union all select 'claimant', c.claimant_id, $D from $T c join incidents i on i.id = c.incident_id
          where c.deleted_at is null and i.deleted_at is null`).join(" union all ");
    default:
      return both(`select '${table}', 0, $D from $T where deleted_at is null`).join(" union all ");
  }
}

const TABLES = ["incidents", "claims", "breaches", "sources"];
const EVENTS: Event[] = ["insert", "update", "delete"];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table record_tallies (
      subject text not null,
      id integer not null default 0,
      n bigint not null default 0,
      primary key (subject, id)
    )`.execute(db);

  for (const table of TABLES) {
    for (const event of EVENTS) {
      const name = `${table}_${event}_tallies`;
      const referencing = { insert: "new table as n", update: "new table as n old table as o", delete: "old table as o" }[event];
      const lock = table === "claims" && event !== "delete" ? "perform 1 from incidents where id in (select incident_id from n) order by id for share;" : "";
      await sql`
        create function ${sql.raw(name)}() returns trigger language plpgsql as $$
        begin
          ${sql.raw(lock)}
          insert into record_tallies as t (subject, id, n)
          select subject, id, sum(d) from (${sql.raw(deltas(table, event))}) as delta(subject, id, d)
          group by subject, id having sum(d) <> 0
          on conflict (subject, id) do update set n = t.n + excluded.n;
          return null;
        end $$`.execute(db);
      await sql`
        create trigger ${sql.raw(name)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(referencing)} for each statement execute function ${sql.raw(name)}()`.execute(db);
    }
    // Emptying a table (the tests do, between tests) empties its tallies.
    const truncated = `${table}_truncate_tallies`;
    const subjects = { incidents: "'incidents', 'perpetrator', 'claimant'", claims: "'claims', 'claimant'" }[table as "incidents" | "claims"] ?? `'${table}'`;
    await sql`
      create function ${sql.raw(truncated)}() returns trigger language plpgsql as $$
      begin
        delete from record_tallies where subject in (${sql.raw(subjects)});
        return null;
      end $$`.execute(db);
    await sql`create trigger ${sql.raw(truncated)} after truncate on ${sql.table(table)} for each statement execute function ${sql.raw(truncated)}()`.execute(db);
  }

  await sql`
    insert into record_tallies (subject, id, n)
    select 'incidents', 0, count(*) from incidents where deleted_at is null
    union all select 'claims', 0, count(*) from claims where deleted_at is null
    union all select 'breaches', 0, count(*) from breaches where deleted_at is null
    union all select 'sources', 0, count(*) from sources where deleted_at is null
    union all select 'perpetrator', perpetrator_id, count(*) from incidents where deleted_at is null and perpetrator_id is not null group by perpetrator_id
    union all select 'claimant', c.claimant_id, count(*) from claims c join incidents i on i.id = c.incident_id
      where c.deleted_at is null and i.deleted_at is null group by c.claimant_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    for (const event of [...EVENTS, "truncate"]) {
      await sql`drop trigger if exists ${sql.raw(`${table}_${event}_tallies`)} on ${sql.table(table)}`.execute(db);
      await sql`drop function if exists ${sql.raw(`${table}_${event}_tallies`)}()`.execute(db);
    }
  }
  await sql`drop table if exists record_tallies`.execute(db);
}
