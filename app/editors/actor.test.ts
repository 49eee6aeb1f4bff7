import { parseWithZod } from "@conform-to/zod/v4";
import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine } from "../../tests/support/db";
import { getRequest } from "../../tests/support/session";
import * as editActor from "~/routes/actors.$slug_.edit";
import * as newActor from "~/routes/actors.new";
import { actorSchema } from "./actor";
import { call, formPost, revisionsOf, signIn, written, type Pairs } from "./source.testkit";

function parse(pairs: Pairs, mode: "new" | "edit" = "new") {
  const form = new FormData();
  for (const [k, v] of pairs) form.append(k, v);
  const s = parseWithZod(form, { schema: actorSchema(mode) });
  return s.status === "success" ? { status: s.status, value: s.value, error: undefined } : { status: s.status, value: undefined, error: s.error };
}

it("accepts an actor and reads its other names one per line", () => {
  const s = parse([
    ["name", "Tehrik-i-Taliban Pakistan"],
    ["shortName", "TTP"],
    ["kind", "armed_group"],
    ["countryCode", "pk"],
    ["aliases", " Tehreek-e-Taliban Pakistan \r\n\r\nPakistani Taliban\nTehreek-e-Taliban Pakistan\n"],
    ["slug", ""],
  ]);
  expect(s.status).toBe("success");
  expect(s.value).toMatchObject({ countryCode: "PK", aliases: ["Tehreek-e-Taliban Pakistan", "Pakistani Taliban"], sources: [] });
});

it("explains each mistake next to its field", () => {
  const s = parse([["name", ""], ["kind", "militia"], ["countryCode", "Pakistan"], ["slug", "Not A Slug"], ["aliases", `ok\n${"x".repeat(201)}`]]);
  expect(s.error).toEqual({
    name: ["Enter the name."],
    kind: ["Choose what kind of actor this is."],
    countryCode: ["Enter the two-letter country code, e.g. QA."],
    slug: ["Use lowercase letters, digits and single hyphens, e.g. doha-2025-10."],
    aliases: ["Keep each name under 200 characters."],
  });
});

it("wants a new source whole or not at all", () => {
  const s = parse([["name", "ISKP"], ["kind", "armed_group"], ["newSourceUrl", "https://example.org/report"]]);
  expect(s.error).toEqual({
    newSourceTitle: ["Enter the new source’s title, or empty all the new-source fields."],
    newSourcePublisher: ["Enter the new source’s publisher, or empty all the new-source fields."],
    newSourceKind: ["Choose what kind of source the new one is."],
  });
  const bad = parse([["name", "ISKP"], ["kind", "armed_group"], ["newSourceTitle", "T"], ["newSourcePublisher", "P"], ["newSourceKind", "news"], ["newSourceUrl", "javascript:alert(1)"]]);
  expect(bad.error).toEqual({ newSourceUrl: ["Paste the full address, starting with https://"] });
});

