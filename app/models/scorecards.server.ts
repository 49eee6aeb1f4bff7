// Scorecards: what the rounds a mediator led, or a city hosted, produced and how long it held; and a
// round's record beside the other rounds of its process. Definitions: docs/decisions/0004-scorecards.md.
// Days held and "broken" come only from the status rule (commitmentFactsQuery, decision 0001); the
// Kaplan–Meier medians only from the survival analysis (survivalCurves, decision 0002). Every
// function is one set-based query whatever the number of mediators, venues or rounds.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { ROUND_OUTCOMES, type DatePrecision, type RoundOutcome } from "@db/enums";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import type { Page } from "~/utils/keyset.server";
import { survivalCurves } from "./analytics/survival.server";
import { commitmentFactsQuery } from "./commitment-status.server";

export interface BrokenWithin {
  /** The denominator: commitments in force at least that many days, or broken sooner. */
  n: number;
  /** Of those, broken within that many days (the last day included). */
  broken: number;
  /** broken / n, 0–1; null when n is 0. */
  share: number | null;
}

export interface HeldFigures {
  /** Live commitments made at the rounds, in effect yet or not. */
  commitments: number;
  /** Those already in effect: they have days held. */
  inEffect: number;
  /** Ended by a corroborated breach. */
  broken: number;
  brokenWithin7Days: BrokenWithin;
  brokenWithin30Days: BrokenWithin;
  /** Median days held of the broken ones (`broken` of them); null when none broke. */
  medianDaysHeldBroken: number | null;
}

export interface PartyBreaches {
  /** The actor alleged responsible; null when the breach names none. */
  party: { slug: string; name: string } | null;
  breaches: number;
  corroborated: number;
}

export interface Scorecard extends HeldFigures {
  /** Live rounds, each counted once. */
  rounds: number;
  outcomes: Record<RoundOutcome, number>;
  /** Breaches (not rejected) of the commitments obtained, and how many are corroborated. */
  breaches: number;
  breachesCorroborated: number;
  /** The same breaches by the party alleged responsible, most first; "not named" last. */
  breachesByParty: PartyBreaches[];
}

export interface MediatorScorecard {
  id: number;
  slug: string;
  name: string;
  roundsMediated: number;
  roundsHosted: number;
  scorecard: Scorecard;
}

export interface VenueScorecard {
  id: number;
  slug: string;
  city: string;
  country: string;
  scorecard: Scorecard;
}

/** A Kaplan–Meier median from the survival analysis, with the commitments behind it. */
export interface KmMedian {
  n: number;
  /** Days held at which the curve falls to one half; null: not reached. */
  days: number | null;
}

export interface RoundRecord extends HeldFigures {
  slug: string;
  title: string;
  startDate: string;
  startPrecision: DatePrecision;
  outcome: RoundOutcome;
  venueCity: string | null;
}

export interface ProcessRecord {
  /** Every live round of the process, oldest first. */
  rounds: RoundRecord[];
  /** All those rounds together. */
  allRounds: HeldFigures;
}

function brokenWithin(days: number) {
  const n = sql`count(*) filter (where f.days_held >= ${sql.lit(days)} or f.broken)`;
  const broken = sql`count(*) filter (where f.broken and f.days_held <= ${sql.lit(days)})`;
  return sql`json_build_object('n', ${n}, 'broken', ${broken}, 'share', (${broken})::float8 / nullif(${n}, 0))`;
}

/** Aggregate over rows of commitment facts `f` (left-joined: a row without one counts nothing). */
const heldFigures = () => sql<HeldFigures>`json_build_object(
  'commitments', count(f.commitment_id),
  'inEffect', count(f.days_held),
  'broken', count(*) filter (where f.broken),
  'brokenWithin7Days', ${brokenWithin(7)},
  'brokenWithin30Days', ${brokenWithin(30)},
  'medianDaysHeldBroken', percentile_cont(0.5) within group (order by f.days_held) filter (where f.broken))`;

/** Aggregate over rows of rounds `r` (left-joined). */
const outcomeCounts = () =>
  sql<Record<RoundOutcome, number>>`json_build_object(${sql.join(
    ROUND_OUTCOMES.map((o) => sql`${sql.lit(o)}, count(r.id) filter (where r.outcome = ${sql.lit(o)})`),
  )})`;

