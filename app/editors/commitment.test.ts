import { serializeIntent } from "@conform-to/dom";
import { parseWithZod } from "@conform-to/zod/v4";
import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine } from "../../tests/support/db";
import { getRequest } from "../../tests/support/session";
import { getCommitmentFacts } from "~/models/commitment-status.server";
import * as editCommitment from "~/routes/commitments.$id_.edit";
import * as newCommitment from "~/routes/commitments.new";
import { commitmentSchema } from "./commitment";
import { call, formPost, revisionsOf, signIn, written, type Pairs } from "./source.testkit";

function parse(pairs: Pairs, mode: "new" | "edit" = "new") {
  const form = new FormData();
  for (const [k, v] of pairs) form.append(k, v);
  const s = parseWithZod(form, { schema: commitmentSchema(mode) });
  return s.status === "success" ? { status: s.status, value: s.value, error: undefined } : { status: s.status, value: undefined, error: s.error };
}

const without = (pairs: Pairs, ...keys: string[]) => pairs.filter(([k]) => !keys.includes(k));

const GOOD: Pairs = [
  ["title", "Doha ceasefire"],
  ["wording", "The two sides agreed to an immediate ceasefire."],
  ["kind", "ceasefire"],
  ["process", "1"],
  ["round", ""],
  ["actors", "1"],
  ["actors", "2"],
  ["announcedOn", ""],
  ["takesEffectOn", "2025-10-19"],
  ["takesEffectPrecision", "day"],
  ["expiresOn", ""],
  ["fulfilledOn", ""],
  ["relations[0].relation", "supersedes"],
  ["relations[0].commitment", "7"],
  ["notes", ""],
  ["sources", "3"],
];

it("accepts a commitment announced outside a round, with a relation to an earlier one", () => {
  const s = parse(GOOD);
  expect(s.status).toBe("success");
  expect(s.value).toMatchObject({ process: 1, round: undefined, actors: [1, 2], relations: [{ relation: "supersedes", commitment: 7 }], sources: [3] });
});

it("explains each missing or wrong field next to it", () => {
  const s = parse([["title", ""], ["wording", ""], ["kind", ""], ["process", ""], ["takesEffectOn", ""], ["takesEffectPrecision", ""]]);
  expect(s.error).toEqual({
    title: ["Enter a title."],
    wording: ["Enter the wording."],
    kind: ["Choose what kind of commitment this is."],
    process: ["Choose the process."],
    actors: ["Choose at least one actor the commitment binds."],
    takesEffectOn: ["Enter the date it takes effect as a date."],
    takesEffectPrecision: ["Say how precisely the date is known."],
    sources: ["Choose at least one source, or add a new one below."],
  });
});

it("refuses an expiry or fulfilment before the commitment takes effect, alongside other errors", () => {
  const s = parse([...without(GOOD, "expiresOn", "fulfilledOn", "title"), ["title", ""], ["expiresOn", "2025-10-18"], ["fulfilledOn", "2025-10-01"]]);
  expect(s.error).toEqual({
    title: ["Enter a title."],
    expiresOn: ["The expiry cannot be before the day it takes effect."],
    fulfilledOn: ["It cannot be fulfilled before the day it takes effect."],
  });
  expect(parse([...without(GOOD, "expiresOn"), ["expiresOn", "2025-10-19"]]).status).toBe("success");
});

it("gives one message, not two, for a date that is not a date at all or not a real day", () => {
  // Typed by hand where the browser has no date picker, or posted without the page.
  const s = parse([...without(GOOD, "takesEffectOn", "expiresOn", "process"), ["takesEffectOn", "19/10/2025"], ["expiresOn", "2025-02-30"], ["process", "-1.5"]]);
  expect(s.error).toEqual({
    takesEffectOn: ["Enter the date it takes effect as a date, e.g. 2025-10-19."],
    expiresOn: ["This is not a real calendar date."],
    process: ["Choose the process."],
  });
});

