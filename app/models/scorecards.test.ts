import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import type { Dataset } from "@db/dataset/schema";
import { describeEachEngine } from "../../tests/support/db";
import { callLoader, useAppDatabase } from "../../tests/support/routes";
import { unpack } from "../utils/packed";
import { loader as mediatorApiList } from "../routes/api.v1.mediators._index";
import { loader as venueApiList } from "../routes/api.v1.venues._index";
import { loader as mediatorPage } from "../routes/mediators.$slug";
import { loader as mediatorsPage } from "../routes/mediators._index";
import { loader as roundPage } from "../routes/rounds.$slug";
import { loader as venuePage } from "../routes/venues.$slug";
import { loader as venuesPage } from "../routes/venues._index";
import {
  kmMedianFor,
  mediatorKmMedians,
  mediatorScorecards,
  processRoundRecords,
  roundsAround,
  venueKmMedian,
  venueScorecards,
  type Scorecard,
  type ScoredMediator,
} from "./scorecards.server";
import type { MediatorTally } from "./actors.server";

// Every figure below is worked out by hand from this fixture, as of 31 December 2025.
//
// rounds (process test-process unless said)  venue      mediators          hosts             outcome
//   r1  18 Oct                               doha       qatar, turkiye     qatar             agreement
//   r2  25 Oct                               istanbul   turkiye            turkiye, oman     partial agreement
//   r3   6 Nov                               istanbul   turkiye            —                 collapsed
//   r4   1 Dec                               riyadh     oman               saudi-arabia      no agreement
//   r5  20 Nov (other-process)               doha       qatar              —                 agreement
//   islamabad: no round.
//
// commitments: days held from the status rule; b = broken (first corroborated breach), c = censored
//   r1 (from 19 Oct)  c1 3b (i1 22 Oct)   c2 10b (i2 29 Oct; i1 alleged before it)   c3 40b (i3 28 Nov)
//                     c4 73c (still holding; i4 rejected)   c5 5c (expired 24 Oct)
//   r2 (from 30 Oct)  c6 6b (i5 5 Nov)    c7 62c (disputed: i6 alleged, i7 disputed, none named)
//                     c8 20b (i8 19 Nov)  c9 20c (expired 19 Nov)
//   r3                c10 takes effect 15 Jan 2026: not yet in effect, no days held
//   r4 (from 25 Dec)  c11 6c (still holding)
//   r5 (from 21 Nov)  c12 7b (i3 28 Nov)
//   no round          c0 broken by i2: in no scorecard
// Breaches (responsible): c1-i1 party-a corr; c2-i2 party-b corr; c2-i1 party-a alleged; c3-i3 ttp corr;
//   c4-i4 party-b REJECTED (never counted); c6-i5 party-a corr; c7-i6 party-b alleged; c7-i7 none disputed;
//   c8-i8 party-b corr; c12-i3 ttp corr; c0-i2 party-b corr.
//
// "Broken within N days": n = commitments with days held ≥ N or broken; broken = broken with days held ≤ N.
const AS_OF = "2025-12-31";

const parties = [
  { actor: "party-a", role: "party" as const },
  { actor: "party-b", role: "party" as const },
];

