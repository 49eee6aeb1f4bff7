import { afterEach, expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { encodeCursor } from "~/utils/keyset.server";
import { parseQuery } from "~/utils/query.server";
import { describeEachEngine } from "../../tests/support/db";
import { loader as sourceApiItem } from "../routes/api.v1.sources.$id";
import { loader as sourceApiList } from "../routes/api.v1.sources._index";
import { loader as sourcePage } from "../routes/sources.$id";
import { walkPages } from "./actors.fixtures";
import { getSource, listSources, sourceFilterOptions, sourceListQuerySchema } from "./sources.server";

const undated = { publishedOn: undefined, datePrecision: undefined };

// The default "test-source" (2025-10-20) comes first; ids follow this order from 1.
function sourcesDataset(extraSources = 0) {
  return buildDataset({
    sources: [
      make.source("test-source"),
      make.source("undated-1", undated),
      make.source("new", { publishedOn: "2025-11-01" }),
      make.source("same-day", { publishedOn: "2025-10-20" }),
      make.source("undated-2", { ...undated, kind: "un_report", publisher: "UNAMA" }),
      make.source("old", { publishedOn: "2025-10-01", kind: "un_report", publisher: "UNAMA" }),
      make.source("month", { publishedOn: "2025-10-01", datePrecision: "month", kind: "analysis", publisher: "Crisis Group" }),
      ...Array.from({ length: extraSources }, (_, n) => make.source(`extra-${n}`, { publishedOn: "2025-09-01" })),
    ],
  });
}

const titles = (items: { title: string }[]) => items.map((s) => s.title.replace("Report ", ""));
const all = { limit: 200 };

/** One source cited by one record of every kind, and by a claim and two disputed dates. */
function citedEverywhere() {
  const cite = [{ source: "everything", locator: "para. 4" }];
  return buildDataset({
    sources: [
      make.source("everything", { author: "A. Reporter", url: "https://example.org/report", notes: "Read with care." }),
    ],
    // Cited twice, at two places in the source: listed once with both.
    actors: [make.actor("cited-actor", { sources: [...cite, { source: "everything", locator: "p. 9" }] })],
    processes: [make.process("cited-process", { sources: cite })],
    rounds: [
      make.round("cited-round", {
        sources: cite,
        alternativeDates: [{ field: "startDate", date: "2025-10-17", precision: "day", source: "everything", note: "A day early." }],
      }),
    ],
    commitments: [make.commitment("cited-commitment", { sources: cite })],
    incidents: [
      make.incident("cited-incident", {
        sources: cite,
        alternativeDates: [{ field: "occurredOn", date: "2025-10-24", precision: "day", source: "everything", note: "Overnight." }],
      }),
      make.incident("uncited-incident"),
    ],
    claims: [make.claim("cited-incident", "party-a", { source: "everything", killedLow: 3, killedHigh: 5 })],
    breaches: [make.breach("cited-commitment", "cited-incident", { sources: cite }), make.breach("cited-commitment", "uncited-incident")],
  });
}

afterEach(() => {
  globalThis.__parleyDb = undefined;
});

const call = (loader: (args: any) => any, path: string, params: Record<string, string> = {}) =>
  loader({ request: new Request(`http://x${path}`), params, context: {} });

describeEachEngine("sources", (t) => {
  it("lists sources newest first, ties by newest id, undated last", async () => {
    await t.load(sourcesDataset());
    expect(titles((await listSources(t.db, { sort: "date-desc", ...all })).items)).toEqual([
      "new",
      "same-day",
      "test-source",
      "month",
      "old",
      "undated-2",
      "undated-1",
    ]);
    expect(titles((await listSources(t.db, { sort: "date-asc", ...all })).items)).toEqual([
      "old",
      "month",
      "test-source",
      "same-day",
      "new",
      "undated-1",
      "undated-2",
    ]);
  });

  for (const sort of ["date-desc", "date-asc"] as const) {
    it(`pages across undated sources, forward and back, each exactly once (${sort})`, async () => {
      await t.load(sourcesDataset());
      const full = (await listSources(t.db, { sort, ...all })).items.map((s) => s.id);
      for (const limit of [1, 2, 3]) {
        const walk = await walkPages((p) => listSources(t.db, { sort, limit, ...p }));
        expect(walk.forward).toEqual(full);
        expect(walk.backward).toEqual(full);
      }
    });
  }

  it("filters by kind, exact publisher and publication dates", async () => {
    await t.load(sourcesDataset());
    const list = async (q: Partial<Parameters<typeof listSources>[1]>) =>
      titles((await listSources(t.db, { sort: "date-desc", ...all, ...q })).items);
    expect(await list({ kind: "un_report" })).toEqual(["old", "undated-2"]);
    expect(await list({ publisher: "UNAMA" })).toEqual(["old", "undated-2"]);
    expect(await list({ publisher: "unama" })).toEqual([]);
    expect(await list({ from: "2025-10-20" })).toEqual(["new", "same-day", "test-source"]);
    expect(await list({ from: "2025-10-01", to: "2025-10-01" })).toEqual(["month", "old"]);
    expect(await list({ kind: "un_report", to: "2025-12-31" })).toEqual(["old"]);
    expect(await sourceFilterOptions(t.db)).toEqual({ publishers: ["Crisis Group", "Test Wire", "UNAMA"] });
  });

  it("hides deleted sources", async () => {
    await t.load(sourcesDataset());
    await t.db.updateTable("sources").set({ deleted_at: new Date().toISOString() }).where("title", "=", "Report new").execute();
    expect(titles((await listSources(t.db, { sort: "date-desc", ...all })).items)).not.toContain("new");
    const id = (await t.db.selectFrom("sources").select("id").where("title", "=", "Report new").executeTakeFirstOrThrow()).id;
    expect(await getSource(t.db, id)).toBeNull();
  });

  it("lists every kind of record that cites a source", async () => {
    await t.load(citedEverywhere());
    const { id } = await t.db.selectFrom("sources").select("id").where("title", "=", "Report everything").executeTakeFirstOrThrow();
    const s = (await getSource(t.db, id))!;
    expect(s).toMatchObject({ author: "A. Reporter", url: "https://example.org/report", notes: "Read with care.", publishedOn: "2025-10-20", datePrecision: "day" });
    expect(s.rounds).toEqual([{ slug: "cited-round", title: "Round cited-round", startDate: "2025-10-18", startPrecision: "day", locator: "para. 4" }]);
    expect(s.commitments.map((c) => c.title)).toEqual(["Commitment cited-commitment"]);
    expect(s.incidents.map((i) => [i.title, i.date])).toEqual([["Incident cited-incident", "2025-10-25"]]);
    expect(s.breaches).toHaveLength(1);
    expect(s.breaches[0]).toMatchObject({ assessment: "corroborated", incident: { title: "Incident cited-incident" }, locator: "para. 4" });
    expect(s.actors).toEqual([{ slug: "cited-actor", name: "Cited Actor", locator: "para. 4; p. 9" }]);
    expect(s.processes).toEqual([{ slug: "cited-process", name: "Process cited-process", locator: "para. 4" }]);
    expect(s.claims).toHaveLength(1);
    expect(s.claims[0]).toMatchObject({ killedLow: 3, killedHigh: 5, claimant: { slug: "party-a" }, incident: { title: "Incident cited-incident" } });
    expect(s.dateAssertions.map((d) => [d.value, d.field, d.record])).toEqual([
      ["2025-10-17", "startDate", { type: "round", slug: "cited-round", title: "Round cited-round" }],
      ["2025-10-24", "occurredOn", { type: "incident", id: s.incidents[0].id, title: "Incident cited-incident" }],
    ]);

    // A deleted incident takes its citation, its claims, its breach and its disputed date with it.
    await t.db.updateTable("incidents").set({ deleted_at: new Date().toISOString() }).where("title", "=", "Incident cited-incident").execute();
    const after = (await getSource(t.db, id))!;
    expect([after.incidents, after.claims, after.breaches]).toEqual([[], [], []]);
    expect(after.dateAssertions.map((d) => d.record.type)).toEqual(["round"]);
    expect(after.rounds).toHaveLength(1);
  });

  for (const extra of [0, 40]) {
    it(`answers the source list and page with a fixed number of queries (${extra} extra sources)`, async () => {
      await t.load(sourcesDataset(extra));
      t.resetQueryCount();
      await listSources(t.db, { sort: "date-desc", limit: 25 });
      await sourceFilterOptions(t.db);
      expect(t.queries).toHaveLength(2);
      t.resetQueryCount();
      await getSource(t.db, 1);
      expect(t.queries).toHaveLength(1);
    });
  }

  it("explains bad parameters, naming each", () => {
    const url = (q: string) => new URL(`http://x/sources?${q}`);
    const bad = parseQuery(url("kind=blog&from=2025-02-30&sort=popular"), sourceListQuerySchema);
    expect(bad.errors.map((e) => e.parameter).sort()).toEqual(["from", "kind", "sort"]);
    const range = parseQuery(url("from=2025-11-01&to=2025-10-01"), sourceListQuerySchema);
    expect(range.errors).toEqual([{ parameter: "to", message: "The end date is before the start date." }]);
    const wrongSort = encodeCursor({ sort: "date-asc", key: "2025-10-01", id: 3 });
    expect(parseQuery(url(`after=${wrongSort}`), sourceListQuerySchema).errors.map((e) => e.parameter)).toEqual(["after"]);
    expect(parseQuery(url("publisher=" + "x".repeat(201)), sourceListQuerySchema).errors.map((e) => e.parameter)).toEqual(["publisher"]);
  });

  it("serves the API: filtered JSON and CSV, one source by number, 400 and 404", async () => {
    await t.load(sourcesDataset());
    globalThis.__parleyDb = Promise.resolve({ db: t.db, engine: t.engine, close: async () => {} });
    const list = (await call(sourceApiList, "/api/v1/sources?publisher=UNAMA&limit=1")) as Response;
    const body = await list.json();
    expect(titles(body.data)).toEqual(["old"]);
    expect(body.links.next).toMatch(/^\/api\/v1\/sources\?publisher=UNAMA&limit=1&after=/);
    const csv = (await call(sourceApiList, "/api/v1/sources?format=csv&kind=un_report")) as Response;
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,kind,publisher,title,author,published_on,date_precision,url");
    expect(lines).toHaveLength(3);
    const bad = (await call(sourceApiList, "/api/v1/sources?from=yesterday")) as Response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues.map((i: { parameter: string }) => i.parameter)).toEqual(["from"]);

    const item = (await call(sourceApiItem, "/api/v1/sources/1", { id: "1" })) as Response;
    expect((await item.json()).data).toMatchObject({ id: 1, title: "Report test-source" });
    for (const id of ["999", "abc", "1.5"]) {
      expect(((await call(sourceApiItem, `/api/v1/sources/${id}`, { id })) as Response).status).toBe(404);
      const page = await call(sourcePage, `/sources/${id}`, { id }).catch((r: Response) => r);
      expect(page.status).toBe(404);
    }
  });
});
