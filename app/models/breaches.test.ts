import { expect, it } from "vitest";
import { decodeCursor } from "~/utils/keyset.server";
import { parseQuery } from "~/utils/query.server";
import { loader as itemApi } from "~/routes/api.v1.breaches.$id";
import { loader as listApi } from "~/routes/api.v1.breaches._index";
import { describeEachEngine } from "../../tests/support/db";
import { callLoader, useAppDatabase } from "../../tests/support/routes";
import { breachListQuerySchema, getBreach, listBreaches } from "./breaches.server";
import { commitmentsDataset } from "./commitments.fixtures";

const query = (params: Record<string, string> = {}) => breachListQuerySchema.parse(params);

describeEachEngine("breaches model", (t) => {
  /** "commitment title @ incident date" for each listed breach. */
  async function pairs(params: Record<string, string>) {
    return (await listBreaches(t.db, query(params))).items.map((b) => `${b.commitment.title} @ ${b.incident.occurredOn}`);
  }

  async function idOf(table: "commitments" | "incidents", title: string) {
    const row = await t.db.selectFrom(table).select("id").where("title", "=", title).executeTakeFirstOrThrow();
    return String(row.id);
  }

  it("lists breaches newest incident first, with commitment, incident, actors and sources", async () => {
    await t.load(commitmentsDataset());
    const { items } = await listBreaches(t.db, query());
    expect(items.map((b) => b.incident.occurredOn)).toEqual(["2025-11-02", "2025-11-02", "2025-11-02", "2025-10-25", "2025-10-16"]);
    expect(items[3]).toEqual({
      id: expect.any(Number),
      assessment: "corroborated",
      reasoning: "The monitor confirmed the strike.",
      commitment: { id: expect.any(Number), title: "Doha ceasefire" },
      incident: expect.objectContaining({ title: "Incident oct-25", occurredOn: "2025-10-25", datePrecision: "day", kind: "drone_strike" }),
      responsible: { slug: "party-a", name: "Party A" },
      allegedBy: { slug: "monitor", name: "Monitor" },
      sources: [expect.objectContaining({ title: "Report ministry", publisher: "Ministry", kind: "official_statement" })],
    });
    // A breach with nobody named responsible says so rather than inventing one.
    expect(items.find((b) => b.assessment === "rejected")!.responsible).toBeNull();
    expect((await listBreaches(t.db, query({ sort: "date-asc" }))).items[0].incident.occurredOn).toBe("2025-10-16");
  });

  it("filters by commitment, incident, assessment, responsible, alleged-by and incident dates", async () => {
    await t.load(commitmentsDataset());
    expect(await pairs({ commitment: await idOf("commitments", "Doha ceasefire") })).toEqual([
      "Doha ceasefire @ 2025-11-02",
      "Doha ceasefire @ 2025-10-25",
    ]);
    expect(await pairs({ incident: await idOf("incidents", "Incident oct-16") })).toEqual(["48-hour truce @ 2025-10-16"]);
    expect(await pairs({ assessment: "disputed" })).toEqual(["Restraint of armed groups @ 2025-11-02"]);
    expect(await pairs({ responsible: "party-a" })).toEqual(["Doha ceasefire @ 2025-10-25", "48-hour truce @ 2025-10-16"]);
    expect(await pairs({ "alleged-by": "monitor" })).toEqual(["Doha ceasefire @ 2025-10-25"]);
    expect(await pairs({ from: "2025-10-20", to: "2025-10-31" })).toEqual(["Doha ceasefire @ 2025-10-25"]);
    expect(await pairs({ responsible: "nobody" })).toEqual([]);
  });

  it("pages through every breach exactly once, forwards and back", async () => {
    await t.load(commitmentsDataset(9));
    const q = query({ limit: "4" });
    const pages = [await listBreaches(t.db, q)];
    while (pages[pages.length - 1].next) {
      pages.push(await listBreaches(t.db, { ...q, after: decodeCursor(pages[pages.length - 1].next!)! }));
    }
    const seen = pages.flatMap((p) => p.items.map((b) => b.id));
    expect(seen).toHaveLength(14);
    expect(new Set(seen).size).toBe(14);
    const back = await listBreaches(t.db, { ...q, before: decodeCursor(pages[pages.length - 1].prev!)! });
    expect(back.items.map((b) => b.id)).toEqual(pages[pages.length - 2].items.map((b) => b.id));
  });

  it("hides deleted breaches, and breaches of deleted commitments or incidents", async () => {
    await t.load(commitmentsDataset());
    const [first] = (await listBreaches(t.db, query({ assessment: "disputed" }))).items;
    await t.db.updateTable("breaches").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("id", "=", first.id).execute();
    expect(await getBreach(t.db, first.id)).toBeNull();
    expect(await pairs({ assessment: "disputed" })).toEqual([]);
    await t.db.updateTable("incidents").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("title", "=", "Incident oct-16").execute();
    await t.db.updateTable("commitments").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("title", "=", "Doha ceasefire").execute();
    expect(await pairs({})).toEqual(["Joint monitoring @ 2025-11-02"]);
  });

  it.each([0, 40])("lists and shows breaches in one query each, with %i extra", async (extra) => {
    await t.load(commitmentsDataset(extra));
    t.resetQueryCount();
    const { items } = await listBreaches(t.db, query({ limit: "100" }));
    expect(items).toHaveLength(5 + extra);
    expect(t.queries).toHaveLength(1);
    expect(await getBreach(t.db, items[0].id)).toEqual(items[0]);
    expect(t.queries).toHaveLength(2);
  });

  it("serves the list and the record as JSON and CSV", async () => {
    await t.load(commitmentsDataset());
    useAppDatabase(t);
    const list = await callLoader(listApi, "/api/v1/breaches?responsible=party-a&sort=date-asc");
    expect(list.status).toBe(200);
    const { data } = await list.json();
    expect(data.map((b: { incident: { occurredOn: string } }) => b.incident.occurredOn)).toEqual(["2025-10-16", "2025-10-25"]);

    const csv = await callLoader(listApi, "/api/v1/breaches?format=csv&assessment=corroborated");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "id,commitment_id,commitment_title,incident_id,incident_title,incident_date,incident_date_precision,incident_kind,responsible,alleged_by,assessment,reasoning,source_ids",
    );
    expect(lines).toHaveLength(3);

    const item = await callLoader(itemApi, `/api/v1/breaches/${data[1].id}`, { id: String(data[1].id) });
    expect((await item.json()).data).toEqual(data[1]);
    for (const missing of ["999999", "a-slug"]) {
      const res = await callLoader(itemApi, `/api/v1/breaches/${missing}`, { id: missing });
      expect(res.status).toBe(404);
    }
  });

  it("answers bad parameters with 400 naming each parameter", async () => {
    useAppDatabase(t);
    const res = await callLoader(listApi, "/api/v1/breaches?assessment=exploded&from=2025-13-40&commitment=ceasefire&alleged_by=qatar");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.fromEntries(body.issues.map((i: { parameter: string; message: string }) => [i.parameter, i.message]))).toEqual({
      assessment: expect.stringMatching(/^Choose a breach assessment from the list: alleged, corroborated, disputed, rejected/),
      from: "This is not a real calendar date.",
      commitment: "Use the record's number, for example 12.",
      alleged_by: expect.stringMatching(/^Unknown parameter\. Known parameters: .*alleged-by/),
    });
  });
});

it("checks the date range of the breaches filter", () => {
  const parsed = parseQuery(new URL("http://x/?from=2025-11-01&to=2025-10-01"), breachListQuerySchema);
  expect(parsed.errors).toEqual([{ parameter: "to", message: "The end date is before the start date." }]);
});
