// How long commitments survive: Kaplan–Meier curves with censoring, overall and split by kind, by
// round and by mediator, from one query. The method is decision 0002; the event (broken) and the
// time (days held) come only from the status rule of decision 0001 (commitmentFactsColumns).
import { sql, type Kysely } from "kysely";
import { COMMITMENT_KINDS } from "@db/enums";
import type { Database } from "@db/types";
import { breachFacts, commitmentFactsColumns } from "../commitment-status.server";
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

/** The commitments observed, as parallel arrays (one JSON value: 15,000 rows parse as one string). */
interface Observations {
  t: number[];
  /** 1: broken. */
  broken: (0 | 1)[];
  /** Index in COMMITMENT_KINDS. */
  kind: number[];
  /** The live round's id; 0 for none. */
  round: number[];
  /** 1: the round has a live mediator. */
  mediated: (0 | 1)[];
}

/** A round or mediator group that gets a curve, in display order. */
interface ShownGroup {
  split: "round" | "mediator";
  /** Round or actor id; null for no round / no mediator. */
  id: number | null;
  key: string | null;
  label: string | null;
  groups: number;
  /** A mediator's rounds (the rounds where it mediates). */
  rounds: number[] | null;
}

/**
 * Kaplan–Meier over observations already in order of days held: one step per distinct time, the
 * curve the running product of (1 − broken / at risk), rounded to 10 decimals.
 */
function kaplanMeier(split: SurvivalSplit, key: string | null, label: string | null, groupsInSplit: number, ts: number[], broken: (0 | 1)[]): Row {
  const steps: SurvivalStep[] = [];
  const n = ts.length;
  let left = 0;
  let survival = 1;
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = ts[i];
    let d = 0;
    let c = 0;
    let j = i;
    for (; j < n && ts[j] === t; j++) broken[j] ? d++ : c++;
    const atRisk = n - left;
    survival = d === atRisk ? 0 : survival * (1 - d / atRisk);
    steps.push({ t, atRisk, events: d, censored: c, survival: Math.round(survival * 1e10) / 1e10 });
    left += d + c;
    events += d;
    i = j - 1;
  }
  // The middle broken one's days held; for an even count the mean of the two middle ones.
  const nth = (k: number) => {
    let seen = 0;
    for (const s of steps) if ((seen += s.events) >= k) return s.t;
    return null;
  };
  const medianDaysBroken = events === 0 ? null : (nth(Math.floor((events + 1) / 2))! + nth(Math.floor((events + 2) / 2))!) / 2;
  return {
    split,
    key,
    label,
    n,
    broken: events,
    censored: n - events,
    kmMedian: steps.find((s) => s.survival <= 0.5)?.t ?? null,
    medianDaysBroken,
    groupsInSplit,
    steps,
  };
}

/**
 * Every curve the page draws, overall and per kind, round and mediator. With `shown`, only the
 * `shown` rounds and mediators with the most commitments get a curve (ties in the split's display
 * order): at 5,000 rounds the page could not draw them all. `splits` and `keys` let a scorecard build
 * only its own curves. The curves that are built are the same either way.
 *
 * One query reads the commitments observed (days held, broken) and chooses the groups; the curves
 * are built here. Built in SQL with window functions, sorting 19,000 steps by text keys and
 * aggregating them to JSON took 160 ms of the database's time at 15,000 commitments; here, a few.
 */
