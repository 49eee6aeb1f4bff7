import { sql } from "kysely";
import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { parseQuery } from "~/utils/query.server";
import { describeEachEngine } from "../../tests/support/db";
import { SEARCH_TYPES, type SearchResults, type SearchType } from "./search";
import { parseHighlight, search, searchQuerySchema } from "./search.server";

const dataset = buildDataset({
  sources: [
    make.source("dawn", { title: "Border talks resume in Doha", publisher: "Dawn", notes: "Reports the ceasefire terms." }),
    make.source("aa", { title: "Turkiye to host the next round", publisher: "Anadolu" }),
  ],
  actors: [
    make.actor("turkiye", { name: "Türkiye", aliases: ["Turkey", "Turkiye"], description: "Hosted the follow-up rounds." }),
    make.actor("qatar", { name: "Qatar", description: "Mediated the first round in Doha." }),
  ],
  venues: [
    make.venue("doha", { city: "Doha", country: "Qatar" }),
    make.venue("istanbul", { city: "Istanbul", country: "Türkiye", description: "Second and third rounds." }),
  ],
  rounds: [
    make.round("doha-round", { title: "Doha round: immediate ceasefire", venue: "doha", summary: "The parties met in Qatar." }),
    make.round("istanbul-round", {
      title: "Istanbul follow-up round",
      venue: "istanbul",
      summary: "A second meeting after the talks in Doha, to set up a border mechanism.",
      startDate: "2025-10-25",
    }),
  ],
  commitments: [
    make.commitment("ceasefire", { title: "Immediate ceasefire", wording: "The parties agree to an immediate ceasefire at Doha." }),
  ],
  incidents: [
    make.incident("boldak-fire", {
      title: "Cross-border fire at the crossing",
      placeName: "Spin Boldak",
      province: "Kandahar",
      summary: "Troops exchanged fire near the Friendship Gate.",
    }),
    make.incident("khost-strike", { title: "Airstrikes in Khost", province: "Khost", summary: "Drone strikes hit two villages." }),
    make.incident("khowst-raid", { title: "Raid near the border", district: "Khowst", summary: "A night raid." }),
    make.incident("paktika-strike", { title: "Strike in Barmal", district: "Barmal", province: "Paktīkā" }),
    make.incident("removed", { title: "Doha incident recorded twice", summary: "Duplicate." }),
  ],
});

const titles = (r: SearchResults, type: SearchType) => r.groups.find((g) => g.type === type)!.hits.map((h) => h.title);
const marked = (h: { text: string; match: boolean }[]) => h.filter((s) => s.match).map((s) => s.text);