describeEachEngine("actor editor", (t) => {
  async function setUp() {
    await t.load(
      buildDataset({
        sources: [make.source("second")],
        actors: [make.actor("ttp", { name: "Tehrik-i-Taliban Pakistan", kind: "armed_group", sources: [{ source: "test-source", locator: "p. 3" }] })],
      }),
    );
    const s = await signIn(t);
    const ttp = await t.db.selectFrom("actors").selectAll().where("slug", "=", "ttp").executeTakeFirstOrThrow();
    const sourceId = async (title: string) => (await t.db.selectFrom("sources").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
    return { ...s, ttp, testSource: await sourceId("Report test-source"), second: await sourceId("Report second") };
  }

  /** The edit form's values as the page would post them back unchanged. */
  async function editFormOf(slug: string, cookie: string): Promise<Pairs> {
    const page = await (await call(editActor.loader, getRequest(`/actors/${slug}/edit`, cookie), { slug })).json();
    const d = page.defaultValue;
    return [
      ["name", d.name],
      ["shortName", d.shortName ?? ""],
      ["kind", d.kind],
      ["countryCode", d.countryCode ?? ""],
      ["description", d.description],
      ["aliases", d.aliases],
      ["slug", d.slug],
      ...d.sources.map((id: string): [string, string] => ["sources", id]),
      ["version", String(page.actor.version)],
    ];
  }

  it("sends a signed-out visitor to sign in, and writes nothing", async () => {
    const s = await setUp();
    const before = await written(t);
    const create = await call(newActor.action, formPost("/actors/new", [["name", "ISKP"], ["kind", "armed_group"]], s.anonymous));
    expect(create.status).toBe(302);
    expect(create.headers.get("Location")).toMatch(/^\/login/);
    const edit = await call(editActor.action, formPost("/actors/ttp/edit", [["name", "X"], ["kind", "state"], ["version", "1"], ["summary", "Sneaky"]], s.anonymous), { slug: "ttp" });
    expect(edit.status).toBe(302);
    expect((await call(newActor.loader, getRequest("/actors/new", s.anonymous))).status).toBe(302);
    expect(await written(t)).toEqual(before);
  });

  it("creates an actor whose other names come back one per line, and survive an unchanged save", async () => {
    const s = await setUp();
    const response = await call(
      newActor.action,
      formPost("/actors/new", [["name", "Islamic State Khorasan Province"], ["shortName", "ISKP"], ["kind", "armed_group"], ["aliases", "ISIS-K\nIS-K\n\nISIS-K"], ["sources", String(s.second)]], s.asEditor),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/actors/islamic-state-khorasan-province");
    const created = await t.db.selectFrom("actors").selectAll().where("slug", "=", "islamic-state-khorasan-province").executeTakeFirstOrThrow();
    expect(created).toMatchObject({ short_name: "ISKP", country_code: null, description: "", aliases: ["ISIS-K", "IS-K"] });
    const revs = await revisionsOf(t, "actor", created.id);
    expect(revs).toMatchObject([{ action: "create", user_id: s.editor.id, summary: "Created actor Islamic State Khorasan Province" }]);
    expect((revs[0].after as any).children.citations).toEqual([{ source_id: s.second, locator: null }]);

    const form = await editFormOf(created.slug, s.asEditor);
    expect(Object.fromEntries(form).aliases).toBe("ISIS-K\nIS-K");
    const saved = await call(editActor.action, formPost(`/actors/${created.slug}/edit`, [...form, ["summary", "Checked the names"]], s.asEditor), { slug: created.slug });
    expect(saved.status).toBe(302);
    const after = await t.db.selectFrom("actors").select(["aliases", "version"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ aliases: ["ISIS-K", "IS-K"], version: 2 });
  });

  it("saves an edit with its summary, keeps the locator of a source it still cites, and cites a new source made in the same change", async () => {
    const s = await setUp();
    const form = (await editFormOf("ttp", s.asEditor)).filter(([k]) => k !== "aliases");
    const pairs: Pairs = [
      ...form,
      ["aliases", "Pakistani Taliban"],
      ["newSourceTitle", "TTP profile"],
      ["newSourcePublisher", "Crisis Group"],
      ["newSourceKind", "analysis"],
      ["newSourceUrl", "https://www.crisisgroup.org/ttp"],
      ["summary", "Added a name and a profile"],
    ];
    const response = await call(editActor.action, formPost("/actors/ttp/edit", pairs, s.asEditor), { slug: "ttp" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/actors/ttp");
    const made = await t.db.selectFrom("sources").selectAll().where("title", "=", "TTP profile").executeTakeFirstOrThrow();
    expect(made).toMatchObject({ publisher: "Crisis Group", kind: "analysis", url: "https://www.crisisgroup.org/ttp" });
    const citations = await t.db.selectFrom("citations").select(["source_id", "locator"]).where("actor_id", "=", s.ttp.id).orderBy("source_id").execute();
    expect(citations).toEqual([
      { source_id: s.testSource, locator: "p. 3" },
      { source_id: made.id, locator: null },
    ]);
    const [, update] = await revisionsOf(t, "actor", s.ttp.id);
    expect(update).toMatchObject({ action: "update", summary: "Added a name and a profile", user_id: s.editor.id });
    const [sourceRev] = await revisionsOf(t, "source", made.id);
    expect(sourceRev).toMatchObject({ action: "create", change_id: update.change_id });
  });

  it("answers a taken short name, and a deleted source, next to the field, writing nothing", async () => {
    const s = await setUp();
    await t.db.updateTable("sources").set({ deleted_at: new Date().toISOString() }).where("id", "=", s.second).execute();
    const before = await written(t);
    const taken = await call(newActor.action, formPost("/actors/new", [["name", "TTP"], ["kind", "armed_group"], ["slug", "ttp"]], s.asEditor));
    expect(taken.status).toBe(400);
    expect((await taken.json()).error.slug[0]).toMatch(/Another actor already uses this short name/);
    const gone = await call(newActor.action, formPost("/actors/new", [["name", "ISKP"], ["kind", "armed_group"], ["sources", String(s.second)]], s.asEditor));
    expect(gone.status).toBe(400);
    expect((await gone.json()).error).toEqual({ sources: ["A source you chose has been deleted since the form was opened; choose again."] });
    const unnamed = await call(newActor.action, formPost("/actors/new", [["name", "طالبان"], ["kind", "armed_group"]], s.asEditor));
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).error.slug[0]).toMatch(/type one/);
    expect(await written(t)).toEqual(before);
  });

  it("refuses an edit made from an older version with 409, and changes nothing", async () => {
    const s = await setUp();
    const form = await editFormOf("ttp", s.asEditor);
    const rename = (name: string, summary: string): Pairs => [...form.filter(([k]) => k !== "name"), ["name", name], ["summary", summary]];
    expect((await call(editActor.action, formPost("/actors/ttp/edit", rename("TTP (Pakistani Taliban)", "First"), s.asEditor), { slug: "ttp" })).status).toBe(302);
    const before = await written(t);
    const late = await call(editActor.action, formPost("/actors/ttp/edit", rename("Second name", "Second"), s.asEditor), { slug: "ttp" });
    expect(late.status).toBe(409);
    const body = await late.json();
    expect(body.conflict).toMatchObject({ summary: "First", currentVersion: 2 });
    expect(body.conflict.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: "name" })]));
    expect(await written(t)).toEqual(before);
  });

  it("answers 404 for an unknown actor", async () => {
    const s = await setUp();
    expect((await call(editActor.loader, getRequest("/actors/nobody/edit", s.asEditor), { slug: "nobody" })).status).toBe(404);
  });
});
