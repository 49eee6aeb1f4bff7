// Casualties with their disagreement: per incident and per month or week, the range from the
// lowest to the highest claim with every claim beside it. Deprecated and deleted claims are left
// out; nothing is averaged. A claim without a high figure counts its low as its high.
// A range is only ever taken within one group of claims counting the same people: one category
// on one side (claims.affected_id; null, "not stated", is a group of its own). The Taliban's count
// of Pakistani soldiers and Pakistan's count of Taliban fighters are two groups, never one range.
import { sql, type Kysely } from "kysely";
import { CLAIM_CATEGORIES, type ClaimCategory, type ClaimRank, type DatePrecision } from "@db/enums";
import type { Database } from "@db/types";
import { bucketEndOf, bucketOf, incidentWhere, summaryPlan, type AnalysisFilters } from "./filters.server";
import type { Bucket } from "./options";

/** Claims that count: live and not deprecated (alias `cl`). */
export const countedClaim = sql<boolean>`cl.deleted_at is null and cl.rank <> 'deprecated'`;

/** Aggregates over claims `cl`: lowest low and highest high, killed and injured. */
export const claimRange = sql`min(cl.killed_low) as killed_low, max(coalesce(cl.killed_high, cl.killed_low)) as killed_high,
  min(cl.injured_low) as injured_low, max(coalesce(cl.injured_high, cl.injured_low)) as injured_high`;

/**
 * A summary row's (alias `s`, migration 1900) sums of figures, as integers; null where no incident
 * behind it had the figure, as a live sum over no value would be.
 */
export const summedFigures = sql`(case when s.killed_low_n > 0 then s.killed_low end)::int as killed_low,
  (case when s.killed_high_n > 0 then s.killed_high end)::int as killed_high,
  (case when s.injured_low_n > 0 then s.injured_low end)::int as injured_low,
  (case when s.injured_high_n > 0 then s.injured_high end)::int as injured_high`;

/** Group claims `cl` by this, and take claimRange within each group, never across. */
export const claimGroup = sql`cl.category, cl.affected_id`;

/** The side whose people a group counts (alias `af`, a left join on affected_id). */
const affectedJson = sql`case when af.id is null then null
  else json_build_object('slug', af.slug, 'name', af.name, 'shortName', coalesce(af.short_name, af.name)) end`;

/** Groups in a stable order: by category as listed in the schema, then side name, not stated last. */
const groupOrderBy = (category: string, affectedName: string) =>
  sql`array_position(array[${sql.join(CLAIM_CATEGORIES.map((c) => sql.lit(c)))}], ${sql.ref(category)}), ${sql.ref(affectedName)} nulls last`;
const groupOrder = (category: string) => groupOrderBy(category, "af.name");
/** The figures that matter most first: the most killed, then the most injured. */
const highestFirst = (alias: string) =>
  sql`${sql.ref(`${alias}.killed_high`)} desc nulls last, ${sql.ref(`${alias}.injured_high`)} desc nulls last`;

export interface AffectedSide {
  slug: string;
  name: string;
  /** For chart labels. */
  shortName: string;
}

/** Whose casualties a group of claims counts: null side means the claims do not say. */
export interface CasualtyGroup {
  category: ClaimCategory;
  affected: AffectedSide | null;
}

interface Figures {
  killedLow: number | null;
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
}

export interface ClaimFigure extends CasualtyGroup, Figures {
  claimant: { slug: string; name: string };
  rank: Exclude<ClaimRank, "deprecated">;
  source: { id: number; title: string; publisher: string };
}

/** One claimant's own range within a group: its lowest and highest figure, over its claims in scope. */
export interface ClaimantRange extends Figures {
  claimant: { slug: string; name: string };
}

/** One group's range at an incident, with each claimant's own range in it (by claimant name). */
export interface IncidentGroupRange extends CasualtyGroup, Figures {
  claimants: ClaimantRange[];
}

export interface IncidentCasualties {
  id: number;
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  /** Every claim, by claimant name. */
  claims: ClaimFigure[];
  /** One range per group of claims counting the same people, in groupOrder. */
  groups: IncidentGroupRange[];
}

/**
 * Incidents with at least one live, non-deprecated claim, oldest first, at most `limit` of them,
 * and how many there are in all (one query). With a limit the incidents are picked first, along
 * the date index, and only theirs are built; the count comes from the monthly summaries (see
 * summaryPlan) where the filters allow.
 */
