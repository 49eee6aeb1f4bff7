import { parseWithZod } from "@conform-to/zod/v4";
import { expect, it } from "vitest";
import { buildDataset } from "@db/dataset/factories";
import { describeEachEngine } from "../../tests/support/db";
import { getRequest } from "../../tests/support/session";
import * as editSource from "~/routes/sources.$id_.edit";
import * as newSource from "~/routes/sources.new";
import { sourceSchema } from "./source";
import { call, formPost, revisionsOf, signIn, written, type Pairs } from "./source.testkit";

function parse(pairs: Pairs, mode: "new" | "edit" = "new") {
  const form = new FormData();
  for (const [k, v] of pairs) form.append(k, v);
  const s = parseWithZod(form, { schema: sourceSchema(mode) });
  return s.status === "success" ? { status: s.status, value: s.value, error: undefined } : { status: s.status, value: undefined, error: s.error };
}

const GOOD: Pairs = [
  ["kind", "news"],
  ["publisher", "Reuters"],
  ["title", "Pakistan and Afghanistan agree to ceasefire in Doha"],
  ["author", ""],
  ["publishedOn", "2025-10-19"],
  ["datePrecision", "day"],
  ["url", "https://www.reuters.com/world/asia-pacific/doha-ceasefire-2025-10-19/"],
  ["notes", ""],
];

it("accepts a complete source, and an undated one without an address", () => {
  expect(parse(GOOD).status).toBe("success");
  const bare = parse([["kind", "official_statement"], ["publisher", "ISPR"], ["title", "Press release"]]);
  expect(bare.status).toBe("success");
});

it("explains each mistake next to its field", () => {
  const s = parse([["kind", ""], ["publisher", " "], ["title", ""], ["publishedOn", "2025-02-30"], ["url", "www.reuters.com/x"]]);
  expect(s.status).toBe("error");
  expect(s.error).toEqual({
    kind: ["Choose what kind of source this is."],
    publisher: ["Enter the publisher."],
    title: ["Enter the title."],
    publishedOn: ["This is not a real calendar date."],
    datePrecision: ["Say how precisely the publication date is known."],
    url: ["Paste the full address, starting with https://"],
  });
});

it("takes a publication date and its precision together or not at all", () => {
  const withoutPrecision = Object.fromEntries(GOOD.filter(([k]) => k !== "datePrecision"));
  expect(parse(Object.entries(withoutPrecision)).error).toEqual({ datePrecision: ["Say how precisely the publication date is known."] });
  const withoutDate = GOOD.filter(([k]) => k !== "publishedOn");
  expect(parse(withoutDate).error).toEqual({ publishedOn: ["Enter the publication date, or leave “Known to the” empty."] });
});

it("accepts only http and https addresses", () => {
  for (const url of ["javascript:alert(document.cookie)", "JAVASCRIPT:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x", "http:example.org", "https://"]) {
    const s = parse([...GOOD.filter(([k]) => k !== "url"), ["url", url]]);
    expect(s.error, url).toEqual({ url: ["Paste the full address, starting with https://"] });
  }
  expect(parse([...GOOD.filter(([k]) => k !== "url"), ["url", "http://dawn.com/news/1"]]).status).toBe("success");
});

it("asks for an edit summary only when editing", () => {
  expect(parse(GOOD, "new").status).toBe("success");
  expect(parse([...GOOD, ["summary", "ok"]], "edit").error).toEqual({ summary: ["Say briefly what you changed and why."] });
  expect(parse([...GOOD, ["summary", "Fixed the date"]], "edit").status).toBe("success");
});

