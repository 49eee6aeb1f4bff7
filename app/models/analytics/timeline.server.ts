// "Promised versus happened": the rounds and the periods their commitments held, above incidents
// and casualties per month or week, on one time axis.
import { sql, type Kysely } from "kysely";
import type { CommitmentKind, CommitmentStatus, DatePrecision, RoundOutcome } from "@db/enums";
import type { Database } from "@db/types";
import { breachFacts, commitmentFactsColumns } from "../commitment-status.server";
import { claimGroup, claimRange, countedClaim, summedFigures } from "./casualties.server";
import { bucketEndOf, bucketOf, commitmentWhere, incidentWhere, roundWhere, summaryPlan, type AnalysisFilters } from "./filters.server";
import type { Bucket } from "./options";

export interface TimelineRound {
  slug: string;
  title: string;
  startDate: string;
  startPrecision: DatePrecision;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  outcome: RoundOutcome;
  venueCity: string | null;
  mediators: { slug: string; name: string }[];
}

/** Rounds matching the filters, oldest first (one query). */
export async function timelineRounds(db: Kysely<Database>, f: AnalysisFilters): Promise<TimelineRound[]> {
  return (await latestRounds(db, f)).items;
}

const limitTo = (latest?: number) => (latest === undefined ? sql`` : sql`limit ${latest}`);
const withoutCount = <T>(rows: (T & { in_all: number })[]) => ({
  items: rows.map(({ in_all: _inAll, ...row }) => row as T),
  total: rows[0]?.in_all ?? 0,
});

/**
 * The latest `latest` rounds matching the filters (all without it), oldest first, and how many
 * match in all (one query). The rounds are picked first, so only theirs are built.
 */
export async function latestRounds(db: Kysely<Database>, f: AnalysisFilters, latest?: number): Promise<{ items: TimelineRound[]; total: number }> {
  const { rows } = await sql<TimelineRound & { in_all: number }>`
    with picked as (
      select r.id, count(*) over ()::int as in_all from rounds r
      where ${roundWhere(f)} order by r.start_date desc, r.id desc ${limitTo(latest)}
    )
    select r.slug, r.title, r.start_date as "startDate", r.start_precision as "startPrecision",
      r.end_date as "endDate", r.end_precision as "endPrecision", r.outcome, v.city as "venueCity",
      coalesce((
        select json_agg(json_build_object('slug', a.slug, 'name', a.name) order by a.name)
        from round_participants rp join actors a on a.id = rp.actor_id
        where rp.round_id = r.id and rp.role = 'mediator' and a.deleted_at is null), '[]') as mediators,
      picked.in_all
    from picked join rounds r on r.id = picked.id left join venues v on v.id = r.venue_id
    order by r.start_date, r.id`.execute(db);
  return withoutCount<TimelineRound>(rows);
}

export interface CommitmentPeriod {
  id: number;
  title: string;
  kind: CommitmentKind;
  roundSlug: string | null;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
  /** Takes effect plus days held: the first corroborated breach, or the end of the time it ran. */
  heldUntil: string;
  daysHeld: number;
  /** True when the period ends at a breach; false when it is still running or ended otherwise. */
  broken: boolean;
  status: CommitmentStatus;
}

/**
 * The time each matching commitment held, by the status rule (decision 0001): from taking effect
 * for its days held. Commitments not yet in effect have no period and are left out (one query).
 */
export async function commitmentPeriods(db: Kysely<Database>, f: AnalysisFilters, asOf: string): Promise<CommitmentPeriod[]> {
  return (await latestPeriods(db, f, asOf)).items;
}

/** The periods of the latest `latest` commitments to take effect (all without it), and how many there are in all. */
export async function latestPeriods(
  db: Kysely<Database>,
  f: AnalysisFilters,
  asOf: string,
  latest?: number,
): Promise<{ items: CommitmentPeriod[]; total: number }> {
  const facts = commitmentFactsColumns(asOf);
  // The count apart from the list: counted over the whole set, the list's own rows were built in
  // full for every commitment (47 ms at 15,000) instead of read along the date index to the latest.
  const { rows } = await sql<CommitmentPeriod & { in_all: number }>`
    with matching as not materialized (
      select c.id, c.title, c.kind, c.round_id, c.takes_effect_on, c.takes_effect_precision,
        ${facts.daysHeld} as days_held, ${facts.broken} as broken, ${facts.status} as status
      from commitments c left join ${breachFacts} bf on bf.commitment_id = c.id
      where ${facts.daysHeld} is not null and ${commitmentWhere(f)}
    )
    select p.id, p.title, p.kind, r.slug as "roundSlug", p.takes_effect_on as "takesEffectOn",
      p.takes_effect_precision as "takesEffectPrecision", p.takes_effect_on + p.days_held as "heldUntil",
      p.days_held as "daysHeld", p.broken, p.status, (select count(*) from matching)::int as in_all
    from (select * from matching order by takes_effect_on desc, id desc ${limitTo(latest)}) p
    left join rounds r on r.id = p.round_id and r.deleted_at is null
    order by "takesEffectOn", id`.execute(db);
  return withoutCount<CommitmentPeriod>(rows);
}

