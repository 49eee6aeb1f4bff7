import { afterEach, expect, it } from "vitest";
import { encodeCursor } from "~/utils/keyset.server";
import { parseQuery } from "~/utils/query.server";
import { describeEachEngine } from "../../tests/support/db";
import { loader as venueApiItem } from "../routes/api.v1.venues.$id";
import { loader as venueApiList } from "../routes/api.v1.venues._index";
import { loader as venuePage } from "../routes/venues.$slug";
import { AS_OF, mediationDataset, walkPages } from "./actors.fixtures";
import { getVenue, listVenues, VENUE_PAGE_LATEST, venueListQuerySchema } from "./venues.server";

const all = { limit: 200 };

afterEach(() => {
  globalThis.__parleyDb = undefined;
});

const call = (loader: (args: any) => any, path: string, params: Record<string, string> = {}) =>
  loader({ request: new Request(`http://x${path}`), params, context: {} });

describeEachEngine("venues", (t) => {
  it("tallies each venue's rounds, commitments obtained there and broken", async () => {
    await t.load(mediationDataset());
    const page = await listVenues(t.db, all, AS_OF);
    expect(page.items.map((v) => v.city)).toEqual(["Doha", "Islamabad", "Istanbul", "Riyadh"]);
    const bySlug = Object.fromEntries(page.items.map((v) => [v.slug, v]));
    expect(bySlug.doha).toMatchObject({ rounds: 1, commitments: 2, broken: 1, country: "Qatar" });
    expect(bySlug.istanbul).toMatchObject({ rounds: 2, commitments: 3, broken: 1 });
    expect(bySlug.riyadh).toMatchObject({ rounds: 1, commitments: 0, broken: 0 });
    expect(bySlug.islamabad).toMatchObject({ rounds: 0, commitments: 0, broken: 0 });
  });

  it("leaves deleted rounds, commitments and venues out", async () => {
    await t.load(mediationDataset());
    const now = new Date().toISOString();
    await t.db.updateTable("rounds").set({ deleted_at: now }).where("slug", "=", "istanbul-2").execute();
    await t.db.updateTable("commitments").set({ deleted_at: now }).where("title", "=", "Commitment ist-ttp").execute();
    await t.db.updateTable("venues").set({ deleted_at: now }).where("slug", "=", "islamabad").execute();
    const page = await listVenues(t.db, all, AS_OF);
    expect(page.items.map((v) => v.slug)).toEqual(["doha", "istanbul", "riyadh"]);
    expect(page.items[1]).toMatchObject({ rounds: 1, commitments: 2, broken: 1 });
    const istanbul = (await getVenue(t.db, { slug: "istanbul" }, AS_OF))!;
    expect(istanbul.rounds.map((r) => r.slug)).toEqual(["istanbul-1"]);
    expect(istanbul.commitments).toHaveLength(2);
    expect(await getVenue(t.db, { slug: "islamabad" }, AS_OF)).toBeNull();
  });

  it("pages through venues by city, forward and back", async () => {
    await t.load(mediationDataset());
    const walk = await walkPages((p) => listVenues(t.db, { limit: 3, ...p }, AS_OF));
    expect(walk.pages).toBe(2);
    expect(walk.forward).toHaveLength(4);
    expect(walk.backward).toEqual(walk.forward);
  });

  it("shows a venue's rounds with their mediators and the commitments made there", async () => {
    await t.load(mediationDataset());
    const v = (await getVenue(t.db, { slug: "istanbul" }, AS_OF))!;
    expect(v).toMatchObject({ city: "Istanbul", country: "Türkiye", countryCode: "TR", latitude: 41.0082, longitude: 28.9784 });
    expect(v.rounds.map((r) => [r.slug, r.outcome, r.mediators.map((m) => m.slug), r.hosts.map((h) => h.slug)])).toEqual([
      ["istanbul-2", "collapsed", ["turkiye"], []],
      ["istanbul-1", "partial_agreement", ["qatar", "turkiye"], ["turkiye"]],
    ]);
    expect(v.commitments.map((c) => [c.title.replace("Commitment ", ""), c.status, c.round.slug])).toEqual([
      ["ist-ttp", "holding", "istanbul-1"],
      ["ist-ceasefire", "broken", "istanbul-1"],
      ["ist-monitor", "disputed", "istanbul-1"],
    ]);
    expect(v.commitments[1].daysHeld).toBe(3);
    expect(v).toMatchObject({ roundCount: 2, commitmentCount: 3, commitmentsBroken: 1 });
    expect(await getVenue(t.db, { id: v.id }, AS_OF)).toEqual(v);
    expect(await getVenue(t.db, { slug: "atlantis" }, AS_OF)).toBeNull();
  });

  it("lists the latest commitments of a busy venue and counts them all", async () => {
    await t.load(mediationDataset({ obtainedByQatar: 25 }));
    const v = (await getVenue(t.db, { slug: "doha" }, AS_OF))!;
    expect(v.commitments).toHaveLength(VENUE_PAGE_LATEST);
    expect(v).toMatchObject({ roundCount: 1, commitmentCount: 27, commitmentsBroken: 1 });
    // Newest first: doha-ceasefire and doha-talks took effect with the extra ones, and have the lowest ids.
    expect(v.commitments.map((c) => c.title)).not.toContain("Commitment doha-ceasefire");
  });

  for (const extra of [0, 30]) {
    it(`answers the venue list and page with one query each (${extra} extra incidents)`, async () => {
      await t.load(mediationDataset({ perpetratedByB: extra }));
      t.resetQueryCount();
      await listVenues(t.db, { limit: 25 }, AS_OF);
      expect(t.queries).toHaveLength(1);
      t.resetQueryCount();
      await getVenue(t.db, { slug: "istanbul" }, AS_OF);
      expect(t.queries).toHaveLength(1);
    });
  }

  it("explains bad parameters", () => {
    const foreign = encodeCursor({ sort: "name-asc", key: "Qatar", id: 1 });
    const bad = parseQuery(new URL(`http://x/venues?after=${foreign}&limit=500`), venueListQuerySchema);
    expect(bad.errors.map((e) => e.parameter).sort()).toEqual(["after", "limit"]);
    const strict = parseQuery(new URL("http://x/api/v1/venues?city=doha"), venueListQuerySchema, { strict: true });
    expect(strict.errors.map((e) => e.parameter)).toEqual(["city"]);
  });

  it("serves the API and answers 404 for an unknown venue", async () => {
    await t.load(mediationDataset());
    globalThis.__parleyDb = Promise.resolve({ db: t.db, engine: t.engine, close: async () => {} });
    const list = (await call(venueApiList, "/api/v1/venues")) as Response;
    expect((await list.json()).data.map((v: { slug: string }) => v.slug)).toEqual(["doha", "islamabad", "istanbul", "riyadh"]);
    const csv = (await call(venueApiList, "/api/v1/venues?format=csv")) as Response;
    expect((await csv.text()).trim().split("\r\n")).toHaveLength(5);
    expect(((await call(venueApiList, "/api/v1/venues?sort=rounds")) as Response).status).toBe(400);
    const item = (await call(venueApiItem, "/api/v1/venues/doha", { id: "doha" })) as Response;
    expect((await item.json()).data).toMatchObject({ slug: "doha", rounds: [{ slug: "doha-1" }] });
    expect(((await call(venueApiItem, "/api/v1/venues/atlantis", { id: "atlantis" })) as Response).status).toBe(404);
    const page = await call(venuePage, "/venues/atlantis", { slug: "atlantis" }).catch((r: Response) => r);
    expect(page.status).toBe(404);
  });
});
