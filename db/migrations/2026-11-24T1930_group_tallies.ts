// Counts per actor and per venue that the lists and the actor page would otherwise take from
// thousands of rows on every request, kept by the database itself.
//
// group_tallies(tally, id, n, broken, corroborated):
//   ('bound', actor)        n live commitments binding the actor; broken: those of them that have a
//                           first corroborated breach (commitment_breach_facts.first_corroborated_on)
//   ('obtained', actor)     the same for the live commitments made at the live rounds the actor
//                           mediated or hosted, each commitment once
//   ('venue', venue)        the same for the live commitments made at the venue's live rounds
//   ('responsible', actor)  n live breaches of live incidents (commitment_breach_tallies) of live
//                           commitments naming the actor as responsible; corroborated: how many are
//   ('alleged', actor)      the same for the breaches the actor alleged
//   ('rounds', actor)       n live rounds the actor took part in, in any role
//   ('mediator' | 'host' | 'party' | 'observer', actor)
//                           n live rounds the actor held that role in
//   ('led', actor)          n live rounds it mediated or hosted, a round both mediated and hosted once
// A group with nothing to count has no row.
//
// "Broken" depends on the date asked (decision 0001): a commitment is broken as of D when its first
// corroborated breach is on or before D. `broken` counts them whatever the date; a reader as of D
// takes away the few whose first corroborated breach falls after D (an incident dated in the
// future, or a past D), found through the index on first_corroborated_on made here.
//
// Recounts, not deltas: which commitments a group holds moves with rounds, participants and
// bindings, and a recount of one group reads at most a few thousand rows. Statement-level
// triggers recount the groups a statement touched; each recount first takes a transaction lock on
// its group, so of two concurrent writers of one group the later recounts after the earlier has
// committed, and sees it (each statement of a SQL function takes a fresh snapshot).
import { type Kysely, sql } from "kysely";

type Event = "insert" | "update" | "delete";

/** Per table and event, the groups to recount: tally -> SQL returning ids, from transition tables n and o. */
const CHANGES: { table: string; event: Event; tallies: Record<string, string> }[] = [];

const leadersOf = (rounds: string) => `select actor_id from round_participants where role in ('mediator', 'host') and round_id in (${rounds})`;
const venuesOf = (rounds: string) => `select venue_id from rounds where id in (${rounds})`;
const boundTo = (commitments: string) => `select actor_id from commitment_parties where commitment_id in (${commitments})`;
/** The tallies of an actor's rounds, by role. */
const ROUND_TALLIES = ["rounds", "led", "mediator", "host", "party", "observer"];
const each = (tallies: string[], ids: string) => Object.fromEntries(tallies.map((t) => [t, ids]));
const breachActors = (column: "responsible_id" | "alleged_by_id", commitments: string) =>
  `select ${column} from commitment_breach_tallies where commitment_id in (${commitments})`;
/** Rows of `n` and/or `o`, as the event has them. */
const rowsOf = (event: Event, select: (t: "n" | "o") => string) =>
  ({ insert: select("n"), delete: select("o"), update: `${select("n")} union ${select("o")}` })[event];

for (const event of ["insert", "update", "delete"] as Event[]) {
  CHANGES.push({ table: "commitment_parties", event, tallies: { bound: rowsOf(event, (t) => `select actor_id from ${t}`) } });
  CHANGES.push({ table: "round_participants", event, tallies: each(["obtained", ...ROUND_TALLIES], rowsOf(event, (t) => `select actor_id from ${t}`)) });
  CHANGES.push({
    table: "commitment_breach_tallies",
    event,
    tallies: {
      responsible: rowsOf(event, (t) => `select responsible_id from ${t}`),
      alleged: rowsOf(event, (t) => `select alleged_by_id from ${t}`),
    },
  });
}
// A commitment's round and liveness; its bindings and breach tallies have triggers of their own
// when they are written, but not when the commitment is deleted or restored.
const changedCommitments = `select n.id from n join o using (id)
  where n.round_id is distinct from o.round_id or (n.deleted_at is null) <> (o.deleted_at is null)`;
const changedRounds = `select n.round_id from n join o using (id) where n.id in (${changedCommitments})
  union select o.round_id from n join o using (id) where n.id in (${changedCommitments})`;
