import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { encodeCursor } from "~/utils/keyset.server";
import { parseQuery } from "~/utils/query.server";
import { describeEachEngine, type TestDatabase } from "../../tests/support/db";
import { loader as actorApiItem } from "../routes/api.v1.actors.$id";
import { loader as actorApiList } from "../routes/api.v1.actors._index";
import { loader as mediatorPage } from "../routes/mediators.$slug";
import { ACTOR_PAGE_LATEST } from "./actors";
import { AS_OF, mediationDataset, walkPages } from "./actors.fixtures";
import {
  actorListQuerySchema,
  getActor,
  hasMediated,
  listActors,
  listMediators,
  listParties,
  mediatorListQuerySchema,
  partyListQuerySchema,
  roundsLed,
  shareBroken,
} from "./actors.server";

const all = { limit: 200 };
const url = (path: string) => new URL(`http://x${path}`);

/** Points the app's getDb() at the test database, so route loaders can be called directly. */
function useTestDbForRoutes(t: TestDatabase) {
  globalThis.__parleyDb = Promise.resolve({ db: t.db, engine: t.engine, close: async () => {} });
}
afterEach(() => {
  globalThis.__parleyDb = undefined;
});

const call = (loader: (args: any) => any, path: string, params: Record<string, string> = {}) =>
  loader({ request: new Request(`http://x${path}`), params, context: {} });