/**
 * The figures of every group in the CTE `members` (group_id, round_id, any other columns: the live
 * rounds of each group; a group with no round appears once with a null round_id), joined on
 * `groups.id = members.group_id`; `groups` may read `members`.
 */
async function scorecards<G extends { scorecard: Scorecard }>(
  db: Kysely<Database>,
  asOf: string,
  q: { members: RawBuilder<unknown>; groups: RawBuilder<unknown>; orderBy: RawBuilder<unknown> },
): Promise<G[]> {
  type Row = Omit<G, "scorecard"> & Omit<Scorecard, keyof HeldFigures> & { held: HeldFigures };
  const { rows } = await sql<Row>`
    with members as (${q.members}),
    round_figures as (
      select m.group_id, count(r.id)::int as rounds, ${outcomeCounts()} as outcomes
      from members m left join rounds r on r.id = m.round_id
      group by m.group_id
    ),
    held as (
      select m.group_id, ${heldFigures()} as held
      from members m left join ${commitmentFactsQuery(db, asOf)} f on f.round_id = m.round_id
      group by m.group_id
    ),
    -- The live breaches of live incidents are counted per commitment by the database
    -- (commitment_breach_tallies, migration 1850): joining each breach to its incident here read
    -- 190,000 incidents for the mediators list.
    -- Grouped by the party's id, then named: a narrow key to hash rather than names to sort.
    by_responsible as (
      select m.group_id, t.responsible_id, sum(t.breaches) as breaches,
        coalesce(sum(t.breaches) filter (where t.assessment = 'corroborated'), 0) as corroborated
      from members m
      join commitments c on c.round_id = m.round_id and c.deleted_at is null
      join commitment_breach_tallies t on t.commitment_id = c.id and t.assessment <> 'rejected'
      group by m.group_id, t.responsible_id
    ),
    by_party as (
      select br.group_id, a.slug, a.name, sum(br.breaches)::int as breaches, sum(br.corroborated)::int as corroborated
      from by_responsible br left join actors a on a.id = br.responsible_id and a.deleted_at is null
      group by br.group_id, a.slug, a.name
    ),
    parties as (
      select group_id, sum(breaches)::int as breaches, sum(corroborated)::int as corroborated,
        json_agg(json_build_object(
          'party', case when slug is null then null else json_build_object('slug', slug, 'name', name) end,
          'breaches', breaches, 'corroborated', corroborated)
          order by slug is null, breaches desc, name) as by_party
      from by_party group by group_id
    )
    select g.*, rf.rounds, rf.outcomes, held.held, coalesce(p.breaches, 0) as breaches,
      coalesce(p.corroborated, 0) as "breachesCorroborated", coalesce(p.by_party, '[]') as "breachesByParty"
    from (${q.groups}) g
    join round_figures rf on rf.group_id = g.id
    join held on held.group_id = g.id
    left join parties p on p.group_id = g.id
    order by ${q.orderBy}`.execute(db);
  // Built here rather than merged in SQL, where jsonb would reorder the API's keys.
  return rows.map(({ rounds, outcomes, held, breaches, breachesCorroborated, breachesByParty, ...group }) => ({
    ...group,
    scorecard: { rounds, outcomes, ...held, breaches, breachesCorroborated, breachesByParty },
  })) as unknown as G[];
}

const slugFilter = (column: string, slugs: string[] | undefined) =>
  slugs ? sql`and ${sql.ref(column)} in (${sql.join(slugs)})` : sql``;

/**
 * The scorecard of every mediator (an actor that mediated or hosted a live round; a round both
 * mediated and hosted counts once), or of the given ones, by name. One query.
 */
export async function mediatorScorecards(db: Kysely<Database>, asOf: string, slugs?: string[]): Promise<MediatorScorecard[]> {
  if (slugs?.length === 0) return [];
  return scorecards<MediatorScorecard>(db, asOf, {
    members: sql`
      select rp.actor_id as group_id, rp.round_id,
        bool_or(rp.role = 'mediator') as mediated, bool_or(rp.role = 'host') as hosted
      from round_participants rp
      join rounds r on r.id = rp.round_id and r.deleted_at is null
      join actors a on a.id = rp.actor_id and a.deleted_at is null
      where rp.role in ('mediator', 'host') ${slugFilter("a.slug", slugs)}
      group by rp.actor_id, rp.round_id`,
    groups: sql`
      select a.id, a.slug, a.name,
        (count(*) filter (where m.mediated))::int as "roundsMediated",
        (count(*) filter (where m.hosted))::int as "roundsHosted"
      from members m join actors a on a.id = m.group_id
      group by a.id`,
    orderBy: sql`g.name, g.id`,
  });
}