export async function casualtiesByIncident(
  db: Kysely<Database>,
  f: AnalysisFilters,
  limit?: number,
): Promise<{ total: number; items: IncidentCasualties[] }> {
  const withClaim = sql`exists (select 1 from claims cl where cl.incident_id = i.id and ${countedClaim})`;
  const plan = summaryPlan(f, "month");
  const total = plan
    ? sql`(select count(*) from incidents i where ${plan.live} and ${withClaim})
        + (select coalesce(sum(s.with_claims), 0) from analysis_incident_buckets s where ${plan.summary})`
    : sql`(select count(*) from incidents i where ${incidentWhere(f)} and ${withClaim})`;
  const { rows } = await sql<IncidentCasualties & { total: number }>`
    with inc as (
      select i.id from incidents i where ${incidentWhere(f)}
      ${limit === undefined ? sql`` : sql`and ${withClaim} order by i.occurred_on, i.id limit ${limit}`}
    ),
    claims_of as (
      select cl.incident_id, json_agg(json_build_object(
        'claimant', json_build_object('slug', a.slug, 'name', a.name),
        'category', cl.category, 'affected', ${affectedJson}, 'rank', cl.rank,
        'killedLow', cl.killed_low, 'killedHigh', cl.killed_high,
        'injuredLow', cl.injured_low, 'injuredHigh', cl.injured_high,
        'source', json_build_object('id', s.id, 'title', s.title, 'publisher', s.publisher))
        order by a.name, cl.id) as claims
      from inc
      join claims cl on cl.incident_id = inc.id and ${countedClaim}
      join actors a on a.id = cl.claimant_id
      join sources s on s.id = cl.source_id
      left join actors af on af.id = cl.affected_id and af.deleted_at is null
      group by cl.incident_id
    ),
    by_claimant as (
      select cl.incident_id, ${claimGroup}, a.name, json_build_object('slug', a.slug, 'name', a.name) as claimant, ${claimRange}
      from inc join claims cl on cl.incident_id = inc.id and ${countedClaim}
      join actors a on a.id = cl.claimant_id
      group by cl.incident_id, ${claimGroup}, a.slug, a.name
    ),
    by_group as (
      select incident_id, category, affected_id,
        min(killed_low) as killed_low, max(killed_high) as killed_high,
        min(injured_low) as injured_low, max(injured_high) as injured_high,
        json_agg(json_build_object('claimant', claimant,
          'killedLow', killed_low, 'killedHigh', killed_high, 'injuredLow', injured_low, 'injuredHigh', injured_high)
          order by name) as claimants
      from by_claimant group by incident_id, category, affected_id
    ),
    groups_of as (
      select g.incident_id, json_agg(json_build_object('category', g.category, 'affected', ${affectedJson},
        'killedLow', g.killed_low, 'killedHigh', g.killed_high, 'injuredLow', g.injured_low, 'injuredHigh', g.injured_high,
        'claimants', g.claimants) order by ${groupOrder("g.category")}) as groups
      from by_group g left join actors af on af.id = g.affected_id and af.deleted_at is null
      group by g.incident_id
    )
    select i.id, i.title, i.occurred_on as "occurredOn", i.date_precision as "datePrecision",
      c.claims, g.groups, cast(${total} as int) as total
    from claims_of c join incidents i on i.id = c.incident_id join groups_of g on g.incident_id = c.incident_id
    order by i.occurred_on, i.id
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`.execute(db);
  if (rows.length === 0) return { total: 0, items: [] };
  return { total: rows[0].total, items: rows.map(({ total: _total, ...item }) => item) };
}

/** A claimant's figures for one group in a bucket: per incident its own lowest and highest, summed. */
export interface ClaimantBucket extends ClaimantRange {
  /** Incidents the claimant gave a figure for in the bucket, for this group. */
  incidents: number;
}

/**
 * One group's figures in a month or week: per incident the group's lowest and highest claim,
 * summed over the bucket's incidents, with each claimant's own sums beside them.
 */
export interface PeriodGroupRange extends CasualtyGroup, Figures {
  bucketStart: string;
  bucketEnd: string;
  /** Incidents in the bucket with a claim in this group. */
  incidents: number;
  /** By claimant name; with `shown`, only the claimants with the highest figures. */
  claimants: ClaimantBucket[];
  /** Claimants with a figure for the group in the bucket, shown or not. */
  claimantsInGroup: number;
  /** Groups with a figure in the bucket, shown or not. */
  groupsInBucket: number;
}

/** How much of each bucket a page shows: its groups with the most killed, each with its claimants with the most. */
export interface PeriodsShown {
  groups: number;
  claimants: number;
}

/**
 * Each group's figures per month or week, by bucket then groupOrder (one query); with `latest`, only
 * the latest that many buckets with a figure; with `cap`, only that many groups per bucket and
 * claimants per group (the highest figures killed, then injured). Whole buckets come from the
 * summaries the database keeps, the rest live (see summaryPlan).
 */
