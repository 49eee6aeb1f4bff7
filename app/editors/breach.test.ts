// The breach editor: linking an incident to a commitment it broke, from either side, and what
// that does to the commitment's status.
import { parseWithZod } from "@conform-to/zod/v4";
import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { breachSchema, type BreachFixed } from "./breach";
import { counts, get, idOf, post, revisionsOf, setUp } from "./incident-editors.fixtures";
import { getCommitmentFacts } from "~/models/commitment-status.server";
import * as editBreach from "~/routes/breaches.$id.edit";
import * as fromCommitment from "~/routes/commitments.$id_.breaches.new";
import * as fromIncident from "~/routes/incidents.$id_.breaches.new";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

const AS_OF = "2025-12-31";

const GOOD = {
  responsible: "",
  allegedBy: "",
  assessment: "alleged",
  reasoning: "The strikes came on the last day of the truce.",
  sources: "1",
  newSourceTitle: "",
  newSourcePublisher: "",
  newSourceKind: "",
  newSourceUrl: "",
  summary: "",
};

function errorsOf(fields: Record<string, string>, fixed: BreachFixed, mode: "new" | "edit" = "new") {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return parseWithZod(form, { schema: breachSchema(mode, fixed) }).reply().error ?? {};
}

describe("the breach form's schema", () => {
  it("asks for the end the page did not fix", () => {
    expect(errorsOf(GOOD, "incident")).toEqual({ commitment: ["Choose the commitment it broke."] });
    expect(errorsOf(GOOD, "commitment")).toEqual({ incident: ["Choose the incident that broke it."] });
    expect(errorsOf({ ...GOOD, summary: "Relinked" }, "none", "edit")).toEqual({ commitment: ["Choose the commitment it broke."], incident: ["Choose the incident that broke it."] });
  });

  it("wants an assessment, reasoning and a source, all reported at once", () => {
    expect(errorsOf({ ...GOOD, commitment: "1", assessment: "", reasoning: " ", sources: "" }, "incident")).toEqual({
      assessment: ["Choose an assessment: alleged, corroborated, disputed or rejected."],
      reasoning: ["Enter the reasoning: why this incident breaks this commitment."],
      sources: ["Choose at least one source, or add a new one below."],
    });
  });
});

