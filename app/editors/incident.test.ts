// The incident editor: its schema, and its create and edit actions called as Remix would.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { incidentSchema } from "./incident";
import { counts, get, idOf, post, revisionsOf, setUp } from "./incident-editors.fixtures";
import * as editIncident from "~/routes/incidents.$id_.edit";
import * as newIncident from "~/routes/incidents.new";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

const GOOD = {
  title: "Strikes on Barmal district",
  occurredOn: "2025-10-17",
  datePrecision: "day",
  kind: "airstrike",
  countryCode: "af",
  province: "Paktika",
  district: "Barmal",
  placeName: "",
  latitude: "",
  longitude: "",
  locationPrecision: "district",
  perpetrator: "",
  description: "Airstrikes hit houses.\n\nSee https://example.org/report.",
  newSourceTitle: "",
  newSourcePublisher: "",
  newSourceKind: "",
  newSourceUrl: "",
  summary: "",
};

function parse(fields: Record<string, string | string[]>, mode: "new" | "edit" = "new") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  return parseWithZod(form, { schema: incidentSchema(mode) });
}

const errorsOf = (fields: Record<string, string | string[]>, mode: "new" | "edit" = "new") => parse(fields, mode).reply().error ?? {};

describe("the incident form's schema", () => {
  it("accepts a complete incident, upper-casing the country code", () => {
    const s = parse({ ...GOOD, sources: ["4", "7"], latitude: "32.6", longitude: "69.3" });
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toMatchObject({ countryCode: "AF", sources: [4, 7], latitude: 32.6, longitude: 69.3 });
  });

  it("wants both coordinates or neither, each message on the missing one", () => {
    expect(errorsOf({ ...GOOD, sources: "1", latitude: "32.6" })).toEqual({ longitude: ["Enter the longitude too, or clear the latitude: coordinates come in pairs."] });
    expect(errorsOf({ ...GOOD, sources: "1", longitude: "69.3" })).toEqual({ latitude: ["Enter the latitude too, or clear the longitude: coordinates come in pairs."] });
    expect(errorsOf({ ...GOOD, sources: "1", latitude: "95", longitude: "69.3" })).toEqual({ latitude: ["Latitude runs from −90 to 90."] });
  });

  it("refuses dates that are not real, and an end before the start", () => {
    expect(errorsOf({ ...GOOD, sources: "1", occurredOn: "2025-02-30" })).toEqual({ occurredOn: ["This is not a real calendar date."] });
    expect(errorsOf({ ...GOOD, sources: "1", occurredOn: "17/10/2025" }).occurredOn?.[0]).toBe("Enter the day it happened as a date, e.g. 2025-10-19.");
    expect(errorsOf({ ...GOOD, sources: "1", endedOn: "2025-10-16" })).toEqual({ endedOn: ["It cannot end before it began; leave this empty for a one-day incident."] });
  });

  it("wants a source, chosen or new, and a new one complete — reported with the other fields' errors", () => {
    expect(errorsOf({ ...GOOD, title: "" })).toEqual({
      title: ["Enter a title, e.g. “Airstrikes in Paktika province”."],
      sources: ["Choose at least one source, or add a new one below."],
    });
    expect(errorsOf({ ...GOOD, newSourceUrl: "https://www.dawn.com/news/2" })).toEqual({
      newSourceTitle: ["Enter the new source’s title, or empty all the new-source fields."],
      newSourcePublisher: ["Enter the new source’s publisher, or empty all the new-source fields."],
      newSourceKind: ["Choose what kind of source the new one is."],
    });
    for (const summary of ["", "ok"]) expect(errorsOf({ ...GOOD, sources: "1", summary }, "edit")).toEqual({ summary: ["Say briefly what you changed and why."] });
  });
});