function dataset(extra = 0): Dataset {
  return buildDataset({
    actors: [
      make.actor("qatar", { name: "Qatar" }),
      make.actor("turkiye", { name: "Türkiye" }),
      make.actor("oman", { name: "Oman" }),
      make.actor("saudi-arabia", { name: "Saudi Arabia" }),
      make.actor("ttp", { name: "TTP", kind: "armed_group" }),
    ],
    venues: [make.venue("doha"), make.venue("istanbul"), make.venue("riyadh"), make.venue("islamabad")],
    processes: [make.process("other-process")],
    rounds: [
      make.round("r1", {
        venue: "doha",
        startDate: "2025-10-18",
        participants: [...parties, { actor: "qatar", role: "mediator" }, { actor: "qatar", role: "host" }, { actor: "turkiye", role: "mediator" }],
      }),
      make.round("r2", {
        venue: "istanbul",
        startDate: "2025-10-25",
        outcome: "partial_agreement",
        participants: [...parties, { actor: "turkiye", role: "mediator" }, { actor: "turkiye", role: "host" }, { actor: "oman", role: "host" }],
      }),
      make.round("r3", { venue: "istanbul", startDate: "2025-11-06", outcome: "collapsed", participants: [...parties, { actor: "turkiye", role: "mediator" }] }),
      make.round("r4", {
        venue: "riyadh",
        startDate: "2025-12-01",
        outcome: "no_agreement",
        participants: [...parties, { actor: "oman", role: "mediator" }, { actor: "saudi-arabia", role: "host" }],
      }),
      make.round("r5", { process: "other-process", venue: "doha", startDate: "2025-11-20", participants: [...parties, { actor: "qatar", role: "mediator" }] }),
      // Extra rounds of another process, mediated by someone else, for the query-count test.
      ...Array.from({ length: extra }, (_, n) =>
        make.round(`extra-${n}`, { process: "other-process", venue: "islamabad", startDate: "2024-05-01", participants: [...parties, { actor: "ttp", role: "mediator" }] }),
      ),
    ],
    commitments: [
      make.commitment("c0", { takesEffectOn: "2025-10-19" }),
      make.commitment("c1", { round: "r1", takesEffectOn: "2025-10-19" }),
      make.commitment("c2", { round: "r1", takesEffectOn: "2025-10-19" }),
      make.commitment("c3", { round: "r1", takesEffectOn: "2025-10-19" }),
      make.commitment("c4", { round: "r1", takesEffectOn: "2025-10-19" }),
      make.commitment("c5", { round: "r1", takesEffectOn: "2025-10-19", expiresOn: "2025-10-24" }),
      make.commitment("c6", { round: "r2", takesEffectOn: "2025-10-30" }),
      make.commitment("c7", { round: "r2", takesEffectOn: "2025-10-30" }),
      make.commitment("c8", { round: "r2", takesEffectOn: "2025-10-30" }),
      make.commitment("c9", { round: "r2", takesEffectOn: "2025-10-30", expiresOn: "2025-11-19" }),
      make.commitment("c10", { round: "r3", takesEffectOn: "2026-01-15" }),
      make.commitment("c11", { round: "r4", takesEffectOn: "2025-12-25" }),
      make.commitment("c12", { process: "other-process", round: "r5", takesEffectOn: "2025-11-21" }),
      ...Array.from({ length: extra }, (_, n) =>
        make.commitment(`extra-${n}`, { process: "other-process", round: `extra-${n}`, takesEffectOn: "2024-05-02" }),
      ),
    ],
    incidents: [
      make.incident("i1", { occurredOn: "2025-10-22" }),
      make.incident("i2", { occurredOn: "2025-10-29" }),
      make.incident("i3", { occurredOn: "2025-11-28" }),
      make.incident("i4", { occurredOn: "2025-11-10" }),
      make.incident("i5", { occurredOn: "2025-11-05" }),
      make.incident("i6", { occurredOn: "2025-11-12" }),
      make.incident("i7", { occurredOn: "2025-11-14" }),
      make.incident("i8", { occurredOn: "2025-11-19" }),
      ...Array.from({ length: extra }, (_, n) => make.incident(`extra-${n}`, { occurredOn: "2024-05-03" })),
    ],
    breaches: [
      make.breach("c0", "i2", { responsible: "party-b" }),
      make.breach("c1", "i1", { responsible: "party-a" }),
      make.breach("c2", "i2", { responsible: "party-b" }),
      make.breach("c2", "i1", { assessment: "alleged", responsible: "party-a" }),
      make.breach("c3", "i3", { responsible: "ttp" }),
      make.breach("c4", "i4", { assessment: "rejected", responsible: "party-b" }),
      make.breach("c6", "i5", { responsible: "party-a" }),
      make.breach("c7", "i6", { assessment: "alleged", responsible: "party-b" }),
      make.breach("c7", "i7", { assessment: "disputed" }),
      make.breach("c8", "i8", { responsible: "party-b" }),
      make.breach("c12", "i3", { responsible: "ttp" }),
      ...Array.from({ length: extra }, (_, n) => make.breach(`extra-${n}`, `extra-${n}`, { responsible: "party-a" })),
    ],
  });
}

const outcomes = (o: Partial<Scorecard["outcomes"]>) => ({
  agreement: 0,
  partial_agreement: 0,
  no_agreement: 0,
  collapsed: 0,
  ongoing: 0,
  scheduled: 0,
  ...o,
});
const party = (slug: string | null, breaches: number, corroborated: number) => ({
  party: slug ? { slug, name: expect.any(String) } : null,
  breaches,
  corroborated,
});