describeEachEngine("source editor", (t) => {
  async function setUp() {
    await t.load(buildDataset({}));
    const s = await signIn(t);
    const source = await t.db.selectFrom("sources").selectAll().executeTakeFirstOrThrow();
    return { ...s, source };
  }

  it("sends a signed-out visitor to sign in, and writes nothing", async () => {
    const s = await setUp();
    const before = await written(t);
    const create = await call(newSource.action, formPost("/sources/new", GOOD, s.anonymous));
    expect(create.status).toBe(302);
    expect(create.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const edit = await call(editSource.action, formPost(`/sources/${s.source.id}/edit`, [...GOOD, ["version", "1"], ["summary", "Sneaky"]], s.anonymous), { id: String(s.source.id) });
    expect(edit.status).toBe(302);
    expect((await call(editSource.loader, getRequest(`/sources/${s.source.id}/edit`, s.anonymous), { id: String(s.source.id) })).status).toBe(302);
    expect(await written(t)).toEqual(before);
  });

  it("creates a source with a create revision, and goes to its page", async () => {
    const s = await setUp();
    const response = await call(newSource.action, formPost("/sources/new", GOOD, s.asEditor));
    expect(response.status).toBe(302);
    const created = await t.db.selectFrom("sources").selectAll().where("publisher", "=", "Reuters").executeTakeFirstOrThrow();
    expect(response.headers.get("Location")).toBe(`/sources/${created.id}`);
    expect(created).toMatchObject({ kind: "news", author: null, published_on: "2025-10-19", date_precision: "day", notes: null, version: 1 });
    const revs = await revisionsOf(t, "source", created.id);
    expect(revs).toHaveLength(1);
    expect(revs[0]).toMatchObject({ action: "create", user_id: s.editor.id, summary: `Created source ${created.title}`, before: null });
  });

  it("refuses a javascript: address with a message next to the field, and writes nothing", async () => {
    const s = await setUp();
    const before = await written(t);
    const response = await call(newSource.action, formPost("/sources/new", [...GOOD.filter(([k]) => k !== "url"), ["url", "javascript:alert(1)"]], s.asEditor));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toEqual({ url: ["Paste the full address, starting with https://"] });
    // The editor's input comes back to the form.
    expect(body.initialValue).toMatchObject({ url: "javascript:alert(1)", publisher: "Reuters" });
    expect(await written(t)).toEqual(before);
  });

  it("saves an edit with an update revision holding the summary; an undated source drops its precision", async () => {
    const s = await setUp();
    const pairs: Pairs = [["kind", "analysis"], ["publisher", "Crisis Group"], ["title", "Briefing"], ["datePrecision", ""], ["version", "1"], ["summary", "Corrected the publisher"]];
    const response = await call(editSource.action, formPost(`/sources/${s.source.id}/edit`, pairs, s.asEditor), { id: String(s.source.id) });
    expect(response.status).toBe(302);
    const after = await t.db.selectFrom("sources").selectAll().where("id", "=", s.source.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ kind: "analysis", publisher: "Crisis Group", published_on: null, date_precision: null, version: 2 });
    const revs = await revisionsOf(t, "source", s.source.id);
    expect(revs.map((r) => r.action)).toEqual(["create", "update"]);
    expect(revs[1]).toMatchObject({ summary: "Corrected the publisher", user_id: s.editor.id });
  });

  it("refuses an edit made from an older version with 409, says what changed, and keeps the record", async () => {
    const s = await setUp();
    const first = await call(editSource.action, formPost(`/sources/${s.source.id}/edit`, [...GOOD, ["version", "1"], ["summary", "First editor"]], s.asEditor), { id: String(s.source.id) });
    expect(first.status).toBe(302);
    const before = await written(t);
    const late = [...GOOD.filter(([k]) => k !== "title"), ["title", "Second editor's title"], ["version", "1"], ["summary", "Second editor"]] as Pairs;
    const response = await call(editSource.action, formPost(`/sources/${s.source.id}/edit`, late, s.asEditor), { id: String(s.source.id) });
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.conflict).toMatchObject({ by: "Ed Itor", summary: "First editor", currentVersion: 2 });
    expect(body.conflict.changes.map((c: { field: string }) => c.field)).toContain("title");
    expect(body.initialValue).toMatchObject({ title: "Second editor's title" });
    expect(await written(t)).toEqual(before);
  });

  it("answers 404 for an unknown or non-numeric source id", async () => {
    const s = await setUp();
    for (const id of ["999", "abc", "1.5"]) {
      expect((await call(editSource.loader, getRequest(`/sources/${id}/edit`, s.asEditor), { id })).status).toBe(404);
    }
  });
});
