import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { parseQuery } from "~/utils/query.server";
import * as csvRoute from "~/routes/analysis.$chart[.]csv";
import * as analysisPage from "~/routes/analysis";
import { describeEachEngine } from "../../tests/support/db";
import { callLoader, useAppDatabase } from "../../tests/support/routes";
import { unpack } from "~/utils/packed";
import { ANALYSIS_CSV, analysisQuerySchema, getAnalysis, type Analysis, type AnalysisQuery } from "./analytics.server";
import { breachBreakdown } from "./analytics/breaches.server";
import { casualtiesByIncident, casualtiesByPeriod } from "./analytics/casualties.server";
import { chartSteps, survivalAt, survivalCurves, type SurvivalGroup, type SurvivalStep } from "./analytics/survival.server";
import { activityByBucket, commitmentPeriods, latestPeriods, latestRounds, timelineRounds } from "./analytics/timeline.server";

// Every figure below is computed by hand from this fixture, as of 2025-12-31.
//
// Commitments (days held, from the status rule):
//   A ceasefire               doha-1      19 Oct, broken by i1 on 24 Oct           5 days, broken
//   B follow_up_talks         doha-1      19 Oct, fulfilled 29 Oct                10 days, censored
//   C ceasefire               doha-1      19 Oct, broken by i2 on 29 Oct          10 days, broken
//                                         (i1 on 24 Oct only alleged: does not end it)
//   D ceasefire               istanbul-1   6 Nov, broken by i3 on 26 Nov          20 days, broken
//   E non_targeting_civilians istanbul-1   6 Nov, expired 6 Dec                  30 days, censored
//                                         (disputed breach i6, rejected link i7: neither ends it)
//   F non_targeting_civilians istanbul-1   6 Nov, broken by i4 on 16 Dec          40 days, broken
//   G armed_group_restraint   no round    18 Oct, still running at 31 Dec        74 days, censored
//                                         (alleged breach i5), binds party-a only
//   H ceasefire               riyadh-1    takes effect 10 Jan 2026: not yet in effect, left out
// Mediators: doha-1 qatar and turkiye; istanbul-1 turkiye; riyadh-1 saudi-arabia.
const AS_OF = "2025-12-31";
const doha = { actor: "qatar", role: "mediator" as const };
const parties = [
  { actor: "party-a", role: "party" as const },
  { actor: "party-b", role: "party" as const },
];

function dataset(extra = 0) {
  return buildDataset({
    actors: [make.actor("qatar"), make.actor("turkiye", { name: "Türkiye" }), make.actor("saudi-arabia"), make.actor("monitor")],
    venues: [make.venue("doha"), make.venue("istanbul"), make.venue("riyadh")],
    processes: [make.process("other-process")],
    rounds: [
      make.round("doha-1", { venue: "doha", startDate: "2025-10-18", endDate: "2025-10-19", endPrecision: "day", participants: [...parties, doha, { actor: "turkiye", role: "mediator" }] }),
      make.round("istanbul-1", { venue: "istanbul", startDate: "2025-11-06", participants: [...parties, { actor: "turkiye", role: "mediator" }] }),
      make.round("riyadh-1", { venue: "riyadh", startDate: "2025-12-01", startPrecision: "week", participants: [...parties, { actor: "saudi-arabia", role: "mediator" }] }),
      ...Array.from({ length: extra }, (_, n) => make.round(`extra-${n}`, { process: "other-process", startDate: "2024-05-01" })),
    ],
    commitments: [
      make.commitment("a", { round: "doha-1", kind: "ceasefire", takesEffectOn: "2025-10-19" }),
      make.commitment("b", { round: "doha-1", kind: "follow_up_talks", takesEffectOn: "2025-10-19", fulfilledOn: "2025-10-29" }),
      make.commitment("c", { round: "doha-1", kind: "ceasefire", takesEffectOn: "2025-10-19" }),
      make.commitment("d", { round: "istanbul-1", kind: "ceasefire", takesEffectOn: "2025-11-06" }),
      make.commitment("e", { round: "istanbul-1", kind: "non_targeting_civilians", takesEffectOn: "2025-11-06", expiresOn: "2025-12-06" }),
      make.commitment("f", { round: "istanbul-1", kind: "non_targeting_civilians", takesEffectOn: "2025-11-06" }),
      make.commitment("g", { kind: "armed_group_restraint", takesEffectOn: "2025-10-18", boundActors: ["party-a"] }),
      make.commitment("h", { round: "riyadh-1", kind: "ceasefire", takesEffectOn: "2026-01-10" }),
      // Other-process records that no test filtered to "test-process" may see.
      ...Array.from({ length: extra }, (_, n) =>
        make.commitment(`extra-${n}`, { process: "other-process", round: `extra-${n}`, takesEffectOn: "2024-05-02", kind: "trade" }),
      ),
    ],
    incidents: [
      make.incident("i1", { occurredOn: "2025-10-24", perpetrator: "party-a" }),
      make.incident("i2", { occurredOn: "2025-10-29", perpetrator: "party-b" }),
      make.incident("i5", { occurredOn: "2025-10-31", perpetrator: "party-a" }),
      make.incident("i8", { occurredOn: "2025-11-01", perpetrator: "party-b" }),
      make.incident("i7", { occurredOn: "2025-11-10" }),
      make.incident("i3", { occurredOn: "2025-11-26" }),
      make.incident("i6", { occurredOn: "2025-11-30" }),
      make.incident("i9", { occurredOn: "2025-12-01", datePrecision: "month" }),
      make.incident("i4", { occurredOn: "2025-12-16" }),
      ...Array.from({ length: extra }, (_, n) => make.incident(`extra-${n}`, { occurredOn: "2024-05-03" })),
    ],
    claims: [
      make.claim("i1", "party-a", { killedLow: 3, killedHigh: 3 }),
      make.claim("i1", "party-b", { killedLow: 10, killedHigh: 12, injuredLow: 20, injuredHigh: 25 }),
      make.claim("i1", "monitor", { killedLow: 5, rank: "preferred" }),
      make.claim("i1", "monitor", { killedLow: 100, rank: "deprecated" }),
      make.claim("i2", "monitor", { killedLow: 7, killedHigh: 9 }),
      make.claim("i5", "party-a", { killedLow: undefined, killedHigh: 4 }),
      make.claim("i5", "party-b", { killedLow: undefined, injuredLow: 2 }),
      make.claim("i8", "party-b", { killedLow: 6 }),
      make.claim("i4", "monitor", { killedLow: 1 }),
      ...Array.from({ length: extra }, (_, n) => make.claim(`extra-${n}`, "monitor", { killedLow: 50 })),
    ],
    breaches: [
      make.breach("a", "i1", { assessment: "corroborated", responsible: "party-a" }),
      make.breach("c", "i1", { assessment: "alleged", responsible: "party-a" }),
      make.breach("c", "i2", { assessment: "corroborated", responsible: "party-b" }),
      make.breach("d", "i3", { assessment: "corroborated", responsible: "party-a" }),
      make.breach("f", "i4", { assessment: "corroborated" }),
      make.breach("g", "i5", { assessment: "alleged", responsible: "party-a" }),
      make.breach("e", "i6", { assessment: "disputed", responsible: "party-b" }),
      make.breach("e", "i7", { assessment: "rejected", responsible: "party-a" }),
      ...Array.from({ length: extra }, (_, n) => make.breach(`extra-${n}`, `extra-${n}`, { responsible: "party-b" })),
    ],
  });
}