it("checks each relation row, and a relation listed twice", () => {
  const s = parse([
    ...without(GOOD, "relations[0].relation", "relations[0].commitment"),
    ["relations[0].relation", "reaffirms"],
    ["relations[0].commitment", "5"],
    ["relations[1].relation", ""],
    ["relations[1].commitment", ""],
    ["relations[2].relation", "reaffirms"],
    ["relations[2].commitment", "5"],
  ]);
  expect(s.error).toEqual({
    "relations[1].relation": ["Say how it relates: reaffirms, amends or supersedes."],
    "relations[1].commitment": ["Choose the earlier commitment."],
    "relations[2].commitment": ["This relation is already listed above."],
  });
});

it("takes a new source instead of a chosen one", () => {
  const fresh: Pairs = [["newSourceTitle", "Joint statement"], ["newSourcePublisher", "Qatar MFA"], ["newSourceKind", "official_statement"]];
  expect(parse([...without(GOOD, "sources"), ...fresh]).status).toBe("success");
});

const dataset = buildDataset({
  processes: [make.process("other-process")],
  actors: [make.actor("qatar")],
  rounds: [make.round("doha-1"), make.round("elsewhere-1", { process: "other-process" })],
  commitments: [
    make.commitment("truce", { takesEffectOn: "2025-10-15", expiresOn: "2025-10-17" }),
    make.commitment("ceasefire", { round: "doha-1", sources: [{ source: "test-source", locator: "§ 2" }] }),
    make.commitment("withdrawn"),
  ],
  incidents: [make.incident("strike", { occurredOn: "2025-10-25" })],
  breaches: [make.breach("ceasefire", "strike", { assessment: "corroborated" })],
});