describeEachEngine("search", (t) => {
  async function load() {
    await t.load(dataset);
    await sql`update incidents set deleted_at = now() where title = 'Doha incident recorded twice'`.execute(t.db);
  }

  it("finds records of every type by their words, grouped by type with the matching words marked", async () => {
    await load();
    const r = await search(t.db, { q: "Doha" });
    expect(r.groups.map((g) => g.type)).toEqual([...SEARCH_TYPES]);
    expect(titles(r, "round")).toEqual(["Doha round: immediate ceasefire", "Istanbul follow-up round"]);
    expect(titles(r, "commitment")).toEqual(["Immediate ceasefire"]);
    expect(titles(r, "venue")).toEqual(["Doha"]);
    expect(titles(r, "actor")).toEqual(["Qatar"]);
    expect(titles(r, "source")).toEqual(["Border talks resume in Doha"]);
    // The deleted incident is the only incident that mentions Doha.
    expect(titles(r, "incident")).toEqual([]);

    const round = r.groups[0].hits[0];
    expect(round.url).toBe("/rounds/doha-round");
    expect(marked(round.titleHighlight)).toEqual(["Doha"]);
    expect(round.context.map((s) => s.text).join("")).toBe("Doha, Qatar");
    expect(round).toMatchObject({ kind: "agreement", date: "2025-10-18", datePrecision: "day" });
    const second = r.groups[0].hits[1];
    expect(marked(second.snippet)).toEqual(["Doha"]);
    expect(second.snippet.map((s) => s.text).join("")).toContain("after the talks in Doha");
    expect(r.groups[0]).toMatchObject({ total: 2, totalIsLowerBound: false, more: false });
  });

  it("ranks a title match above a match in the text", async () => {
    await load();
    const rounds = (await search(t.db, { q: "doha" })).groups[0].hits;
    expect(rounds[0].rank).toBeGreaterThan(rounds[1].rank);
  });

  it("finds incidents by place, and finds prose words by their stem", async () => {
    await load();
    const byPlace = await search(t.db, { q: "Spin Boldak", type: "incident" });
    expect(titles(byPlace, "incident")).toEqual(["Cross-border fire at the crossing"]);
    expect(marked(byPlace.groups[0].hits[0].context)).toEqual(["Spin", "Boldak"]);
    expect(byPlace.groups[0].hits[0].url).toMatch(/^\/incidents\/\d+$/);

    const stemmed = await search(t.db, { q: "drone strike", type: "incident" });
    expect(titles(stemmed, "incident")).toEqual(["Airstrikes in Khost"]);
  });

  it("matches names with and without diacritics, both ways", async () => {
    await load();
    for (const q of ["Turkiye", "Türkiye", "TURKIYE"]) {
      const r = await search(t.db, { q });
      expect(titles(r, "actor")).toEqual(["Türkiye"]);
      expect(titles(r, "venue")).toEqual(["Istanbul"]);
      expect(titles(r, "source")).toEqual(["Turkiye to host the next round"]);
    }
    const paktika = await search(t.db, { q: "Paktika", type: "incident" });
    expect(titles(paktika, "incident")).toEqual(["Strike in Barmal"]);
    expect(marked(paktika.groups[0].hits[0].context)).toEqual(["Paktīkā"]);
  });

  it("matches spellings that do not fold, through the synonyms (Khowst ↔ Khost, Turkey ↔ Türkiye)", async () => {
    await load();
    const both = ["Airstrikes in Khost", "Raid near the border"];
    expect(titles(await search(t.db, { q: "Khost", type: "incident" }), "incident").sort()).toEqual(both);
    expect(titles(await search(t.db, { q: "Khowst", type: "incident" }), "incident").sort()).toEqual(both);
    // A venue whose country is only spelt "Türkiye" is found as Turkey.
    expect(titles(await search(t.db, { q: "Turkey", type: "venue" }), "venue")).toEqual(["Istanbul"]);
    // Synonyms combine with other words: both must match.
    expect(titles(await search(t.db, { q: "raid Khost", type: "incident" }), "incident")).toEqual(["Raid near the border"]);
    expect(titles(await search(t.db, { q: '"Spin Buldak"', type: "incident" }), "incident")).toEqual(["Cross-border fire at the crossing"]);
  });

  it("hides deleted records", async () => {
    await load();
    expect(titles(await search(t.db, { q: "recorded twice", type: "incident" }), "incident")).toEqual([]);
    await sql`update venues set deleted_at = now() where slug = 'doha'`.execute(t.db);
    const r = await search(t.db, { q: "Doha" });
    expect(titles(r, "venue")).toEqual([]);
    // The round stays, without the deleted venue as its context.
    expect(r.groups[0].hits[0].context).toEqual([]);
  });

  it("answers words it cannot search for with nothing, and a query of stop words only as not searchable", async () => {
    await load();
    const none = await search(t.db, { q: "zanzibar" });
    expect(none.searchable).toBe(true);
    expect(none.groups.every((g) => g.total === 0 && g.hits.length === 0)).toBe(true);
    const punctuation = await search(t.db, { q: "-- !! ::" });
    expect(punctuation.searchable).toBe(false);
    // Quotes, OR and minus follow web search syntax.
    expect(titles(await search(t.db, { q: "khost -drone", type: "incident" }), "incident")).toEqual(["Raid near the border"]);
    expect(titles(await search(t.db, { q: "boldak or raid", type: "incident" }), "incident").length).toBe(2);
  });

  it("pages through one type, and counts matches beyond the ranked ones as a lower bound", async () => {
    const incidents = Array.from({ length: 120 }, (_, i) =>
      make.incident(`kunar-${i}`, { title: `Shelling in Kunar ${i}`, occurredOn: `2025-${String(1 + (i % 12)).padStart(2, "0")}-10` }),
    );
    await t.load(buildDataset({ incidents }));
    const seen = new Set<number>();
    for (const page of [1, 2, 3]) {
      const g = (await search(t.db, { q: "Konar", type: "incident", page })).groups[0];
      expect(g.total).toBe(120);
      expect(g.more).toBe(page < 3);
      for (const h of g.hits) seen.add(h.id);
    }
    expect(seen.size).toBe(120);
    const grouped = (await search(t.db, { q: "kunar" })).groups.find((g) => g.type === "incident")!;
    // The grouped page ranks at most 100 per type and says "100+".
    expect(grouped).toMatchObject({ total: 100, totalIsLowerBound: true, more: true });
    expect(grouped.hits).toHaveLength(10);
    // Equal ranks: newest first.
    expect(grouped.hits[0].date! >= grouped.hits[9].date!).toBe(true);
  });

  it("ranks at most 200 matches of one type, says so, and offers exactly the pages that reach them", async () => {
    const incidents = Array.from({ length: 230 }, (_, i) => make.incident(`torkham-${i}`, { title: `Closure at Torkham ${i}` }));
    await t.load(buildDataset({ incidents }));
    const seen = new Set<number>();
    for (const page of [1, 2, 3, 4]) {
      const g = (await search(t.db, { q: "Torkham", type: "incident", page })).groups[0];
      expect(g).toMatchObject({ total: 200, totalIsLowerBound: true, cap: 200 });
      expect(g.hits).toHaveLength(50);
      // The last page offered ends the ranked matches: no link past it.
      expect(g.more).toBe(page < 4);
      for (const h of g.hits) seen.add(h.id);
    }
    expect(seen.size).toBe(200);
    const grouped = (await search(t.db, { q: "Torkham" })).groups.find((g) => g.type === "incident")!;
    expect(grouped).toMatchObject({ total: 100, totalIsLowerBound: true, cap: 100 });
    // Below the cap the count is exact.
    const exact = (await search(t.db, { q: "Torkham 17", type: "incident" })).groups[0];
    expect(exact).toMatchObject({ total: 1, totalIsLowerBound: false, cap: 200 });
  });

  const larger = { ...dataset, incidents: [...dataset.incidents, ...Array.from({ length: 60 }, (_, i) => make.incident(`i${i}`, { title: `Doha ${i}` }))] };
  it.each([
    ["a small", dataset],
    ["a larger", larger],
  ])("runs a fixed number of queries whatever the data size (%s data set)", async (_, data) => {
    await t.load(data);
    t.resetQueryCount();
    await search(t.db, { q: "doha" });
    expect(t.queries.length).toBe(7);
    t.resetQueryCount();
    await search(t.db, { q: "doha", type: "incident" });
    expect(t.queries.length).toBe(2);
  });
});