// Qatar: r1 and r5 (r1 mediated and hosted counts once). Commitments c1–c5, c12 (6, all in effect).
//   within 7:  n = c1 3b, c2 10b, c3 40b, c4 73c, c12 7b = 5 (c5 5c left out); broken by day 7: c1, c12 = 2
//   within 30: n = the same 5; broken by day 30: c1, c2, c12 = 3
//   median of the broken 3, 7, 10, 40 (even): (7 + 10) / 2 = 8.5
//   breaches: party-a c1 corr + c2 alleged = 2 (1); party-b c2 = 1 (1); ttp c3 + c12 = 2 (2); c4's rejected one not counted
const QATAR: Scorecard = {
  rounds: 2,
  outcomes: outcomes({ agreement: 2 }),
  commitments: 6,
  inEffect: 6,
  broken: 4,
  brokenWithin7Days: { n: 5, broken: 2, share: 0.4 },
  brokenWithin30Days: { n: 5, broken: 3, share: 0.6 },
  medianDaysHeldBroken: 8.5,
  breaches: 5,
  breachesCorroborated: 4,
  breachesByParty: [party("party-a", 2, 1), party("ttp", 2, 2), party("party-b", 1, 1)],
};

// Türkiye: r1, r2 (mediated and hosted), r3. Commitments c1–c10 (10; c10 not in effect: 9).
//   within 7:  n = broken c1 3, c2 10, c3 40, c6 6, c8 20 + held ≥ 7: c4 73, c7 62, c9 20 = 8; broken by day 7: c1, c6 = 2
//   within 30: n = the 5 broken + c4 73, c7 62 = 7 (c9 20c left out); broken by day 30: c1, c2, c6, c8 = 4
//   median of the broken 3, 6, 10, 20, 40 (odd): 10
//   breaches: party-a c1, c2 alleged, c6 = 3 (2); party-b c2, c7 alleged, c8 = 3 (2); ttp c3 = 1 (1); not named c7 = 1 (0)
const TURKIYE: Scorecard = {
  rounds: 3,
  outcomes: outcomes({ agreement: 1, partial_agreement: 1, collapsed: 1 }),
  commitments: 10,
  inEffect: 9,
  broken: 5,
  brokenWithin7Days: { n: 8, broken: 2, share: 0.25 },
  brokenWithin30Days: { n: 7, broken: 4, share: 4 / 7 },
  medianDaysHeldBroken: 10,
  breaches: 8,
  breachesCorroborated: 5,
  breachesByParty: [party("party-a", 3, 2), party("party-b", 3, 2), party("ttp", 1, 1), party(null, 1, 0)],
};

// Oman: hosted r2, mediated r4. Commitments c6–c9, c11 (5, in effect 5).
//   within 7:  n = c6 6b, c8 20b, c7 62, c9 20 = 4 (c11 6c left out); broken by day 7: c6 = 1
//   within 30: n = c6, c8, c7 = 3 (c9 20c, c11 6c left out); broken by day 30: c6, c8 = 2
//   median of the broken 6, 20 (even): 13
const OMAN: Scorecard = {
  rounds: 2,
  outcomes: outcomes({ partial_agreement: 1, no_agreement: 1 }),
  commitments: 5,
  inEffect: 5,
  broken: 2,
  brokenWithin7Days: { n: 4, broken: 1, share: 0.25 },
  brokenWithin30Days: { n: 3, broken: 2, share: 2 / 3 },
  medianDaysHeldBroken: 13,
  breaches: 4,
  breachesCorroborated: 2,
  breachesByParty: [party("party-b", 2, 1), party("party-a", 1, 1), party(null, 1, 0)],
};

// Saudi Arabia: hosted r4 only. c11 6c: in force less than 7 days and unbroken, so no share has a denominator.
const SAUDI: Scorecard = {
  rounds: 1,
  outcomes: outcomes({ no_agreement: 1 }),
  commitments: 1,
  inEffect: 1,
  broken: 0,
  brokenWithin7Days: { n: 0, broken: 0, share: null },
  brokenWithin30Days: { n: 0, broken: 0, share: null },
  medianDaysHeldBroken: null,
  breaches: 0,
  breachesCorroborated: 0,
  breachesByParty: [],
};

// Istanbul: r2, r3. Commitments c6–c10 (5; in effect 4): the figures of Oman without c11.
const ISTANBUL: Scorecard = {
  ...OMAN,
  outcomes: outcomes({ partial_agreement: 1, collapsed: 1 }),
  commitments: 5,
  inEffect: 4,
};

const EMPTY: Scorecard = { ...SAUDI, rounds: 0, outcomes: outcomes({}), commitments: 0, inEffect: 0 };