export async function survivalCurves(db: Kysely<Database>, f: AnalysisFilters, asOf: string, opts: SurvivalOptions = {}): Promise<SurvivalGroup[]> {
  const { shown, keys } = opts;
  const splits = opts.splits ?? ["all", "kind", "round", "mediator"];
  if (keys?.length === 0 || splits.length === 0) return [];
  const facts = commitmentFactsColumns(asOf);
  const built = (split: SurvivalSplit) => (splits.includes(split) ? sql`true` : sql`false`);
  const shownWhere = [
    ...(shown === undefined ? [] : [sql`place <= ${shown}`]),
    ...(keys === undefined ? [] : [sql`key in (${sql.join([...keys])})`]),
  ];
  const {
    rows: [{ obs, groups }],
  } = await sql<{ obs: Observations; groups: ShownGroup[] }>`
    with base as (
      -- A commitment of a deleted round counts as outside any round.
      select c.kind, r.id as round_id, r.slug, r.title, r.start_date, ${facts.daysHeld} as t, ${facts.broken} as broken
      from commitments c left join ${breachFacts} bf on bf.commitment_id = c.id
      left join rounds r on r.id = c.round_id and r.deleted_at is null
      where ${facts.daysHeld} is not null and ${commitmentWhere(f)}
    ),
    round_mediators as (
      select rp.round_id, a.id as actor_id, a.slug, a.name from round_participants rp
      join actors a on a.id = rp.actor_id and a.deleted_at is null
      where rp.role = 'mediator'
    ),
    round_sizes as (
      select round_id, slug, title, coalesce(to_char(start_date, 'YYYY-MM-DD') || slug, '~') as sort, count(*) as n
      from base where ${built("round")} or ${built("mediator")}
      group by round_id, slug, title, start_date
    ),
    -- A commitment counts once for each mediator of its round; a round without one counts for "none".
    mediator_sizes as (
      select m.actor_id, m.slug, m.name, coalesce(m.name, '~') as sort, sum(rs.n) as n
      from round_sizes rs left join round_mediators m on m.round_id = rs.round_id
      where ${built("mediator")}
      group by m.actor_id, m.slug, m.name
    ),
    sizes as (
      select 'round' as split, round_id as id, slug as key, title as label, sort, count(*) over () as groups,
        row_number() over (order by n desc, sort, slug) as place
      from round_sizes where ${built("round")}
      union all
      select 'mediator', actor_id, slug, name, sort, count(*) over (), row_number() over (order by n desc, sort, slug)
      from mediator_sizes
    ),
    shown_groups as (
      select * from sizes ${shownWhere.length ? sql`where ${sql.join(shownWhere, sql` and `)}` : sql``}
    )
    select
      -- Numbers only: 15,000 kinds as strings were most of the text to parse.
      (select json_build_object('t', coalesce(json_agg(t), '[]'), 'broken', coalesce(json_agg(broken::int), '[]'),
        'kind', coalesce(json_agg(array_position(array[${sql.join([...COMMITMENT_KINDS])}]::text[], kind) - 1), '[]'),
        'round', coalesce(json_agg(coalesce(round_id, 0)), '[]'),
        'mediated', coalesce(json_agg(coalesce(round_id in (select round_id from round_mediators), false)::int), '[]'))
        from base) as obs,
      (select coalesce(json_agg(json_build_object('split', split, 'id', id, 'key', key, 'label', label, 'groups', groups,
          'rounds', case when split = 'mediator' and id is not null
            then (select json_agg(m.round_id) from round_mediators m where m.actor_id = g.id) end)
        order by split = 'mediator', sort, key), '[]')
        from shown_groups g) as groups`.execute(db);

  // Each observation, in order of days held, goes to every group it belongs to.
  type Members = { t: number[]; broken: (0 | 1)[] };
  const members = (): Members => ({ t: [], broken: [] });
  const all = members();
  const byKind = new Map<number, Members>();
  const byRound = new Map<number, Members>();
  const byMediatedRound = new Map<number, Members[]>();
  let unmediated: Members | null = null;
  const shownMembers = groups.map((g) => {
    const m = members();
    if (g.split === "round") byRound.set(g.id ?? 0, m);
    else if (g.id === null) unmediated = m;
    else {
      for (const round of g.rounds ?? []) {
        const mediators = byMediatedRound.get(round);
        if (mediators) mediators.push(m);
        else byMediatedRound.set(round, [m]);
      }
    }
    return m;
  });
  const add = (m: Members, i: number) => {
    m.t.push(obs.t[i]);
    m.broken.push(obs.broken[i]);
  };
  const wantAll = splits.includes("all");
  const wantKind = splits.includes("kind");
  const byDaysHeld = Array.from(obs.t.keys()).sort((a, b) => obs.t[a] - obs.t[b]);
  for (const i of byDaysHeld) {
    if (wantAll) add(all, i);
    if (wantKind) {
      let m = byKind.get(obs.kind[i]);
      if (!m) byKind.set(obs.kind[i], (m = members()));
      add(m, i);
    }
    const round = byRound.get(obs.round[i]);
    if (round) add(round, i);
    if (obs.mediated[i]) for (const m of byMediatedRound.get(obs.round[i]) ?? []) add(m, i);
    else if (unmediated) add(unmediated, i);
  }

  const rows: Row[] = [];
  if (wantAll && all.t.length > 0) rows.push(kaplanMeier("all", null, null, 1, all.t, all.broken));
  const kinds = [...byKind.keys()].sort((a, b) => a - b);
  for (const k of kinds) rows.push(kaplanMeier("kind", COMMITMENT_KINDS[k], null, kinds.length, byKind.get(k)!.t, byKind.get(k)!.broken));
  groups.forEach((g, i) => rows.push(kaplanMeier(g.split, g.key, g.label, g.groups, shownMembers[i].t, shownMembers[i].broken)));
  return rows.map((row) => ({
    ...row,
    stepsInAll: row.steps.length,
    checkpoints: SURVIVAL_CHECKPOINTS.map((days) => ({ days, survival: survivalAt(row.steps, days) })),
  }));
}
