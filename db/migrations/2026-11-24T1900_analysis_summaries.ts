// The analysis page's incident and casualty figures per month and per week, kept by the database.
//
// Computed live, the page summed every incident's claim ranges over all claims on every request
// (minutes at 2,000,000 incidents). These tables hold, per bucket (unit 'month' or 'week', its first
// day in UTC as bucketOf computes it) and per perpetrator, exactly the sums the live queries of
// app/models/analytics/ take, so that a bucket is read instead of recomputed:
//
//   analysis_incident_buckets   live incidents; imprecisely dated ones (for this unit); those with a
//                               counted claim; those with a killed figure claimed; and the sums of
//                               each incident's group ranges (activityByBucket, the casualty total)
//   analysis_group_buckets      per group of claims (category, side): incidents with a claim in it
//                               and the sums of their group ranges (casualtiesByPeriod)
//   analysis_claimant_buckets   the same per claimant within the group: sums of the claimant's own
//                               range per incident (casualtiesByPeriod's claimants)
//
// perpetrator_id is the incident's perpetrator (0: none named), and -1 holds every incident whatever
// its perpetrator, so the unfiltered page reads one row per bucket rather than adding up 159
// perpetrators. affected_id 0 stands for "side not stated" so that it can be part of a key. Sums of
// figures come with the number of incidents behind a non-null value (the _n columns): a live sum
// over no value is null, not 0, and the readers give null where that number is 0.
//
// Statement-level triggers subtract what the touched incidents contributed before the statement
// and add what they contribute after it, in the same transaction. Ranges are minimums and maximums,
// which do not add: two transactions changing claims of one incident at once would each subtract a
// "before" that is no longer true. So a write of claims first locks its incidents (no key update),
// which serialises writers per incident; this trigger's name sorts before the tallies' trigger
// (which takes a share lock), so no transaction holds a share lock while waiting for this one.
//
// The generator loads with these triggers disabled and calls analysis_summaries_rebuild() at the end.
import { type Kysely, sql } from "kysely";

const FIGURES = ["killed_low", "killed_high", "injured_low", "injured_high"] as const;
const sums = FIGURES.map((f) => `${f} bigint not null default 0, ${f}_n bigint not null default 0`).join(",\n");

/**
 * The three bucket tables' rows contributed by incidents `inc` (id, occurred_on, date_precision,
 * perpetrator_id, deleted_at, s) and claims `cl` (incident_id, claimant_id, category, affected_id,
 * figures, rank, deleted_at, s), each row signed by s (+1 added, -1 taken away): three inserts that
 * add them up. Both are SQL texts of row sets; a claim pairs with the incident row of the same sign.
 */