describeEachEngine("actors", (t) => {
  it("tallies each mediator's rounds, commitments obtained and broken", async () => {
    await t.load(mediationDataset());
    const page = await listMediators(t.db, { sort: "name-asc", ...all }, AS_OF);
    const bySlug = Object.fromEntries(page.items.map((m) => [m.slug, m]));
    expect(page.items.map((m) => m.slug)).toEqual(["qatar", "saudi-arabia", "turkiye"]);
    // Qatar both mediated and hosted doha-1: the round and its commitments count once.
    expect(bySlug.qatar).toMatchObject({ rounds: 2, roundsMediated: 2, roundsHosted: 1, commitments: 5, broken: 2 });
    expect(bySlug.turkiye).toMatchObject({ rounds: 3, roundsMediated: 3, roundsHosted: 1, commitments: 5, broken: 2 });
    expect(bySlug["saudi-arabia"]).toMatchObject({ rounds: 1, roundsMediated: 0, roundsHosted: 1, commitments: 0, broken: 0 });
    expect(shareBroken(bySlug.qatar)).toBe(0.4);
    expect(shareBroken(bySlug["saudi-arabia"])).toBeNull();
  });

  it("leaves deleted rounds and commitments out of the mediator tallies", async () => {
    await t.load(mediationDataset());
    const now = new Date().toISOString();
    await t.db.updateTable("rounds").set({ deleted_at: now }).where("slug", "=", "istanbul-2").execute();
    await t.db.updateTable("commitments").set({ deleted_at: now }).where("title", "=", "Commitment ist-ceasefire").execute();
    const page = await listMediators(t.db, { sort: "name-asc", ...all }, AS_OF);
    const bySlug = Object.fromEntries(page.items.map((m) => [m.slug, m]));
    expect(bySlug.turkiye).toMatchObject({ rounds: 2, commitments: 4, broken: 1 });
    expect(bySlug.qatar).toMatchObject({ rounds: 2, commitments: 4, broken: 1 });
  });

  it("sorts mediators by rounds and pages through them", async () => {
    await t.load(mediationDataset());
    const page = await listMediators(t.db, { sort: "rounds-desc", ...all }, AS_OF);
    expect(page.items.map((m) => m.slug)).toEqual(["turkiye", "qatar", "saudi-arabia"]);
    const walk = await walkPages((p) => listMediators(t.db, { sort: "commitments-desc", limit: 1, ...p }, AS_OF));
    expect(walk.pages).toBe(3);
    expect(walk.backward).toEqual(walk.forward);
    expect(new Set(walk.forward).size).toBe(3);
  });

  it("tallies each party's rounds, commitments and the breaches it is alleged responsible for", async () => {
    await t.load(mediationDataset());
    const page = await listParties(t.db, { sort: "name-asc", ...all }, AS_OF);
    const bySlug = Object.fromEntries(page.items.map((p) => [p.slug, p]));
    // Mediators, hosts and observers are not parties; the TTP is, by the commitment that binds it.
    expect(page.items.map((p) => p.slug).sort()).toEqual(["party-a", "party-b", "ttp"]);
    expect(bySlug["party-a"]).toMatchObject({ rounds: 4, commitments: 5, commitmentsBroken: 3, breaches: 2, breachesCorroborated: 1 });
    expect(bySlug["party-b"]).toMatchObject({ rounds: 4, commitments: 5, commitmentsBroken: 3, breaches: 2, breachesCorroborated: 2 });
    expect(bySlug.ttp).toMatchObject({ rounds: 0, commitments: 1, commitmentsBroken: 0, breaches: 0 });
  });

  it("stops counting a deleted breach against a party", async () => {
    await t.load(mediationDataset());
    const i3 = await t.db.selectFrom("incidents").select("id").where("title", "=", "Incident i3").executeTakeFirstOrThrow();
    await t.db.updateTable("breaches").set({ deleted_at: new Date().toISOString() }).where("incident_id", "=", i3.id).execute();
    const page = await listParties(t.db, { sort: "breaches-desc", ...all }, AS_OF);
    const b = page.items.find((p) => p.slug === "party-b")!;
    expect(b).toMatchObject({ breaches: 1, breachesCorroborated: 1, commitmentsBroken: 2 });
  });

  it("filters actors by the role they held, kind and name", async () => {
    await t.load(mediationDataset());
    const slugs = async (q: Partial<Parameters<typeof listActors>[1]>) =>
      (await listActors(t.db, { ...all, ...q })).items.map((a) => a.slug);
    expect(await slugs({})).toEqual(["monitor", "party-a", "party-b", "qatar", "saudi-arabia", "ttp", "turkiye"]);
    expect(await slugs({ role: "mediator" })).toEqual(["qatar", "turkiye"]);
    expect(await slugs({ role: "host" })).toEqual(["qatar", "saudi-arabia", "turkiye"]);
    expect(await slugs({ role: "observer" })).toEqual(["monitor"]);
    expect(await slugs({ role: "party" })).toEqual(["party-a", "party-b"]);
    expect(await slugs({ kind: "armed_group" })).toEqual(["ttp"]);
    expect(await slugs({ kind: "state", role: "host" })).toEqual(["qatar", "saudi-arabia", "turkiye"]);
    expect(await slugs({ q: "QAT" })).toEqual(["qatar"]);
    expect(await slugs({ q: "turkey" })).toEqual(["turkiye"]); // an alias
    expect(await slugs({ q: "ttp" })).toEqual(["ttp"]); // a short name
    expect(await slugs({ q: "%" })).toEqual([]); // literal, not a wildcard
    const [turkiye] = (await listActors(t.db, { ...all, q: "turkey" })).items;
    expect(turkiye).toMatchObject({ aliases: ["Turkey"], roles: ["host", "mediator"], roundCount: 3, countryCode: "TR" });
  });

  it("pages through all actors by name, forward and back, each exactly once", async () => {
    await t.load(mediationDataset());
    const walk = await walkPages((p) => listActors(t.db, { limit: 2, ...p }));
    expect(walk.pages).toBe(4);
    expect(walk.forward).toHaveLength(7);
    expect(new Set(walk.forward).size).toBe(7);
    expect(walk.backward).toEqual(walk.forward);
  });

  it("hides a deleted actor from every list and its page", async () => {
    await t.load(mediationDataset());
    await t.db.updateTable("actors").set({ deleted_at: new Date().toISOString() }).where("slug", "=", "qatar").execute();
    expect((await listActors(t.db, all)).items.map((a) => a.slug)).not.toContain("qatar");
    expect((await listMediators(t.db, { sort: "name-asc", ...all }, AS_OF)).items.map((a) => a.slug)).not.toContain("qatar");
    expect(await getActor(t.db, { slug: "qatar" }, AS_OF)).toBeNull();
  });

  it("shows an actor's rounds, commitments, incidents, breaches, claims and sources, the latest first", async () => {
    await t.load(mediationDataset());
    const b = (await getActor(t.db, { slug: "party-b" }, AS_OF))!;
    expect(b).toMatchObject({ name: "Party B", kind: "state", aliases: [] });
    expect(b.rounds.map((r) => [r.slug, r.role])).toEqual([
      ["riyadh-1", "party"],
      ["istanbul-2", "party"],
      ["istanbul-1", "party"],
      ["doha-1", "party"],
    ]);
    expect(b.roundCounts).toEqual({ mediator: 0, host: 0, party: 4, observer: 0, led: 0 });
    expect(b.rounds[3].venue).toEqual({ slug: "doha", city: "Doha" });
    expect(b.commitments.map((c) => [c.title.replace("Commitment ", ""), c.status])).toEqual([
      ["ist-ceasefire", "broken"],
      ["ist-monitor", "disputed"],
      ["doha-talks", "holding"],
      ["doha-ceasefire", "broken"],
      ["truce", "broken"],
    ]);
    expect(b.commitmentCounts).toEqual({ bound: 5, boundBroken: 3, obtained: 0, obtainedBroken: 0 });
    expect(b.commitments.find((c) => c.title.endsWith("doha-ceasefire"))).toMatchObject({ daysHeld: 6, round: { slug: "doha-1" } });
    expect(b.incidentCount).toBe(2);
    expect(b.incidents.map((i) => i.title)).toEqual(["Incident i3", "Incident i1"]);
    expect(b.breachesResponsible.map((x) => x.incident.title)).toEqual(["Incident i3", "Incident i1"]);
    expect(b.breachesResponsible[1]).toMatchObject({ assessment: "corroborated", allegedBy: { slug: "party-a" } });
    expect(b.breachesAlleged.map((x) => [x.commitment.title, x.responsible?.slug])).toEqual([
      ["Commitment ist-monitor", "party-a"],
      ["Commitment truce", "party-a"],
    ]);
    expect(b.breachCounts).toEqual({ responsible: 2, alleged: 2 });
    expect(b.claimCount).toBe(1);
    expect(b.claims[0]).toMatchObject({ category: "militants", killedLow: 40, incident: { title: "Incident i1" } });
    expect(b.claims[0].source.title).toBe("Report isb-statement");
    expect(b.sources.map((s) => s.title)).toEqual(["Report test-source"]);
    expect(b.commitmentsObtained).toEqual([]);
    expect(hasMediated(b)).toBe(false);
  });

  it("lists the latest rounds of each role by date, following a round's date when it moves", async () => {
    // 26 rounds of party-a, one a day from 1 January 2025 in shuffled order; Qatar mediates every third.
    const days = Array.from({ length: 26 }, (_, n) => (n * 7) % 26);
    const date = (day: number) => `2025-01-${String(day + 1).padStart(2, "0")}`;
    await t.load(
      buildDataset({
        actors: [make.actor("qatar")],
        rounds: days.map((day) =>
          make.round(`r${day}`, {
            startDate: date(day),
            participants: [{ actor: "party-a", role: "party" }, ...(day % 3 === 0 ? [{ actor: "qatar", role: "mediator" as const }] : [])],
          }),
        ),
      }),
    );
    const slugs = async (actor: string) => (await getActor(t.db, { slug: actor }, AS_OF))!.rounds.map((r) => r.slug);
    const newest = (from: number, n: number) => Array.from({ length: n }, (_, k) => `r${from - k}`);
    // The latest ACTOR_PAGE_LATEST of the 26, newest first; Qatar's 9 all shown.
    expect(await slugs("party-a")).toEqual(newest(25, ACTOR_PAGE_LATEST));
    expect(await slugs("qatar")).toEqual([24, 21, 18, 15, 12, 9, 6, 3, 0].map((d) => `r${d}`));

    // A deleted round gives its place to the next older one.
    await t.db.updateTable("rounds").set({ deleted_at: new Date().toISOString() }).where("slug", "=", "r25").execute();
    expect(await slugs("party-a")).toEqual(newest(24, ACTOR_PAGE_LATEST));
    // An editor moves the oldest round to the newest date: the participations' kept date follows.
    await t.db.updateTable("rounds").set({ start_date: "2025-02-01" }).where("slug", "=", "r0").execute();
    expect((await slugs("party-a"))[0]).toBe("r0");
    expect((await slugs("qatar"))[0]).toBe("r0");
    // The kept date cannot be written by hand.
    await t.db.updateTable("round_participants").set({ round_start_date: "1999-01-01" }).execute();
    const stored = await t.db
      .selectFrom("round_participants as rp")
      .innerJoin("rounds as r", "r.id", "rp.round_id")
      .select(["rp.round_start_date", "r.start_date"])
      .execute();
    expect(stored.every((row) => row.round_start_date === row.start_date)).toBe(true);
    expect(stored).toHaveLength(26 + 9);
  });

  it("lists an actor's latest claims by incident date, following an incident's date and passing over a deleted one", async () => {
    // 14 incidents, one a day from 1 March 2025 in shuffled id order, each with a claim by party-a.
    const days = Array.from({ length: 14 }, (_, n) => (n * 5) % 14);
    const date = (day: number) => `2025-03-${String(day + 1).padStart(2, "0")}`;
    await t.load(
      buildDataset({
        actors: [make.actor("monitor")],
        incidents: days.map((day) => make.incident(`d${day}`, { occurredOn: date(day) })),
        claims: [...days.map((day) => make.claim(`d${day}`, "party-a", { killedLow: day + 1 })), make.claim("d0", "monitor", { killedLow: 1 })],
      }),
    );
    const latest = async () => (await getActor(t.db, { slug: "party-a" }, AS_OF))!.claims.map((c) => c.incident.title);
    const titles = (...ds: number[]) => ds.map((d) => `Incident d${d}`);
    const newest = (from: number) => titles(...Array.from({ length: ACTOR_PAGE_LATEST }, (_, k) => from - k));
    expect(await latest()).toEqual(newest(13));
    // The oldest incident moves to the newest date: its claim comes first.
    await t.db.updateTable("incidents").set({ occurred_on: "2025-04-30" }).where("title", "=", "Incident d0").execute();
    expect((await latest())[0]).toBe("Incident d0");
    // A deleted incident's claim gives its place to the next older one.
    await t.db.updateTable("incidents").set({ deleted_at: new Date().toISOString() }).where("title", "=", "Incident d0").execute();
    expect(await latest()).toEqual(newest(13));
    // The kept date cannot be written by hand, and a claim moved to another incident takes its date.
    await t.db.updateTable("claims").set({ incident_occurred_on: "1999-01-01" } as never).execute();
    const d13 = await t.db.selectFrom("incidents").select("id").where("title", "=", "Incident d13").executeTakeFirstOrThrow();
    await t.db.updateTable("claims").set({ incident_id: d13.id }).where("killed_low", "=", 1).where("claimant_id", "in", t.db.selectFrom("actors").select("id").where("slug", "=", "monitor")).execute();
    const { rows } = await sql<{ same: boolean; n: number }>`select bool_and(cl.incident_occurred_on = i.occurred_on) as same, count(*)::int as n
      from claims cl join incidents i on i.id = cl.incident_id`.execute(t.db);
    expect(rows[0]).toEqual({ same: true, n: 15 });
  });

  it("keeps an actor's counts exact as its records are deleted", async () => {
    await t.load(mediationDataset());
    const now = new Date().toISOString();
    // i1 carries party-b's claim and a breach it is responsible for; doha-talks binds it.
    await t.db.updateTable("incidents").set({ deleted_at: now }).where("title", "=", "Incident i1").execute();
    await t.db.updateTable("commitments").set({ deleted_at: now }).where("title", "=", "Commitment doha-talks").execute();
    await t.db.updateTable("rounds").set({ deleted_at: now }).where("slug", "=", "riyadh-1").execute();
    const b = (await getActor(t.db, { slug: "party-b" }, AS_OF))!;
    expect(b.incidentCount).toBe(1);
    expect(b.claimCount).toBe(0);
    expect(b.claims).toEqual([]);
    expect(b.breachCounts).toEqual({ responsible: 1, alleged: 2 });
    expect(b.breachesResponsible.map((x) => x.incident.title)).toEqual(["Incident i3"]);
    expect(b.commitmentCounts).toMatchObject({ bound: 4 });
    expect(b.roundCounts.party).toBe(3);
    await t.db.updateTable("incidents").set({ deleted_at: null }).where("title", "=", "Incident i1").execute();
    const again = (await getActor(t.db, { slug: "party-b" }, AS_OF))!;
    expect([again.incidentCount, again.claimCount, again.breachCounts.responsible]).toEqual([2, 1, 2]);
  });

  it("shows what a mediator's rounds produced, by id or slug", async () => {
    await t.load(mediationDataset());
    const q = (await getActor(t.db, { slug: "qatar" }, AS_OF))!;
    expect(hasMediated(q)).toBe(true);
    expect(q.roundCounts).toEqual({ mediator: 2, host: 1, party: 0, observer: 0, led: 2 });
    expect(roundsLed(q).map((r) => [r.slug, r.roles])).toEqual([
      ["istanbul-1", ["mediator"]],
      ["doha-1", ["host", "mediator"]],
    ]);
    expect(q.commitmentsObtained.map((c) => c.title.replace("Commitment ", ""))).toEqual([
      "ist-ttp",
      "ist-ceasefire",
      "ist-monitor",
      "doha-talks",
      "doha-ceasefire",
    ]);
    expect(q.commitmentCounts).toEqual({ bound: 0, boundBroken: 0, obtained: 5, obtainedBroken: 2 });
    expect(await getActor(t.db, { id: q.id }, AS_OF)).toEqual(q);
    expect(await getActor(t.db, { slug: "nobody" }, AS_OF)).toBeNull();
  });

  it("lists the latest incidents of a prolific perpetrator and counts them all", async () => {
    await t.load(mediationDataset({ perpetratedByB: 25 }));
    const b = (await getActor(t.db, { slug: "party-b" }, AS_OF))!;
    expect(b.incidentCount).toBe(27);
    expect(b.incidents).toHaveLength(ACTOR_PAGE_LATEST);
    expect(b.incidents[0].title).toBe("Incident i3");
  });

  for (const extra of [0, 30]) {
    it(`answers every actor list and page with one query (${extra} extra incidents)`, async () => {
      await t.load(mediationDataset({ perpetratedByB: extra }));
      const counts: number[] = [];
      for (const run of [
        () => listActors(t.db, { limit: 25 }),
        () => listMediators(t.db, { sort: "name-asc", limit: 25 }, AS_OF),
        () => listParties(t.db, { sort: "name-asc", limit: 25 }, AS_OF),
        () => getActor(t.db, { slug: "party-b" }, AS_OF),
        () => getActor(t.db, { slug: "qatar" }, AS_OF),
      ]) {
        t.resetQueryCount();
        await run();
        counts.push(t.queries.length);
      }
      expect(counts).toEqual([1, 1, 1, 1, 1]);
    });
  }

  it("explains bad parameters, naming each", () => {
    const bad = parseQuery(url("/actors?role=king&kind=planet&q=" + "x".repeat(101)), actorListQuerySchema);
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => e.parameter).sort()).toEqual(["kind", "q", "role"]);
    expect(bad.errors.find((e) => e.parameter === "role")!.message).toContain("mediator, party, host, observer");

    const strict = parseQuery(url("/api/v1/actors?rol=mediator"), actorListQuerySchema, { strict: true });
    expect(strict.errors).toEqual([expect.objectContaining({ parameter: "rol" })]);

    const foreignCursor = encodeCursor({ sort: "date-desc", key: "2025-10-19", id: 3 });
    const mismatch = parseQuery(url(`/actors?after=${foreignCursor}`), actorListQuerySchema);
    expect(mismatch.errors.map((e) => e.parameter)).toEqual(["after"]);
    expect(parseQuery(url("/actors?before=garbage"), actorListQuerySchema).errors.map((e) => e.parameter)).toEqual(["before"]);

    expect(parseQuery(url("/mediators?sort=best"), mediatorListQuerySchema).errors.map((e) => e.parameter)).toEqual(["sort"]);
    expect(parseQuery(url("/parties?limit=0"), partyListQuerySchema).errors.map((e) => e.parameter)).toEqual(["limit"]);
  });

  it("serves the API: filtered JSON, CSV, one actor by id or slug, 400 and 404", async () => {
    await t.load(mediationDataset());
    useTestDbForRoutes(t);
    const list = (await call(actorApiList, "/api/v1/actors?role=mediator")) as Response;
    expect(list.status).toBe(200);
    expect((await list.json()).data.map((a: { slug: string }) => a.slug)).toEqual(["qatar", "turkiye"]);

    const csv = (await call(actorApiList, "/api/v1/actors?kind=state&format=csv")) as Response;
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,slug,name,short_name,kind,country_code,aliases,roles,rounds");
    expect(lines).toHaveLength(1 + 5);

    const bad = (await call(actorApiList, "/api/v1/actors?role=king")) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].parameter).toBe("role");

    const bySlug = (await call(actorApiItem, "/api/v1/actors/qatar", { id: "qatar" })) as Response;
    const { data } = await bySlug.json();
    expect(data).toMatchObject({ slug: "qatar", name: "Qatar" });
    const byId = (await call(actorApiItem, `/api/v1/actors/${data.id}`, { id: String(data.id) })) as Response;
    expect((await byId.json()).data.slug).toBe("qatar");
    const missing = (await call(actorApiItem, "/api/v1/actors/nobody", { id: "nobody" })) as Response;
    expect(missing.status).toBe(404);
  });

  it("redirects the mediator page of an actor that never mediated, and 404s an unknown one", async () => {
    await t.load(mediationDataset());
    useTestDbForRoutes(t);
    const ok = await call(mediatorPage, "/mediators/qatar", { slug: "qatar" });
    expect(ok.actor.slug).toBe("qatar");
    const redirect = await call(mediatorPage, "/mediators/party-a", { slug: "party-a" }).catch((r: Response) => r);
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get("Location")).toBe("/actors/party-a");
    const missing = await call(mediatorPage, "/mediators/nobody", { slug: "nobody" }).catch((r: Response) => r);
    expect(missing.status).toBe(404);
  });
});