/** The scorecard of every live venue (one with no round included), or of the given ones, by city. One query. */
export async function venueScorecards(db: Kysely<Database>, asOf: string, slugs?: string[]): Promise<VenueScorecard[]> {
  if (slugs?.length === 0) return [];
  return scorecards<VenueScorecard>(db, asOf, {
    members: sql`
      select v.id as group_id, r.id as round_id
      from venues v left join rounds r on r.venue_id = v.id and r.deleted_at is null
      where v.deleted_at is null ${slugFilter("v.slug", slugs)}`,
    groups: sql`select v.id, v.slug, v.city, v.country from venues v where v.id in (select group_id from members)`,
    orderBy: sql`g.city, g.id`,
  });
}

/**
 * Each live round of the process of the round `roundSlug` with what its commitments did, and all of
 * them together (one query; no rounds when the round is unknown).
 */
export async function processRoundRecords(db: Kysely<Database>, roundSlug: string, asOf: string): Promise<ProcessRecord> {
  const { rows } = await sql<Omit<RoundRecord, keyof HeldFigures> & { held: HeldFigures; total: boolean }>`
    select pr.slug, pr.title, pr.start_date as "startDate", pr.start_precision as "startPrecision", pr.outcome,
      v.city as "venueCity", grouping(pr.id) = 1 as total, ${heldFigures()} as held
    from rounds pr
    left join venues v on v.id = pr.venue_id and v.deleted_at is null
    left join ${commitmentFactsQuery(db, asOf)} f on f.round_id = pr.id
    where pr.deleted_at is null
      and pr.process_id = (select process_id from rounds where slug = ${roundSlug} and deleted_at is null)
    group by grouping sets ((pr.id, pr.slug, pr.title, pr.start_date, pr.start_precision, pr.outcome, v.city), ())
    order by grouping(pr.id), pr.start_date, pr.id`.execute(db);
  const rounds = rows.filter((r) => !r.total).map(({ held, total: _, ...r }) => ({ ...r, ...held }));
  // The empty grouping set yields a row even when the process has no round.
  return { rounds, allRounds: rows.find((r) => r.total)!.held };
}

/**
 * The rounds nearest `current` in the process's order, `each` on either side (more on one side when
 * the other runs out), with how many there are in all; `allRounds` still counts every round. A
 * process of 50 rounds made the round page's comparison 70 KB.
 */
export function roundsAround(record: ProcessRecord, current: string, each: number): ProcessRecord & { roundsInAll: number } {
  const at = Math.max(0, record.rounds.findIndex((r) => r.slug === current));
  const from = Math.max(0, Math.min(at - each, record.rounds.length - (2 * each + 1)));
  return { ...record, rounds: record.rounds.slice(from, from + 2 * each + 1), roundsInAll: record.rounds.length };
}

/**
 * Kaplan–Meier medians of the given mediators, by slug, from the survival analysis's mediator split
 * (the rounds where the actor was a mediator; hosting alone does not count there). Only their curves
 * are built: building every mediator's took two seconds at 5,000 rounds.
 */
export async function mediatorKmMedians(db: Kysely<Database>, asOf: string, slugs: readonly string[]): Promise<Map<string, KmMedian>> {
  // One mediator: only its rounds' commitments need reading.
  const filters = slugs.length === 1 ? { mediator: slugs[0] } : {};
  const groups = await survivalCurves(db, filters, asOf, { splits: ["mediator"], keys: slugs });
  return new Map(groups.filter((g) => g.key !== null).map((g) => [g.key!, { n: g.n, days: g.kmMedian }]));
}

/** The Kaplan–Meier median of the commitments obtained at a venue's rounds (null when none is in effect). */
export async function venueKmMedian(db: Kysely<Database>, slug: string, asOf: string): Promise<KmMedian | null> {
  const [all] = await survivalCurves(db, { venue: slug }, asOf, { splits: ["all"] });
  return all ? { n: all.n, days: all.kmMedian } : null;
}

/**
 * A KM median describes a scorecard only when its curve counts the scorecard's very commitments.
 * The curve's set is always a subset of the scorecard's (a mediator's curve leaves out rounds it
 * only hosted), so equal counts mean equal sets.
 */