describeEachEngine("the breach editor", (t) => {
  async function ids() {
    return {
      truce: await idOf(t, "commitments", "title", "48-hour truce"),
      doha: await idOf(t, "commitments", "title", "Doha ceasefire"),
      before: await idOf(t, "incidents", "title", "Kabul strikes"),
      paktika: await idOf(t, "incidents", "title", "Paktika strikes"),
      spinBoldak: await idOf(t, "incidents", "title", "Spin Boldak clashes"),
      pakistan: await idOf(t, "actors", "slug", "pakistan"),
      taliban: await idOf(t, "actors", "slug", "taliban"),
      dawn: await idOf(t, "sources", "title", "Strikes in Paktika"),
    };
  }

  const status = async (commitment: number) => (await getCommitmentFacts(t.db, [commitment], AS_OF)).get(commitment)!.status;

  it("links an incident to a commitment from the incident's page; corroborating it makes the commitment broken", async () => {
    const s = await setUp(t);
    const x = await ids();
    expect(await status(x.truce)).toBe("lapsed");

    const page = await (await get(fromIncident.loader, `/incidents/${x.paktika}/breaches/new`, { id: String(x.paktika) }, s.asEditor)).json();
    expect(page.responsible).toBe(String(x.pakistan));

    const fields = { ...GOOD, commitment: String(x.truce), responsible: String(x.pakistan), allegedBy: String(x.taliban), sources: String(x.dawn) };
    const linked = await post(fromIncident.action, `/incidents/${x.paktika}/breaches/new`, { id: String(x.paktika) }, fields, s.asEditor);
    expect(linked.status).toBe(302);
    const breach = await t.db.selectFrom("breaches").selectAll().where("incident_id", "=", x.paktika).executeTakeFirstOrThrow();
    expect(linked.headers.get("Location")).toBe(`/incidents/${x.paktika}#breach-${breach.id}`);
    expect(breach).toMatchObject({ commitment_id: x.truce, responsible_id: x.pakistan, alleged_by_id: x.taliban, assessment: "alleged", version: 1 });
    expect(await t.db.selectFrom("citations").select("source_id").where("breach_id", "=", breach.id).execute()).toEqual([{ source_id: x.dawn }]);
    expect(await revisionsOf(t, "breach", breach.id)).toEqual([expect.objectContaining({ action: "create", user_id: s.editor.id })]);
    // An allegation alone leaves the commitment disputed (docs/decisions/0001-commitment-status.md).
    expect(await status(x.truce)).toBe("disputed");

    const edit = `/breaches/${breach.id}/edit?from=incident`;
    const form = await (await get(editBreach.loader, edit, { id: String(breach.id) }, s.asEditor)).json();
    expect(form.defaultValue).toMatchObject({ commitment: x.truce, incident: x.paktika, assessment: "alleged", sources: [String(x.dawn)] });
    const corroborated = await post(
      editBreach.action,
      edit,
      { id: String(breach.id) },
      { ...fields, incident: String(x.paktika), assessment: "corroborated", version: "1", summary: "UNAMA confirmed the strikes" },
      s.asEditor,
    );
    expect(corroborated.status).toBe(302);
    expect(corroborated.headers.get("Location")).toBe(`/incidents/${x.paktika}#breach-${breach.id}`);
    expect((await revisionsOf(t, "breach", breach.id)).at(-1)).toMatchObject({ action: "update", summary: "UNAMA confirmed the strikes" });
    expect(await status(x.truce)).toBe("broken");
  });

  it("links an incident to a commitment from the commitment's page", async () => {
    const s = await setUp(t);
    const x = await ids();
    const path = `/commitments/${x.doha}/breaches/new`;
    const linked = await post(fromCommitment.action, path, { id: String(x.doha) }, { ...GOOD, incident: String(x.spinBoldak), assessment: "corroborated", sources: String(x.dawn) }, s.asEditor);
    expect(linked.status).toBe(302);
    const breach = await t.db.selectFrom("breaches").selectAll().where("commitment_id", "=", x.doha).executeTakeFirstOrThrow();
    expect(linked.headers.get("Location")).toBe(`/commitments/${x.doha}#breach-${breach.id}`);
    expect(breach).toMatchObject({ incident_id: x.spinBoldak, assessment: "corroborated" });
    expect(await revisionsOf(t, "breach", breach.id)).toHaveLength(1);
    expect(await status(x.doha)).toBe("broken");
  });

  it("refuses an incident outside the commitment's term, saying why, on the field the editor chose", async () => {
    const s = await setUp(t);
    const x = await ids();
    const before = await counts(t);
    const early = await post(fromIncident.action, `/incidents/${x.before}/breaches/new`, { id: String(x.before) }, { ...GOOD, commitment: String(x.truce), sources: String(x.dawn) }, s.asEditor);
    expect(early.status).toBe(400);
    expect((await early.json()).error).toEqual({
      commitment: [
        "This incident (9 October 2025) is before the commitment took effect (15 October 2025). Its term runs from 15 October 2025 to 17 October 2025, and only an incident within it can break it.",
      ],
    });
    const late = await post(fromCommitment.action, `/commitments/${x.truce}/breaches/new`, { id: String(x.truce) }, { ...GOOD, incident: String(x.spinBoldak), sources: String(x.dawn) }, s.asEditor);
    expect(late.status).toBe(400);
    expect((await late.json()).error).toEqual({
      incident: [
        "This incident (25 October 2025) is after the commitment expired (17 October 2025). Its term runs from 15 October 2025 to 17 October 2025, and only an incident within it can break it.",
      ],
    });
    expect(await counts(t)).toEqual(before);
  });

  it("lists the incidents of the commitment's term, or of the dates in the URL, so that any incident can be reached without JavaScript", async () => {
    const s = await setUp(t);
    const x = await ids();
    // Two hundred later incidents fill the list: Spin Boldak (25 Oct) is no longer among the latest.
    await sql`insert into incidents (title, occurred_on, date_precision, kind, country_code, location_precision, summary)
      select 'Later incident ' || g, date '2025-11-01' + g, date_precision, kind, country_code, location_precision, summary
      from incidents, generate_series(1, 200) g where title = 'Spin Boldak clashes'`.execute(t.db);
    const page = async (query: string) => {
      t.resetQueryCount();
      const res = await get(fromCommitment.loader, `/commitments/${x.doha}/breaches/new${query}`, { id: String(x.doha) }, s.asEditor);
      const body = await res.json();
      return { status: res.status, queries: t.queries.length, window: body.incidentWindow, titles: body.options.incidents.map((o: { label: string }) => o.label) };
    };

    const plain = await page("");
    expect(plain).toMatchObject({ status: 200, window: { from: "2025-10-19", errors: {}, limit: 200 } });
    expect(plain.titles).toHaveLength(200);
    expect(plain.titles).not.toContain("Spin Boldak clashes (25 Oct 2025)");

    const october = await page("?incidents_to=2025-10-31");
    expect(october).toMatchObject({ status: 200, window: { from: "2025-10-19", to: "2025-10-31" }, titles: ["Spin Boldak clashes (25 Oct 2025)"] });
    expect(october.queries).toBe(plain.queries);
    // From the commitment's page the term is only the default: any window can be asked for.
    expect((await page("?incidents_from=2025-10-01&incidents_to=2025-10-10")).titles).toEqual(["Kabul strikes (09 Oct 2025)"]);

    expect(await page("?incidents_from=2025-13-01")).toMatchObject({ status: 400, window: { from: "2025-13-01", errors: { incidents_from: "This is not a real calendar date." } } });
    expect(await page("?incidents_from=2025-10-30&incidents_to=2025-10-20")).toMatchObject({
      status: 400,
      window: { errors: { incidents_to: "The end date is before the start date." } },
    });

    // The edit page lists the latest incidents, the breach's own among them, and takes the same window.
    await post(fromCommitment.action, `/commitments/${x.doha}/breaches/new`, { id: String(x.doha) }, { ...GOOD, incident: String(x.spinBoldak), sources: String(x.dawn) }, s.asEditor);
    const breach = await t.db.selectFrom("breaches").select("id").executeTakeFirstOrThrow();
    const edit = async (query: string) => {
      const res = await get(editBreach.loader, `/breaches/${breach.id}/edit${query}`, { id: String(breach.id) }, s.asEditor);
      return (await res.json()) as { incidentWindow: { keep: Record<string, string> }; options: { incidents: { label: string }[] } };
    };
    const editPlain = await edit("?from=incident");
    expect(editPlain.options.incidents.map((o) => o.label)).toContain("Spin Boldak clashes (25 Oct 2025)");
    expect(editPlain.incidentWindow.keep).toEqual({ from: "incident" });
    expect((await edit("?from=incident&incidents_from=2025-10-09&incidents_to=2025-10-09")).options.incidents.map((o) => o.label)).toEqual([
      "Spin Boldak clashes (25 Oct 2025)",
      "Kabul strikes (09 Oct 2025)",
    ]);
  });

  it("refuses a pair already linked with a field error, and a signed-out visitor, writing nothing", async () => {
    const s = await setUp(t);
    const x = await ids();
    const fields = { ...GOOD, commitment: String(x.doha), sources: String(x.dawn) };
    const path = `/incidents/${x.spinBoldak}/breaches/new`;
    const params = { id: String(x.spinBoldak) };
    expect((await post(fromIncident.action, path, params, fields, s.asEditor)).status).toBe(302);
    const first = await t.db.selectFrom("breaches").select("id").executeTakeFirstOrThrow();
    const before = await counts(t);

    const twice = await post(fromIncident.action, path, params, fields, s.asEditor);
    expect(twice.status).toBe(400);
    expect((await twice.json()).error).toEqual({ commitment: [`This incident is already linked to this commitment as a breach (#${first.id}); edit that link instead.`] });
    const fromTheOtherSide = await post(fromCommitment.action, `/commitments/${x.doha}/breaches/new`, { id: String(x.doha) }, { ...fields, incident: String(x.spinBoldak) }, s.asEditor);
    expect((await fromTheOtherSide.json()).error).toEqual({ incident: [`This incident is already linked to this commitment as a breach (#${first.id}); edit that link instead.`] });

    const anonymous = await post(fromIncident.action, path, params, { ...fields, commitment: String(x.truce) }, s.anonymous);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    expect(await counts(t)).toEqual(before);
  });

  it("refuses an edit made from an old version with a 409, changing nothing", async () => {
    const s = await setUp(t);
    const x = await ids();
    const fields = { ...GOOD, commitment: String(x.doha), sources: String(x.dawn) };
    await post(fromIncident.action, `/incidents/${x.spinBoldak}/breaches/new`, { id: String(x.spinBoldak) }, fields, s.asEditor);
    const { id } = await t.db.selectFrom("breaches").select("id").executeTakeFirstOrThrow();
    const edit = { ...fields, incident: String(x.spinBoldak), version: "1" };
    const params = { id: String(id) };
    expect((await post(editBreach.action, `/breaches/${id}/edit`, params, { ...edit, assessment: "disputed", summary: "Kabul denies it" }, s.asEditor)).status).toBe(302);
    const late = await post(editBreach.action, `/breaches/${id}/edit`, params, { ...edit, assessment: "rejected", summary: "Not a breach" }, s.asEditor);
    expect(late.status).toBe(409);
    expect((await late.json()).conflict).toMatchObject({ summary: "Kabul denies it", changes: [expect.objectContaining({ label: "Assessment", added: ["Disputed"] })] });
    expect((await t.db.selectFrom("breaches").select("assessment").where("id", "=", id).executeTakeFirstOrThrow()).assessment).toBe("disputed");
  });
});