describeEachEngine("the incident editor", (t) => {
  it("creates an incident with a source pasted into the form, both in one change with their revisions", async () => {
    const s = await setUp(t);
    const pakistan = await idOf(t, "actors", "slug", "pakistan");
    const response = await post(newIncident.action, "/incidents/new", {}, {
      ...GOOD,
      perpetrator: String(pakistan),
      sources: String(await idOf(t, "sources", "title", "Strikes in Paktika")),
      newSourceUrl: "https://www.aljazeera.com/news/2025/10/17/strikes",
      newSourceTitle: "Pakistan strikes Afghan border districts",
      newSourcePublisher: "Al Jazeera",
      newSourceKind: "news",
    }, s.asEditor);
    expect(response.status).toBe(302);
    const id = await idOf(t, "incidents", "title", "Strikes on Barmal district");
    expect(response.headers.get("Location")).toBe(`/incidents/${id}`);
    const incident = await t.db.selectFrom("incidents").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(incident).toMatchObject({ country_code: "AF", province: "Paktika", place_name: null, latitude: null, perpetrator_id: pakistan, summary: GOOD.description });
    const pasted = await t.db.selectFrom("sources").selectAll().where("url", "=", "https://www.aljazeera.com/news/2025/10/17/strikes").executeTakeFirstOrThrow();
    expect(pasted).toMatchObject({ publisher: "Al Jazeera", kind: "news" });
    const cited = await t.db.selectFrom("citations").select("source_id").where("incident_id", "=", id).orderBy("source_id").execute();
    expect(cited.map((c) => c.source_id)).toEqual([await idOf(t, "sources", "title", "Strikes in Paktika"), pasted.id].sort((a, b) => a - b));

    const [created] = await revisionsOf(t, "incident", id);
    const [sourceCreated] = await revisionsOf(t, "source", pasted.id);
    expect(created).toMatchObject({ action: "create", user_id: s.editor.id, summary: "Created incident Strikes on Barmal district" });
    expect(sourceCreated).toMatchObject({ action: "create", user_id: s.editor.id, change_id: created.change_id });
  });

  it("refuses a signed-out visitor, and a bad form, writing nothing", async () => {
    const s = await setUp(t);
    const before = await counts(t);
    const anonymous = await post(newIncident.action, "/incidents/new", {}, { ...GOOD, sources: "1" }, s.anonymous);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const bad = await post(newIncident.action, "/incidents/new", {}, { ...GOOD, sources: "1", latitude: "33" }, s.asEditor);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toEqual({ longitude: ["Enter the longitude too, or clear the latitude: coordinates come in pairs."] });
    expect(await counts(t)).toEqual(before);
  });

  it("edits an incident with a summary, keeping the locator of a source still cited; an old version is refused with what changed", async () => {
    const s = await setUp(t);
    const id = await idOf(t, "incidents", "title", "Paktika strikes");
    const dawn = await idOf(t, "sources", "title", "Strikes in Paktika");
    const page = await get(editIncident.loader, `/incidents/${id}/edit`, { id: String(id) }, s.asEditor);
    const { version, defaultValue } = await page.json();
    expect(defaultValue).toMatchObject({ title: "Paktika strikes", occurredOn: "2025-10-17", perpetrator: await idOf(t, "actors", "slug", "pakistan"), sources: [String(dawn)] });

    // What the browser sends back: every field as text, empty ones empty.
    const asSent = Object.fromEntries(Object.entries(defaultValue).map(([k, v]) => [k, Array.isArray(v) ? v : v == null ? "" : String(v)]));
    const edit = { ...GOOD, ...asSent, title: "Paktika and Khost strikes", version: String(version), summary: "Khost was hit too" };
    const saved = await post(editIncident.action, `/incidents/${id}/edit`, { id: String(id) }, edit, s.asEditor);
    expect(saved.status).toBe(302);
    const revs = await revisionsOf(t, "incident", id);
    expect(revs.at(-1)).toMatchObject({ action: "update", summary: "Khost was hit too", user_id: s.editor.id });
    expect(await t.db.selectFrom("citations").select(["source_id", "locator"]).where("incident_id", "=", id).execute()).toEqual([{ source_id: dawn, locator: "para. 3" }]);

    // A second editor who opened the same version saves later: refused, shown the change, nothing overwritten.
    // Their pasted source is not created either: the refused save leaves nothing behind.
    const before = await counts(t);
    const pasted = { newSourceTitle: "Khost report", newSourcePublisher: "Dawn", newSourceKind: "news" };
    const late = await post(editIncident.action, `/incidents/${id}/edit`, { id: String(id) }, { ...edit, ...pasted, title: "Khost strikes", summary: "Rename" }, s.asEditor);
    expect(late.status).toBe(409);
    expect(await counts(t)).toEqual(before);
    const body = await late.json();
    expect(body.conflict).toMatchObject({ by: "Ed Itor", summary: "Khost was hit too", currentVersion: version + 1 });
    expect(body.conflict.changes).toEqual(expect.arrayContaining([expect.objectContaining({ label: "Title", removed: ["Paktika strikes"], added: ["Paktika and Khost strikes"] })]));
    expect(body.initialValue.title).toBe("Khost strikes");
    expect((await t.db.selectFrom("incidents").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title).toBe("Paktika and Khost strikes");
  });

  it("answers 404 for an incident that is not there, or not a number", async () => {
    const s = await setUp(t);
    for (const id of ["999", "abc", "1.5"]) {
      expect((await get(editIncident.loader, `/incidents/${id}/edit`, { id }, s.asEditor)).status).toBe(404);
    }
  });
});