it("parses the query: trimmed, at most 200 characters, a known type, bounded pages", () => {
  const parse = (qs: string) => parseQuery(new URL(`http://x/search?${qs}`), searchQuerySchema, { strict: true });
  expect(parse("q=%20%20doha%20").query).toMatchObject({ q: "doha", page: 1 });
  expect(parse("q=").query.q).toBeUndefined();
  const long = parse(`q=${"a".repeat(201)}`);
  expect(long.ok).toBe(false);
  expect(long.errors).toEqual([{ parameter: "q", message: "Search for at most 200 characters." }]);
  expect(parse(`q=${"a".repeat(200)}`).ok).toBe(true);
  const planet = parse("q=doha&type=planet");
  expect(planet.errors[0].parameter).toBe("type");
  expect(planet.errors[0].message).toContain("round, commitment, incident, actor, venue, source");
  expect(planet.query.q).toBe("doha");
  expect(planet.query.type).toBeUndefined();
  expect(parse("q=doha&type=incident&page=4").ok).toBe(true);
  expect(parse("q=doha&type=incident&page=5").errors[0]).toMatchObject({ parameter: "page", message: "Search shows at most 4 pages; add words to narrow the search." });
  expect(parse("q=doha&page=2").errors[0]).toMatchObject({ parameter: "page" });
  expect(parse("q=doha&type=incident&page=x").errors[0]).toMatchObject({ parameter: "page" });
  expect(parse("q=doha&colour=red").errors[0]).toMatchObject({ parameter: "colour" });
});

it("turns ts_headline's markers into segments", () => {
  expect(parseHighlight("Talks in \uE000Doha\uE001, \uE000Qatar\uE001")).toEqual([
    { text: "Talks in ", match: false },
    { text: "Doha", match: true },
    { text: ", ", match: false },
    { text: "Qatar", match: true },
  ]);
  expect(parseHighlight("")).toEqual([]);
  expect(parseHighlight(null)).toEqual([]);
});