export function kmMedianFor(card: Pick<HeldFigures, "inEffect">, km: KmMedian | null | undefined): KmMedian | null {
  return km && km.n === card.inEffect ? km : null;
}

// ---------------------------------------------------------------------------------------------
// Scorecards attached to the mediator and venue lists (pages and API)

const EMPTY_WITHIN: BrokenWithin = { n: 0, broken: 0, share: null };
const EMPTY_SCORECARD: Scorecard = {
  rounds: 0,
  outcomes: Object.fromEntries(ROUND_OUTCOMES.map((o) => [o, 0])) as Record<RoundOutcome, number>,
  commitments: 0,
  inEffect: 0,
  broken: 0,
  brokenWithin7Days: EMPTY_WITHIN,
  brokenWithin30Days: EMPTY_WITHIN,
  medianDaysHeldBroken: null,
  breaches: 0,
  breachesCorroborated: 0,
  breachesByParty: [],
};

export type ScoredMediator<T> = T & { scorecard: Scorecard; kmMedian: KmMedian | null };
export type ScoredVenue<T> = T & { scorecard: Scorecard };

/** The page's mediators with their scorecards and KM medians (two queries, run together). */
export async function scoreMediators<T extends { slug: string }>(db: Kysely<Database>, page: Page<T>, asOf: string): Promise<Page<ScoredMediator<T>>> {
  const slugs = page.items.map((m) => m.slug);
  const [cards, km] = await Promise.all([
    mediatorScorecards(db, asOf, slugs),
    mediatorKmMedians(db, asOf, slugs),
  ]);
  const bySlug = new Map(cards.map((c) => [c.slug, c.scorecard]));
  return {
    ...page,
    items: page.items.map((m) => {
      // A mediator deleted between the list's query and this one has nothing left to count.
      const scorecard = bySlug.get(m.slug) ?? EMPTY_SCORECARD;
      return { ...m, scorecard, kmMedian: kmMedianFor(scorecard, km.get(m.slug)) };
    }),
  };
}

/** The page's venues with their scorecards (one query). */
export async function scoreVenues<T extends { slug: string }>(db: Kysely<Database>, page: Page<T>, asOf: string): Promise<Page<ScoredVenue<T>>> {
  const cards = await venueScorecards(db, asOf, page.items.map((v) => v.slug));
  const bySlug = new Map(cards.map((c) => [c.slug, c.scorecard]));
  return { ...page, items: page.items.map((v) => ({ ...v, scorecard: bySlug.get(v.slug) ?? EMPTY_SCORECARD })) };
}

const withinColumns = (days: 7 | 30): CsvColumn<{ scorecard: Scorecard }>[] => {
  const of = (s: Scorecard) => (days === 7 ? s.brokenWithin7Days : s.brokenWithin30Days);
  return [
    { header: `broken_within_${days}_days`, value: (r) => of(r.scorecard).broken },
    { header: `broken_within_${days}_days_n`, value: (r) => of(r.scorecard).n },
    { header: `broken_within_${days}_days_share`, value: (r) => of(r.scorecard).share },
  ];
};

/** The scorecard's CSV columns, after a list's own (rounds, commitments obtained and broken are there). */
export const scorecardCsvColumns: CsvColumn<{ scorecard: Scorecard }>[] = [
  ...ROUND_OUTCOMES.map((o) => ({ header: `rounds_${o}`, value: (r: { scorecard: Scorecard }) => r.scorecard.outcomes[o] })),
  { header: "commitments_in_effect", value: (r) => r.scorecard.inEffect },
  ...withinColumns(7),
  ...withinColumns(30),
  { header: "median_days_held_broken", value: (r) => r.scorecard.medianDaysHeldBroken },
  { header: "median_days_held_broken_n", value: (r) => r.scorecard.broken },
  { header: "breaches", value: (r) => r.scorecard.breaches },
  { header: "breaches_corroborated", value: (r) => r.scorecard.breachesCorroborated },
  {
    header: "breaches_by_party",
    value: (r) => r.scorecard.breachesByParty.map((p) => `${p.party?.slug ?? "not named"}: ${p.breaches}`).join("; "),
  },
];

/** Blank when the survival analysis has no curve for exactly the mediator's commitments. */
export const kmCsvColumns: CsvColumn<{ kmMedian: KmMedian | null }>[] = [
  { header: "km_median_days_held", value: (r) => r.kmMedian?.days },
  { header: "km_median_n", value: (r) => r.kmMedian?.n },
];
