// How long commitments survive: Kaplan–Meier curves with censoring, overall and split by kind, by
// round and by mediator, all in one query. The method is decision 0002; the event (broken) and the
// time (days held) come only from the status rule of decision 0001 (commitmentFactsQuery).
import { sql, type Kysely } from "kysely";
import { COMMITMENT_KINDS } from "@db/enums";
import type { Database } from "@db/types";
import { commitmentFactsQuery } from "../commitment-status.server";
import { commitmentWhere, type AnalysisFilters } from "./filters.server";
import { SURVIVAL_CHECKPOINTS, type SurvivalSplit } from "./options";

export interface SurvivalStep {
  /** Days held. */
  t: number;
  /** Commitments still under observation at t: held t days or more. */
  atRisk: number;
  /** Commitments broken after exactly t days. */
  events: number;
  /** Commitments that stopped being observed at t without a breach (still running, expired, …). */
  censored: number;
  /** Kaplan–Meier estimate of the share still unbroken after t days (rounded to 10 decimals). */
  survival: number;
}

export interface SurvivalGroup {
  split: SurvivalSplit;
  /** Kind, round slug or mediator slug; null for "all" and for commitments with no round or no mediator. */
  key: string | null;
  /** Round title or mediator name; null where key is. */
  label: string | null;
  /** Commitments behind the figures (in effect, matching the filters). */
  n: number;
  broken: number;
  censored: number;
  /** Smallest days held at which the curve falls to one half or below; null: not reached. */
  kmMedian: number | null;
  /** Median days held of the broken commitments only (mean of the two middle values for an even count). */
  medianDaysBroken: number | null;
  /** Groups the split has in all; fewer are returned when survivalCurves is given `shown`. */
  groupsInSplit: number;
  steps: SurvivalStep[];
  /** Steps the curve has; more than `steps` holds when they were thinned for a chart (chartSteps). */
  stepsInAll: number;
  /** The curve at SURVIVAL_CHECKPOINTS; null where no commitment was observed that long. */
  checkpoints: { days: number; survival: number | null }[];
}

/** The curve's value after `days` days: the last step at or before it; null beyond the observations. */
export function survivalAt(steps: SurvivalStep[], days: number): number | null {
  const last = steps[steps.length - 1];
  // Past the longest observation the curve is unknown, unless it has already reached zero.
  if (!last || (days > last.t && last.survival > 0)) return null;
  let value = 1;
  for (const step of steps) {
    if (step.t > days) break;
    value = step.survival;
  }
  return value;
}

/**
 * The steps a chart draws: all of them when there are at most `max`; otherwise, per span of days
 * (the longest observation split into `max`), the span's last step, which carries the curve's exact
 * value there, with the span's breaks and censored commitments added up.
 */
export function chartSteps(steps: SurvivalStep[], max: number): SurvivalStep[] {
  if (steps.length <= max) return steps;
  const span = Math.ceil((steps[steps.length - 1].t + 1) / max);
  const kept: SurvivalStep[] = [];
  let events = 0;
  let censored = 0;
  steps.forEach((step, i) => {
    events += step.events;
    censored += step.censored;
    const next = steps[i + 1];
    if (next && Math.floor(next.t / span) === Math.floor(step.t / span)) return;
    kept.push({ ...step, events, censored });
    events = 0;
    censored = 0;
  });
  return kept;
}

type Row = Omit<SurvivalGroup, "checkpoints" | "stepsInAll">;

export interface SurvivalOptions {
  /** Only the `shown` rounds and mediators with the most commitments get a curve. */
  shown?: number;
  /** Only these splits get curves (all four when absent). */
  splits?: readonly SurvivalSplit[];
  /** Only the round or mediator groups with these slugs get curves. */
  keys?: readonly string[];
}

/**
 * Every curve the page draws, overall and per kind, round and mediator (one query). With `shown`,
 * only the `shown` rounds and mediators with the most commitments get a curve (ties in the split's
 * display order): at 5,000 rounds the page could not draw them all, and building every curve took
 * most of the query's time. `splits` and `keys` let a scorecard build only its own curves. The
 * curves that are built are the same either way.
 */
