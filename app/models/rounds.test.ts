import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { decodeCursor } from "~/utils/keyset.server";
import { describeEachEngine } from "../../tests/support/db";
import { getRound, listRounds, roundFilterOptions, roundListQuerySchema } from "./rounds.server";

const parties = [
  { actor: "party-a", role: "party" as const },
  { actor: "party-b", role: "party" as const },
];

function dataset(extraRounds = 0) {
  return buildDataset({
    actors: [make.actor("qatar"), make.actor("turkiye", { name: "Türkiye" }), make.actor("saudi-arabia")],
    venues: [make.venue("doha"), make.venue("istanbul"), make.venue("riyadh")],
    rounds: [
      make.round("doha-1", { venue: "doha", startDate: "2025-10-18", endDate: "2025-10-19", endPrecision: "day", participants: [...parties, { actor: "qatar", role: "mediator" }, { actor: "turkiye", role: "mediator" }] }),
      make.round("istanbul-1", { venue: "istanbul", startDate: "2025-10-25", outcome: "partial_agreement", participants: [...parties, { actor: "turkiye", role: "mediator" }, { actor: "qatar", role: "mediator" }] }),
      make.round("istanbul-2", { venue: "istanbul", startDate: "2025-11-06", outcome: "collapsed", participants: [...parties, { actor: "turkiye", role: "mediator" }] }),
      make.round("riyadh-1", { venue: "riyadh", title: "A Riyadh round", startDate: "2025-12-01", startPrecision: "month", outcome: "no_agreement", participants: [...parties, { actor: "saudi-arabia", role: "host" }] }),
      ...Array.from({ length: extraRounds }, (_, n) => make.round(`extra-${n}`, { startDate: `2024-0${(n % 9) + 1}-1${n % 10}` })),
    ],
    commitments: [
      make.commitment("ceasefire", { round: "doha-1" }),
      make.commitment("talks", { round: "doha-1", kind: "follow_up_talks", fulfilledOn: "2025-10-25" }),
    ],
    incidents: [make.incident("strike", { occurredOn: "2025-10-25" })],
    breaches: [make.breach("ceasefire", "strike")],
  });
}

const query = (params: Record<string, string> = {}) => roundListQuerySchema.parse(params);

