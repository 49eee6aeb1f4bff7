import { sql } from "kysely";
import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { loader as apiItem } from "~/routes/api.v1.incidents.$id";
import { loader as apiList } from "~/routes/api.v1.incidents._index";
import { loader as pageItem } from "~/routes/incidents.$id";
import { loader as pageList } from "~/routes/incidents._index";
import { describeEachEngine } from "../../tests/support/db";
import { useAppDatabase } from "../../tests/support/routes";
import { figureSpreads, formatRange, spreadSentence } from "~/components/claims";
import { decodeCursor } from "~/utils/keyset.server";
import { parseQuery } from "~/utils/query.server";
import {
  getIncident,
  chosenCommitment,
  incidentFilterOptions,
  incidentListQuerySchema,
  listIncidents,
  type IncidentListQuery,
} from "./incidents.server";

const cite = [{ source: "test-source" }];
const DELETED_AT = "2025-12-01T00:00:00Z";
/** Arguments for a route loader called directly. */
const args = (path: string, params: Record<string, string> = {}) =>
  ({ request: new Request(`http://x${path}`), params, context: {} }) as never;
const dataset = buildDataset({
  sources: [make.source("kabul-statement", { kind: "official_statement", title: "Kabul statement" })],
  actors: [
    make.actor("taliban-authorities", { name: "Afghanistan's Taliban authorities", kind: "de_facto_authority" }),
    make.actor("pakistan", { name: "Pakistan" }),
    make.actor("monitor", { name: "Independent Monitor", kind: "organisation" }),
  ],
  commitments: [
    make.commitment("truce", { takesEffectOn: "2025-10-19" }),
    make.commitment("restraint", { kind: "armed_group_restraint", takesEffectOn: "2025-10-19" }),
  ],
  incidents: [
    make.incident("kabul-strike", {
      title: "Kabul strike",
      occurredOn: "2025-10-09",
      kind: "airstrike",
      countryCode: "AF",
      province: "Kabul",
      district: "Kabul city",
      latitude: 34.5553,
      longitude: 69.2075,
      locationPrecision: "province",
      perpetrator: "pakistan",
      alternativeDates: [
        { field: "occurredOn", date: "2025-10-10", precision: "day", source: "kabul-statement", note: "Dated the next night." },
      ],
    }),
    make.incident("border-closure", {
      title: "Torkham closure",
      occurredOn: "2025-10-12",
      kind: "border_closure",
      countryCode: "PK",
    }),
    make.incident("spin-boldak", {
      title: "Spin Boldak fire",
      occurredOn: "2025-10-15",
      kind: "cross_border_fire",
      countryCode: "AF",
      province: "Kandahar",
      perpetrator: "pakistan",
    }),
    make.incident("kurram", {
      title: "Kurram fire",
      occurredOn: "2025-10-25",
      kind: "cross_border_fire",
      countryCode: "PK",
      province: "Khyber Pakhtunkhwa",
      perpetrator: "taliban-authorities",
    }),
    make.incident("bajaur", {
      title: "Bajaur drone",
      occurredOn: "2025-10-25",
      kind: "drone_strike",
      countryCode: "PK",
      province: "Khyber Pakhtunkhwa",
    }),
    make.incident("paktika", {
      title: "Paktika strike",
      occurredOn: "2025-11-02",
      kind: "airstrike",
      countryCode: "AF",
      province: "Paktika",
      perpetrator: "pakistan",
    }),
    make.incident("removed", { title: "Removed incident", occurredOn: "2025-10-20", countryCode: "AF", province: "Kabul" }),
  ],
  claims: [
    make.claim("kabul-strike", "taliban-authorities", {
      killedLow: 9,
      killedHigh: 9,
      source: "kabul-statement",
      locator: "para 2",
    }),
    make.claim("kabul-strike", "pakistan", { category: "militants", killedLow: 200, rank: "preferred" }),
    make.claim("kabul-strike", "monitor", {
      killedLow: 500,
      killedHigh: 600,
      injuredLow: 30,
      rank: "deprecated",
      notes: "Retracted.",
    }),
    make.claim("spin-boldak", "monitor", { killedLow: undefined, injuredLow: 12, injuredHigh: 15 }),
    // Kurram: both sides count each other's dead and their own. Groups (category, whose dead):
    //   security forces of Pakistan:  58 (Taliban), 23 (Pakistan, also 40 injured), 24 (monitor) → 23–58, 3 claims
    //   security forces of Taliban:   9 (Taliban), 200+ (Pakistan)                              → 9–200+, 2 claims
    //   security forces, not stated:  300+ (monitor)                                             → 300+, its own group
    // The deprecated 1000 counts nowhere. Across groups it would read 9–300+: never shown.
    ...(
      [
        ["taliban-authorities", "pakistan", { killedLow: 58, killedHigh: 58 }],
        ["taliban-authorities", "taliban-authorities", { killedLow: 9, killedHigh: 9 }],
        ["pakistan", "taliban-authorities", { killedLow: 200 }],
        ["pakistan", "pakistan", { killedLow: 23, killedHigh: 23, injuredLow: 40, injuredHigh: 40 }],
        ["monitor", "pakistan", { killedLow: 24, killedHigh: 24 }],
        ["monitor", undefined, { killedLow: 300 }],
        ["monitor", "pakistan", { killedLow: 1000, killedHigh: 1000, rank: "deprecated" }],
      ] as const
    ).map(([claimant, affected, figures]) => make.claim("kurram", claimant, { category: "security_forces", affected, ...figures })),
    make.claim("removed", "monitor", { killedLow: 3, killedHigh: 3 }),
  ],
  breaches: [
    make.breach("truce", "kurram", { assessment: "corroborated", responsible: "taliban-authorities", allegedBy: "pakistan" }),
    make.breach("truce", "bajaur", { assessment: "alleged", allegedBy: "taliban-authorities", sources: cite }),
    make.breach("restraint", "bajaur", { assessment: "disputed" }),
    make.breach("restraint", "paktika", { assessment: "alleged" }),
    make.breach("restraint", "removed", { assessment: "corroborated" }),
  ],
});

