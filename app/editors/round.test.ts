// The round editor: its schema, and its actions called as Remix would call them. One save records
// the round with the venue, actors, sources and commitments it brings, or nothing at all.
import { parseWithZod } from "@conform-to/zod/v4";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine, type TestDatabase } from "../../tests/support/db";
import { callLoader, useAppDatabase } from "../../tests/support/routes";
import { TEST_CSRF, sessionCookie } from "../../tests/support/session";
import { createUser } from "~/auth/users.server";
import { Paragraphs } from "~/components/record";
import * as editRoute from "~/routes/rounds.$slug_.edit";
import * as roundPage from "~/routes/rounds.$slug";
import * as newRoute from "~/routes/rounds.new";
import { roundSchema } from "./round";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

type Entries = [string, string][];

function formData(entries: Entries) {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
}

function post(path: string, entries: Entries, cookie: string) {
  return new Request(new URL(path, "http://parley.test"), {
    method: "POST",
    body: new URLSearchParams(entries),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

/** Calls a loader or action with route params; thrown Responses (redirects, 404s) are returned. */
async function call(fn: (args: any) => unknown, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) return result;
    const maybe = result as { type?: string; data?: unknown; init?: ResponseInit };
    if (maybe?.type === "DataWithResponseInit") return Response.json(maybe.data, maybe.init ?? {});
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("round schema", () => {
  const parse = (entries: Entries, mode: "new" | "edit" = "new") => parseWithZod(formData(entries), { schema: roundSchema(mode) });
  const base: Entries = [
    ["title", "Doha talks"],
    ["process", "1"],
    ["startDate", "2025-10-18"],
    ["startPrecision", "day"],
    ["format", "mediated"],
    ["outcome", "agreement"],
    ["sources", "3"],
  ];

  it("accepts a round with no optional part filled in, new venue included", () => {
    const s = parse([...base, ["newVenue.city", ""], ["newVenue.latitude", ""], ["endPrecision", "day"]]);
    expect(s.status).toBe("success");
    if (s.status !== "success") return;
    expect(s.value).toMatchObject({ title: "Doha talks", process: 1, sources: [3], mediators: [], commitments: [], newActors: [] });
    expect(s.value.endDate).toBeUndefined();
  });

  it("says what is wrong next to each field, all at once", () => {
    const s = parse([
      ["title", ""],
      ["process", ""],
      ["startDate", "2025-10-20"],
      ["startPrecision", "day"],
      ["endDate", "2025-10-19"],
      ["endPrecision", "day"],
      ["format", "mediated"],
      ["outcome", "agreement"],
      ["venue", "2"],
      ["newVenue.city", "Muscat"],
      ["mediators", "7"],
      ["parties", "7"],
      ["parties", "8"],
      ["commitments[0].title", "Truce"],
      ["commitments[0].wording", "Stop firing."],
      ["commitments[0].kind", "ceasefire"],
      ["commitments[0].takesEffectOn", "2025-10-20"],
      ["commitments[0].takesEffectPrecision", "day"],
      ["commitments[0].expiresOn", "2025-10-01"],
    ]);
    expect(s.status).toBe("error");
    if (s.status !== "error") return;
    expect(s.error).toMatchObject({
      title: ["Enter the title of the round."],
      process: ["Choose the process this round belongs to."],
      endDate: ["The end date cannot be before the start date."],
      "newVenue.city": ["Choose an existing venue or describe a new one, not both."],
      parties: ["An actor cannot be both a party and a mediator of the same round: untick it in one of the two lists."],
      sources: ["Cite at least one source: choose one from the list, or add a new one below."],
      "commitments[0].expiresOn": ["It cannot expire before it takes effect."],
    });
  });

  it("asks for the rest of a new venue once part of it is given, with the venue form's messages", () => {
    const s = parse([...base, ["newVenue.city", "Muscat"], ["newVenue.latitude", "123"]]);
    expect(s.status).toBe("error");
    if (s.status !== "error") return;
    expect(s.error).toMatchObject({
      "newVenue.country": ["Enter the country."],
      "newVenue.countryCode": ["Enter the two-letter country code, e.g. QA."],
      "newVenue.latitude": ["Latitude runs from −90 to 90."],
      "newVenue.longitude": ["Enter the longitude in degrees, e.g. 51.5310."],
    });
  });

  it("checks new actors, sources and commitments row by row", () => {
    const s = parse([
      ...base,
      ["newActors[0].name", "Oman"],
      ["newActors[0].kind", "state"],
      ["newActors[0].role", "host"],
      ["newActors[1].name", "oman"],
      ["newActors[1].kind", "state"],
      ["newActors[1].role", "observer"],
      ["newActors[1].countryCode", "Oman"],
      ["newSources[0].url", "javascript:alert(1)"],
      ["newSources[0].title", ""],
      ["newSources[0].publisher", "Wire"],
      ["newSources[0].kind", "news"],
      ["commitments[0].title", "Truce"],
      ["commitments[0].wording", "Stop."],
      ["commitments[0].kind", "ceasefire"],
      ["commitments[0].takesEffectOn", "2025-02-30"],
      ["commitments[0].takesEffectPrecision", "day"],
    ]);
    expect(s.status).toBe("error");
    if (s.status !== "error") return;
    expect(s.error).toMatchObject({
      "newActors[1].name": ["This new actor is listed twice."],
      "newActors[1].countryCode": ["Enter the two-letter country code, e.g. QA."],
      "newSources[0].url": ["Paste the full web address, starting with https:// or http://."],
      "newSources[0].title": ["Enter the title of the source."],
      "commitments[0].takesEffectOn": ["This is not a real calendar date."],
      // No existing party and no new one: the commitment must say whom it binds.
      "commitments[0].boundActors": ["Choose who is bound by this commitment: the round has no parties to bind by default."],
    });
  });

  it("wants an edit summary when editing", () => {
    const s = parse([...base, ["summary", "ok"]], "edit");
    expect(s.status === "error" && s.error?.summary).toEqual(["Say briefly what you changed and why."]);
  });
});

describe("Paragraphs", () => {
  const html = (text: string) => renderToStaticMarkup(createElement(Paragraphs, { text }));

  it("splits paragraphs and turns bare http(s) addresses into safe links", () => {
    const out = html("Talks resumed (see https://example.org/a_(b)/c?x=1&y=2).\n\nMore at http://example.net/report.");
    expect(out).toBe(
      '<div class="prose"><p>Talks resumed (see <a href="https://example.org/a_(b)/c?x=1&amp;y=2" rel="noopener noreferrer nofollow">https://example.org/a_(b)/c?x=1&amp;y=2</a>).</p>' +
        '<p>More at <a href="http://example.net/report" rel="noopener noreferrer nofollow">http://example.net/report</a>.</p></div>',
    );
  });

  it("leaves javascript: addresses and markup as text", () => {
    const out = html('javascript:alert(1) <script>alert(2)</script> <a href="javascript:alert(3)">x</a> <img src=x onerror=alert(4)>');
    expect(out).not.toContain("<a ");
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    // An address hidden inside markup becomes a link to that address only, never to script.
    const inside = html('<a href="https://example.org/x">y</a>');
    expect(inside).toContain('<a href="https://example.org/x" rel="noopener noreferrer nofollow">https://example.org/x</a>');
    expect(inside).toContain("&lt;a href=&quot;");
  });
});

const dataset = buildDataset({
  sources: [make.source("doha-statement", { title: "Doha joint statement", url: "https://example.org/doha" })],
  actors: [make.actor("qatar"), make.actor("turkiye", { name: "Türkiye" }), make.actor("oman-gov", { name: "Oman" })],
  venues: [make.venue("doha")],
  rounds: [
    make.round("doha-round", {
      venue: "doha",
      participants: [
        { actor: "qatar", role: "mediator", note: "lead mediator" },
        { actor: "party-a", role: "party" },
        { actor: "party-b", role: "party" },
      ],
      sources: [{ source: "doha-statement", locator: "para. 2" }],
    }),
  ],
  commitments: [make.commitment("doha-truce", { round: "doha-round" })],
});

describeEachEngine("round editor", (t: TestDatabase) => {
  async function setUp() {
    await t.load(dataset);
    useAppDatabase(t);
    const editor = (await createUser(t.db, { email: "ed@example.org", name: "Ed Itor", role: "editor", password: "a long enough password" }))!;
    const other = (await createUser(t.db, { email: "other@example.org", name: "Other Editor", role: "editor", password: "a long enough password" }))!;
    const ids = async (table: "actors" | "sources" | "processes" | "venues", column: "slug" | "url") => {
      const rows = (await t.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
      return Object.fromEntries(rows.map((r) => [String(r[column]), String(r.id)]));
    };
    return {
      editor,
      asEditor: await sessionCookie({ userId: editor.id }),
      asOther: await sessionCookie({ userId: other.id }),
      anonymous: await sessionCookie(),
      actor: await ids("actors", "slug"),
      process: await ids("processes", "slug"),
      venue: await ids("venues", "slug"),
      source: await ids("sources", "url"),
    };
  }

  /** Every row an editor could write, to show that a refused save wrote nothing. */
  async function everything() {
    const tables = ["rounds", "venues", "actors", "sources", "commitments", "round_participants", "commitment_parties", "citations", "revisions"] as const;
    const out: Record<string, unknown[]> = {};
    for (const table of tables) out[table] = await t.db.selectFrom(table).selectAll().orderBy(sqlOrder(table)).execute();
    return out;
  }
  const sqlOrder = (table: string) => (table === "round_participants" ? "round_id" : table === "commitment_parties" ? "commitment_id" : "id") as any;

  function newRoundForm(s: Awaited<ReturnType<typeof setUp>>): Entries {
    return [
      ["csrf", TEST_CSRF],
      ["title", "Muscat talks, December 2025"],
      ["process", s.process["test-process"]],
      ["startDate", "2025-12-01"],
      ["startPrecision", "day"],
      ["endDate", "2025-12-02"],
      ["endPrecision", "day"],
      ["format", "mediated"],
      ["outcome", "agreement"],
      ["roundSummary", "The parties met in Muscat.\n\nSee https://example.org/muscat."],
      ["mediators", s.actor["qatar"]],
      ["mediators", s.actor["turkiye"]],
      ["parties", s.actor["party-a"]],
      ["parties", s.actor["party-b"]],
      ["newVenue.city", "Muscat"],
      ["newVenue.country", "Oman"],
      ["newVenue.countryCode", "om"],
      ["newVenue.latitude", "23.588"],
      ["newVenue.longitude", "58.3829"],
      ["sources", s.source["https://example.org/doha"]],
      ["newSources[0].url", "https://example.org/muscat-communique"],
      ["newSources[0].title", "Muscat communiqué"],
      ["newSources[0].publisher", "Oman News Agency"],
      ["newSources[0].kind", "official_statement"],
      ["newSources[0].publishedOn", "2025-12-02"],
      ["commitments[0].title", "Ceasefire extended"],
      ["commitments[0].wording", "The parties extend the ceasefire."],
      ["commitments[0].kind", "ceasefire"],
      ["commitments[0].takesEffectOn", "2025-12-02"],
      ["commitments[0].takesEffectPrecision", "day"],
      ["commitments[1].title", "Border commission"],
      ["commitments[1].wording", "Party A convenes a border commission."],
      ["commitments[1].kind", "border_mechanism"],
      ["commitments[1].boundActors", s.actor["party-a"]],
      ["commitments[1].takesEffectOn", "2025-12-10"],
      ["commitments[1].takesEffectPrecision", "week"],
      ["commitments[1].expiresOn", "2026-06-30"],
    ];
  }

  it("creates the round, its new venue, source and two commitments in one change, each with a revision", async () => {
    const s = await setUp();
    const response = await call(newRoute.action, post("/rounds/new", newRoundForm(s), s.asEditor));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/rounds/muscat-talks-december-2025");

    const revisions = await t.db.selectFrom("revisions").select(["record_type", "record_id", "action", "user_id", "change_id", "summary"]).where("change_id", "is not", null).orderBy("id").execute();
    expect(revisions.map((r) => r.record_type)).toEqual(["venue", "source", "round", "commitment", "commitment"]);
    expect(new Set(revisions.map((r) => r.change_id)).size).toBe(1);
    expect(revisions.every((r) => r.action === "create" && r.user_id === s.editor.id)).toBe(true);
    expect(revisions[0].summary).toBe("Created with round “Muscat talks, December 2025”");

    const venue = await t.db.selectFrom("venues").selectAll().where("slug", "=", "muscat").executeTakeFirstOrThrow();
    expect(venue).toMatchObject({ city: "Muscat", country: "Oman", country_code: "OM", latitude: 23.588, longitude: 58.3829 });

    const page = await callLoader(roundPage.loader, "/rounds/muscat-talks-december-2025", { slug: "muscat-talks-december-2025" });
    expect(page.status).toBe(200);
    const { round } = await page.json();
    expect(round.venue).toEqual({ slug: "muscat", city: "Muscat", country: "Oman" });
    expect(round.endDate).toBe("2025-12-02");
    expect(round.participants.map((p: { slug: string; role: string }) => `${p.role}:${p.slug}`)).toEqual([
      "mediator:qatar",
      "mediator:turkiye",
      "party:party-a",
      "party:party-b",
    ]);
    expect(round.sources.map((c: { title: string }) => c.title).sort()).toEqual(["Doha joint statement", "Muscat communiqué"]);
    expect(round.commitments.map((c: { title: string; status: string }) => c.title)).toEqual(["Ceasefire extended", "Border commission"]);

    // Each commitment cites the round's sources; left without bound actors, one binds the parties.
    const commitments = await t.db.selectFrom("commitments").select(["id", "title", "round_id", "process_id", "expires_on", "takes_effect_precision"]).where("round_id", "=", round.id).orderBy("id").execute();
    expect(commitments[1]).toMatchObject({ expires_on: "2026-06-30", takes_effect_precision: "week", process_id: Number(s.process["test-process"]) });
    for (const c of commitments) {
      const cites = await t.db.selectFrom("citations").select("source_id").where("commitment_id", "=", c.id).execute();
      expect(cites).toHaveLength(2);
    }
    const bound = async (id: number) =>
      (await t.db.selectFrom("commitment_parties as cp").innerJoin("actors as a", "a.id", "cp.actor_id").select("a.slug").where("cp.commitment_id", "=", id).orderBy("a.slug").execute()).map((r) => r.slug);
    expect(await bound(commitments[0].id)).toEqual(["party-a", "party-b"]);
    expect(await bound(commitments[1].id)).toEqual(["party-a"]);
  });

  it("creates new actors in their roles and cites a pasted address already on record instead of duplicating it", async () => {
    const s = await setUp();
    const form = newRoundForm(s).filter(([k]) => !k.startsWith("newVenue") && !k.startsWith("commitments") && !k.startsWith("newSources"));
    form.push(
      ["venue", s.venue["doha"]],
      ["newActors[0].name", "Saudi Arabia"],
      ["newActors[0].kind", "state"],
      ["newActors[0].countryCode", "sa"],
      ["newActors[0].role", "host"],
      ["newSources[0].url", "https://example.org/doha"],
      ["newSources[0].title", "Same statement, pasted again"],
      ["newSources[0].publisher", "Someone"],
      ["newSources[0].kind", "news"],
    );
    const response = await call(newRoute.action, post("/rounds/new", form, s.asEditor));
    expect(response.status).toBe(302);
    const actor = await t.db.selectFrom("actors").selectAll().where("slug", "=", "saudi-arabia").executeTakeFirstOrThrow();
    expect(actor).toMatchObject({ name: "Saudi Arabia", kind: "state", country_code: "SA" });
    const round = await t.db.selectFrom("rounds").selectAll().where("slug", "=", "muscat-talks-december-2025").executeTakeFirstOrThrow();
    expect(round.venue_id).toBe(Number(s.venue["doha"]));
    const hosts = await t.db.selectFrom("round_participants").select("actor_id").where("round_id", "=", round.id).where("role", "=", "host").execute();
    expect(hosts).toEqual([{ actor_id: actor.id }]);
    expect(await t.db.selectFrom("sources").select("id").where("url", "=", "https://example.org/doha").execute()).toHaveLength(1);
    const actorCites = await t.db.selectFrom("citations").select("source_id").where("actor_id", "=", actor.id).execute();
    expect(actorCites).toEqual([{ source_id: Number(s.source["https://example.org/doha"]) }]);
  });

  it("answers bad input with 400 and every field's message, and writes nothing", async () => {
    const s = await setUp();
    const before = await everything();
    const form = newRoundForm(s).filter(([k]) => k !== "title");
    form.push(["venue", s.venue["doha"]], ["parties", s.actor["qatar"]]);
    const response = await call(newRoute.action, post("/rounds/new", form, s.asEditor));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toEqual({
      title: ["Enter the title of the round."],
      "newVenue.city": ["Choose an existing venue or describe a new one, not both."],
      parties: ["An actor cannot be both a party and a mediator of the same round: untick it in one of the two lists."],
    });
    // The editor's input comes back to be shown again.
    expect(body.initialValue).toMatchObject({ newVenue: { city: "Muscat" }, commitments: [{ title: "Ceasefire extended" }, { title: "Border commission" }] });
    expect(await everything()).toEqual(before);
  });

  it("undoes the new venue and source when a new actor turns out to exist already", async () => {
    const s = await setUp();
    const before = await everything();
    const form = newRoundForm(s);
    form.push(["newActors[0].name", "Oman"], ["newActors[0].kind", "state"], ["newActors[0].role", "host"]);
    // "Oman" makes the short name "oman", free; "Qatar" is already on record.
    form.push(["newActors[1].name", "Qatar"], ["newActors[1].kind", "state"], ["newActors[1].role", "observer"]);
    const response = await call(newRoute.action, post("/rounds/new", form, s.asEditor));
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({ "newActors[1].name": ["Qatar is already in the lists above: tick it there instead of adding it again."] });
    expect(await everything()).toEqual(before);
  });

  it("adds a commitment row on the server when JavaScript is off, keeping the input, writing nothing", async () => {
    const s = await setUp();
    const before = await everything();
    const form = newRoundForm(s);
    form.push(["__intent__", JSON.stringify({ type: "insert", payload: { name: "commitments" } })]);
    const response = await call(newRoute.action, post("/rounds/new", form, s.asEditor));
    const body = await response.json();
    expect(body.intent).toMatchObject({ type: "insert", payload: { name: "commitments" } });
    expect(body.initialValue.commitments).toHaveLength(3);
    expect(body.initialValue.title).toBe("Muscat talks, December 2025");
    expect(await everything()).toEqual(before);
  });

  it("sends a signed-out visitor to sign in, and writes nothing", async () => {
    const s = await setUp();
    const before = await everything();
    const created = await call(newRoute.action, post("/rounds/new", newRoundForm(s), s.anonymous));
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/login?redirectTo=%2Frounds%2Fnew");
    const edited = await call(editRoute.action, post("/rounds/doha-round/edit", [...newRoundForm(s), ["version", "1"], ["summary", "Try"]], s.anonymous), { slug: "doha-round" });
    expect(edited.headers.get("Location")).toBe("/login?redirectTo=%2Frounds%2Fdoha-round%2Fedit");
    const page = await call(editRoute.loader, new Request("http://parley.test/rounds/doha-round/edit", { headers: { Cookie: s.anonymous } }), { slug: "doha-round" });
    expect(page.status).toBe(302);
    expect(await everything()).toEqual(before);
  });

  /** The edit form as the loader fills it, then posted with changes. */
  async function editForm(s: Awaited<ReturnType<typeof setUp>>, cookie: string, change: (e: Entries) => Entries) {
    const page = await call(editRoute.loader, new Request("http://parley.test/rounds/doha-round/edit", { headers: { Cookie: cookie } }), { slug: "doha-round" });
    expect(page.status).toBe(200);
    const { round } = await page.json();
    const entries: Entries = [["csrf", TEST_CSRF], ["version", String(round.version)]];
    for (const [k, v] of Object.entries(round.defaultValue as Record<string, string | string[] | undefined>)) {
      for (const one of [v ?? []].flat()) entries.push([k, one]);
    }
    return { round, entries: change(entries) };
  }

  it("edits a round: keeps notes and locators, adds new commitments, writes an update revision with the summary", async () => {
    const s = await setUp();
    const { round, entries } = await editForm(s, s.asEditor, (e) => [
      ...e.filter(([k]) => k !== "outcome"),
      ["outcome", "collapsed"],
      ["mediators", s.actor["turkiye"]],
      ["summary", "Türkiye co-mediated; the talks collapsed"],
      ["commitments[0].title", "Talks to resume"],
      ["commitments[0].wording", "The parties will meet again."],
      ["commitments[0].kind", "follow_up_talks"],
      ["commitments[0].takesEffectOn", "2025-10-19"],
      ["commitments[0].takesEffectPrecision", "day"],
    ]);
    expect(round.commitments.map((c: { title: string }) => c.title)).toEqual(["Commitment doha-truce"]);
    const response = await call(editRoute.action, post("/rounds/doha-round/edit", entries, s.asEditor), { slug: "doha-round" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/rounds/doha-round");
    const revisions = await t.db.selectFrom("revisions").select(["record_type", "action", "summary", "change_id"]).where("user_id", "=", s.editor.id).orderBy("id").execute();
    expect(revisions.map((r) => `${r.action} ${r.record_type}: ${r.summary}`)).toEqual([
      "update round: Türkiye co-mediated; the talks collapsed",
      "create commitment: Made at round “Round doha-round”",
    ]);
    expect(revisions[0].change_id).toBe(revisions[1].change_id);
    const saved = await t.db.selectFrom("rounds").select(["id", "outcome", "version", "slug"]).where("slug", "=", "doha-round").executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ outcome: "collapsed", version: 2 });
    const notes = await t.db.selectFrom("round_participants").select(["actor_id", "role", "note"]).where("round_id", "=", saved.id).where("role", "=", "mediator").orderBy("note").execute();
    expect(notes).toEqual([
      { actor_id: Number(s.actor["qatar"]), role: "mediator", note: "lead mediator" },
      { actor_id: Number(s.actor["turkiye"]), role: "mediator", note: null },
    ]);
    const cites = await t.db.selectFrom("citations").select(["source_id", "locator"]).where("round_id", "=", saved.id).execute();
    expect(cites).toEqual([{ source_id: Number(s.source["https://example.org/doha"]), locator: "para. 2" }]);
    expect(await t.db.selectFrom("commitments").select("id").where("round_id", "=", saved.id).execute()).toHaveLength(2);
  });

  it("refuses to save over a newer version with 409 and what changed, overwriting and creating nothing", async () => {
    const s = await setUp();
    const first = await editForm(s, s.asEditor, (e) => [...e.filter(([k]) => k !== "title"), ["title", "Doha talks (first round)"], ["summary", "Clearer title"]]);
    const second = await editForm(s, s.asOther, (e) => [
      ...e.filter(([k]) => k !== "outcome" && k !== "venue"),
      ["outcome", "no_agreement"],
      ["newVenue.city", "Muscat"],
      ["newVenue.country", "Oman"],
      ["newVenue.countryCode", "OM"],
      ["newVenue.latitude", "23.588"],
      ["newVenue.longitude", "58.3829"],
      ["summary", "No agreement"],
    ]);
    expect(first.round.version).toBe(second.round.version);
    expect((await call(editRoute.action, post("/rounds/doha-round/edit", first.entries, s.asEditor), { slug: "doha-round" })).status).toBe(302);
    const before = await everything();

    const response = await call(editRoute.action, post("/rounds/doha-round/edit", second.entries, s.asOther), { slug: "doha-round" });
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.error[""][0]).toMatch(/^Not saved: Ed Itor saved a newer version of this round while you were editing\./);
    expect(body.conflict).toMatchObject({ by: "Ed Itor", summary: "Clearer title", currentVersion: 2 });
    expect(body.conflict.changes).toContainEqual(expect.objectContaining({ field: "title", removed: ["Round doha-round"], added: ["Doha talks (first round)"] }));
    // Their input is kept for the form to show again.
    expect(body.initialValue).toMatchObject({ outcome: "no_agreement", newVenue: { city: "Muscat" } });
    expect(await everything()).toEqual(before);
  });

  it("answers an unknown round with 404", async () => {
    const s = await setUp();
    const page = await call(editRoute.loader, new Request("http://parley.test/rounds/nowhere/edit", { headers: { Cookie: s.asEditor } }), { slug: "nowhere" });
    expect(page.status).toBe(404);
    const save = await call(editRoute.action, post("/rounds/nowhere/edit", [["csrf", TEST_CSRF]], s.asEditor), { slug: "nowhere" });
    expect(save.status).toBe(404);
  });
});