afterEach(() => {
  globalThis.__parleyDb = undefined;
});

it("compares a round with the rounds nearest it in its process, counting all of them in the last line", () => {
  const held = { commitments: 1, inEffect: 1, broken: 0, brokenWithin7Days: { n: 0, broken: 0, share: null }, brokenWithin30Days: { n: 0, broken: 0, share: null }, medianDaysHeldBroken: null };
  const rounds = (n: number) => Array.from({ length: n }, (_, i) => ({ ...held, slug: `r${i}`, title: `Round ${i}`, startDate: "2025-01-01", startPrecision: "day" as const, outcome: "agreement" as const, venueCity: null }));
  const record = { rounds: rounds(50), allRounds: { ...held, commitments: 50 } };
  const slugs = (current: string, each = 5) => roundsAround(record, current, each).rounds.map((r) => r.slug);
  expect(slugs("r20")).toEqual(["r15", "r16", "r17", "r18", "r19", "r20", "r21", "r22", "r23", "r24", "r25"]);
  // At either end the window slides instead of shrinking.
  expect(slugs("r0")).toEqual(rounds(11).map((r) => r.slug));
  expect(slugs("r49", 2)).toEqual(["r45", "r46", "r47", "r48", "r49"]);
  expect(roundsAround(record, "r20", 5)).toMatchObject({ roundsInAll: 50, allRounds: { commitments: 50 } });
  const few = { rounds: rounds(3), allRounds: held };
  expect(roundsAround(few, "r1", 5)).toMatchObject({ rounds: few.rounds, roundsInAll: 3 });
});

