// The analysis page's breakdown of breaches per month and per week, kept by the database.
//
// Computed live, the breakdown joined every breach to its incident (to leave out deleted ones) and
// counted distinct incidents per party, kind, assessment and bucket: 2.3 s at 2,000,000 incidents.
// analysis_breach_buckets holds, per bucket (unit 'month' or 'week', its first day as bucketOf
// computes it from the incident's date) and per party alleged responsible, the counted breaches
// (live, not rejected, of a live incident and a live commitment) by assessment and the incidents
// behind them, under four views: dim 'party' (key: the responsible actor's id, '0' for none),
// 'kind' (the commitment's kind), 'assessment' and 'all' (key ''). An incident has one date, so it
// lies in one bucket: its distinct incidents add up across buckets, never across keys.
//
// responsible_id is the breach's party alleged responsible (0: none), and -1 holds every breach
// whatever its party, as in migration 1900.
//
// Statement-level triggers on breaches, incidents (date, deletion) and commitments (kind, deletion)
// subtract what the touched incidents contributed before the statement and add what they contribute
// after it. Whether an incident counts in a view depends on all its breaches, so a write of breaches
// first locks their incidents, which serialises writers per incident (as migration 1900 does for
// claims). Deleted incidents are also indexed on their own, for the live computation's check that a
// breach's incident is live (the few deleted ones, rather than two million live ones).
import { type Kysely, sql } from "kysely";

const BREACH_COLUMNS = "id, incident_id, commitment_id, responsible_id, assessment, deleted_at";
/** A breach update that changes none of these (the incident's date, copied onto the breach) changes no figure here. */
const COUNTED_BY = "(n.incident_id, n.commitment_id, n.responsible_id, n.assessment, n.deleted_at is null)";

/**
 * Adds to the buckets, signed by s (+1 added, -1 taken away), what breaches `b` contribute, with
 * their commitments `c` (id, kind, deleted_at, s) and incidents `i` (id, occurred_on, deleted_at, s):
 * each is an SQL text of a row set; a breach pairs with the commitment and incident rows of its own sign.
 */
export function applyBreachContributions(b: string, c: string, i: string): string {
  const bucket = (unit: string) => `cast(date_trunc('${unit}', cast(i.occurred_on as timestamp)) as date)`;
  return `
    with counted as (
      select b.s, b.incident_id, b.responsible_id, b.assessment, c.kind, ${bucket("month")} as month, ${bucket("week")} as week
      from (${b}) b join (${c}) c on c.id = b.commitment_id and c.s = b.s join (${i}) i on i.id = b.incident_id and i.s = b.s
      where b.deleted_at is null and b.assessment <> 'rejected' and c.deleted_at is null and i.deleted_at is null
    ),
    per_incident as (
      select u.unit, u.bucket, p.resp, k.dim, k.key, counted.s, counted.incident_id,
        count(*) filter (where counted.assessment = 'alleged') as alleged,
        count(*) filter (where counted.assessment = 'corroborated') as corroborated,
        count(*) filter (where counted.assessment = 'disputed') as disputed,
        count(*) as breaches
      from counted
      cross join lateral (values ('month', counted.month), ('week', counted.week)) u(unit, bucket)
      cross join lateral (values (coalesce(counted.responsible_id, 0)), (-1)) p(resp)
      cross join lateral (values ('party', coalesce(counted.responsible_id, 0)::text), ('kind', counted.kind),
        ('assessment', counted.assessment), ('all', '')) k(dim, key)
      group by u.unit, u.bucket, p.resp, k.dim, k.key, counted.s, counted.incident_id
    )
    insert into analysis_breach_buckets as t (unit, bucket, responsible_id, dim, key, alleged, corroborated, disputed, breaches, incidents)
    select unit, bucket, resp, dim, key, sum(s * alleged), sum(s * corroborated), sum(s * disputed), sum(s * breaches), sum(s)
    from per_incident group by unit, bucket, resp, dim, key
    on conflict (unit, responsible_id, bucket, dim, key) do update set alleged = t.alleged + excluded.alleged,
      corroborated = t.corroborated + excluded.corroborated, disputed = t.disputed + excluded.disputed,
      breaches = t.breaches + excluded.breaches, incidents = t.incidents + excluded.incidents`;
}

/** Commitments as they are, once for each sign: only a commitment trigger has a before that differs. */
const BOTH_SIGNS_COMMITMENTS = "select id, kind, deleted_at, sg.s from commitments cross join (values (-1), (1)) sg(s)";
const liveIncidents = (touched: string) => `select id, occurred_on, deleted_at, sg.s from incidents cross join (values (-1), (1)) sg(s) where id in (${touched})`;
const lockIncidents = (touched: string) => `perform 1 from incidents where id in (${touched}) order by id for no key update;`;