describeEachEngine("commitment editor", (t) => {
  async function setUp() {
    await t.load(dataset);
    const s = await signIn(t);
    const ids = async (table: "commitments" | "rounds" | "processes" | "actors" | "sources", column: string) =>
      Object.fromEntries((await (t.db as any).selectFrom(table).select(["id", column]).execute()).map((r: any) => [r[column], r.id as number]));
    const c = await ids("commitments", "title");
    const withdrawn = c["Commitment withdrawn"];
    await t.db.updateTable("commitments").set({ deleted_at: new Date().toISOString() }).where("id", "=", withdrawn).execute();
    return {
      ...s,
      truce: c["Commitment truce"],
      ceasefire: c["Commitment ceasefire"],
      withdrawn,
      rounds: await ids("rounds", "slug"),
      processes: await ids("processes", "slug"),
      actors: await ids("actors", "slug"),
      source: (await ids("sources", "title"))["Report test-source"],
    };
  }
  type S = Awaited<ReturnType<typeof setUp>>;

  function newForm(s: S): Pairs {
    return [
      ["title", "Riyadh ceasefire"],
      ["wording", "The parties reaffirmed the Doha ceasefire.\n\nSee https://example.org/riyadh."],
      ["kind", "ceasefire"],
      ["process", String(s.processes["test-process"])],
      ["round", String(s.rounds["doha-1"])],
      ["actors", String(s.actors["party-a"])],
      ["actors", String(s.actors["party-b"])],
      ["takesEffectOn", "2025-12-07"],
      ["takesEffectPrecision", "day"],
      ["relations[0].relation", "reaffirms"],
      ["relations[0].commitment", String(s.ceasefire)],
      ["sources", String(s.source)],
    ];
  }

  /** The edit form's values as the page would post them back unchanged. */
  async function editFormOf(id: number, cookie: string): Promise<Pairs> {
    const page = await (await call(editCommitment.loader, getRequest(`/commitments/${id}/edit`, cookie), { id: String(id) })).json();
    const d = page.defaultValue;
    const pairs: Pairs = [];
    for (const [k, v] of Object.entries(d)) {
      if (k === "relations") (v as { relation: string; commitment: string }[]).forEach((r, i) => pairs.push([`relations[${i}].relation`, r.relation], [`relations[${i}].commitment`, r.commitment]));
      else if (Array.isArray(v)) for (const x of v) pairs.push([k, x]);
      else pairs.push([k, v == null ? "" : String(v)]);
    }
    return [...pairs, ["version", String(page.commitment.version)]];
  }

  const post = (s: S, pairs: Pairs, id?: number) =>
    id === undefined
      ? call(newCommitment.action, formPost("/commitments/new", pairs, s.asEditor))
      : call(editCommitment.action, formPost(`/commitments/${id}/edit`, pairs, s.asEditor), { id: String(id) });

  it("sends a signed-out visitor to sign in, and writes nothing", async () => {
    const s = await setUp();
    const before = await written(t);
    const create = await call(newCommitment.action, formPost("/commitments/new", newForm(s), s.anonymous));
    expect(create.status).toBe(302);
    expect(create.headers.get("Location")).toMatch(/^\/login/);
    const edit = await call(editCommitment.action, formPost(`/commitments/${s.ceasefire}/edit`, [...newForm(s), ["version", "1"], ["summary", "Sneaky"]], s.anonymous), { id: String(s.ceasefire) });
    expect(edit.status).toBe(302);
    expect((await call(editCommitment.loader, getRequest(`/commitments/${s.ceasefire}/edit`, s.anonymous), { id: String(s.ceasefire) })).status).toBe(302);
    expect(await written(t)).toEqual(before);
  });

  it("creates a commitment with its bound actors, relation and sources, and a create revision", async () => {
    const s = await setUp();
    const fresh: Pairs = [["newSourceTitle", "Riyadh statement"], ["newSourcePublisher", "Saudi Press Agency"], ["newSourceKind", "official_statement"], ["newSourceUrl", "https://www.spa.gov.sa/x"]];
    const response = await post(s, [...newForm(s), ...fresh]);
    expect(response.status).toBe(302);
    const created = await t.db.selectFrom("commitments").selectAll().where("title", "=", "Riyadh ceasefire").executeTakeFirstOrThrow();
    expect(response.headers.get("Location")).toBe(`/commitments/${created.id}`);
    expect(created).toMatchObject({ round_id: s.rounds["doha-1"], takes_effect_on: "2025-12-07", expires_on: null, announced_on: null, notes: null, version: 1 });
    const [rev] = await revisionsOf(t, "commitment", created.id);
    expect(rev).toMatchObject({ action: "create", user_id: s.editor.id, summary: "Created commitment Riyadh ceasefire" });
    const children = (rev.after as any).children;
    expect(children.parties.map((p: any) => p.actor_id).sort()).toEqual([s.actors["party-a"], s.actors["party-b"]].sort());
    expect(children.relations).toEqual([{ relation: "reaffirms", related_commitment_id: s.ceasefire }]);
    const made = await t.db.selectFrom("sources").select("id").where("title", "=", "Riyadh statement").executeTakeFirstOrThrow();
    expect(children.citations.map((c: any) => c.source_id).sort()).toEqual([s.source, made.id].sort());
  });

  it("answers what only the database knows next to the field: a round of another process, a deleted commitment, itself", async () => {
    const s = await setUp();
    const before = await written(t);
    const otherRound = await post(s, [...without(newForm(s), "round"), ["round", String(s.rounds["elsewhere-1"])]]);
    expect(otherRound.status).toBe(400);
    expect((await otherRound.json()).error).toEqual({ round: ["This round belongs to another process: choose the round’s process above, or another round."] });

    const deleted = await post(s, [...newForm(s), ["relations[1].relation", "supersedes"], ["relations[1].commitment", String(s.withdrawn)]]);
    expect(deleted.status).toBe(400);
    const body = await deleted.json();
    expect(body.error).toEqual({ "relations[1].commitment": ["That commitment has been deleted since the form was opened; choose another or remove this row."] });
    expect(body.initialValue.relations).toHaveLength(2);

    const form = await editFormOf(s.ceasefire, s.asEditor);
    const itself = await post(s, [...form, ["relations[0].relation", "amends"], ["relations[0].commitment", String(s.ceasefire)], ["summary", "Loop"]], s.ceasefire);
    expect(itself.status).toBe(400);
    expect((await itself.json()).error).toEqual({ "relations[0].commitment": ["A commitment cannot relate to itself; choose an earlier one."] });
    expect(await written(t)).toEqual(before);
  });

  it("adds a relation row without JavaScript: the form comes back with the row and the input, nothing written", async () => {
    const s = await setUp();
    const before = await written(t);
    const response = await post(s, [...newForm(s), ["__intent__", serializeIntent({ type: "insert", payload: { name: "relations" } })]]);
    const body = await response.json();
    expect(body.initialValue.relations).toHaveLength(2);
    expect(body.initialValue.title).toBe("Riyadh ceasefire");
    expect(await written(t)).toEqual(before);
  });

  it("saves an edit with an update revision, keeping the locators of the sources it still cites", async () => {
    const s = await setUp();
    const form = await editFormOf(s.ceasefire, s.asEditor);
    expect(Object.fromEntries(form)).toMatchObject({ round: String(s.rounds["doha-1"]), takesEffectPrecision: "day", expiresOn: "" });
    const response = await post(s, [...without(form, "notes"), ["notes", "Mediated by Qatar and Türkiye."], ["summary", "Added a note"]], s.ceasefire);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/commitments/${s.ceasefire}`);
    const after = await t.db.selectFrom("commitments").select(["notes", "version"]).where("id", "=", s.ceasefire).executeTakeFirstOrThrow();
    expect(after).toEqual({ notes: "Mediated by Qatar and Türkiye.", version: 2 });
    const revs = await revisionsOf(t, "commitment", s.ceasefire);
    expect(revs.map((r) => r.action)).toEqual(["create", "update"]);
    expect(revs[1]).toMatchObject({ summary: "Added a note", user_id: s.editor.id });
    expect((revs[1].after as any).children.citations).toEqual([{ source_id: s.source, locator: "§ 2" }]);
  });

  it("refuses an edit made from an older version with 409, shows the other change, and keeps the record", async () => {
    const s = await setUp();
    const form = await editFormOf(s.ceasefire, s.asEditor);
    const retitle = (title: string, summary: string): Pairs => [...without(form, "title"), ["title", title], ["summary", summary]];
    expect((await post(s, retitle("Doha ceasefire", "First editor"), s.ceasefire)).status).toBe(302);
    const before = await written(t);
    const late = await post(s, retitle("Doha truce", "Second editor"), s.ceasefire);
    expect(late.status).toBe(409);
    const body = await late.json();
    expect(body.conflict).toMatchObject({ by: "Ed Itor", summary: "First editor", currentVersion: 2 });
    expect(body.conflict.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: "title" })]));
    expect(body.initialValue.title).toBe("Doha truce");
    expect(body.error).toBeDefined();
    expect(await written(t)).toEqual(before);
  });

  it("changes the derived status when the expiry moves: a breach after the new expiry no longer counts", async () => {
    const s = await setUp();
    const asOf = "2025-11-15";
    expect((await getCommitmentFacts(t.db, [s.ceasefire], asOf)).get(s.ceasefire)).toMatchObject({ status: "broken", breachCount: 1, firstBreachOn: "2025-10-25" });
    const form = await editFormOf(s.ceasefire, s.asEditor);
    const response = await post(s, [...without(form, "expiresOn"), ["expiresOn", "2025-10-22"], ["summary", "The ceasefire ran until 22 October"]], s.ceasefire);
    expect(response.status).toBe(302);
    expect((await getCommitmentFacts(t.db, [s.ceasefire], asOf)).get(s.ceasefire)).toMatchObject({ status: "lapsed", breachCount: 0, firstBreachOn: null, daysHeld: 3 });
  });

  it("answers 404 for an unknown, deleted or non-numeric commitment", async () => {
    const s = await setUp();
    for (const id of ["999", String(s.withdrawn), "doha"]) {
      expect((await call(editCommitment.loader, getRequest(`/commitments/${id}/edit`, s.asEditor), { id })).status).toBe(404);
    }
  });

  // The session's user, the record with its four kinds of child rows, and each picker's current
  // values and list: a fixed count, however many records there are.
  it("offers every choice the form needs in a fixed number of queries, never the commitment itself", async () => {
    const s = await setUp();
    t.resetQueryCount();
    const page = await (await call(editCommitment.loader, getRequest(`/commitments/${s.ceasefire}/edit`, s.asEditor), { id: String(s.ceasefire) })).json();
    const queries = t.queries.length;
    expect(page.options.commitments.map((o: { value: string }) => o.value)).toEqual([String(s.truce)]);
    expect(page.options.rounds.map((o: { value: string }) => o.value)).toContain(String(s.rounds["doha-1"]));
    t.resetQueryCount();
    await call(newCommitment.loader, getRequest("/commitments/new", s.asEditor));
    // A new form has no current values to look up; the ceasefire relates to no other commitment.
    expect({ edit: queries, new: t.queries.length }).toEqual({ edit: 1 + 5 + 5 * 2 - 1, new: 1 + 5 });
  });
});