const query = (params: Record<string, string> = {}): AnalysisQuery => analysisQuerySchema.parse(params);
const group = (groups: SurvivalGroup[], split: string, key: string | null) => groups.find((g) => g.split === split && g.key === key);

describeEachEngine("analytics", (t) => {
  it("computes the Kaplan–Meier curve of all commitments, censored ones included", async () => {
    await t.load(dataset());
    const all = group(await survivalCurves(t.db, query(), AS_OF), "all", null)!;
    // Times 5b 10b 10c 20b 30c 40b 74c (b broken, c censored); H is not yet in effect.
    expect(all).toMatchObject({ n: 7, broken: 4, censored: 3 });
    expect(all.steps.map((s) => [s.t, s.atRisk, s.events, s.censored])).toEqual([
      [5, 7, 1, 0], // at risk: all 7
      [10, 6, 1, 1], // 6 held 10 days or more; censoring at 10 still counts as at risk at 10
      [20, 4, 1, 0], // 20, 30, 40, 74
      [30, 3, 0, 1],
      [40, 2, 1, 0],
      [74, 1, 0, 1],
    ]);
    const s = all.steps.map((x) => x.survival);
    expect(s[0]).toBeCloseTo(6 / 7, 9); // 1 − 1/7
    expect(s[1]).toBeCloseTo(5 / 7, 9); // 6/7 × (1 − 1/6)
    expect(s[2]).toBeCloseTo(15 / 28, 9); // 5/7 × (1 − 1/4)
    expect(s[3]).toBeCloseTo(15 / 28, 9); // censoring only: no drop
    expect(s[4]).toBeCloseTo(15 / 56, 9); // 15/28 × (1 − 1/2)
    expect(s[5]).toBeCloseTo(15 / 56, 9);
    // The KM median is the first time the curve is at or below one half: 15/56 at day 40.
    expect(all.kmMedian).toBe(40);
    // Broken after 5, 10, 20, 40 days: an even count, so the mean of 10 and 20.
    expect(all.medianDaysBroken).toBe(15);
    // After 7 days: the step at 5 (6/7). After 30: 15/28. After 90: beyond the longest observation (74).
    expect(all.checkpoints[0]).toEqual({ days: 7, survival: expect.closeTo(6 / 7, 9) });
    expect(all.checkpoints[1].survival).toBeCloseTo(15 / 28, 9);
    expect(all.checkpoints[2]).toEqual({ days: 90, survival: null });
  });

  it("splits the curve by kind, round and mediator, with the number of commitments behind each", async () => {
    await t.load(dataset());
    const groups = await survivalCurves(t.db, query(), AS_OF);
    // Ceasefires A 5b, C 10b, D 20b: 2/3 at 5, 2/3 × 1/2 = 1/3 at 10, 0 at 20.
    const ceasefire = group(groups, "kind", "ceasefire")!;
    expect(ceasefire).toMatchObject({ n: 3, broken: 3, censored: 0, kmMedian: 10 });
    expect(ceasefire.steps.map((x) => x.survival)).toEqual([expect.closeTo(2 / 3, 9), expect.closeTo(1 / 3, 9), 0]);
    // Odd count: 5, 10, 20 → the middle value.
    expect(ceasefire.medianDaysBroken).toBe(10);
    // The curve reached zero at 20, so it stays zero after 30 and 90 days.
    expect(ceasefire.checkpoints.map((c) => c.survival)).toEqual([expect.closeTo(2 / 3, 9), 0, 0]);
    // Civilians E 30c, F 40b: 1 until 40, then 0 (the one at risk broke). One broken: median 40.
    expect(group(groups, "kind", "non_targeting_civilians")).toMatchObject({ n: 2, broken: 1, kmMedian: 40, medianDaysBroken: 40 });
    // A single censored commitment: the median is not reached and there is no broken one.
    expect(group(groups, "kind", "follow_up_talks")).toMatchObject({ n: 1, broken: 0, kmMedian: null, medianDaysBroken: null });
    expect(groups.filter((g) => g.split === "kind").map((g) => g.key)).toEqual([
      "ceasefire",
      "armed_group_restraint",
      "non_targeting_civilians",
      "follow_up_talks",
    ]);

    // doha-1: A 5b, B 10c, C 10b: 2/3 at 5; at 10, 2 at risk, 1 broken: 1/3. Broken 5 and 10: mean 7.5.
    const doha1 = group(groups, "round", "doha-1")!;
    expect(doha1).toMatchObject({ label: "Round doha-1", n: 3, broken: 2, censored: 1, kmMedian: 10, medianDaysBroken: 7.5 });
    expect(doha1.steps.at(-1)!.survival).toBeCloseTo(1 / 3, 9);
    // istanbul-1: D 20b, E 30c, F 40b: 2/3 at 20, 0 at 40. Broken 20 and 40: 30.
    expect(group(groups, "round", "istanbul-1")).toMatchObject({ n: 3, broken: 2, kmMedian: 40, medianDaysBroken: 30 });
    // G was announced outside any round; riyadh-1's only commitment is not yet in effect.
    expect(group(groups, "round", null)).toMatchObject({ n: 1, label: null });
    expect(group(groups, "round", "riyadh-1")).toBeUndefined();
    expect(groups.filter((g) => g.split === "round").map((g) => g.key)).toEqual(["doha-1", "istanbul-1", null]);

    // A commitment counts for each mediator of its round: qatar A B C (as doha-1); turkiye A–F.
    expect(group(groups, "mediator", "qatar")).toMatchObject({ n: 3, kmMedian: 10 });
    // Türkiye: 5b 10b 10c 20b 30c 40b: 5/6, × 4/5 = 2/3, × 2/3 = 4/9 at 20 (≤ 1/2), 0 at 40.
    const turkiye = group(groups, "mediator", "turkiye")!;
    expect(turkiye).toMatchObject({ label: "Türkiye", n: 6, broken: 4, kmMedian: 20, medianDaysBroken: 15 });
    expect(turkiye.steps.map((x) => x.survival)).toEqual([
      expect.closeTo(5 / 6, 9),
      expect.closeTo(2 / 3, 9),
      expect.closeTo(4 / 9, 9),
      expect.closeTo(4 / 9, 9),
      0,
    ]);
    expect(group(groups, "mediator", null)).toMatchObject({ n: 1 });
  });

  it("draws only the rounds and mediators with the most commitments when asked, each curve as it is in full", async () => {
    await t.load(dataset());
    const full = await survivalCurves(t.db, query(), AS_OF);
    const top = await survivalCurves(t.db, query(), AS_OF, { shown: 1 });
    // doha-1 and istanbul-1 have three each: the earlier round wins the tie. Türkiye has six, Qatar three.
    expect(top.map((g) => [g.split, g.key])).toEqual([
      ["all", null],
      ...full.filter((g) => g.split === "kind").map((g) => [g.split, g.key]),
      ["round", "doha-1"],
      ["mediator", "turkiye"],
    ]);
    for (const g of top) expect(g).toEqual(group(full, g.split, g.key));
    // How many groups each split has in all, whatever is drawn: doha-1, istanbul-1 and no round.
    expect(Object.fromEntries(top.map((g) => [g.split, g.groupsInSplit]))).toEqual({ all: 1, kind: 4, round: 3, mediator: 3 });
  });

  it("builds only the splits and groups asked for, each curve as it is in full", async () => {
    await t.load(dataset());
    const full = await survivalCurves(t.db, query(), AS_OF);
    const qatar = await survivalCurves(t.db, query(), AS_OF, { splits: ["mediator"], keys: ["qatar"] });
    expect(qatar.map((g) => [g.split, g.key])).toEqual([["mediator", "qatar"]]);
    expect(qatar[0]).toEqual(group(full, "mediator", "qatar"));
    const overall = await survivalCurves(t.db, query(), AS_OF, { splits: ["all", "round"], keys: ["istanbul-1"] });
    expect(overall).toEqual([group(full, "all", null), group(full, "round", "istanbul-1")]);
    expect(await survivalCurves(t.db, query(), AS_OF, { splits: ["mediator"], keys: [] })).toEqual([]);
  });

  it("thins a long curve for its chart to the last step of each span of days, keeping exact values and every count", () => {
    const steps: SurvivalStep[] = Array.from({ length: 1000 }, (_, i) => ({
      t: i * 3 + 1,
      atRisk: 1000 - i,
      events: i % 2,
      censored: 1 - (i % 2),
      survival: Math.round((1 - i / 2000) * 1e10) / 1e10,
    }));
    expect(chartSteps(steps.slice(0, 200), 200)).toEqual(steps.slice(0, 200));
    const thin = chartSteps(steps, 200);
    expect(thin.length).toBeLessThanOrEqual(200);
    expect(thin.length).toBeGreaterThan(150);
    expect(thin.at(-1)).toMatchObject({ t: steps.at(-1)!.t, survival: steps.at(-1)!.survival });
    for (const step of thin) expect(step.survival).toBe(steps.find((s) => s.t === step.t)!.survival);
    const sum = (list: SurvivalStep[], key: "events" | "censored") => list.reduce((n, s) => n + s[key], 0);
    expect(sum(thin, "events")).toBe(sum(steps, "events"));
    expect(sum(thin, "censored")).toBe(sum(steps, "censored"));
  });

  it("narrows the survival curve with the filters", async () => {
    await t.load(dataset());
    const n = async (p: Record<string, string>) => group(await survivalCurves(t.db, query(p), AS_OF), "all", null)?.n ?? 0;
    expect(await n({ party: "party-b" })).toBe(6); // G binds party-a only
    expect(await n({ from: "2025-11-01" })).toBe(3); // D E F took effect on 6 November
    expect(await n({ mediator: "qatar" })).toBe(3);
    expect(await n({ venue: "istanbul", kind: "ceasefire" })).toBe(1);
    expect(await n({ process: "other-process" })).toBe(0);
    expect(await n({ mediator: "nobody" })).toBe(0);
  });

  it("reads the curve at a given day", () => {
    const steps = [
      { t: 5, atRisk: 3, events: 1, censored: 0, survival: 0.5 },
      { t: 9, atRisk: 1, events: 0, censored: 1, survival: 0.5 },
    ];
    expect(survivalAt(steps, 0)).toBe(1);
    expect(survivalAt(steps, 5)).toBe(0.5);
    expect(survivalAt(steps, 9)).toBe(0.5);
    expect(survivalAt(steps, 10)).toBeNull();
    expect(survivalAt([], 1)).toBeNull();
  });

  it("counts breaches by party, kind, assessment and month, with their shares", async () => {
    await t.load(dataset());
    const b = await breachBreakdown(t.db, query(), "month");
    // Seven counted links (the rejected one, e–i7, is not a breach): alleged 2, corroborated 4, disputed 1;
    // six incidents (i1 broke A and was alleged against C).
    expect(b.total).toMatchObject({ alleged: 2, corroborated: 4, disputed: 1, total: 7, incidents: 6, share: 1 });
    // Alleged c–i1, g–i5 (i1, i5); corroborated a–i1, c–i2, d–i3, f–i4; disputed e–i6.
    expect(b.byAssessment.map((r) => [r.assessment, r.total, r.incidents, r.share])).toEqual([
      ["alleged", 2, 2, expect.closeTo(2 / 7, 9)],
      ["corroborated", 4, 4, expect.closeTo(4 / 7, 9)],
      ["disputed", 1, 1, expect.closeTo(1 / 7, 9)],
    ]);
    // party-a: a–i1, c–i1, d–i3, g–i5 = 4 of 7; party-b: c–i2, e–i6 = 2; not attributed: f–i4 = 1.
    expect(b.byParty).toEqual([
      { party: { slug: "party-a", name: "Party A" }, alleged: 2, corroborated: 2, disputed: 0, total: 4, incidents: 3, share: expect.closeTo(4 / 7, 9) },
      { party: { slug: "party-b", name: "Party B" }, alleged: 0, corroborated: 1, disputed: 1, total: 2, incidents: 2, share: expect.closeTo(2 / 7, 9) },
      { party: null, alleged: 0, corroborated: 1, disputed: 0, total: 1, incidents: 1, share: expect.closeTo(1 / 7, 9) },
    ]);
    // ceasefire: a–i1, c–i1, c–i2, d–i3 (incidents i1 i2 i3); civilians: f–i4, e–i6; restraint: g–i5.
    expect(b.byKind.map((r) => [r.kind, r.total, r.incidents, r.share])).toEqual([
      ["ceasefire", 4, 3, expect.closeTo(4 / 7, 9)],
      ["non_targeting_civilians", 2, 2, expect.closeTo(2 / 7, 9)],
      ["armed_group_restraint", 1, 1, expect.closeTo(1 / 7, 9)],
    ]);
    // October: i1 (×2), i2, and i5 on 31 October (a month end stays in October); November: i3, i6; December: i4.
    expect(b.overTime.map((r) => [r.bucketStart, r.bucketEnd, r.total, r.alleged, r.corroborated, r.disputed])).toEqual([
      ["2025-10-01", "2025-10-31", 4, 2, 2, 0],
      ["2025-11-01", "2025-11-30", 2, 0, 1, 1],
      ["2025-12-01", "2025-12-31", 1, 0, 1, 0],
    ]);
  });

  it("narrows breaches by assessment and party, and shares add up within the filter", async () => {
    await t.load(dataset());
    const corroborated = await breachBreakdown(t.db, query({ assessment: "corroborated" }), "month");
    // a–i1, d–i3 (party-a), c–i2 (party-b), f–i4 (none): 2/4, 1/4, 1/4.
    expect(corroborated.byParty.map((r) => [r.party?.slug ?? null, r.total, r.share])).toEqual([
      ["party-a", 2, 0.5],
      ["party-b", 1, 0.25],
      [null, 1, 0.25],
    ]);
    const partyB = await breachBreakdown(t.db, query({ party: "party-b" }), "month");
    expect(partyB.total).toMatchObject({ total: 2, corroborated: 1, disputed: 1 });
    const none = await breachBreakdown(t.db, query({ process: "other-process" }), "month");
    const zero = { alleged: 0, corroborated: 0, disputed: 0, total: 0, incidents: 0, share: 0 };
    expect(none).toEqual({
      byParty: [],
      byKind: [],
      byAssessment: [{ assessment: "alleged", ...zero }, { assessment: "corroborated", ...zero }, { assessment: "disputed", ...zero }],
      overTime: [],
      total: zero,
    });
    // Only the chosen assessment is counted: the others show zero, not missing.
    expect(corroborated.byAssessment.map((r) => [r.assessment, r.total, r.share])).toEqual([["alleged", 0, 0], ["corroborated", 4, 1], ["disputed", 0, 0]]);
  });

  it("buckets incidents and casualty ranges by month, a month end in its own month", async () => {
    await t.load(dataset());
    const { buckets: months, total } = await activityByBucket(t.db, query(), "month");
    expect(months).toEqual([
      // i1 3–12 (claims 3, 10–12, 5; the deprecated 100 is left out), i2 7–9, i5 –4 (only a high):
      // lows 3 + 7 = 10, highs 12 + 9 + 4 = 25. Injured: i1 20–25, i5 2 → 22–27.
      { bucketStart: "2025-10-01", bucketEnd: "2025-10-31", incidents: 3, impreciseIncidents: 0, incidentsWithKilledClaims: 3, killedLow: 10, killedHigh: 25, injuredLow: 22, injuredHigh: 27 },
      // i8 on 1 November (the day after i5) starts November: 6–6; i7, i3, i6 have no claim.
      { bucketStart: "2025-11-01", bucketEnd: "2025-11-30", incidents: 4, impreciseIncidents: 0, incidentsWithKilledClaims: 1, killedLow: 6, killedHigh: 6, injuredLow: null, injuredHigh: null },
      // i9 (dated to the month) and i4 (1).
      { bucketStart: "2025-12-01", bucketEnd: "2025-12-31", incidents: 2, impreciseIncidents: 0, incidentsWithKilledClaims: 1, killedLow: 1, killedHigh: 1, injuredLow: null, injuredHigh: null },
    ]);
    // All nine incidents; lows 3 + 7 + 6 + 1 = 17, highs 12 + 9 + 4 + 6 + 1 = 32.
    expect(total).toEqual({ incidents: 9, impreciseIncidents: 0, incidentsWithKilledClaims: 5, killedLow: 17, killedHigh: 32, injuredLow: 22, injuredHigh: 27 });
  });

  it("buckets by ISO week, flagging incidents dated only to the month", async () => {
    await t.load(dataset());
    const { buckets: weeks, total } = await activityByBucket(t.db, query(), "week");
    expect(weeks.map((w) => [w.bucketStart, w.bucketEnd, w.incidents, w.impreciseIncidents, w.killedLow, w.killedHigh])).toEqual([
      ["2025-10-20", "2025-10-26", 1, 0, 3, 12], // Fri 24 Oct: i1
      ["2025-10-27", "2025-11-02", 3, 0, 13, 19], // Wed 29, Fri 31 Oct, Sat 1 Nov: i2 7–9, i5 –4, i8 6–6
      ["2025-11-10", "2025-11-16", 1, 0, null, null], // i7
      ["2025-11-24", "2025-11-30", 2, 0, null, null], // Wed 26 and Sun 30 Nov: i3, i6
      ["2025-12-01", "2025-12-07", 1, 1, null, null], // i9, known only as "December"
      ["2025-12-15", "2025-12-21", 1, 0, 1, 1], // Tue 16 Dec: i4
    ]);
    expect(total).toMatchObject({ incidents: 9, impreciseIncidents: 1, killedLow: 17, killedHigh: 32 });
  });

  it("keeps dates in their bucket whatever the session time zone", async () => {
    await t.load(dataset());
    for (const zone of ["Pacific/Kiritimati", "America/Anchorage"]) {
      const result = await t.db.transaction().execute(async (tx) => {
        await sql`set local time zone ${sql.lit(zone)}`.execute(tx);
        return {
          months: (await activityByBucket(tx, query(), "month")).buckets.map((m) => [m.bucketStart, m.incidents]),
          weeks: (await breachBreakdown(tx, query(), "week")).overTime.map((w) => [w.bucketStart, w.total]),
          held: (await commitmentPeriods(tx, query({ kind: "ceasefire" }), AS_OF)).map((c) => c.heldUntil),
        };
      });
      expect(result.months).toEqual([["2025-10-01", 3], ["2025-11-01", 4], ["2025-12-01", 2]]);
      // Weeks of 20 Oct (a–i1, c–i1), 27 Oct (c–i2, g–i5), 24 Nov (d–i3, e–i6), 15 Dec (f–i4).
      expect(result.weeks).toEqual([["2025-10-20", 2], ["2025-10-27", 2], ["2025-11-24", 2], ["2025-12-15", 1]]);
      // A: 19 Oct + 5; C: 19 Oct + 10; D: 6 Nov + 20.
      expect(result.held).toEqual(["2025-10-24", "2025-10-29", "2025-11-26"]);
    }
  });

  it("narrows incidents by perpetrator, and by commitment-side filters through their breaches", async () => {
    await t.load(dataset());
    const months = async (p: Record<string, string>) =>
      (await activityByBucket(t.db, query(p), "month")).buckets.map((m) => [m.bucketStart, m.incidents, m.killedLow, m.killedHigh]);
    // party-a carried out i1 (3–12) and i5 (–4).
    expect(await months({ party: "party-a" })).toEqual([["2025-10-01", 2, 3, 16]]);
    // Ceasefire breaches: i1 (3–12), i2 (7–9) in October; i3 (no claim) in November.
    expect(await months({ kind: "ceasefire" })).toEqual([["2025-10-01", 2, 10, 21], ["2025-11-01", 1, null, null]]);
    // Only i6 is a disputed breach; the rejected link i7 never counts.
    expect(await months({ assessment: "disputed" })).toEqual([["2025-11-01", 1, null, null]]);
    expect(await months({ venue: "istanbul", to: "2025-11-30" })).toEqual([["2025-11-01", 2, null, null]]);
    // Nothing matches: no bucket, and a total of zero incidents with no figure.
    expect(await activityByBucket(t.db, query({ mediator: "nobody" }), "month")).toEqual({
      buckets: [],
      total: { incidents: 0, impreciseIncidents: 0, incidentsWithKilledClaims: 0, killedLow: null, killedHigh: null, injuredLow: null, injuredHigh: null },
    });
  });

  it("lists each incident's range beside every claimant's figure, never an average", async () => {
    await t.load(dataset());
    const { total, items } = await casualtiesByIncident(t.db, query(), 2);
    // Incidents with live claims: i1, i2, i5, i8, i4; the page shows the first two.
    expect(total).toBe(5);
    expect(items.map((i) => i.occurredOn)).toEqual(["2025-10-24", "2025-10-29"]);
    // Every claim here counts civilians, no side stated: one group.
    expect(items[0].groups).toHaveLength(1);
    expect(items[0].groups[0]).toMatchObject({ category: "civilians", affected: null, killedLow: 3, killedHigh: 12, injuredLow: 20, injuredHigh: 25 });
    // By claimant name; the deprecated 100 is gone.
    expect(items[0].claims.map((c) => [c.claimant.slug, c.rank, c.killedLow, c.killedHigh])).toEqual([
      ["monitor", "preferred", 5, null],
      ["party-a", "normal", 3, 3],
      ["party-b", "normal", 10, 12],
    ]);
    expect(items[0].claims[0].source).toMatchObject({ title: "Report test-source", publisher: "Test Wire" });
    // One range per claimant: the monitor's live claim is 5 (no high: 5–5), its deprecated 100 left out.
    expect(items[0].groups[0].claimants.map((c) => [c.claimant.slug, c.killedLow, c.killedHigh, c.injuredLow, c.injuredHigh])).toEqual([
      ["monitor", 5, 5, null, null],
      ["party-a", 3, 3, null, null],
      ["party-b", 10, 12, 20, 25],
    ]);
    const i5 = (await casualtiesByIncident(t.db, query({ from: "2025-10-31", to: "2025-10-31" }))).items[0];
    // Only a high figure (up to 4) and an injured-only claim: no low killed figure is claimed.
    expect(i5.groups[0]).toMatchObject({ killedLow: null, killedHigh: 4, injuredLow: 2, injuredHigh: 2 });
  });

  it("gives each claimant's own figure per month", async () => {
    await t.load(dataset());
    const rows = await casualtiesByPeriod(t.db, query(), "month");
    // One group (civilians, no side) per month: i1 3–12 + i2 7–9 + i5 –4 in October, as in activityByBucket.
    expect(rows.map((r) => [r.bucketStart, r.bucketEnd, r.category, r.affected, r.incidents, r.killedLow, r.killedHigh, r.injuredLow, r.injuredHigh])).toEqual([
      ["2025-10-01", "2025-10-31", "civilians", null, 3, 10, 25, 22, 27],
      ["2025-11-01", "2025-11-30", "civilians", null, 1, 6, 6, null, null],
      ["2025-12-01", "2025-12-31", "civilians", null, 1, 1, 1, null, null],
    ]);
    expect(rows.flatMap((r) => r.claimants.map((c) => [r.bucketStart, c.claimant.slug, c.incidents, c.killedLow, c.killedHigh, c.injuredLow, c.injuredHigh]))).toEqual([
      ["2025-10-01", "monitor", 2, 12, 14, null, null], // i1 5 (no high: 5), i2 7–9
      ["2025-10-01", "party-a", 2, 3, 7, null, null], // i1 3–3, i5 –4
      ["2025-10-01", "party-b", 2, 10, 12, 22, 27], // i1 10–12 / 20–25, i5 injured 2
      ["2025-11-01", "party-b", 1, 6, 6, null, null], // i8
      ["2025-12-01", "monitor", 1, 1, 1, null, null], // i4
    ]);
  });

  it("keeps only the latest months with a figure, within the dates chosen", async () => {
    await t.load(dataset());
    const months = async (p: Record<string, string>, latest: number) =>
      (await casualtiesByPeriod(t.db, query(p), "month", latest)).map((r) => [r.bucketStart, r.claimants.length]);
    expect(await months({}, 2)).toEqual([
      ["2025-11-01", 1],
      ["2025-12-01", 1],
    ]);
    // Up to 15 November: December is out of range, so October and November; a month cut by the range counts.
    expect(await months({ to: "2025-11-15" }, 2)).toEqual([
      ["2025-10-01", 3],
      ["2025-11-01", 1],
    ]);
    expect(await months({ from: "2025-10-25", to: "2025-11-15" }, 1)).toEqual([["2025-11-01", 1]]);
  });

  describe("when claims count different sides' dead", () => {
    // x1 (11 Oct), both sides counting their own and each other's dead. Groups (category, whose dead):
    //   civilians, no side:        monitor 5–7                                   → 5–7
    //   security forces, party-a:  party-b 58, party-a 23 (and 40 injured)       → 23–58, injured 40
    //   security forces, party-b:  party-b 9, party-a 200 (a floor: counts 200)  → 9–200
    //   security forces, no side:  monitor 24                                    → 24 (its own group)
    // Ranged across sides it would read 5–200: never.
    // x2 (20 Oct): party-a's forces, party-a 3–4 and party-b 10 → 3–10. x3 (5 Nov): party-b's forces, monitor 2.
    const sides = () =>
      buildDataset({
        actors: [make.actor("monitor")],
        incidents: [
          make.incident("x1", { occurredOn: "2025-10-11" }),
          make.incident("x2", { occurredOn: "2025-10-20" }),
          make.incident("x3", { occurredOn: "2025-11-05" }),
        ],
        claims: [
          make.claim("x1", "party-b", { category: "security_forces", affected: "party-a", killedLow: 58, killedHigh: 58 }),
          make.claim("x1", "party-b", { category: "security_forces", affected: "party-b", killedLow: 9, killedHigh: 9 }),
          make.claim("x1", "party-a", { category: "security_forces", affected: "party-b", killedLow: 200 }),
          make.claim("x1", "party-a", { category: "security_forces", affected: "party-a", killedLow: 23, killedHigh: 23, injuredLow: 40, injuredHigh: 40 }),
          make.claim("x1", "monitor", { category: "security_forces", killedLow: 24, killedHigh: 24 }),
          make.claim("x1", "monitor", { killedLow: 5, killedHigh: 7 }),
          make.claim("x2", "party-a", { category: "security_forces", affected: "party-a", killedLow: 3, killedHigh: 4 }),
          make.claim("x2", "party-b", { category: "security_forces", affected: "party-a", killedLow: 10, killedHigh: 10 }),
          make.claim("x3", "monitor", { category: "security_forces", affected: "party-b", killedLow: 2, killedHigh: 2 }),
        ],
      });
    const partyA = { slug: "party-a", name: "Party A", shortName: "Party A" };
    const partyB = { slug: "party-b", name: "Party B", shortName: "Party B" };
    type Ranged = { killedLow: number | null; killedHigh: number | null; injuredLow: number | null; injuredHigh: number | null };
    const figures = (r: Ranged) => [r.killedLow, r.killedHigh, r.injuredLow, r.injuredHigh];

    it("ranges each incident's claims per category and side, a claim with no side in its own group", async () => {
      await t.load(sides());
      const { items } = await casualtiesByIncident(t.db, query());
      expect(items.map((i) => i.title)).toEqual(["Incident x1", "Incident x2", "Incident x3"]);
      const [x1, x2, x3] = items;
      // By category as the schema lists them, then side name, the side not stated last.
      expect(x1.groups.map((g) => [g.category, g.affected, ...figures(g)])).toEqual([
        ["civilians", null, 5, 7, null, null],
        ["security_forces", partyA, 23, 58, 40, 40],
        ["security_forces", partyB, 9, 200, null, null],
        ["security_forces", null, 24, 24, null, null],
      ]);
      expect(x1.groups[1].claimants.map((c) => [c.claimant.slug, ...figures(c)])).toEqual([
        ["party-a", 23, 23, 40, 40],
        ["party-b", 58, 58, null, null],
      ]);
      expect(x1.groups[2].claimants.map((c) => [c.claimant.slug, ...figures(c)])).toEqual([
        ["party-a", 200, 200, null, null],
        ["party-b", 9, 9, null, null],
      ]);
      expect(x1.claims.find((c) => c.killedLow === 58)).toMatchObject({ category: "security_forces", affected: partyA });
      expect(x2.groups.map((g) => [g.affected?.slug, ...figures(g)])).toEqual([["party-a", 3, 10, null, null]]);
      expect(x3.groups.map((g) => [g.affected?.slug, ...figures(g)])).toEqual([["party-b", 2, 2, null, null]]);
    });

    it("sums each group's range per month, and adds up groups (never ranges across them) in the timeline", async () => {
      await t.load(sides());
      const periods = await casualtiesByPeriod(t.db, query(), "month");
      expect(periods.map((p) => [p.bucketStart, p.category, p.affected?.slug ?? null, p.incidents, ...figures(p)])).toEqual([
        ["2025-10-01", "civilians", null, 1, 5, 7, null, null],
        ["2025-10-01", "security_forces", "party-a", 2, 26, 68, 40, 40], // x1 23–58 + x2 3–10
        ["2025-10-01", "security_forces", "party-b", 1, 9, 200, null, null],
        ["2025-10-01", "security_forces", null, 1, 24, 24, null, null],
        ["2025-11-01", "security_forces", "party-b", 1, 2, 2, null, null],
      ]);
      // Each claimant's own figure within the group: party-a 23 + 3–4, party-b 58 + 10.
      expect(periods[1].claimants.map((c) => [c.claimant.slug, c.incidents, ...figures(c)])).toEqual([
        ["party-a", 2, 26, 27, 40, 40],
        ["party-b", 2, 68, 68, null, null],
      ]);
      // Per incident each group gives its lowest and highest, added up: x1 5+23+9+24 = 61 to 7+58+200+24 = 289,
      // x2 3–10, so October 64–299 (not x1's cross-side 5–200 plus x2).
      const { buckets, total } = await activityByBucket(t.db, query(), "month");
      expect(buckets.map((b) => [b.bucketStart, b.incidents, b.incidentsWithKilledClaims, ...figures(b)])).toEqual([
        ["2025-10-01", 2, 2, 64, 299, 40, 40],
        ["2025-11-01", 1, 1, 2, 2, null, null],
      ]);
      expect(total).toMatchObject({ killedLow: 66, killedHigh: 301 });
    });

    it("keeps, when asked, each month's groups with the most killed and each group's highest claimants, and says how many there are", async () => {
      await t.load(sides());
      const periods = await casualtiesByPeriod(t.db, query(), "month", undefined, { groups: 2, claimants: 1 });
      // October: party-b's forces up to 200 and party-a's up to 68 of four groups, still in the groups' order.
      expect(periods.map((p) => [p.bucketStart, p.affected?.slug ?? null, p.groupsInBucket, p.claimantsInGroup, p.claimants.map((c) => c.claimant.slug)])).toEqual([
        ["2025-10-01", "party-a", 4, 2, ["party-b"]], // party-b's 68 over party-a's 27
        ["2025-10-01", "party-b", 4, 2, ["party-a"]], // party-a's 200 over party-b's 9
        ["2025-11-01", "party-b", 1, 1, ["monitor"]],
      ]);
      // The ranges are those of every claim, not only of the claimants kept.
      expect(periods.slice(0, 2).map(figures)).toEqual([
        [26, 68, 40, 40],
        [9, 200, null, null],
      ]);
    });

    it("puts each claim's own group range in the CSVs", async () => {
      await t.load(sides());
      const incidents = (await ANALYSIS_CSV["casualties-incidents"](t.db, query({ to: "2025-10-11" }), AS_OF)).trim().split("\r\n");
      expect(incidents[0]).toBe(
        "incident_id,incident,occurred_on,date_precision,claimant,category,affected,group_killed_low,group_killed_high,group_injured_low,group_injured_high," +
          "rank,claim_killed_low,claim_killed_high,claim_injured_low,claim_injured_high,source_id,source",
      );
      const rows = incidents.slice(1).map((l) => l.split(",").slice(4, 16));
      // By claimant name then id: monitor's two claims, party-a's two, party-b's two.
      expect(rows).toEqual([
        ["monitor", "security_forces", "", "24", "24", "", "", "normal", "24", "24", "", ""],
        ["monitor", "civilians", "", "5", "7", "", "", "normal", "5", "7", "", ""],
        ["party-a", "security_forces", "party-b", "9", "200", "", "", "normal", "200", "", "", ""],
        ["party-a", "security_forces", "party-a", "23", "58", "40", "40", "normal", "23", "23", "40", "40"],
        ["party-b", "security_forces", "party-a", "23", "58", "40", "40", "normal", "58", "58", "", ""],
        ["party-b", "security_forces", "party-b", "9", "200", "", "", "normal", "9", "9", "", ""],
      ]);
      const claimants = (await ANALYSIS_CSV["casualties-claimants"](t.db, query({ from: "2025-11-01" }), AS_OF)).trim().split("\r\n");
      expect(claimants).toEqual([
        "bucket_start,bucket_end,category,affected,group_incidents,group_killed_low,group_killed_high,group_injured_low,group_injured_high," +
          "claimant,incidents,killed_low,killed_high,injured_low,injured_high",
        "2025-11-01,2025-11-30,security_forces,party-b,1,2,2,,,monitor,1,2,2,,",
      ]);
    });
  });

  it("draws the rounds and the periods commitments held on the timeline", async () => {
    await t.load(dataset());
    const slugs = async (p: Record<string, string>) => (await timelineRounds(t.db, query(p))).map((r) => r.slug);
    expect(await slugs({})).toEqual(["doha-1", "istanbul-1", "riyadh-1"]);
    expect(await slugs({ mediator: "turkiye" })).toEqual(["doha-1", "istanbul-1"]);
    expect(await slugs({ kind: "non_targeting_civilians" })).toEqual(["istanbul-1"]);
    // doha-1 ran 18–19 October: it overlaps a range starting on the 19th, not one starting on the 20th.
    expect(await slugs({ from: "2025-10-19", to: "2025-11-06" })).toEqual(["doha-1", "istanbul-1"]);
    expect(await slugs({ from: "2025-10-20" })).toEqual(["istanbul-1", "riyadh-1"]);
    const [first] = await timelineRounds(t.db, query());
    expect(first.mediators).toEqual([{ slug: "qatar", name: "Qatar" }, { slug: "turkiye", name: "Türkiye" }]);

    const periods = await commitmentPeriods(t.db, query(), AS_OF);
    // H is not yet in effect; G took effect first.
    expect(periods.map((p) => [p.title, p.takesEffectOn, p.heldUntil, p.daysHeld, p.broken])).toEqual([
      ["Commitment g", "2025-10-18", "2025-12-31", 74, false],
      ["Commitment a", "2025-10-19", "2025-10-24", 5, true],
      ["Commitment b", "2025-10-19", "2025-10-29", 10, false],
      ["Commitment c", "2025-10-19", "2025-10-29", 10, true],
      ["Commitment d", "2025-11-06", "2025-11-26", 20, true],
      ["Commitment e", "2025-11-06", "2025-12-06", 30, false],
      ["Commitment f", "2025-11-06", "2025-12-16", 40, true],
    ]);
  });

  it("draws only the latest rounds and commitment periods when asked, and counts them all", async () => {
    await t.load(dataset());
    const rounds = await latestRounds(t.db, query(), 2);
    // doha-1 (18 Oct), istanbul-1 (6 Nov), riyadh-1 (1 Dec): the latest two, oldest first.
    expect(rounds).toEqual({ items: (await timelineRounds(t.db, query())).slice(1), total: 3 });
    const periods = await latestPeriods(t.db, query(), AS_OF, 3);
    // D, E, F took effect on 6 November, the latest; H is not yet in effect.
    expect(periods.items.map((p) => p.title)).toEqual(["Commitment d", "Commitment e", "Commitment f"]);
    expect(periods.total).toBe(7);
    expect(await latestPeriods(t.db, query({ process: "other-process" }), AS_OF, 3)).toEqual({ items: [], total: 0 });
  });

  it("ignores deleted records", async () => {
    await t.load(dataset());
    await t.db.updateTable("incidents").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("title", "=", "Incident i4").execute();
    await t.db.updateTable("commitments").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("title", "=", "Commitment g").execute();
    const all = group(await survivalCurves(t.db, query(), AS_OF), "all", null)!;
    // Without G, and F no longer broken (its breach's incident is gone): F runs to 31 Dec, 55 days, censored.
    expect(all).toMatchObject({ n: 6, broken: 3 });
    const b = await breachBreakdown(t.db, query(), "month");
    expect(b.total.total).toBe(5); // f–i4 and g–i5 gone
    expect((await activityByBucket(t.db, query(), "month")).buckets.at(-1)).toMatchObject({ bucketStart: "2025-12-01", incidents: 1 });
  });

  it.each([0, 30])("builds the whole page in seven queries with %i extra records of each kind", async (extra) => {
    await t.load(dataset(extra));
    t.resetQueryCount();
    const analysis = await getAnalysis(t.db, query({ process: "test-process" }), AS_OF);
    expect(t.queries).toHaveLength(7);
    expect(group(analysis.survival, "all", null)?.n).toBe(7);
    expect(analysis.breaches.total.total).toBe(7);
  });

  it("downloads each view as CSV with the same filters", async () => {
    await t.load(dataset());
    const summary = await ANALYSIS_CSV["survival-summary"](t.db, query({ kind: "ceasefire" }), AS_OF);
    const lines = summary.trim().split("\r\n");
    expect(lines[0]).toBe(
      "split,group,label,commitments,broken,censored,km_median_days,median_days_held_broken,share_unbroken_7d,share_unbroken_30d,share_unbroken_90d",
    );
    // Only ceasefires A, C (doha-1, qatar + turkiye) and D (istanbul-1, turkiye).
    expect(lines[1]).toBe("all,,,3,3,0,10,10,0.6666666667,0,0");
    const breaches = await ANALYSIS_CSV.breaches(t.db, query({ assessment: "corroborated" }), AS_OF);
    expect(breaches).toContain("party,party-a,Party A,,0,2,0,2,2,0.5\r\n");
    const claims = await ANALYSIS_CSV["casualties-incidents"](t.db, query({ to: "2025-10-24" }), AS_OF);
    // One row per claim of i1, each with the incident's range.
    expect(claims.trim().split("\r\n")).toHaveLength(4);
  });

  it("serves the page in eleven queries (seven figures, three filter lists, the data version both are kept under) and each view as CSV", async () => {
    await t.load(dataset(30));
    useAppDatabase(t);
    t.resetQueryCount();
    const page = await callLoader(analysisPage.loader, "/analysis?kind=ceasefire&per=week");
    expect(page.status).toBe(200);
    expect(t.queries).toHaveLength(11);
    const bad = await callLoader(analysisPage.loader, "/analysis?per=day&kind=ceasefire");
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ parameter: "per", message: "Group by month or by week." }]);

    const csv = await callLoader(csvRoute.loader, "/analysis/rounds.csv?mediator=turkiye", { chart: "rounds" });
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines.map((l) => l.split(",")[0])).toEqual(["slug", "doha-1", "istanbul-1"]);
    expect((await callLoader(csvRoute.loader, "/analysis/pie.csv", { chart: "pie" })).status).toBe(404);
    const refused = await callLoader(csvRoute.loader, "/analysis/survival.csv?kinds=ceasefire", { chart: "survival" });
    expect(refused.status).toBe(400);
    expect((await refused.json()).issues[0]).toMatchObject({ parameter: "kinds" });
  });

  it("serves the figures again from memory until anything is written, then computes them afresh (decision 0006)", async () => {
    await t.load(dataset(30));
    useAppDatabase(t);
    const figures = async () => {
      t.resetQueryCount();
      const body = await (await callLoader(analysisPage.loader, "/analysis")).json();
      return { incidents: unpack<Analysis>(body.analysis).activity.total.incidents, queries: t.queries.length };
    };
    const first = await figures();
    expect(first.queries).toBe(11);
    // The data version, read once for the figures and the filter lists.
    expect(await figures()).toEqual({ incidents: first.incidents, queries: 1 });
    await sql`update incidents set deleted_at = now() where id = (select min(id) from incidents)`.execute(t.db);
    expect(await figures()).toEqual({ incidents: first.incidents - 1, queries: 11 });
    // A hard reload (Cache-Control: no-cache) computes afresh too.
    t.resetQueryCount();
    await callLoader(analysisPage.loader, "/analysis", undefined, { headers: { "cache-control": "no-cache" } });
    expect(t.queries).toHaveLength(11);
  });

  it("refuses bad filters with a message naming the parameter", () => {
    const bad = (qs: string) => parseQuery(new URL(`http://x/analysis?${qs}`), analysisQuerySchema).errors;
    expect(bad("per=day")).toEqual([{ parameter: "per", message: "Group by month or by week." }]);
    expect(bad("assessment=rejected")[0]).toMatchObject({ parameter: "assessment", message: expect.stringMatching(/alleged, corroborated, disputed/) });
    expect(bad("kind=truce")[0]).toMatchObject({ parameter: "kind" });
    expect(bad("from=2025-12-01&to=2025-11-01")[0]).toMatchObject({ parameter: "to", message: expect.stringMatching(/before the start/) });
    expect(bad("from=2025-12-01&per=week&party=party-a")).toEqual([]);
  });
});