describeEachEngine("rounds model", (t) => {
  it("filters by mediator, venue, outcome and date range", async () => {
    await t.load(dataset());
    const slugs = async (p: Record<string, string>) => (await listRounds(t.db, query(p))).items.map((r) => r.slug);
    expect(await slugs({ mediator: "qatar" })).toEqual(["istanbul-1", "doha-1"]);
    expect(await slugs({ mediator: "turkiye", venue: "istanbul" })).toEqual(["istanbul-2", "istanbul-1"]);
    expect(await slugs({ outcome: "collapsed" })).toEqual(["istanbul-2"]);
    expect(await slugs({ from: "2025-10-20", to: "2025-11-30" })).toEqual(["istanbul-2", "istanbul-1"]);
    expect(await slugs({ party: "party-a", sort: "date-asc" })).toEqual(["doha-1", "istanbul-1", "istanbul-2", "riyadh-1"]);
    expect(await slugs({ mediator: "nobody" })).toEqual([]);
  });

  it("lists mediators, hosts and the commitment count of each round", async () => {
    await t.load(dataset());
    const { items } = await listRounds(t.db, query({ sort: "date-asc" }));
    expect(items[0]).toMatchObject({
      slug: "doha-1",
      venue: { slug: "doha", city: "Doha" },
      mediators: [{ slug: "qatar", name: "Qatar" }, { slug: "turkiye", name: "Türkiye" }],
      commitmentCount: 2,
    });
    expect(items[3]).toMatchObject({ slug: "riyadh-1", hosts: [{ slug: "saudi-arabia" }], mediators: [], startPrecision: "month" });
  });

  it("pages through every round exactly once, forwards and back", async () => {
    await t.load(dataset(9));
    const seen: string[] = [];
    let page = await listRounds(t.db, query({ limit: "4" }));
    const pages = [page];
    seen.push(...page.items.map((r) => r.slug));
    while (page.next) {
      page = await listRounds(t.db, { ...query({ limit: "4" }), after: decodeCursor(page.next)! });
      pages.push(page);
      seen.push(...page.items.map((r) => r.slug));
    }
    expect(seen).toHaveLength(13);
    expect(new Set(seen).size).toBe(13);
    const dates = pages.flatMap((p) => p.items.map((r) => r.startDate));
    expect(dates).toEqual([...dates].sort().reverse());
    // Going back from the last page returns the page before it.
    const back = await listRounds(t.db, { ...query({ limit: "4" }), before: decodeCursor(page.prev!)! });
    expect(back.items.map((r) => r.slug)).toEqual(pages[pages.length - 2].items.map((r) => r.slug));
  });

  it("hides deleted rounds", async () => {
    await t.load(dataset());
    await t.db.updateTable("rounds").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("slug", "=", "istanbul-2").execute();
    const { items } = await listRounds(t.db, query());
    expect(items.map((r) => r.slug)).not.toContain("istanbul-2");
    expect(await getRound(t.db, { slug: "istanbul-2" }, "2025-12-31")).toBeNull();
  });

  it("gives a round's page its participants, commitments with status and sources", async () => {
    await t.load(dataset());
    const round = await getRound(t.db, { slug: "doha-1" }, "2025-11-15");
    expect(round).not.toBeNull();
    expect(round!.participants.map((p) => `${p.role}:${p.slug}`)).toEqual(["mediator:qatar", "mediator:turkiye", "party:party-a", "party:party-b"]);
    expect(round!.commitments).toEqual([
      expect.objectContaining({ title: "Commitment ceasefire", status: "broken", daysHeld: 6, brokenBy: [expect.objectContaining({ title: "Incident strike", assessment: "corroborated" })] }),
      expect.objectContaining({ title: "Commitment talks", status: "fulfilled", brokenBy: [] }),
    ]);
    expect(round!.sources).toEqual([expect.objectContaining({ title: "Report test-source", publisher: "Test Wire" })]);
  });

  it("names the first breaches of each commitment on the round's page, never a rejected link, with how many there are", async () => {
    const base = dataset();
    const dates = ["2025-10-21", "2025-10-22", "2025-10-23", "2025-10-24", "2025-10-26"];
    await t.load({
      ...base,
      incidents: [...base.incidents, ...dates.map((occurredOn, n) => make.incident(`later-${n}`, { occurredOn }))],
      breaches: [
        ...base.breaches,
        make.breach("ceasefire", "later-0", { assessment: "rejected" }),
        ...[1, 2, 3, 4].map((n) => make.breach("ceasefire", `later-${n}`, { assessment: "alleged" })),
      ],
    });
    const round = await getRound(t.db, { slug: "doha-1" }, "2025-11-15");
    const ceasefire = round!.commitments.find((c) => c.title === "Commitment ceasefire")!;
    // Five breaches count (the strike on 25 October and four alleged ones); the rejected link on the 21st does not.
    expect(ceasefire.brokenBy.map((b) => b.title)).toEqual(["Incident later-1", "Incident later-2", "Incident later-3"]);
    expect(ceasefire.brokenByTotal).toBe(5);
  });

  it("offers as mediators and parties the actors who held that role in a round", async () => {
    await t.load(dataset());
    const options = await roundFilterOptions(t.db);
    expect(options.mediators.map((o) => o.value)).toEqual(["qatar", "turkiye"]);
    expect(options.parties.map((o) => o.value)).toEqual(["party-a", "party-b"]);
    // A host only (Saudi Arabia) is neither; a deleted actor is not offered.
    await t.db.updateTable("actors").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("slug", "=", "qatar").execute();
    expect((await roundFilterOptions(t.db)).mediators.map((o) => o.value)).toEqual(["turkiye"]);
  });

  it.each([0, 40])("lists and shows a round in one query each, with %i extra rounds", async (extra) => {
    await t.load(dataset(extra));
    t.resetQueryCount();
    await listRounds(t.db, query({ limit: "50" }));
    expect(t.queries).toHaveLength(1);
    await getRound(t.db, { slug: "doha-1" }, "2025-11-15");
    expect(t.queries).toHaveLength(2);
    await roundFilterOptions(t.db);
    expect(t.queries).toHaveLength(5);
  });
});
