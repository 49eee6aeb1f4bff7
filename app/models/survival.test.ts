// The survival curves built in JavaScript (survival.server.ts) against the same curves built by
// PostgreSQL's window functions, the implementation they replaced, kept here as the reference:
// on generated data, for every split, with and without filters, with a round and a mediator deleted.
import { sql, type Kysely } from "kysely";
import { expect, it } from "vitest";
import { COMMITMENT_KINDS } from "@db/enums";
import { generate } from "@db/generate/index";
import type { Database } from "@db/types";
import { describeEachEngine } from "../../tests/support/db";
import { commitmentFactsQuery } from "./commitment-status.server";
import { commitmentWhere, type AnalysisFilters } from "./analytics/filters.server";
import { SURVIVAL_CHECKPOINTS, type SurvivalSplit } from "./analytics/options";
import { survivalAt, survivalCurves, type SurvivalGroup, type SurvivalOptions } from "./analytics/survival.server";

type Row = Omit<SurvivalGroup, "checkpoints" | "stepsInAll">;

async function referenceCurves(db: Kysely<Database>, f: AnalysisFilters, asOf: string, opts: SurvivalOptions = {}): Promise<SurvivalGroup[]> {
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

const AS_OF = "2026-06-30";

describeEachEngine("survival curves", (t) => {
  it("equal the curves PostgreSQL's window functions build, for every split and filter", async () => {
    await generate(t.db, { incidents: 8000, seed: 11, engine: t.engine });
    const { rows: picks } = await sql<{ round: string; mediator: string; party: string; kind: string }>`
      select (select r.slug from rounds r join commitments c on c.round_id = r.id group by r.slug order by count(*) desc, r.slug limit 1) as round,
        (select a.slug from actors a join round_participants rp on rp.actor_id = a.id and rp.role = 'mediator' group by a.slug order by count(*) desc, a.slug limit 1) as mediator,
        (select a.slug from actors a join commitment_parties cp on cp.actor_id = a.id group by a.slug order by count(*) desc, a.slug limit 1) as party,
        (select kind from commitments group by kind order by count(*) desc, kind limit 1) as kind`.execute(t.db);
    const { round, mediator, party, kind } = picks[0];

    const compare = async (f: AnalysisFilters, opts: SurvivalOptions = {}) => {
      const built = await survivalCurves(t.db, f, AS_OF, opts);
      const reference = await referenceCurves(t.db, f, AS_OF, opts);
      // ln and exp against a running product: equal to the last of the ten decimals kept, or one off.
      const rounded = (groups: SurvivalGroup[]) =>
        groups.map((g) => ({
          ...g,
          steps: g.steps.map((s) => ({ ...s, survival: Math.round(s.survival * 1e8) })),
          checkpoints: g.checkpoints.map((c) => ({ ...c, survival: c.survival === null ? null : Math.round(c.survival * 1e8) })),
        }));
      expect(rounded(built)).toEqual(rounded(reference));
      return built;
    };

    const all = await compare({});
    expect(new Set(all.map((g) => g.split))).toEqual(new Set(["all", "kind", "round", "mediator"]));
    expect(all.find((g) => g.split === "all")!.n).toBeGreaterThan(40);
    expect(all.filter((g) => g.split === "round").length).toBeGreaterThan(10);
    expect(all.some((g) => g.broken > 0 && g.censored > 0 && g.steps.length > 5)).toBe(true);
    await compare({}, { shown: 3 });
    await compare({}, { splits: ["mediator"], keys: [mediator] });
    await compare({}, { splits: ["all", "round"], keys: [round] });
    await compare({ party });
    await compare({ kind: kind as (typeof COMMITMENT_KINDS)[number] }, { shown: 2 });
    await compare({ mediator, from: "2024-01-01" });

    // A round deleted: its commitments count outside any round. A mediator deleted: its rounds may
    // have none left.
    await sql`update rounds set deleted_at = now() where slug = ${round}`.execute(t.db);
    await sql`update actors set deleted_at = now() where slug = ${mediator}`.execute(t.db);
    const after = await compare({});
    expect(after.find((g) => g.split === "round" && g.key === null)).toBeDefined();
    expect(after.find((g) => g.split === "mediator" && g.key === mediator)).toBeUndefined();
    await compare({}, { shown: 1 });
  });
});
