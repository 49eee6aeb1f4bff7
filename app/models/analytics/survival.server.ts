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
  steps: SurvivalStep[];
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

type Row = Omit<SurvivalGroup, "checkpoints">;

/** Every curve the page draws, overall and per kind, round and mediator (one query). */
export async function survivalCurves(db: Kysely<Database>, f: AnalysisFilters, asOf: string): Promise<SurvivalGroup[]> {
  const { rows } = await sql<Row>`
    with base as (
      select c.id, c.kind, c.round_id, f.days_held as t, f.broken
      from commitments c join ${commitmentFactsQuery(db, asOf)} f on f.commitment_id = c.id
      where f.days_held is not null and ${commitmentWhere(f)}
    ),
    live_rounds as (select id, slug, title, start_date from rounds where deleted_at is null),
    obs as (
      select 'all' as split, null::text as key, null::text as label, '' as sort, t, broken from base
      union all
      select 'kind', kind, null, lpad(array_position(array[${sql.join([...COMMITMENT_KINDS])}]::text[], kind)::text, 3, '0'), t, broken from base
      union all
      select 'round', r.slug, r.title, coalesce(to_char(r.start_date, 'YYYY-MM-DD') || r.slug, '~'), t, broken
      from base left join live_rounds r on r.id = base.round_id
      union all
      -- A commitment counts once for each mediator of its round.
      select 'mediator', m.slug, m.name, coalesce(m.name, '~'), t, broken
      from base left join lateral (
        select a.slug, a.name from round_participants rp
        join live_rounds r on r.id = rp.round_id
        join actors a on a.id = rp.actor_id and a.deleted_at is null
        where rp.round_id = base.round_id and rp.role = 'mediator'
      ) m on true
    ),
    steps as (
      select split, key, label, sort, t,
        (count(*) filter (where broken))::int as events,
        (count(*) filter (where not broken))::int as censored
      from obs group by split, key, label, sort, t
    ),
    at_risk as (
      select steps.*,
        (sum(events + censored) over (partition by split, key order by t desc rows unbounded preceding))::int as at_risk
      from steps
    ),
    curve as (
      -- S(t) = product over event times t_i <= t of (1 - d_i / n_i), as exp of a running sum of logs;
      -- a step where every commitment at risk broke takes the curve to zero (ln 0 is undefined).
      select at_risk.*,
        round(cast(case when bool_or(events = at_risk) over running then 0
          else exp(sum(case when events < at_risk then ln(1 - events::float8 / at_risk) else 0 end) over running) end as numeric), 10) as survival
      from at_risk
      window running as (partition by split, key order by t rows unbounded preceding)
    ),
    medians as (
      select split, key, percentile_cont(0.5) within group (order by t) filter (where broken) as median_broken
      from obs group by split, key
    )
    select curve.split, curve.key, curve.label, sum(events + censored)::int as n,
      sum(events)::int as broken, sum(censored)::int as censored,
      min(t) filter (where survival <= 0.5) as "kmMedian",
      min(medians.median_broken) as "medianDaysBroken",
      json_agg(json_build_object('t', t, 'atRisk', at_risk, 'events', events, 'censored', censored, 'survival', survival) order by t) as steps
    from curve join medians on medians.split = curve.split and medians.key is not distinct from curve.key
    group by curve.split, curve.key, curve.label, curve.sort
    order by array_position(array['all', 'kind', 'round', 'mediator'], curve.split), curve.sort, curve.key`.execute(db);
  return rows.map((row) => ({
    ...row,
    checkpoints: SURVIVAL_CHECKPOINTS.map((days) => ({ days, survival: survivalAt(row.steps, days) })),
  }));
}