/** Trigger bodies, per table and event, with transition tables n (new) and o (old). */
function body(table: "breaches" | "incidents" | "commitments", event: "insert" | "update" | "delete"): string {
  if (table === "breaches") {
    const moved = `${COUNTED_BY} is distinct from ${COUNTED_BY.replaceAll("n.", "o.")}`;
    const touched =
      event === "insert"
        ? "select incident_id from n"
        : event === "delete"
          ? "select incident_id from o"
          : `select n.incident_id from n join o using (id) where ${moved} union select o.incident_id from n join o using (id) where ${moved}`;
    const before =
      `select ${BREACH_COLUMNS}, -1 as s from breaches where incident_id in (${touched})` +
      (event === "delete" ? "" : " and id not in (select id from n)") +
      (event === "insert" ? "" : ` union all select ${BREACH_COLUMNS}, -1 from o where incident_id in (${touched})`);
    const after = `select ${BREACH_COLUMNS}, 1 as s from breaches where incident_id in (${touched})`;
    return `${lockIncidents(touched)}
      ${applyBreachContributions(`${before} union all ${after}`, BOTH_SIGNS_COMMITMENTS, liveIncidents(touched))};`;
  }
  if (table === "incidents") {
    // The incident's date and deletion, before (o) and after (n); its breaches are as they are.
    const changed = `select n.id from n join o using (id) where (n.occurred_on, n.deleted_at is null) is distinct from (o.occurred_on, o.deleted_at is null)`;
    return `${applyBreachContributions(
      `select ${BREACH_COLUMNS}, sg.s from breaches cross join (values (-1), (1)) sg(s) where incident_id in (${changed})`,
      BOTH_SIGNS_COMMITMENTS,
      `select id, occurred_on, deleted_at, -1 as s from o where id in (${changed}) union all select id, occurred_on, deleted_at, 1 from n where id in (${changed})`,
    )};`;
  }
  // Commitments: a change of kind or deletion moves every breach of the incidents that broke it.
  const changed = `select n.id from n join o using (id) where (n.kind, n.deleted_at is null) is distinct from (o.kind, o.deleted_at is null)`;
  const touched = `select incident_id from breaches where commitment_id in (${changed})`;
  return `${lockIncidents(touched)}
    ${applyBreachContributions(
      `select ${BREACH_COLUMNS}, sg.s from breaches cross join (values (-1), (1)) sg(s) where incident_id in (${touched})`,
      // Both versions of every commitment, each breach picking the one of its own sign below.
      `select id, kind, deleted_at, -1 as s from commitments where id not in (select id from n)
        union all select id, kind, deleted_at, -1 from o
        union all select id, kind, deleted_at, 1 from commitments`,
      liveIncidents(touched),
    )};`;
}

const TRIGGERS: { table: "breaches" | "incidents" | "commitments"; event: "insert" | "update" | "delete"; referencing: string }[] = [
  { table: "breaches", event: "insert", referencing: "new table as n" },
  { table: "breaches", event: "update", referencing: "new table as n old table as o" },
  { table: "breaches", event: "delete", referencing: "old table as o" },
  { table: "incidents", event: "update", referencing: "new table as n old table as o" },
  { table: "commitments", event: "update", referencing: "new table as n old table as o" },
];

const triggerName = (table: string, event: string) => `${table}_${event}_analysis_breaches`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table analysis_breach_buckets (
      unit text not null check (unit in ('month', 'week')),
      bucket date not null,
      responsible_id integer not null,
      dim text not null check (dim in ('party', 'kind', 'assessment', 'all')),
      key text not null,
      alleged bigint not null default 0,
      corroborated bigint not null default 0,
      disputed bigint not null default 0,
      breaches bigint not null default 0,
      incidents bigint not null default 0,
      primary key (unit, responsible_id, bucket, dim, key)
    )`.execute(db);
  await sql`create index incidents_deleted_idx on incidents (id) where deleted_at is not null`.execute(db);

  for (const { table, event, referencing } of TRIGGERS) {
    const name = triggerName(table, event);
    await sql`
      create function ${sql.raw(name)}() returns trigger language plpgsql as $$
      begin
        ${sql.raw(body(table, event))}
        return null;
      end $$`.execute(db);
    await sql`
      create trigger ${sql.raw(name)} after ${sql.raw(event)} on ${sql.table(table)}
      referencing ${sql.raw(referencing)} for each statement execute function ${sql.raw(name)}()`.execute(db);
  }

  // Recomputes every bucket from the records: after a bulk load with the triggers disabled, and here.
  await sql`
    create function analysis_breach_buckets_rebuild() returns void language plpgsql as $$
    begin
      delete from analysis_breach_buckets;
      ${sql.raw(
        applyBreachContributions(
          `select ${BREACH_COLUMNS}, 1 as s from breaches`,
          "select id, kind, deleted_at, 1 as s from commitments",
          "select id, occurred_on, deleted_at, 1 as s from incidents",
        ),
      )};
    end $$`.execute(db);
  await sql`
    create function analysis_breach_buckets_truncate() returns trigger language plpgsql as $$
    begin
      delete from analysis_breach_buckets;
      return null;
    end $$`.execute(db);
  await sql`create trigger breaches_truncate_analysis_breaches after truncate on breaches
    for each statement execute function analysis_breach_buckets_truncate()`.execute(db);
  await sql`select analysis_breach_buckets_rebuild()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists breaches_truncate_analysis_breaches on breaches`.execute(db);
  for (const { table, event } of TRIGGERS) {
    await sql`drop trigger if exists ${sql.raw(triggerName(table, event))} on ${sql.table(table)}`.execute(db);
    await sql`drop function if exists ${sql.raw(triggerName(table, event))}()`.execute(db);
  }
  await sql`drop function if exists analysis_breach_buckets_truncate()`.execute(db);
  await sql`drop function if exists analysis_breach_buckets_rebuild()`.execute(db);
  await sql`drop index if exists incidents_deleted_idx`.execute(db);
  await sql`drop table if exists analysis_breach_buckets`.execute(db);
}