CHANGES.push(
  { table: "commitments", event: "insert", tallies: { obtained: leadersOf("select round_id from n"), venue: venuesOf("select round_id from n") } },
  {
    table: "commitments",
    event: "update",
    tallies: {
      bound: boundTo(changedCommitments),
      obtained: leadersOf(changedRounds),
      venue: venuesOf(changedRounds),
      responsible: breachActors("responsible_id", changedCommitments),
      alleged: breachActors("alleged_by_id", changedCommitments),
    },
  },
  { table: "commitments", event: "delete", tallies: { obtained: leadersOf("select round_id from o"), venue: venuesOf("select round_id from o") } },
);
// A round's liveness and venue.
const changedRoundIds = `select n.id from n join o using (id) where n.venue_id is distinct from o.venue_id or (n.deleted_at is null) <> (o.deleted_at is null)`;
CHANGES.push(
  {
    table: "rounds",
    event: "update",
    tallies: {
      obtained: leadersOf(changedRoundIds),
      ...each(ROUND_TALLIES, `select actor_id from round_participants where round_id in (${changedRoundIds})`),
      venue: `select n.venue_id from n where n.id in (${changedRoundIds}) union select o.venue_id from o where o.id in (${changedRoundIds})`,
    },
  },
  { table: "rounds", event: "delete", tallies: { venue: "select venue_id from o" } },
);
// Whether a commitment has a corroborated breach at all.
const brokenChanged = {
  insert: "select commitment_id from n where first_corroborated_on is not null",
  delete: "select commitment_id from o where first_corroborated_on is not null",
  update: `select n.commitment_id from n join o using (commitment_id) where (n.first_corroborated_on is null) <> (o.first_corroborated_on is null)`,
};
for (const event of ["insert", "update", "delete"] as Event[]) {
  const ids = brokenChanged[event];
  const rounds = `select round_id from commitments where id in (${ids})`;
  CHANGES.push({ table: "commitment_breach_facts", event, tallies: { bound: boundTo(ids), obtained: leadersOf(rounds), venue: venuesOf(rounds) } });
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table group_tallies (
      tally text not null,
      id integer not null,
      n integer not null,
      broken integer not null default 0,
      corroborated integer not null default 0,
      primary key (tally, id)
    )`.execute(db);
  // The few commitments broken after the date a reader asks for.
  await sql`create index commitment_breach_facts_first_corroborated_idx on commitment_breach_facts (first_corroborated_on)`.execute(db);

  await sql`
    create function refresh_group_tallies(which text, ids integer[]) returns void language sql volatile as $$
      select pg_advisory_xact_lock(hashtext('group_tallies:' || which), g) from unnest(ids) g group by g order by g;
      delete from group_tallies where tally = which and id = any(ids);
      insert into group_tallies (tally, id, n, broken, corroborated)
      select which, x.id, x.n, x.broken, x.corroborated from (
        select cp.actor_id as id, count(*)::int as n, (count(*) filter (where bf.first_corroborated_on is not null))::int as broken, 0 as corroborated
        from commitment_parties cp
        join commitments c on c.id = cp.commitment_id and c.deleted_at is null
        left join commitment_breach_facts bf on bf.commitment_id = c.id
        where which = 'bound' and cp.actor_id = any(ids)
        group by cp.actor_id
        union all
        select led.actor_id, count(*)::int, (count(*) filter (where bf.first_corroborated_on is not null))::int, 0
        from (select distinct rp.actor_id, rp.round_id from round_participants rp join rounds r on r.id = rp.round_id and r.deleted_at is null
              where rp.role in ('mediator', 'host') and rp.actor_id = any(ids)) led
        join commitments c on c.round_id = led.round_id and c.deleted_at is null
        left join commitment_breach_facts bf on bf.commitment_id = c.id
        where which = 'obtained'
        group by led.actor_id
        union all
        select r.venue_id, count(*)::int, (count(*) filter (where bf.first_corroborated_on is not null))::int, 0
        from rounds r
        join commitments c on c.round_id = r.id and c.deleted_at is null
        left join commitment_breach_facts bf on bf.commitment_id = c.id
        where which = 'venue' and r.deleted_at is null and r.venue_id = any(ids)
        group by r.venue_id
        union all
        select case when which = 'responsible' then t.responsible_id else t.alleged_by_id end, sum(t.breaches)::int, 0,
          coalesce(sum(t.breaches) filter (where t.assessment = 'corroborated'), 0)::int
        from commitment_breach_tallies t
        join commitments c on c.id = t.commitment_id and c.deleted_at is null
        where (which = 'responsible' and t.responsible_id = any(ids)) or (which = 'alleged' and t.alleged_by_id = any(ids))
        group by 1
        union all
        select rp.actor_id, count(distinct rp.round_id)::int, 0, 0
        from round_participants rp join rounds r on r.id = rp.round_id and r.deleted_at is null
        where which in ('rounds', 'led', 'mediator', 'host', 'party', 'observer') and rp.actor_id = any(ids)
          and (which = 'rounds' or rp.role = which or (which = 'led' and rp.role in ('mediator', 'host')))
        group by rp.actor_id
      ) x where x.n > 0;
    $$`.execute(db);

  for (const change of CHANGES) {
    const name = `${change.table}_${change.event}_group_tallies`;
    const referencing = { insert: "new table as n", update: "new table as n old table as o", delete: "old table as o" }[change.event];
    const body = Object.entries(change.tallies)
      .map(([tally, ids]) => `perform refresh_group_tallies('${tally}', array(select x from (${ids}) s(x) where x is not null));`)
      .join("\n        ");
    await sql`
      create function ${sql.raw(name)}() returns trigger language plpgsql as $$
      begin
        ${sql.raw(body)}
        return null;
      end $$`.execute(db);
    await sql`
      create trigger ${sql.raw(name)} after ${sql.raw(change.event)} on ${sql.table(change.table)}
      referencing ${sql.raw(referencing)} for each statement execute function ${sql.raw(name)}()`.execute(db);
  }

  for (const tally of ["bound", "obtained", "responsible", "alleged", ...ROUND_TALLIES]) {
    await sql`select refresh_group_tallies(${tally}, array(select id from actors))`.execute(db);
  }
  await sql`select refresh_group_tallies('venue', array(select id from venues))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const change of CHANGES) {
    const name = `${change.table}_${change.event}_group_tallies`;
    await sql`drop trigger if exists ${sql.raw(name)} on ${sql.table(change.table)}`.execute(db);
    await sql`drop function if exists ${sql.raw(name)}()`.execute(db);
  }
  await sql`drop function if exists refresh_group_tallies(text, integer[])`.execute(db);
  await sql`drop index if exists commitment_breach_facts_first_corroborated_idx`.execute(db);
  await sql`drop table if exists group_tallies`.execute(db);
}
