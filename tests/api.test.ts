import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import * as roundItem from "~/routes/api.v1.rounds.$id";
import * as roundList from "~/routes/api.v1.rounds._index";
import * as roundsPage from "~/routes/rounds._index";
import { describeEachEngine } from "./support/db";
import { callLoader, useAppDatabase } from "./support/routes";

const dataset = buildDataset({
  actors: [make.actor("qatar")],
  venues: [make.venue("doha")],
  rounds: [
    make.round("doha-1", { venue: "doha", title: "Doha, \"first\" round", participants: [{ actor: "party-a", role: "party" }, { actor: "qatar", role: "mediator" }] }),
    make.round("doha-2", { venue: "doha", startDate: "2025-10-29" }),
    make.round("elsewhere", { startDate: "2025-11-02" }),
  ],
});

describeEachEngine("the API", (t) => {
  it("answers a list as JSON with camelCase fields, ISO dates and next links", async () => {
    await t.load(dataset);
    useAppDatabase(t);
    const res = await callLoader(roundList.loader, "/api/v1/rounds?venue=doha&limit=1");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data).toEqual([expect.objectContaining({ slug: "doha-2", startDate: "2025-10-29", startPrecision: "day", commitmentCount: 0 })]);
    expect(body.links.prev).toBeNull();
    const next = await callLoader(roundList.loader, body.links.next);
    const nextBody = await next.json();
    expect(nextBody.data.map((r: { slug: string }) => r.slug)).toEqual(["doha-1"]);
    expect(nextBody.links.next).toBeNull();
  });

  it.each([
    ["from=19-10-2025", "from", /YYYY-MM-DD/],
    ["to=2025-02-30", "to", /not a real calendar date/],
    ["from=2025-12-01&to=2025-01-01", "to", /before the start date/],
    ["outcome=victory", "outcome", /Choose a round outcome/],
    ["mediator=Qatar!", "mediator", /lowercase/],
    ["limit=5000", "limit", /at most 200/],
    ["limit=ten", "limit", /whole number/],
    ["after=not-a-cursor", "after", /damaged/],
    ["sort=random", "sort", /Sort by one of/],
    ["venu=doha", "venu", /Unknown parameter/],
  ])("refuses %s with a 400 naming %s", async (qs, parameter, message) => {
    await t.load(dataset);
    useAppDatabase(t);
    const res = await callLoader(roundList.loader, `/api/v1/rounds?${qs}`);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ parameter, message: expect.stringMatching(message) })]));
  });

  it("refuses a cursor made for another sort order", async () => {
    await t.load(dataset);
    useAppDatabase(t);
    const first = await (await callLoader(roundList.loader, "/api/v1/rounds?limit=1&sort=title-asc")).json();
    const cursor = new URL(first.links.next, "http://x").searchParams.get("after");
    const res = await callLoader(roundList.loader, `/api/v1/rounds?after=${cursor}`);
    expect(res.status).toBe(400);
    expect((await res.json()).issues[0].parameter).toBe("after");
  });

  it("downloads every matching row as CSV, quoting what needs quoting", async () => {
    await t.load(dataset);
    useAppDatabase(t);
    const res = await callLoader(roundList.loader, "/api/v1/rounds?venue=doha&format=csv&limit=1");
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,slug,title,start_date/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('"Doha, ""first"" round"');
    expect(lines[2]).toContain(",qatar,");
  });

  it("answers one record by slug or id, and 404 for an unknown one", async () => {
    await t.load(dataset);
    useAppDatabase(t);
    const bySlug = await (await callLoader(roundItem.loader, "/api/v1/rounds/doha-1", { id: "doha-1" })).json();
    expect(bySlug.data).toMatchObject({ slug: "doha-1", venue: { city: "Doha" }, participants: expect.any(Array) });
    const byId = await (await callLoader(roundItem.loader, `/api/v1/rounds/${bySlug.data.id}`, { id: String(bySlug.data.id) })).json();
    expect(byId.data.slug).toBe("doha-1");
    const missing = await callLoader(roundItem.loader, "/api/v1/rounds/nowhere", { id: "nowhere" });
    expect(missing.status).toBe(404);
  });

  it("a list page with a bad filter answers 400 and still lists, ignoring only that filter", async () => {
    await t.load(dataset);
    useAppDatabase(t);
    const res = await callLoader(roundsPage.loader, "/rounds?from=yesterday&venue=doha");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toEqual([expect.objectContaining({ parameter: "from" })]);
    expect(body.page.items.map((r: { slug: string }) => r.slug)).toEqual(["doha-2", "doha-1"]);
  });
});
