// The casualty-claim editor: its schema, and adding and editing claims through the routes' actions.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { claimSchema } from "./claim";
import { counts, get, idOf, post, revisionsOf, setUp } from "./incident-editors.fixtures";
import { getIncident } from "~/models/incidents.server";
import * as editClaim from "~/routes/claims.$id.edit";
import * as newClaim from "~/routes/incidents.$id_.claims.new";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

const GOOD = {
  claimant: "1",
  affected: "",
  category: "civilians",
  killedLow: "",
  killedHigh: "",
  injuredLow: "",
  injuredHigh: "",
  rank: "normal",
  source: "1",
  locator: "",
  notes: "",
  summary: "",
};

function errorsOf(fields: Record<string, string>, mode: "new" | "edit" = "new") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return parseWithZod(form, { schema: claimSchema(mode) }).reply().error ?? {};
}

describe("the claim form's schema", () => {
  it("accepts one figure alone, or a range", () => {
    expect(errorsOf({ ...GOOD, killedLow: "9" })).toEqual({});
    expect(errorsOf({ ...GOOD, killedLow: "9", killedHigh: "12", injuredHigh: "40" })).toEqual({});
  });

  it("puts a low figure above the high one next to the high one", () => {
    expect(errorsOf({ ...GOOD, killedLow: "12", killedHigh: "9" })).toEqual({ killedHigh: ["The high figure cannot be below the low one (12)."] });
    expect(errorsOf({ ...GOOD, injuredLow: "5", injuredHigh: "4" })).toEqual({ injuredHigh: ["The high figure cannot be below the low one (5)."] });
  });

  it("wants at least one figure, reported with the other fields' errors", () => {
    expect(errorsOf({ ...GOOD, claimant: "" })).toEqual({
      claimant: ["Choose who makes the claim."],
      killedLow: ["Give at least one figure: killed or injured, low or high."],
    });
  });

  it("takes whole, non-negative counts only", () => {
    expect(errorsOf({ ...GOOD, killedLow: "-1" })).toEqual({ killedLow: ["A count of people cannot be negative."] });
    expect(errorsOf({ ...GOOD, killedLow: "2.5" })).toEqual({ killedLow: ["Enter a whole number, e.g. 12, or leave it empty."] });
    expect(errorsOf({ ...GOOD, killedLow: "many" }).killedLow).toEqual(["Enter a whole number, e.g. 12, or leave it empty."]);
    expect(errorsOf({ ...GOOD, killedLow: "3", rank: "best" })).toEqual({ rank: ["Choose a rank: preferred, normal or deprecated."] });
  });
});

describeEachEngine("the claim editor", (t) => {
  async function ids() {
    return {
      incident: await idOf(t, "incidents", "title", "Spin Boldak clashes"),
      pakistan: await idOf(t, "actors", "slug", "pakistan"),
      taliban: await idOf(t, "actors", "slug", "taliban"),
      dawn: await idOf(t, "sources", "title", "Strikes in Paktika"),
    };
  }

  it("adds two competing claims to an incident, side by side, each with its revision", async () => {
    const s = await setUp(t);
    const x = await ids();
    const path = `/incidents/${x.incident}/claims/new`;
    const params = { id: String(x.incident) };
    const kabul = await post(newClaim.action, path, params, { ...GOOD, claimant: String(x.taliban), affected: String(x.taliban), category: "civilians", killedLow: "12", killedHigh: "12", injuredLow: "100", source: String(x.dawn), locator: "para. 2" }, s.asEditor);
    const islamabad = await post(newClaim.action, path, params, { ...GOOD, claimant: String(x.pakistan), affected: String(x.taliban), category: "civilians", killedHigh: "3", source: String(x.dawn) }, s.asEditor);
    expect(kabul.status).toBe(302);
    expect(islamabad.status).toBe(302);

    const claims = (await getIncident(t.db, x.incident, "2025-12-31"))!.claims.sort((a, b) => a.id - b.id);
    expect(claims.map((c) => [c.claimant.name, c.killedLow, c.killedHigh, c.injuredLow, c.rank])).toEqual([
      ["Taliban", 12, 12, 100, "normal"],
      ["Pakistan", null, 3, null, "normal"],
    ]);
    expect(kabul.headers.get("Location")).toBe(`/incidents/${x.incident}#claim-${claims[0].id}`);
    for (const c of claims) {
      expect(await revisionsOf(t, "claim", c.id)).toEqual([expect.objectContaining({ action: "create", user_id: s.editor.id, summary: "Added a casualty claim" })]);
    }
  });

  it("refuses a signed-out visitor and a bad form, writing nothing", async () => {
    const s = await setUp(t);
    const x = await ids();
    const before = await counts(t);
    const fields = { ...GOOD, claimant: String(x.pakistan), killedLow: "3", source: String(x.dawn) };
    const params = { id: String(x.incident) };
    const anonymous = await post(newClaim.action, `/incidents/${x.incident}/claims/new`, params, fields, s.anonymous);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    const bad = await post(newClaim.action, `/incidents/${x.incident}/claims/new`, params, { ...fields, killedHigh: "1" }, s.asEditor);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toEqual({ killedHigh: ["The high figure cannot be below the low one (3)."] });
    expect(await counts(t)).toEqual(before);
    // No claim on an incident that is not there.
    expect((await post(newClaim.action, "/incidents/999/claims/new", { id: "999" }, fields, s.asEditor)).status).toBe(404);
  });

  it("deprecates a figure with an update revision; an edit from an old version is refused with a 409", async () => {
    const s = await setUp(t);
    const x = await ids();
    await post(newClaim.action, `/incidents/${x.incident}/claims/new`, { id: String(x.incident) }, { ...GOOD, claimant: String(x.pakistan), killedLow: "40", source: String(x.dawn) }, s.asEditor);
    const claim = await t.db.selectFrom("claims").select(["id", "version"]).where("incident_id", "=", x.incident).executeTakeFirstOrThrow();
    const params = { id: String(claim.id) };
    const page = await (await get(editClaim.loader, `/claims/${claim.id}/edit`, params, s.asEditor)).json();
    expect(page.defaultValue).toMatchObject({ claimant: x.pakistan, killedLow: 40, rank: "normal" });

    const fields = { ...GOOD, claimant: String(x.pakistan), killedLow: "40", source: String(x.dawn), version: String(claim.version) };
    const saved = await post(editClaim.action, `/claims/${claim.id}/edit`, params, { ...fields, rank: "deprecated", summary: "Withdrawn by ISPR" }, s.asEditor);
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/incidents/${x.incident}#claim-${claim.id}`);
    expect((await revisionsOf(t, "claim", claim.id)).at(-1)).toMatchObject({ action: "update", summary: "Withdrawn by ISPR", user_id: s.editor.id });

    const late = await post(editClaim.action, `/claims/${claim.id}/edit`, params, { ...fields, killedLow: "45", summary: "Updated count" }, s.asEditor);
    expect(late.status).toBe(409);
    const body = await late.json();
    expect(body.conflict.changes).toEqual([expect.objectContaining({ label: "Rank", removed: ["Normal"], added: ["Deprecated"] })]);
    expect(body.initialValue.killedLow).toBe("45");
    expect(await t.db.selectFrom("claims").select(["killed_low", "rank"]).where("id", "=", claim.id).executeTakeFirstOrThrow()).toEqual({ killed_low: 40, rank: "deprecated" });
  });
});