describeEachEngine("scorecards", (t) => {
  const cardsBySlug = async <T extends { slug: string; scorecard: Scorecard }>(p: Promise<T[]>) =>
    Object.fromEntries((await p).map((c) => [c.slug, c.scorecard]));

  it("scores every mediator: rounds, outcomes, shares broken within 7 and 30 days, medians, breaches by party", async () => {
    await t.load(dataset());
    const cards = await mediatorScorecards(t.db, AS_OF);
    expect(cards.map((c) => [c.slug, c.roundsMediated, c.roundsHosted])).toEqual([
      ["oman", 1, 1],
      ["qatar", 2, 1],
      ["saudi-arabia", 0, 1],
      ["turkiye", 3, 1],
    ]);
    const bySlug = Object.fromEntries(cards.map((c) => [c.slug, c.scorecard]));
    expect(bySlug.qatar).toEqual(QATAR);
    expect(bySlug.turkiye).toEqual({ ...TURKIYE, brokenWithin30Days: { n: 7, broken: 4, share: expect.closeTo(4 / 7, 12) } });
    expect(bySlug.oman).toEqual({ ...OMAN, brokenWithin30Days: { n: 3, broken: 2, share: expect.closeTo(2 / 3, 12) } });
    expect(bySlug["saudi-arabia"]).toEqual(SAUDI);
    // Only the mediators asked for.
    expect((await mediatorScorecards(t.db, AS_OF, ["qatar"])).map((c) => c.slug)).toEqual(["qatar"]);
    expect(await mediatorScorecards(t.db, AS_OF, [])).toEqual([]);
  });

  it("scores every venue, one without a round included", async () => {
    await t.load(dataset());
    const cards = await venueScorecards(t.db, AS_OF);
    expect(cards.map((c) => c.city)).toEqual(["Doha", "Islamabad", "Istanbul", "Riyadh"]);
    const bySlug = Object.fromEntries(cards.map((c) => [c.slug, c.scorecard]));
    // Doha hosted r1 and r5: exactly Qatar's rounds.
    expect(bySlug.doha).toEqual(QATAR);
    expect(bySlug.istanbul).toEqual({ ...ISTANBUL, brokenWithin30Days: { n: 3, broken: 2, share: expect.closeTo(2 / 3, 12) } });
    expect(bySlug.riyadh).toEqual(SAUDI);
    expect(bySlug.islamabad).toEqual(EMPTY);
  });

  it("compares a round with the other rounds of its process, and all of them together", async () => {
    await t.load(dataset());
    const record = await processRoundRecords(t.db, "r2", AS_OF);
    // r5 belongs to another process.
    expect(record.rounds.map((r) => [r.slug, r.outcome, r.venueCity, r.startDate])).toEqual([
      ["r1", "agreement", "Doha", "2025-10-18"],
      ["r2", "partial_agreement", "Istanbul", "2025-10-25"],
      ["r3", "collapsed", "Istanbul", "2025-11-06"],
      ["r4", "no_agreement", "Riyadh", "2025-12-01"],
    ]);
    const [r1, r2, r3, r4] = record.rounds;
    // r1: c1 3b, c2 10b, c3 40b, c4 73c, c5 5c. Within 7: n = c1–c4 = 4, broken c1 = 1. Within 30: n = 4, broken c1, c2 = 2.
    // Median of 3, 10, 40 (odd): 10.
    expect(r1).toMatchObject({
      commitments: 5,
      inEffect: 5,
      broken: 3,
      brokenWithin7Days: { n: 4, broken: 1, share: 0.25 },
      brokenWithin30Days: { n: 4, broken: 2, share: 0.5 },
      medianDaysHeldBroken: 10,
    });
    // r2: c6 6b, c7 62c, c8 20b, c9 20c. Median of 6, 20 (even): 13.
    expect(r2).toMatchObject({ commitments: 4, inEffect: 4, broken: 2, brokenWithin7Days: { n: 4, broken: 1 }, brokenWithin30Days: { n: 3, broken: 2 } });
    expect(r2.medianDaysHeldBroken).toBe(13);
    // r3: one commitment, not yet in effect; r4: one in force for 6 days. No share has a denominator.
    expect(r3).toMatchObject({ commitments: 1, inEffect: 0, broken: 0, brokenWithin30Days: { n: 0, share: null }, medianDaysHeldBroken: null });
    expect(r4).toMatchObject({ commitments: 1, inEffect: 1, broken: 0, brokenWithin7Days: { n: 0, share: null } });
    // All four: broken 3, 10, 40, 6, 20; within 7 n = 5 broken + c4, c7, c9 = 8, broken c1, c6;
    // within 30 n = 5 + c4, c7 = 7, broken 3, 6, 10, 20. Median of 3, 6, 10, 20, 40: 10.
    expect(record.allRounds).toEqual({
      commitments: 11,
      inEffect: 10,
      broken: 5,
      brokenWithin7Days: { n: 8, broken: 2, share: 0.25 },
      brokenWithin30Days: { n: 7, broken: 4, share: expect.closeTo(4 / 7, 12) },
      medianDaysHeldBroken: 10,
    });
    expect(await processRoundRecords(t.db, "nowhere", AS_OF)).toEqual({ rounds: [], allRounds: expect.objectContaining({ commitments: 0 }) });
  });

  it("takes Kaplan–Meier medians from the survival analysis only where its curve counts the same commitments", async () => {
    await t.load(dataset());
    const km = await mediatorKmMedians(t.db, AS_OF, ["qatar", "turkiye", "oman", "saudi-arabia"]);
    // Qatar, mediated r1 and r5: 3b 5c 7b 10b 40b 73c. S: 5/6 at 3, × 3/4 = 0.625 at 7, × 2/3 ≈ 0.417 at 10.
    expect(km.get("qatar")).toEqual({ n: 6, days: 10 });
    // Türkiye: 3b 5c 6b 10b 20b 20c 40b 62c 73c. S: 8/9, × 6/7, × 5/6, × 4/5 ≈ 0.508 at 20, × 2/3 ≈ 0.339 at 40.
    expect(km.get("turkiye")).toEqual({ n: 9, days: 40 });
    // Oman only mediated r4 (c11): its curve leaves out r2, which it hosted, so it is not Oman's scorecard.
    expect(km.get("oman")).toEqual({ n: 1, days: null });
    expect(kmMedianFor(OMAN, km.get("oman"))).toBeNull();
    expect(kmMedianFor(QATAR, km.get("qatar"))).toEqual({ n: 6, days: 10 });
    // Saudi Arabia only hosted: no curve.
    expect(km.has("saudi-arabia")).toBe(false);
    // Asked for one mediator, only its curve is built, and it is the same.
    expect(await mediatorKmMedians(t.db, AS_OF, ["turkiye"])).toEqual(new Map([["turkiye", { n: 9, days: 40 }]]));
    expect(await mediatorKmMedians(t.db, AS_OF, ["qatar", "oman"])).toEqual(new Map([["qatar", { n: 6, days: 10 }], ["oman", { n: 1, days: null }]]));
    expect(await mediatorKmMedians(t.db, AS_OF, [])).toEqual(new Map());
    // Istanbul: 6b 20b 20c 62c. S: 3/4 at 6, × 2/3 = exactly 1/2 at 20: the median is 20.
    expect(await venueKmMedian(t.db, "istanbul", AS_OF)).toEqual({ n: 4, days: 20 });
    // Riyadh: one censored commitment, the curve never falls to one half.
    expect(await venueKmMedian(t.db, "riyadh", AS_OF)).toEqual({ n: 1, days: null });
    expect(await venueKmMedian(t.db, "islamabad", AS_OF)).toBeNull();
  });

  it("leaves deleted rounds, commitments, incidents, breaches, actors and venues out", async () => {
    await t.load(dataset());
    const now = new Date().toISOString();
    const del = (table: "rounds" | "commitments" | "incidents" | "actors" | "venues", column: "slug" | "title", value: string) =>
      t.db.updateTable(table).set({ deleted_at: now }).where(column, "=", value).execute();
    await del("rounds", "slug", "r5");
    await del("commitments", "title", "Commitment c3");
    await del("incidents", "title", "Incident i5");
    await del("actors", "slug", "oman");
    await del("venues", "slug", "islamabad");
    const c7 = await t.db.selectFrom("commitments").select("id").where("title", "=", "Commitment c7").executeTakeFirstOrThrow();
    await t.db.updateTable("breaches").set({ deleted_at: now }).where("commitment_id", "=", c7.id).where("assessment", "=", "alleged").execute();

    const mediators = await cardsBySlug(mediatorScorecards(t.db, AS_OF));
    expect(Object.keys(mediators)).toEqual(["qatar", "saudi-arabia", "turkiye"]);
    // Qatar keeps r1: c1 3b, c2 10b, c4 73c, c5 5c. Within 7: n = c1, c2, c4 = 3, broken c1. Median of 3, 10: 6.5.
    expect(mediators.qatar).toEqual({
      ...QATAR,
      rounds: 1,
      outcomes: outcomes({ agreement: 1 }),
      commitments: 4,
      inEffect: 4,
      broken: 2,
      brokenWithin7Days: { n: 3, broken: 1, share: expect.closeTo(1 / 3, 12) },
      brokenWithin30Days: { n: 3, broken: 2, share: expect.closeTo(2 / 3, 12) },
      medianDaysHeldBroken: 6.5,
      breaches: 3,
      breachesCorroborated: 2,
      breachesByParty: [party("party-a", 2, 1), party("party-b", 1, 1)],
    });
    // Türkiye: c3 gone; c6's only breach went with its incident, so c6 now holds (62+); c7's alleged breach deleted.
    // Broken c1 3, c2 10, c8 20. Within 7: n = 3 broken + c4 73, c6 62, c7 62, c9 20 = 7, broken c1.
    expect(mediators.turkiye).toMatchObject({
      commitments: 9,
      inEffect: 8,
      broken: 3,
      brokenWithin7Days: { n: 7, broken: 1 },
      medianDaysHeldBroken: 10,
      breachesByParty: [party("party-a", 2, 1), party("party-b", 2, 2), party(null, 1, 0)],
    });
    const venues = await cardsBySlug(venueScorecards(t.db, AS_OF));
    expect(Object.keys(venues)).toEqual(["doha", "istanbul", "riyadh"]);
    expect(venues.doha).toEqual(mediators.qatar);
    const record = await processRoundRecords(t.db, "r1", AS_OF);
    expect(record.rounds[0]).toMatchObject({ commitments: 4, broken: 2, medianDaysHeldBroken: 6.5 });
    await del("rounds", "slug", "r1");
    expect(await processRoundRecords(t.db, "r1", AS_OF)).toMatchObject({ rounds: [] });
  });

  it("keeps breaches by party equal to the breaches themselves after every kind of write", async () => {
    await t.load(dataset());
    const byMediatorAndParty = (x: { slug: string; party: string | null }, y: { slug: string; party: string | null }) =>
      x.slug.localeCompare(y.slug) || (x.party ?? "").localeCompare(y.party ?? "");
    // The live count the scorecards used to make: each breach joined to its incident and commitment.
    const live = async () => {
      const { rows } = await sql<{ slug: string; party: string | null; breaches: number; corroborated: number }>`
        select m.slug, a.slug as party, count(*)::int as breaches, (count(*) filter (where b.assessment = 'corroborated'))::int as corroborated
        from (select distinct a.slug, rp.round_id from round_participants rp join actors a on a.id = rp.actor_id and a.deleted_at is null
              join rounds r on r.id = rp.round_id and r.deleted_at is null where rp.role in ('mediator', 'host')) m
        join commitments c on c.round_id = m.round_id and c.deleted_at is null
        join breaches b on b.commitment_id = c.id and b.deleted_at is null and b.assessment <> 'rejected'
        join incidents i on i.id = b.incident_id and i.deleted_at is null
        left join actors a on a.id = b.responsible_id and a.deleted_at is null
        group by m.slug, a.slug`.execute(t.db);
      return rows.map((r) => ({ ...r, breaches: Number(r.breaches), corroborated: Number(r.corroborated) })).sort(byMediatorAndParty);
    };
    const kept = async () =>
      (await mediatorScorecards(t.db, AS_OF))
        .flatMap((m) => m.scorecard.breachesByParty.map((p) => ({ slug: m.slug, party: p.party?.slug ?? null, breaches: p.breaches, corroborated: p.corroborated })))
        .sort(byMediatorAndParty);
    const id = async (table: "commitments" | "incidents" | "actors", column: "title" | "slug", value: string) =>
      (await t.db.selectFrom(table).select("id").where(column, "=", value).executeTakeFirstOrThrow()).id;
    const [c4, c7, c8, c0] = await Promise.all(["c4", "c7", "c8", "c0"].map((k) => id("commitments", "title", `Commitment ${k}`)));
    const i2 = await id("incidents", "title", "Incident i2");
    const partyA = await id("actors", "slug", "party-a");
    const writes: [string, () => Promise<unknown>][] = [
      ["a rejected breach upheld", () => t.db.updateTable("breaches").set({ assessment: "corroborated" }).where("commitment_id", "=", c4).execute()],
      ["a corroborated breach rejected", () => t.db.updateTable("breaches").set({ assessment: "rejected" }).where("commitment_id", "=", c8).execute()],
      ["another party held responsible", () => t.db.updateTable("breaches").set({ responsible_id: partyA }).where("commitment_id", "=", c7).execute()],
      ["a breach moved to another commitment", () => t.db.updateTable("breaches").set({ commitment_id: c8 }).where("commitment_id", "=", c0).execute()],
      ["an incident deleted", () => t.db.updateTable("incidents").set({ deleted_at: new Date().toISOString() }).where("id", "=", i2).execute()],
      ["an incident restored", () => t.db.updateTable("incidents").set({ deleted_at: null }).where("id", "=", i2).execute()],
      ["a commitment moved to another round", async () => {
        const r4 = (await t.db.selectFrom("rounds").select("id").where("slug", "=", "r4").executeTakeFirstOrThrow()).id;
        await t.db.updateTable("commitments").set({ round_id: r4 }).where("id", "=", c7).execute();
      }],
      ["a breach deleted", () => t.db.deleteFrom("breaches").where("commitment_id", "=", c8).execute()],
    ];
    expect(await kept()).toEqual(await live());
    for (const [what, write] of writes) {
      await write();
      expect(await kept(), what).toEqual(await live());
    }
  });

  for (const extra of [0, 30]) {
    it(`answers each scorecard with one query, and each page with a fixed number (${extra} extra rounds)`, async () => {
      await t.load(dataset(extra));
      const counted = async (run: () => Promise<unknown>) => {
        t.resetQueryCount();
        await run();
        return t.queries.length;
      };
      expect(await counted(() => mediatorScorecards(t.db, AS_OF))).toBe(1);
      expect(await counted(() => venueScorecards(t.db, AS_OF))).toBe(1);
      expect(await counted(() => processRoundRecords(t.db, "r1", AS_OF))).toBe(1);
      expect(await counted(() => mediatorKmMedians(t.db, AS_OF, ["qatar", "turkiye"]))).toBe(1);
      expect(await counted(() => venueKmMedian(t.db, "doha", AS_OF))).toBe(1);
      useAppDatabase(t);
      // The page's list (or record), the scorecards, the KM medians where the page has them, and the
      // data version they are kept under (decision 0006).
      expect(await counted(() => callLoader(mediatorsPage, "/mediators"))).toBe(4);
      expect(await counted(() => callLoader(mediatorPage, "/mediators/qatar", { slug: "qatar" }))).toBe(4);
      expect(await counted(() => callLoader(venuesPage, "/venues"))).toBe(3);
      expect(await counted(() => callLoader(venuePage, "/venues/doha", { slug: "doha" }))).toBe(4);
      // Asked again with nothing written since, only the data version (and a record page's record) is read.
      expect(await counted(() => callLoader(mediatorsPage, "/mediators"))).toBe(1);
      expect(await counted(() => callLoader(mediatorPage, "/mediators/qatar", { slug: "qatar" }))).toBe(2);
      expect(await counted(() => callLoader(venuesPage, "/venues"))).toBe(1);
      expect(await counted(() => callLoader(venuePage, "/venues/doha", { slug: "doha" }))).toBe(2);
      expect(await counted(() => callLoader(roundPage, "/rounds/r1", { slug: "r1" }))).toBe(2);
      if (extra) expect((await mediatorScorecards(t.db, AS_OF, ["ttp"]))[0].scorecard).toMatchObject({ rounds: extra, commitments: extra });
    });
  }

  it("puts the scorecards on the pages", async () => {
    await t.load(dataset());
    useAppDatabase(t);
    const list = { page: unpack<{ items: ScoredMediator<MediatorTally>[] }>((await (await callLoader(mediatorsPage, "/mediators")).json()).page) };
    const qatar = list.page.items.find((m: { slug: string }) => m.slug === "qatar");
    // The pages compute as of today: by then every commitment of the fixture is in effect, the days only grow.
    expect(qatar).toMatchObject({ rounds: 2, scorecard: { rounds: 2, commitments: 6, broken: 4, medianDaysHeldBroken: 8.5 }, kmMedian: { n: 6, days: 10 } });
    expect(list.page.items.find((m: { slug: string }) => m.slug === "oman")!.kmMedian).toBeNull();
    const one = await (await callLoader(mediatorPage, "/mediators/oman", { slug: "oman" })).json();
    expect(one).toMatchObject({ scorecard: { roundsHosted: 1, scorecard: { rounds: 2, broken: 2 } }, kmMedian: null });
    const venue = await (await callLoader(venuePage, "/venues/istanbul", { slug: "istanbul" })).json();
    // Today c10 is in effect too: 6b 20b 20c 62+c 300+c. S: 4/5 at 6, × 3/4 = 3/5 at 20: the median is not reached.
    expect(venue).toMatchObject({ scorecard: { scorecard: { broken: 2, medianDaysHeldBroken: 13 } }, kmMedian: { n: 5, days: null } });
    const venues = { page: unpack<{ items: { slug: string; scorecard: Scorecard }[] }>((await (await callLoader(venuesPage, "/venues")).json()).page) };
    expect(venues.page.items.map((v: { slug: string; scorecard: Scorecard }) => [v.slug, v.scorecard.rounds])).toEqual([
      ["doha", 2],
      ["islamabad", 0],
      ["istanbul", 2],
      ["riyadh", 1],
    ]);
    const round = await (await callLoader(roundPage, "/rounds/r2", { slug: "r2" })).json();
    expect(round.processRecord.rounds.map((r: { slug: string }) => r.slug)).toEqual(["r1", "r2", "r3", "r4"]);
  });

  it("adds the scorecards to the mediator and venue APIs, JSON and CSV", async () => {
    await t.load(dataset());
    useAppDatabase(t);
    const json = await (await callLoader(mediatorApiList, "/api/v1/mediators")).json();
    expect(json.data.find((m: { slug: string }) => m.slug === "qatar")).toMatchObject({
      commitments: 6,
      scorecard: { brokenWithin7Days: { n: expect.any(Number) }, breachesByParty: expect.any(Array) },
      kmMedian: { n: 6 },
    });
    const csv = (await (await callLoader(mediatorApiList, "/api/v1/mediators?format=csv")).text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    const header = csv[0].split(",");
    expect(header).toEqual(
      expect.arrayContaining(["rounds_agreement", "broken_within_7_days", "broken_within_7_days_n", "broken_within_30_days_share", "median_days_held_broken", "km_median_days_held", "breaches_by_party"]),
    );
    expect(csv).toHaveLength(1 + 4);
    const qatarRow = csv.find((line) => line.split(",")[1] === "qatar")!.split(",");
    const col = (name: string) => qatarRow[header.indexOf(name)];
    expect([col("rounds_agreement"), col("median_days_held_broken_n"), col("breaches"), col("breaches_by_party")]).toEqual(["2", "4", "5", "party-a: 2; ttp: 2; party-b: 1"]);
    const venues = (await (await callLoader(venueApiList, "/api/v1/venues?format=csv")).text()).trim().split("\r\n");
    expect(venues[0]).toContain("broken_within_30_days_n");
    expect(venues).toHaveLength(1 + 4);
    const vjson = await (await callLoader(venueApiList, "/api/v1/venues")).json();
    expect(vjson.data.find((v: { slug: string }) => v.slug === "islamabad").scorecard).toEqual(EMPTY);
  });
});