export async function survivalCurves(db: Kysely<Database>, f: AnalysisFilters, asOf: string, opts: SurvivalOptions = {}): Promise<SurvivalGroup[]> {
  const { shown, keys } = opts;
  const splits = opts.splits ?? ["all", "kind", "round", "mediator"];
  if (keys?.length === 0 || splits.length === 0) return [];
  const built = (split: SurvivalSplit) => (splits.includes(split) ? sql`true` : sql`false`);
  const shownWhere = [
    ...(shown === undefined ? [] : [sql`place <= ${shown}`]),
    ...(keys === undefined ? [] : [sql`key in (${sql.join([...keys])})`]),
  ];
  const { rows } = await sql<Row>`
    with base as (
      -- A commitment of a deleted round counts as outside any round.
      select c.kind, r.id as round_id, r.slug, r.title, r.start_date, f.days_held as t, f.broken
      from commitments c join ${commitmentFactsQuery(db, asOf)} f on f.commitment_id = c.id
      left join rounds r on r.id = c.round_id and r.deleted_at is null
      where f.days_held is not null and ${commitmentWhere(f)}
    ),
    round_mediators as (
      select rp.round_id, a.id as actor_id, a.slug, a.name from round_participants rp
      join actors a on a.id = rp.actor_id and a.deleted_at is null
      where rp.role = 'mediator'
    ),
    round_sizes as (
      select round_id, slug, title, coalesce(to_char(start_date, 'YYYY-MM-DD') || slug, '~') as sort, count(*) as n
      from base group by round_id, slug, title, start_date
    ),
    -- A commitment counts once for each mediator of its round; a round without one counts for "none".
    mediator_sizes as (
      select m.actor_id, m.slug, m.name, coalesce(m.name, '~') as sort, sum(rs.n) as n
      from round_sizes rs left join round_mediators m on m.round_id = rs.round_id
      group by m.actor_id, m.slug, m.name
    ),
    sizes as (
      select 'round' as split, round_id as id, slug as key, title as label, sort, count(*) over () as groups,
        row_number() over (order by n desc, sort, slug) as place
      from round_sizes where ${built("round")}
      union all
      select 'mediator', actor_id, slug, name, sort, count(*) over (), row_number() over (order by n desc, sort, slug)
      from mediator_sizes where ${built("mediator")}
    ),
    shown_groups as (
      select * from sizes ${shownWhere.length ? sql`where ${sql.join(shownWhere, sql` and `)}` : sql``}
    ),
    obs as (
      select 'all' as split, null::text as key, null::text as label, '' as sort, t, broken from base where ${built("all")}
      union all
      select 'kind', kind, null, lpad(array_position(array[${sql.join([...COMMITMENT_KINDS])}]::text[], kind)::text, 3, '0'), t, broken
      from base where ${built("kind")}
      union all
      -- Ids compared with 0 for none (ids are positive), so the joins can hash.
      select g.split, g.key, g.label, g.sort, t, broken
      from base join shown_groups g on g.split = 'round' and coalesce(g.id, 0) = coalesce(base.round_id, 0)
      union all
      -- A mediator's rounds found from its id, and the rounds with none apart: joined the other way
      -- round, every commitment met every mediator shown (600,000 rows sorted on disk).
      select g.split, g.key, g.label, g.sort, t, broken
      from shown_groups g join round_mediators m on m.actor_id = g.id join base on base.round_id = m.round_id
      where g.split = 'mediator'
      union all
      select g.split, g.key, g.label, g.sort, t, broken
      from shown_groups g join base on g.split = 'mediator' and g.id is null
      where not exists (select 1 from round_mediators m where m.round_id = base.round_id)
    ),
    steps as (
      select split, key, label, sort, t,
        (count(*) filter (where broken))::int as events,
        (count(*) filter (where not broken))::int as censored
      from obs group by split, key, label, sort, t
    ),
    at_risk as (
      -- At risk at t: held t days or more, i.e. all less those that left before t. Every running figure
      -- shares one window ordering, so the steps are sorted once.
      select steps.*,
        (sum(events + censored) over (partition by split, key) - sum(events + censored) over running + events + censored)::int as at_risk,
        sum(events) over running as broken_so_far,
        sum(events) over (partition by split, key) as broken_in_all
      from steps
      window running as (partition by split, key order by t rows unbounded preceding)
    ),
    curve as (
      -- S(t) = product over event times t_i <= t of (1 - d_i / n_i), as exp of a running sum of logs;
      -- a step where every commitment at risk broke takes the curve to zero (ln 0 is undefined).
      select at_risk.*,
        round(cast(case when bool_or(events = at_risk) over running then 0
          else exp(sum(case when events < at_risk then ln(1 - events::float8 / at_risk) else 0 end) over running) end as numeric), 10) as survival
      from at_risk
      window running as (partition by split, key order by t rows unbounded preceding)
    )
    select curve.split, curve.key, curve.label, sum(events + censored)::int as n,
      sum(events)::int as broken, sum(censored)::int as censored,
      min(t) filter (where survival <= 0.5) as "kmMedian",
      -- The median of the broken ones' days held: the middle one of an odd count, the mean of the two
      -- middle ones of an even count (as percentile_cont(0.5)), found on the running count of breaks.
      ((min(t) filter (where broken_so_far >= (broken_in_all + 1) / 2 and broken_in_all > 0)
        + min(t) filter (where broken_so_far >= (broken_in_all + 2) / 2 and broken_in_all > 0)) / 2.0)::float8 as "medianDaysBroken",
      coalesce(min(gs.groups), count(*) over (partition by curve.split))::int as "groupsInSplit",
      json_agg(json_build_object('t', t, 'atRisk', at_risk, 'events', events, 'censored', censored, 'survival', survival) order by t) as steps
    from curve
    left join (select split, min(groups) as groups from sizes group by split) gs on gs.split = curve.split
    group by curve.split, curve.key, curve.label, curve.sort
    order by array_position(array['all', 'kind', 'round', 'mediator'], curve.split), curve.sort, curve.key`.execute(db);
  return rows.map((row) => ({
    ...row,
    stepsInAll: row.steps.length,
    checkpoints: SURVIVAL_CHECKPOINTS.map((days) => ({ days, survival: survivalAt(row.steps, days) })),
  }));
}