export interface ActivityCounts {
  incidents: number;
  /** Incidents dated less precisely than the bucket (a month-dated incident in a weekly view). */
  impreciseIncidents: number;
  /** Incidents with at least one killed figure claimed (deprecated claims aside). */
  incidentsWithKilledClaims: number;
  /**
   * Sum over incidents and over each incident's groups of claims (one category on one side) of
   * the group's lowest killed figure claimed; null when no incident has one.
   */
  killedLow: number | null;
  /** The same sum of each group's highest killed figure claimed. */
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
}

export interface ActivityBucket extends ActivityCounts {
  /** First day of the month or week (weeks start on Monday). */
  bucketStart: string;
  bucketEnd: string;
}

/**
 * Incidents and the range of casualties claimed, per month or week; buckets with no incident are
 * left out; `total` covers them all (one query). Per group of an incident's live, non-deprecated
 * claims counting the same people (claimGroup) the range runs from the lowest to the highest
 * figure (a claim without a high figure counts its low as its high); an incident's range adds up
 * its groups' lows and their highs, as one side's dead and the other's are both dead, while the
 * lowest claim of one side's dead is never set against the highest of the other's. A bucket's
 * range is the sum of its incidents' lows and the sum of their highs. Nothing is averaged.
 */
export async function activityByBucket(
  db: Kysely<Database>,
  f: AnalysisFilters,
  per: Bucket,
): Promise<{ buckets: ActivityBucket[]; total: ActivityCounts }> {
  const plan = summaryPlan(f, per);
  const imprecise = per === "week" ? sql`i.date_precision in ('month', 'year')` : sql`i.date_precision = 'year'`;
  const { rows } = await sql<ActivityBucket>`
    with inc as (
      select i.id, ${bucketOf(per, "i.occurred_on")} as bucket, ${imprecise} as imprecise
      from incidents i where ${plan ? plan.live : incidentWhere(f)}
    ),
    grouped as (
      select inc.id, inc.bucket, inc.imprecise, ${claimRange}
      from inc left join claims cl on cl.incident_id = inc.id and ${countedClaim}
      group by inc.id, inc.bucket, inc.imprecise, ${claimGroup}
    ),
    ranged as (
      select id, bucket, imprecise, sum(killed_low) as killed_low, sum(killed_high) as killed_high,
        sum(injured_low) as injured_low, sum(injured_high) as injured_high
      from grouped group by id, bucket, imprecise
    ),
    buckets as (
      select bucket, count(*)::int as incidents, (count(*) filter (where imprecise))::int as imprecise,
        count(killed_high)::int as with_killed,
        sum(killed_low)::int as killed_low, sum(killed_high)::int as killed_high,
        sum(injured_low)::int as injured_low, sum(injured_high)::int as injured_high
      from ranged group by bucket
      ${plan ? sql`union all
      select s.bucket, s.incidents::int, s.imprecise::int, s.with_killed::int, ${summedFigures}
      from analysis_incident_buckets s where ${plan.summary}` : sql``}
    )
    select bucket as "bucketStart", ${bucketEndOf(per, "bucket")} as "bucketEnd", incidents,
      imprecise as "impreciseIncidents", with_killed as "incidentsWithKilledClaims",
      killed_low as "killedLow", killed_high as "killedHigh", injured_low as "injuredLow", injured_high as "injuredHigh"
    from buckets order by bucket`.execute(db);
  return { buckets: rows, total: totalOf(rows) };
}

const sumOrNull = (values: (number | null)[]) => values.reduce<number | null>((acc, v) => (v === null ? acc : (acc ?? 0) + v), null);

/** All buckets together, as SQL's sum and count would give them over the incidents. */
function totalOf(buckets: ActivityBucket[]): ActivityCounts {
  const add = (key: "incidents" | "impreciseIncidents" | "incidentsWithKilledClaims") => buckets.reduce((acc, b) => acc + b[key], 0);
  const figure = (key: "killedLow" | "killedHigh" | "injuredLow" | "injuredHigh") => sumOrNull(buckets.map((b) => b[key]));
  return {
    incidents: add("incidents"),
    impreciseIncidents: add("impreciseIncidents"),
    incidentsWithKilledClaims: add("incidentsWithKilledClaims"),
    killedLow: figure("killedLow"),
    killedHigh: figure("killedHigh"),
    injuredLow: figure("injuredLow"),
    injuredHigh: figure("injuredHigh"),
  };
}