const ALL_DESC = ["Paktika strike", "Bajaur drone", "Kurram fire", "Spin Boldak fire", "Torkham closure", "Kabul strike"];

describeEachEngine("incidents", (t) => {
  async function load() {
    await t.load(dataset);
    await t.db.updateTable("incidents").set({ deleted_at: DELETED_AT }).where("title", "=", "Removed incident").execute();
    useAppDatabase(t);
    t.resetQueryCount();
  }

  const idOf = async (title: string) =>
    (await t.db.selectFrom("incidents").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
  const commitmentId = async (key: string) =>
    (await t.db.selectFrom("commitments").select("id").where("title", "=", `Commitment ${key}`).executeTakeFirstOrThrow()).id;

  function query(params: Record<string, string>) {
    const parsed = parseQuery(new URL(`http://x/incidents?${new URLSearchParams(params)}`), incidentListQuerySchema);
    expect(parsed.errors).toEqual([]);
    return parsed.query;
  }
  async function titles(params: Record<string, string>) {
    return (await listIncidents(t.db, query(params))).items.map((i) => i.title);
  }

  it("lists live incidents newest first, with place, perpetrator, claim range and breach count", async () => {
    await load();
    const page = await listIncidents(t.db, query({}));
    expect(page.items.map((i) => i.title)).toEqual(ALL_DESC);
    const kabul = page.items.find((i) => i.title === "Kabul strike")!;
    expect(kabul).toMatchObject({
      occurredOn: "2025-10-09",
      datePrecision: "day",
      kind: "airstrike",
      countryCode: "AF",
      countryName: "Afghanistan",
      province: "Kabul",
      district: "Kabul city",
      perpetrator: { slug: "pakistan", name: "Pakistan" },
      claimCount: 2,
      breachCount: 0,
    });
    expect(page.items.find((i) => i.title === "Bajaur drone")).toMatchObject({ breachCount: 2, perpetrator: null, killed: null });
  });

  it("gives the killed range within one group of claims counting the same people, never across sides", async () => {
    await load();
    const items = (await listIncidents(t.db, query({}))).items;
    const kurram = items.find((i) => i.title === "Kurram fire")!;
    // The group with the most claims: Pakistan's security forces, 3 claims, 23–58 (not 9–300+).
    expect(kurram.killed).toEqual({
      low: 23,
      high: 58,
      open: false,
      category: "security_forces",
      affected: { slug: "pakistan", name: "Pakistan" },
      groups: 3,
    });
    expect(kurram.injured).toEqual({ low: 40, high: 40, open: false, category: "security_forces", affected: { slug: "pakistan", name: "Pakistan" }, groups: 1 });
    expect(kurram.claimCount).toBe(6);

    // Kabul: civilians 9 and militants 200+ (no side stated), one claim each: the tie goes to the highest figure.
    // The deprecated 500–600 claim would otherwise raise the top; it must not count.
    const kabul = items.find((i) => i.title === "Kabul strike")!;
    expect(kabul.killed).toEqual({ low: 200, high: 200, open: true, category: "militants", affected: null, groups: 2 });
    expect(formatRange(kabul.killed)).toBe("200+");
    expect(kabul.injured).toBeNull();
    const spin = items.find((i) => i.title === "Spin Boldak fire")!;
    expect(spin).toMatchObject({ killed: null, injured: { low: 12, high: 15, open: false, category: "civilians", groups: 1 }, claimCount: 1 });

    // Two more claims of Taliban dead make theirs the group with the most claims: 9–200+.
    await t.db.updateTable("claims").set({ affected_id: sql`(select id from actors where slug = 'taliban-authorities')` })
      .where("killed_low", "in", [24, 300]).execute();
    const after = (await listIncidents(t.db, query({ province: "Khyber Pakhtunkhwa" }))).items.find((i) => i.title === "Kurram fire")!;
    expect(after.killed).toMatchObject({ low: 9, high: 300, open: true, affected: { slug: "taliban-authorities" }, groups: 2 });
    expect(formatRange(after.killed)).toBe("9–300+");
  });

  it("narrows by each filter", async () => {
    await load();
    expect(await titles({ from: "2025-10-15", to: "2025-10-25" })).toEqual(["Bajaur drone", "Kurram fire", "Spin Boldak fire"]);
    expect(await titles({ kind: "airstrike" })).toEqual(["Paktika strike", "Kabul strike"]);
    expect(await titles({ country: "PK" })).toEqual(["Bajaur drone", "Kurram fire", "Torkham closure"]);
    expect(await titles({ country: "af" })).toEqual(["Paktika strike", "Spin Boldak fire", "Kabul strike"]);
    expect(await titles({ province: "Khyber Pakhtunkhwa" })).toEqual(["Bajaur drone", "Kurram fire"]);
    expect(await titles({ province: "Khyber" })).toEqual([]);
    expect(await titles({ perpetrator: "pakistan" })).toEqual(["Paktika strike", "Spin Boldak fire", "Kabul strike"]);
    expect(await titles({ perpetrator: "nobody" })).toEqual([]);
    expect(await titles({ breached: "yes" })).toEqual(["Paktika strike", "Bajaur drone", "Kurram fire"]);
    expect(await titles({ breached: "no" })).toEqual(["Spin Boldak fire", "Torkham closure", "Kabul strike"]);
    expect(await titles({ commitment: String(await commitmentId("truce")) })).toEqual(["Bajaur drone", "Kurram fire"]);
    expect(await titles({ commitment: String(await commitmentId("restraint")) })).toEqual(["Paktika strike", "Bajaur drone"]);
    expect(await titles({ kind: "cross_border_fire", country: "PK", breached: "yes" })).toEqual(["Kurram fire"]);
  });

  it("stops counting a breach once it or its commitment is deleted", async () => {
    await load();
    await t.db.updateTable("commitments").set({ deleted_at: DELETED_AT }).where("title", "=", "Commitment restraint").execute();
    expect(await titles({ breached: "yes" })).toEqual(["Bajaur drone", "Kurram fire"]);
    await t.db
      .updateTable("breaches")
      .set({ deleted_at: DELETED_AT })
      .where("incident_id", "=", await idOf("Kurram fire"))
      .execute();
    expect(await titles({ breached: "yes" })).toEqual(["Bajaur drone"]);
    const bajaur = (await listIncidents(t.db, query({ province: "Khyber Pakhtunkhwa" }))).items;
    expect(bajaur.map((i) => [i.title, i.breachCount])).toEqual([
      ["Bajaur drone", 1],
      ["Kurram fire", 0],
    ]);
  });

  it("sorts by date both ways and pages with keyset cursors, each row once", async () => {
    await load();
    expect(await titles({ sort: "date-asc" })).toEqual([...ALL_DESC].reverse());
    for (const sort of ["date-desc", "date-asc"] as const) {
      const expected = sort === "date-desc" ? ALL_DESC : [...ALL_DESC].reverse();
      const base: IncidentListQuery = { ...query({ sort }), limit: 4 };
      const seen: string[] = [];
      let page = await listIncidents(t.db, base);
      seen.push(...page.items.map((i) => i.title));
      while (page.next) {
        page = await listIncidents(t.db, { ...base, after: decodeCursor(page.next)! });
        seen.push(...page.items.map((i) => i.title));
      }
      expect(seen).toEqual(expected);
      // And back again from the last page.
      const back = await listIncidents(t.db, { ...base, before: decodeCursor(page.prev!)! });
      expect(back.items.map((i) => i.title)).toEqual(expected.slice(0, 4));
      expect(back.prev).toBeNull();
    }
    // Two incidents share 25 October: the id breaks the tie, so a page boundary between them loses neither.
    const split = await listIncidents(t.db, { ...query({}), limit: 2 });
    expect(split.items.map((i) => i.title)).toEqual(["Paktika strike", "Bajaur drone"]);
    const rest = await listIncidents(t.db, { ...query({}), limit: 2, after: decodeCursor(split.next!)! });
    expect(rest.items.map((i) => i.title)).toEqual(["Kurram fire", "Spin Boldak fire"]);
  });

  it("shows an incident with its claims side by side, its breaches with commitment status, dates and sources", async () => {
    await load();
    const detail = (await getIncident(t.db, await idOf("Kabul strike"), "2025-11-15"))!;
    expect(detail).toMatchObject({
      title: "Kabul strike",
      countryName: "Afghanistan",
      latitude: 34.5553,
      longitude: 69.2075,
      locationPrecision: "province",
      perpetrator: { slug: "pakistan" },
    });
    // Deprecated claims stay, ranked last.
    expect(detail.claims.map((c) => [c.claimant.name, c.rank, c.killedLow, c.killedHigh])).toEqual([
      ["Pakistan", "preferred", 200, null],
      ["Afghanistan's Taliban authorities", "normal", 9, 9],
      ["Independent Monitor", "deprecated", 500, 600],
    ]);
    expect(detail.claims[1]).toMatchObject({ locator: "para 2", source: { title: "Kabul statement" } });
    expect(detail.claims[2].notes).toBe("Retracted.");
    expect(detail.alternativeDates).toEqual([expect.objectContaining({ field: "occurredOn", value: "2025-10-10" })]);
    expect(detail.sources.map((s) => s.title)).toEqual(["Report test-source"]);

    expect(detail.claims.map((c) => [c.category, c.affected])).toEqual([
      ["militants", null],
      ["civilians", null],
      ["civilians", null],
    ]);
    // Civilians and militants are two groups: one range each, never 9–200+.
    expect(figureSpreads(detail.claims, "killed").map((s) => spreadSentence(s, "killed"))).toEqual([
      "Killed among militants, side not stated: 200+ (Pakistan), the only claim",
      "Killed among civilians: 9 (Afghanistan's Taliban authorities), the only claim",
    ]);
    // Only the deprecated claim gives an injured figure, so there is no injured spread.
    expect(figureSpreads(detail.claims, "injured")).toEqual([]);

    const kurram = (await getIncident(t.db, await idOf("Kurram fire"), "2025-11-15"))!;
    expect(kurram.claims.find((c) => c.killedLow === 58)).toMatchObject({
      claimant: { slug: "taliban-authorities" },
      category: "security_forces",
      affected: { slug: "pakistan", name: "Pakistan" },
    });
    expect(kurram.claims.find((c) => c.killedLow === 300)!.affected).toBeNull();
    const spreads = figureSpreads(kurram.claims, "killed");
    expect(spreads.map((s) => [s.affected?.slug ?? null, s.low, s.high, s.open, s.claims])).toEqual([
      ["pakistan", 23, 58, false, 3],
      ["taliban-authorities", 9, 200, true, 2],
      [null, 300, 300, true, 1],
    ]);
    expect(spreads.map((s) => spreadSentence(s, "killed"))).toEqual([
      "Killed among security forces of Pakistan: 23 (Pakistan) to 58 (Afghanistan's Taliban authorities)",
      "Killed among security forces of Afghanistan's Taliban authorities: 9 (Afghanistan's Taliban authorities) to 200+ (Pakistan)",
      "Killed among security forces, side not stated: 300+ (Independent Monitor), the only claim",
    ]);
    expect(figureSpreads(kurram.claims, "injured").map((s) => spreadSentence(s, "injured"))).toEqual([
      "Injured among security forces of Pakistan: 40 (Pakistan), the only claim",
    ]);

    const bajaur = (await getIncident(t.db, await idOf("Bajaur drone"), "2025-11-15"))!;
    expect(bajaur.breaches.map((b) => [b.commitment.title, b.commitment.status, b.assessment])).toEqual([
      ["Commitment truce", "broken", "alleged"],
      ["Commitment restraint", "disputed", "disputed"],
    ]);
    expect(bajaur.breaches[0]).toMatchObject({
      allegedBy: { slug: "taliban-authorities" },
      responsible: null,
      sources: [expect.objectContaining({ title: "Report test-source" })],
    });
    expect((await getIncident(t.db, await idOf("Kurram fire"), "2025-11-15"))!.breaches[0]).toMatchObject({
      responsible: { slug: "taliban-authorities", name: "Afghanistan's Taliban authorities" },
      allegedBy: { slug: "pakistan" },
      commitment: { status: "broken", kind: "ceasefire" },
    });
  });

  it("hides a soft-deleted incident and its claims, and a soft-deleted claim", async () => {
    await load();
    const removed = await idOf("Removed incident");
    expect(await getIncident(t.db, removed, "2025-11-15")).toBeNull();
    expect(await titles({ province: "Kabul" })).toEqual(["Kabul strike"]);
    expect(await titles({ commitment: String(await commitmentId("restraint")) })).not.toContain("Removed incident");

    await t.db.updateTable("claims").set({ deleted_at: DELETED_AT }).where("killed_low", "=", 200).execute();
    const kabul = (await getIncident(t.db, await idOf("Kabul strike"), "2025-11-15"))!;
    expect(kabul.claims.map((c) => c.claimant.slug)).toEqual(["taliban-authorities", "monitor"]);
    expect((await listIncidents(t.db, query({ province: "Kabul" }))).items[0]).toMatchObject({
      killed: { low: 9, high: 9, open: false, category: "civilians", groups: 1 },
      claimCount: 1,
    });
  });

  it("offers the provinces, countries and perpetrators present, and names the commitment chosen", async () => {
    await load();
    const options = await incidentFilterOptions(t.db);
    expect(options.countries).toEqual([
      { value: "AF", label: "Afghanistan" },
      { value: "PK", label: "Pakistan" },
    ]);
    expect(options.provinces.map((p) => p.value)).toEqual(["Kabul", "Kandahar", "Paktika", "Khyber Pakhtunkhwa"]);
    expect(options.perpetrators.map((p) => p.value)).toEqual(["taliban-authorities", "pakistan"]);
    // Thousands of commitments at scale: the form takes a number and names only the one chosen.
    expect(options).not.toHaveProperty("commitment");
    const truce = await commitmentId("truce");
    expect(await chosenCommitment(t.db, truce)).toEqual({ value: String(truce), label: `Commitment truce (#${truce})` });
    expect(await chosenCommitment(t.db, 999_999)).toBeNull();
    expect(await chosenCommitment(t.db, undefined)).toBeNull();

    // A country whose incidents name no province is still offered; a deleted incident's place is not.
    await t.db.updateTable("incidents").set({ country_code: "IR" }).where("title", "=", "Torkham closure").execute();
    await t.db.updateTable("incidents").set({ deleted_at: DELETED_AT }).where("title", "=", "Paktika strike").execute();
    const after = await incidentFilterOptions(t.db);
    expect(after.countries.map((c) => c.value)).toEqual(["AF", "IR", "PK"]);
    expect(after.provinces.map((p) => p.value)).toEqual(["Kabul", "Kandahar", "Khyber Pakhtunkhwa"]);
  });

  it("runs a fixed number of queries whatever the data size", async () => {
    async function counts() {
      const id = await idOf("Bajaur drone");
      t.resetQueryCount();
      await listIncidents(t.db, query({}));
      const list = t.queries.length;
      t.resetQueryCount();
      await getIncident(t.db, id, "2025-11-15");
      const detail = t.queries.length;
      t.resetQueryCount();
      await incidentFilterOptions(t.db);
      const options = t.queries.length;
      const truce = await commitmentId("truce");
      t.resetQueryCount();
      await chosenCommitment(t.db, truce);
      return [list, detail, options, t.queries.length];
    }
    await load();
    const small = await counts();
    expect(small).toEqual([1, 1, 2, 1]);

    // Start again from an empty database with the same records plus 40 incidents, 80 claims and 80 breaches.
    const tables = ["revisions", "date_assertions", "citations", "breaches", "claims", "incidents", "commitment_relations"]
      .concat(["commitment_parties", "commitments", "round_participants", "rounds", "processes", "venues", "actors", "sources"]);
    await sql`truncate table ${sql.join(tables.map((name) => sql.id(name)))} restart identity cascade`.execute(t.db);
    const keys = Array.from({ length: 40 }, (_, n) => `bulk-${n}`);
    const day = (n: number) => `2025-10-${String(1 + (n % 28)).padStart(2, "0")}`;
    await t.load({
      ...dataset,
      incidents: [
        ...dataset.incidents,
        ...keys.map((key, n) =>
          make.incident(key, { occurredOn: day(n), province: `P${n % 5}`, perpetrator: n % 2 ? "pakistan" : "monitor" }),
        ),
      ],
      claims: [
        ...dataset.claims,
        ...keys.flatMap((key) => [make.claim(key, "pakistan"), make.claim(key, "monitor", { killedLow: 4, killedHigh: 8 })]),
      ],
      breaches: [
        ...dataset.breaches,
        ...keys.flatMap((key) => [make.breach("truce", key), make.breach("restraint", key, { assessment: "alleged" })]),
      ],
    });
    expect(await counts()).toEqual(small);
  });

  it("names the parameter of every bad filter", async () => {
    const parsed = parseQuery(
      new URL("http://x/incidents?kind=meteor&from=yesterday&country=Afghanistan&breached=maybe&commitment=truce&province=Kabul"),
      incidentListQuerySchema,
    );
    expect(parsed.errors.map((e) => e.parameter).sort()).toEqual(["breached", "commitment", "country", "from", "kind"]);
    expect(parsed.errors.find((e) => e.parameter === "kind")!.message).toMatch(/airstrike/);
    expect(parsed.errors.find((e) => e.parameter === "from")!.message).toMatch(/YYYY-MM-DD/);
    expect(parsed.errors.find((e) => e.parameter === "country")!.message).toMatch(/AF/);
    // The good filter still applies next to the messages.
    expect(parsed.query.province).toBe("Kabul");
  });

  it("answers the API: 400 JSON naming the parameter, JSON and CSV lists, 404 for an unknown or non-numeric id", async () => {
    await load();
    const call = (path: string) => apiList(args(path));
    const bad = await call("/api/v1/incidents?kind=meteor&from=yesterday&country=Afghanistan&colour=red");
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.issues.map((i: { parameter: string }) => i.parameter).sort()).toEqual(["colour", "country", "from", "kind"]);
    expect(body.message).toMatch(/kind: /);

    const json = await (await call("/api/v1/incidents?country=PK&limit=2")).json();
    expect(json.data.map((i: { title: string }) => i.title)).toEqual(["Bajaur drone", "Kurram fire"]);
    expect(json.links.next).toMatch(/^\/api\/v1\/incidents\?country=PK&limit=2&after=/);

    const csv = await (await call("/api/v1/incidents?format=csv&province=Kabul")).text();
    const [header, row, end] = csv.replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toBe(
      "id,title,occurred_on,date_precision,ended_on,kind,country_code,province,district,place_name,perpetrator," +
        "killed_low,killed_high,killed_high_is_floor,killed_category,killed_affected,killed_groups," +
        "injured_low,injured_high,injured_high_is_floor,injured_category,injured_affected,injured_groups,claims,breaches",
    );
    const kabul = await idOf("Kabul strike");
    expect(row).toBe(`${kabul},Kabul strike,2025-10-09,day,,airstrike,AF,Kabul,Kabul city,,pakistan,200,200,true,militants,,2,,,,,,0,2,0`);
    expect(end).toBe("");
    const kurramCsv = await (await call("/api/v1/incidents?format=csv&perpetrator=taliban-authorities")).text();
    expect(kurramCsv.split("\r\n")[1]).toBe(
      `${await idOf("Kurram fire")},Kurram fire,2025-10-25,day,,cross_border_fire,PK,Khyber Pakhtunkhwa,,,taliban-authorities,` +
        "23,58,false,security_forces,pakistan,3,40,40,false,security_forces,pakistan,1,6,1",
    );

    const item = (id: string) => apiItem(args(`/api/v1/incidents/${id}`, { id }));
    const found = await (await item(String(await idOf("Bajaur drone")))).json();
    expect(Object.keys(found.data)).toEqual(expect.arrayContaining(["claims", "breaches", "sources", "alternativeDates"]));
    const kurram = await (await item(String(await idOf("Kurram fire")))).json();
    expect(kurram.data.claims.find((c: { killedLow: number }) => c.killedLow === 200).affected).toEqual({
      slug: "taliban-authorities",
      name: "Afghanistan's Taliban authorities",
    });
    expect((await item("kabul-strike")).status).toBe(404);
    expect((await item(String(await idOf("Removed incident")))).status).toBe(404);
  });

  it("answers the pages: 400 with messages on bad filters, 404 for a missing or non-numeric incident", async () => {
    await load();
    const list = (await pageList(args("/incidents?kind=meteor"))) as unknown as {
      data: { errors: { parameter: string }[]; page: { items: unknown[] } };
      init: { status: number };
    };
    expect(list.init.status).toBe(400);
    expect(list.data.errors.map((e) => e.parameter)).toEqual(["kind"]);
    expect(list.data.page.items).toHaveLength(ALL_DESC.length);

    // The commitment field takes a number; the page names the commitment it stands for.
    const truce = await commitmentId("truce");
    const narrowed = (await pageList(args(`/incidents?commitment=${truce}`))) as unknown as {
      data: { options: { commitment: { label: string } | null }; query: { commitment?: string } };
    };
    expect(narrowed.data.options.commitment?.label).toBe(`Commitment truce (#${truce})`);
    expect(narrowed.data.query.commitment).toBe(String(truce));

    for (const id of ["abc", "999999", String(await idOf("Removed incident"))]) {
      const thrown = await pageItem(args(`/incidents/${id}`, { id })).catch((e) => e);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
    }
  });
});