export function applyContributions(inc: string, cl: string, { everyIncidentRow = true } = {}): string {
  const upsert = (table: string, keys: string[], values: string) => `
    insert into ${table} as t (${keys.join(", ")}, incidents, ${FIGURES.flatMap((f) => [f, `${f}_n`]).join(", ")}${table === "analysis_incident_buckets" ? ", imprecise, with_claims, with_killed" : ""})
    ${values}
    on conflict (${keys.join(", ")}) do update set incidents = t.incidents + excluded.incidents,
      ${FIGURES.map((f) => `${f} = t.${f} + excluded.${f}, ${f}_n = t.${f}_n + excluded.${f}_n`).join(", ")}
      ${table === "analysis_incident_buckets" ? ", imprecise = t.imprecise + excluded.imprecise, with_claims = t.with_claims + excluded.with_claims, with_killed = t.with_killed + excluded.with_killed" : ""}`;
  const figureSums = (src: string) =>
    FIGURES.map((f) => `coalesce(sum(${src}.s * ${src}.${f}), 0), coalesce(sum(${src}.s) filter (where ${src}.${f} is not null), 0)`).join(", ");
  const keyed = (table: string, src: string) => `
    from ${table} ${src} join i on i.id = ${src}.incident_id and i.s = ${src}.s
    cross join lateral (values ('month', i.month), ('week', i.week)) u(unit, bucket)
    cross join lateral (values (i.perp)${everyIncidentRow ? ", (-1)" : ""}) p(perp)`;
  return `
    with i as (
      select id, date_precision, coalesce(perpetrator_id, 0) as perp, s,
        cast(date_trunc('month', cast(occurred_on as timestamp)) as date) as month,
        cast(date_trunc('week', cast(occurred_on as timestamp)) as date) as week
      from (${inc}) x where deleted_at is null
    ),
    per_claimant as (
      select c.s, c.incident_id, c.category, coalesce(c.affected_id, 0) as affected, c.claimant_id,
        min(c.killed_low) as killed_low, max(coalesce(c.killed_high, c.killed_low)) as killed_high,
        min(c.injured_low) as injured_low, max(coalesce(c.injured_high, c.injured_low)) as injured_high
      from (${cl}) c join i on i.id = c.incident_id and i.s = c.s
      where c.deleted_at is null and c.rank <> 'deprecated'
      group by c.s, c.incident_id, c.category, coalesce(c.affected_id, 0), c.claimant_id
    ),
    per_group as (
      select s, incident_id, category, affected,
        min(killed_low) as killed_low, max(killed_high) as killed_high, min(injured_low) as injured_low, max(injured_high) as injured_high
      from per_claimant group by s, incident_id, category, affected
    ),
    per_incident as (
      select i.s, i.id as incident_id, count(g.incident_id) > 0 as with_claims,
        sum(g.killed_low) as killed_low, sum(g.killed_high) as killed_high, sum(g.injured_low) as injured_low, sum(g.injured_high) as injured_high
      from i left join per_group g on g.incident_id = i.id and g.s = i.s
      group by i.s, i.id
    ),
    incident_rows as (${upsert(
      "analysis_incident_buckets",
      ["unit", "bucket", "perpetrator_id"],
      `select u.unit, u.bucket, p.perp, sum(pi.s), ${figureSums("pi")},
        coalesce(sum(pi.s) filter (where i.date_precision = 'year' or (u.unit = 'week' and i.date_precision = 'month')), 0),
        coalesce(sum(pi.s) filter (where pi.with_claims), 0), coalesce(sum(pi.s) filter (where pi.killed_high is not null), 0)
      ${keyed("per_incident", "pi")} group by 1, 2, 3`,
    )}),
    group_rows as (${upsert(
      "analysis_group_buckets",
      ["unit", "bucket", "perpetrator_id", "category", "affected_id"],
      `select u.unit, u.bucket, p.perp, g.category, g.affected, sum(g.s), ${figureSums("g")}
      ${keyed("per_group", "g")} group by 1, 2, 3, 4, 5`,
    )})
    ${upsert(
      "analysis_claimant_buckets",
      ["unit", "bucket", "perpetrator_id", "category", "affected_id", "claimant_id"],
      `select u.unit, u.bucket, p.perp, c.category, c.affected, c.claimant_id, sum(c.s), ${figureSums("c")}
      ${keyed("per_claimant", "c")} group by 1, 2, 3, 4, 5, 6`,
    )}`;
}

const INCIDENT_COLUMNS = "id, occurred_on, date_precision, perpetrator_id, deleted_at";
const CLAIM_COLUMNS = "id, incident_id, claimant_id, category, affected_id, killed_low, killed_high, injured_low, injured_high, rank, deleted_at";

/** Trigger bodies, per table and event, with transition tables n (new) and o (old). */
function body(table: "incidents" | "claims", event: "insert" | "update" | "delete"): string {
  if (table === "incidents") {
    // An update that leaves date, precision, perpetrator and deletion alone changes no figure.
    const changed =
      event === "update"
        ? `select n.id from n join o using (id) where (n.occurred_on, n.date_precision, n.perpetrator_id, n.deleted_at is null)
             is distinct from (o.occurred_on, o.date_precision, o.perpetrator_id, o.deleted_at is null)`
        : `select id from ${event === "insert" ? "n" : "o"}`;
    const minus = event === "insert" ? "" : `select ${INCIDENT_COLUMNS}, -1 as s from o where id in (${changed})`;
    const plus = event === "delete" ? "" : `select ${INCIDENT_COLUMNS}, 1 as s from n where id in (${changed})`;
    return `${applyContributions(
      [minus, plus].filter(Boolean).join(" union all "),
      `select ${CLAIM_COLUMNS}, sg.s from claims cross join (values (-1), (1)) sg(s) where incident_id in (${changed})`,
    )};`;
  }
  const touched = [event !== "delete" ? "select incident_id from n" : "", event !== "insert" ? "select incident_id from o" : ""]
    .filter(Boolean)
    .join(" union ");
  const newIds = event === "delete" ? "" : "and c.id not in (select id from n)";
  const before = `select ${CLAIM_COLUMNS}, -1 as s from claims c where c.incident_id in (${touched}) ${newIds}` + (event === "insert" ? "" : ` union all select ${CLAIM_COLUMNS}, -1 from o`);
  const after = `select ${CLAIM_COLUMNS}, 1 as s from claims c where c.incident_id in (${touched})`;
  return `
    perform 1 from incidents where id in (${touched}) order by id for no key update;
    ${applyContributions(
      `select ${INCIDENT_COLUMNS}, sg.s from incidents cross join (values (-1), (1)) sg(s) where id in (${touched})`,
      `${before} union all ${after}`,
    )};`;
}