export async function casualtiesByPeriod(
  db: Kysely<Database>,
  f: AnalysisFilters,
  per: Bucket,
  latest?: number,
  cap?: PeriodsShown,
): Promise<PeriodGroupRange[]> {
  const plan = summaryPlan(f, per);
  const figures = sql`sum(killed_low)::int as killed_low, sum(killed_high)::int as killed_high,
    sum(injured_low)::int as injured_low, sum(injured_high)::int as injured_high`;
  const limit = latest === undefined ? sql`` : sql`limit ${latest}`;
  // The latest buckets with a figure. With the summaries, those where an incident has a counted
  // claim, found along analysis_incident_buckets' key before any group's row is read.
  const shown = sql`shown as (
      select coalesce(min(bucket), '-infinity') as since from (
        select distinct bucket from ${plan ? sql`(select bucket from per_claimant
          union all select s.bucket from analysis_incident_buckets s where ${plan.summary} and s.with_claims > 0) b` : sql`groups`}
        order by bucket desc ${limit}) b
    ),`;
  const { rows } = await sql<PeriodGroupRange>`
    with inc as (
      select i.id, ${bucketOf(per, "i.occurred_on")} as bucket from incidents i where ${plan ? plan.live : incidentWhere(f)}
    ),
    per_claimant as (
      select inc.bucket, inc.id, ${claimGroup}, cl.claimant_id, ${claimRange}
      from inc join claims cl on cl.incident_id = inc.id and ${countedClaim}
      group by inc.bucket, inc.id, ${claimGroup}, cl.claimant_id
    ),
    ${plan ? shown : sql``}
    per_incident as (
      select bucket, id, category, affected_id,
        min(killed_low) as killed_low, max(killed_high) as killed_high,
        min(injured_low) as injured_low, max(injured_high) as injured_high
      from per_claimant group by bucket, id, category, affected_id
    ),
    groups as (
      select bucket, category, affected_id, count(*)::int as incidents, ${figures}
      from per_incident group by bucket, category, affected_id
      ${plan ? sql`union all
      select s.bucket, s.category, nullif(s.affected_id, 0), s.incidents::int, ${summedFigures}
      from analysis_group_buckets s where ${plan.summary} and s.bucket >= (select since from shown)` : sql``}
    ),
    by_claimant as (
      select bucket, category, affected_id, claimant_id, count(*)::int as incidents, ${figures}
      from per_claimant group by bucket, category, affected_id, claimant_id
      ${plan ? sql`union all
      select s.bucket, s.category, nullif(s.affected_id, 0), s.claimant_id, s.incidents::int, ${summedFigures}
      from analysis_claimant_buckets s where ${plan.summary} and s.bucket >= (select since from shown)` : sql``}
    ),
    ${plan ? sql`` : shown}
    -- Each group's row and its claimants' rows, put together by one aggregation rather than a join.
    shown_rows as (
      select bucket, category, affected_id, incidents, killed_low, killed_high, injured_low, injured_high, null::json as claimant, null::text as name, null::bigint as place
      from groups where bucket >= (select since from shown)
      union all
      select p.bucket, p.category, p.affected_id, null, null, null, null, null, json_build_object(
        'claimant', json_build_object('slug', a.slug, 'name', a.name), 'incidents', p.incidents,
        'killedLow', p.killed_low, 'killedHigh', p.killed_high, 'injuredLow', p.injured_low, 'injuredHigh', p.injured_high), a.name,
        row_number() over (partition by p.bucket, p.category, p.affected_id order by ${highestFirst("p")}, a.name)
      from by_claimant p join actors a on a.id = p.claimant_id
      where p.bucket >= (select since from shown)
    ),
    g as (
      select bucket, category, affected_id, max(incidents) as incidents, max(killed_low) as killed_low, max(killed_high) as killed_high,
        max(injured_low) as injured_low, max(injured_high) as injured_high,
        json_agg(claimant order by name) filter (where claimant is not null ${cap ? sql`and place <= ${cap.claimants}` : sql``}) as claimants,
        count(claimant)::int as claimants_in_group
      from shown_rows group by bucket, category, affected_id
      having max(incidents) is not null and count(claimant) > 0
    ),
    placed as (
      select g.*, row_number() over (partition by g.bucket order by ${highestFirst("g")}, ${groupOrder("g.category")}) as place,
        (count(*) over (partition by g.bucket))::int as groups_in_bucket, ${affectedJson} as affected, af.name as affected_name
      from g left join actors af on af.id = g.affected_id and af.deleted_at is null
    )
    select bucket as "bucketStart", ${bucketEndOf(per, "bucket")} as "bucketEnd", category, affected, incidents,
      killed_low as "killedLow", killed_high as "killedHigh", injured_low as "injuredLow", injured_high as "injuredHigh",
      claimants, claimants_in_group as "claimantsInGroup", groups_in_bucket as "groupsInBucket"
    from placed ${cap ? sql`where place <= ${cap.groups}` : sql``}
    order by bucket, ${groupOrderBy("category", "affected_name")}`.execute(db);
  return rows;
}