const BUCKET_KEYS: Record<string, string[]> = {
  analysis_incident_buckets: [],
  analysis_group_buckets: ["category", "affected_id"],
  analysis_claimant_buckets: ["category", "affected_id", "claimant_id"],
};
const EVERY_INCIDENT_FROM_PERPETRATORS = Object.entries(BUCKET_KEYS)
  .map(([table, keys]) => {
    const counts = ["incidents", ...FIGURES.flatMap((f) => [f, `${f}_n`]), ...(keys.length ? [] : ["imprecise", "with_claims", "with_killed"])];
    const columns = ["unit", "bucket", ...keys];
    return `insert into ${table} (${columns.join(", ")}, perpetrator_id, ${counts.join(", ")})
      select ${columns.join(", ")}, -1, ${counts.map((c) => `sum(${c})`).join(", ")}
      from ${table} where perpetrator_id <> -1 group by ${columns.join(", ")};`;
  })
  .join("\n");

const EVENTS = ["insert", "update", "delete"] as const;
const REFERENCING = { insert: "new table as n", update: "new table as n old table as o", delete: "old table as o" };

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table analysis_incident_buckets (
      unit text not null check (unit in ('month', 'week')),
      bucket date not null,
      perpetrator_id integer not null,
      incidents bigint not null default 0,
      imprecise bigint not null default 0,
      with_claims bigint not null default 0,
      with_killed bigint not null default 0,
      ${sql.raw(sums)},
      primary key (unit, perpetrator_id, bucket)
    )`.execute(db);
  await sql`
    create table analysis_group_buckets (
      unit text not null check (unit in ('month', 'week')),
      bucket date not null,
      perpetrator_id integer not null,
      category text not null,
      affected_id integer not null,
      incidents bigint not null default 0,
      ${sql.raw(sums)},
      primary key (unit, perpetrator_id, bucket, category, affected_id)
    )`.execute(db);
  await sql`
    create table analysis_claimant_buckets (
      unit text not null check (unit in ('month', 'week')),
      bucket date not null,
      perpetrator_id integer not null,
      category text not null,
      affected_id integer not null,
      claimant_id integer not null,
      incidents bigint not null default 0,
      ${sql.raw(sums)},
      primary key (unit, perpetrator_id, bucket, category, affected_id, claimant_id)
    )`.execute(db);

  for (const table of ["incidents", "claims"] as const) {
    for (const event of EVENTS) {
      const name = `${table}_${event}_analysis`;
      await sql`
        create function ${sql.raw(name)}() returns trigger language plpgsql as $$
        begin
          ${sql.raw(body(table, event))}
          return null;
        end $$`.execute(db);
      await sql`
        create trigger ${sql.raw(name)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing ${sql.raw(REFERENCING[event])} for each statement execute function ${sql.raw(name)}()`.execute(db);
    }
  }

  // Recomputes every bucket from the records: after a bulk load with the triggers disabled, and here.
  await sql`
    create function analysis_summaries_rebuild() returns void language plpgsql as $$
    begin
      delete from analysis_incident_buckets;
      delete from analysis_group_buckets;
      delete from analysis_claimant_buckets;
      -- Each perpetrator's rows first; every incident's (-1) are then their sums, rather than a
      -- second copy of every incident's and claim's contribution.
      ${sql.raw(applyContributions(`select ${INCIDENT_COLUMNS}, 1 as s from incidents`, `select ${CLAIM_COLUMNS}, 1 as s from claims`, { everyIncidentRow: false }))};
      ${sql.raw(EVERY_INCIDENT_FROM_PERPETRATORS)}
    end $$`.execute(db);
  await sql`
    create function analysis_summaries_truncate() returns trigger language plpgsql as $$
    begin
      delete from analysis_incident_buckets;
      delete from analysis_group_buckets;
      delete from analysis_claimant_buckets;
      return null;
    end $$`.execute(db);
  for (const table of ["incidents", "claims"]) {
    await sql`create trigger ${sql.raw(`${table}_truncate_analysis`)} after truncate on ${sql.table(table)}
      for each statement execute function analysis_summaries_truncate()`.execute(db);
  }
  await sql`select analysis_summaries_rebuild()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["incidents", "claims"]) {
    for (const event of [...EVENTS, "truncate"]) await sql`drop trigger if exists ${sql.raw(`${table}_${event}_analysis`)} on ${sql.table(table)}`.execute(db);
    for (const event of EVENTS) await sql`drop function if exists ${sql.raw(`${table}_${event}_analysis`)}()`.execute(db);
  }
  await sql`drop function if exists analysis_summaries_truncate()`.execute(db);
  await sql`drop function if exists analysis_summaries_rebuild()`.execute(db);
  for (const table of ["analysis_claimant_buckets", "analysis_group_buckets", "analysis_incident_buckets"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}
