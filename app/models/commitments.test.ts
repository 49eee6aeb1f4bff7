import { expect, it } from "vitest";
import { make } from "@db/dataset/factories";
import { decodeCursor } from "~/utils/keyset.server";
import { parseQuery } from "~/utils/query.server";
import { loader as itemApi } from "~/routes/api.v1.commitments.$id";
import { loader as listApi } from "~/routes/api.v1.commitments._index";
import { describeEachEngine } from "../../tests/support/db";
import { callLoader, useAppDatabase } from "../../tests/support/routes";
import { AS_OF, commitmentsDataset } from "./commitments.fixtures";
import {
  BREACHES_SHOWN,
  chosenRound,
  commitmentFilterOptions,
  commitmentListQuerySchema,
  commitmentTotals,
  explainStatus,
  getCommitment,
  listCommitments,
} from "./commitments.server";

const query = (params: Record<string, string> = {}) => commitmentListQuerySchema.parse(params);

describeEachEngine("commitments model", (t) => {
  async function titles(params: Record<string, string>) {
    return (await listCommitments(t.db, query(params), AS_OF)).items.map((c) => c.title);
  }

  async function idOf(title: string) {
    const row = await t.db.selectFrom("commitments").select("id").where("title", "=", title).executeTakeFirstOrThrow();
    return row.id;
  }

  it("lists the newest first, with round, bound actors and the derived status", async () => {
    await t.load(commitmentsDataset());
    const { items } = await listCommitments(t.db, query(), AS_OF);
    expect(items.map((c) => [c.title, c.status])).toEqual([
      ["Reopening of crossings", "not_yet_in_effect"],
      ["Joint monitoring", "holding"],
      ["Restraint of armed groups", "disputed"],
      ["Further talks", "fulfilled"],
      ["Doha ceasefire", "broken"],
      ["48-hour truce", "broken"],
    ]);
    expect(items[4]).toMatchObject({
      round: { slug: "doha-1", title: "Round doha-1" },
      boundActors: [{ slug: "party-a", name: "Party A" }, { slug: "party-b", name: "Party B" }],
      daysHeld: 6,
      broken: true,
      breachCount: 2,
      firstBreachOn: "2025-10-25",
    });
    expect(items[5]).toMatchObject({ round: null, expiresOn: "2025-10-17", daysHeld: 1 });
    // Holding: days held is a lower bound, not ended by a breach; the rejected breach is not counted.
    expect(items[1]).toMatchObject({ daysHeld: 15, broken: false, breachCount: 0 });
  });

  it("filters on the derived status", async () => {
    await t.load(commitmentsDataset());
    expect(await titles({ status: "broken" })).toEqual(["Doha ceasefire", "48-hour truce"]);
    expect(await titles({ status: "disputed" })).toEqual(["Restraint of armed groups"]);
    expect(await titles({ status: "holding" })).toEqual(["Joint monitoring"]);
    expect(await titles({ status: "lapsed" })).toEqual([]);
  });

  it("filters by bound party, the round's mediator and venue, round, kind, process and dates", async () => {
    await t.load(commitmentsDataset());
    expect(await titles({ party: "party-a" })).not.toContain("Restraint of armed groups");
    expect(await titles({ party: "party-b" })).toHaveLength(6);
    expect(await titles({ mediator: "qatar" })).toEqual(["Further talks", "Doha ceasefire"]);
    expect(await titles({ mediator: "turkiye", party: "party-a" })).toEqual(["Joint monitoring"]);
    expect(await titles({ venue: "istanbul" })).toEqual(["Joint monitoring", "Restraint of armed groups"]);
    expect(await titles({ round: "doha-1", kind: "ceasefire" })).toEqual(["Doha ceasefire"]);
    expect(await titles({ process: "test-process", from: "2025-10-19", to: "2025-10-30" })).toEqual([
      "Restraint of armed groups",
      "Further talks",
      "Doha ceasefire",
    ]);
    expect(await titles({ mediator: "nobody" })).toEqual([]);
    expect(await titles({ party: "nobody", mediator: "qatar" })).toEqual([]);
    expect(await titles({ party: "party-a", mediator: "qatar", status: "broken" })).toEqual(["Doha ceasefire"]);
  });

  it("sorts by title and by date ascending", async () => {
    await t.load(commitmentsDataset());
    expect(await titles({ sort: "title-asc" })).toEqual([
      "48-hour truce",
      "Doha ceasefire",
      "Further talks",
      "Joint monitoring",
      "Reopening of crossings",
      "Restraint of armed groups",
    ]);
    expect((await titles({ sort: "date-asc" }))[0]).toBe("48-hour truce");
  });

  it("counts the matching commitments and the broken ones in one query", async () => {
    await t.load(commitmentsDataset());
    t.resetQueryCount();
    expect(await commitmentTotals(t.db, query(), AS_OF)).toEqual({ total: 6, broken: 2 });
    expect(t.queries).toHaveLength(1);
    expect(await commitmentTotals(t.db, query({ venue: "doha" }), AS_OF)).toEqual({ total: 2, broken: 1 });
  });

  it.each(["date-desc", "title-asc"])("pages through every commitment exactly once, forwards and back (%s)", async (sort) => {
    await t.load(commitmentsDataset(9));
    const q = query({ limit: "4", sort });
    const pages = [await listCommitments(t.db, q, AS_OF)];
    while (pages[pages.length - 1].next) {
      pages.push(await listCommitments(t.db, { ...q, after: decodeCursor(pages[pages.length - 1].next!)! }, AS_OF));
    }
    const seen = pages.flatMap((p) => p.items.map((c) => c.id));
    expect(seen).toHaveLength(15);
    expect(new Set(seen).size).toBe(15);
    expect(seen).toEqual((await listCommitments(t.db, query({ limit: "50", sort }), AS_OF)).items.map((c) => c.id));
    const back = await listCommitments(t.db, { ...q, before: decodeCursor(pages[pages.length - 1].prev!)! }, AS_OF);
    expect(back.items.map((c) => c.id)).toEqual(pages[pages.length - 2].items.map((c) => c.id));
  });

  it("gives a commitment's page its round, breaches in date order, relations both ways and sources", async () => {
    await t.load(commitmentsDataset());
    const c = await getCommitment(t.db, await idOf("Doha ceasefire"), AS_OF);
    expect(c).toMatchObject({
      title: "Doha ceasefire",
      wording: "The parties agree to an immediate ceasefire.",
      status: "broken",
      daysHeld: 6,
      statusReason: "Broken: a corroborated breach on 25 October 2025, 6 days after it took effect.",
      process: { slug: "test-process" },
      round: { slug: "doha-1", venue: { slug: "doha", city: "Doha" }, mediators: [{ slug: "qatar", name: "Qatar" }] },
      boundActors: [{ slug: "party-a" }, { slug: "party-b" }],
      relations: [{ relation: "supersedes", title: "48-hour truce", takesEffectOn: "2025-10-15" }],
      relatedBy: [{ relation: "reaffirms", title: "Joint monitoring" }],
      alternativeDates: [{ field: "takesEffectOn", value: "2025-10-20", sourcePublisher: "Ministry" }],
    });
    expect(c!.sources.map((s) => [s.title, s.locator])).toEqual([
      ["Report test-source", null],
      ["Report ministry", "para. 2"],
    ]);
    expect(c!.breaches).toEqual([
      expect.objectContaining({
        assessment: "corroborated",
        reasoning: "The monitor confirmed the strike.",
        incident: expect.objectContaining({ title: "Incident oct-25", occurredOn: "2025-10-25", kind: "drone_strike", placeName: "Barmal", province: "Paktika" }),
        responsible: { slug: "party-a", name: "Party A" },
        allegedBy: { slug: "monitor", name: "Monitor" },
        sources: [expect.objectContaining({ title: "Report ministry" })],
      }),
      expect.objectContaining({ assessment: "alleged", incident: expect.objectContaining({ occurredOn: "2025-11-02" }) }),
    ]);
    // The superseded truce sees the relation from the other side.
    const truce = await getCommitment(t.db, await idOf("48-hour truce"), AS_OF);
    expect(truce).toMatchObject({ relations: [], relatedBy: [{ relation: "supersedes", title: "Doha ceasefire" }] });
  });

  it("lists the earliest breaches up to the bound, counts them all, and keeps the status of those left out", async () => {
    const base = commitmentsDataset();
    // 31 breaches alleged before the ceasefire took effect (outside its term): the corroborated
    // breach that broke it, in a week known only roughly, comes after the bound.
    const early = Array.from({ length: BREACHES_SHOWN + 1 }, (_, n) => `early-${n}`);
    await t.load({
      ...base,
      incidents: [
        ...base.incidents.map((i) => (i.key === "oct-25" ? { ...i, datePrecision: "week" as const } : i)),
        ...early.map((key, n) => make.incident(key, { occurredOn: `2025-09-${String(1 + (n % 30)).padStart(2, "0")}` })),
      ],
      breaches: [...base.breaches, ...early.map((key) => make.breach("ceasefire", key, { assessment: "alleged" }))],
    });
    const id = await idOf("Doha ceasefire");
    const c = (await getCommitment(t.db, id, AS_OF))!;
    expect(c.breaches).toHaveLength(BREACHES_SHOWN);
    expect(c.breachTotal).toBe(BREACHES_SHOWN + 3);
    const dates = c.breaches.map((b) => b.incident.occurredOn);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d < "2025-10-01")).toBe(true);
    expect(c).toMatchObject({ status: "broken", breachCount: 2, firstBreachOn: "2025-10-25" });
    expect(c.statusReason).toBe("Broken: a corroborated breach in the week of 25 October 2025, 6 days after it took effect.");

    // The API item has the same bound, the count, and a link to every breach.
    useAppDatabase(t);
    const item = await (await callLoader(itemApi, `/api/v1/commitments/${id}`, { id: String(id) })).json();
    expect(item.data.breaches).toHaveLength(BREACHES_SHOWN);
    expect(item.data).toMatchObject({ breachTotal: BREACHES_SHOWN + 3, links: { breaches: `/api/v1/breaches?commitment=${id}&sort=date-asc` } });
  });

  it("explains every status in a sentence", async () => {
    await t.load(commitmentsDataset());
    const reason = async (title: string) => (await getCommitment(t.db, await idOf(title), AS_OF))!.statusReason;
    expect(await reason("Reopening of crossings")).toBe("Not yet in effect: it takes effect on 1 December 2025.");
    expect(await reason("Restraint of armed groups")).toMatch(/^Disputed: a breach on 2 November 2025 is alleged or disputed/);
    expect(await reason("Further talks")).toMatch(/^Fulfilled on 25 October 2025/);
    expect(await reason("Joint monitoring")).toBe(
      "Holding: no corroborated, alleged or disputed breach from 31 October 2025 to 15 November 2025.",
    );
    expect(await reason("48-hour truce")).toBe("Broken: a corroborated breach on 16 October 2025, 1 day after it took effect.");
  });

  it("drops a deleted breach from the page and from the status", async () => {
    await t.load(commitmentsDataset());
    const id = await idOf("Doha ceasefire");
    const incident = await t.db.selectFrom("incidents").select("id").where("title", "=", "Incident oct-25").executeTakeFirstOrThrow();
    await t.db
      .updateTable("breaches")
      .set({ deleted_at: "2026-01-01T00:00:00Z" })
      .where("commitment_id", "=", id)
      .where("incident_id", "=", incident.id)
      .execute();
    const c = await getCommitment(t.db, id, AS_OF);
    expect(c!.breaches.map((b) => b.incident.occurredOn)).toEqual(["2025-11-02"]);
    expect(c).toMatchObject({ status: "disputed", broken: false, breachCount: 1 });
    expect(await titles({ status: "broken" })).toEqual(["48-hour truce"]);
  });

  it("hides deleted commitments, from the list and from the other side of a relation", async () => {
    await t.load(commitmentsDataset());
    const id = await idOf("Joint monitoring");
    await t.db.updateTable("commitments").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("id", "=", id).execute();
    expect(await getCommitment(t.db, id, AS_OF)).toBeNull();
    expect(await titles({})).not.toContain("Joint monitoring");
    expect((await getCommitment(t.db, await idOf("Doha ceasefire"), AS_OF))!.relatedBy).toEqual([]);
    expect(await getCommitment(t.db, 999_999, AS_OF)).toBeNull();
  });

  it("offers the filter choices that exist", async () => {
    await t.load(commitmentsDataset());
    const options = await commitmentFilterOptions(t.db);
    expect(options.mediators.map((o) => o.value)).toEqual(["qatar", "turkiye"]);
    expect(options.parties.map((o) => o.value)).toEqual(["party-a", "party-b"]);
    expect(options.venues.map((o) => o.value)).toEqual(["doha", "istanbul"]);
    // Rounds are thousands at scale: the form takes a round's address and names only the one chosen.
    expect(options).not.toHaveProperty("round");
    expect(await chosenRound(t.db, "doha-1")).toEqual({ value: "doha-1", label: "Round doha-1" });
    expect(await chosenRound(t.db, "geneva-1999")).toBeNull();
    expect(await chosenRound(t.db, undefined)).toBeNull();
  });

  it.each([0, 40])("lists, counts and shows commitments in a fixed number of queries, with %i extra", async (extra) => {
    await t.load(commitmentsDataset(extra));
    const id = await idOf("Doha ceasefire");
    t.resetQueryCount();
    await listCommitments(t.db, query({ limit: "100" }), AS_OF);
    expect(t.queries).toHaveLength(1);
    await commitmentTotals(t.db, query(), AS_OF);
    expect(t.queries).toHaveLength(2);
    await getCommitment(t.db, id, AS_OF);
    expect(t.queries).toHaveLength(3);
    await commitmentFilterOptions(t.db);
    expect(t.queries).toHaveLength(6);
    await chosenRound(t.db, "doha-1");
    expect(t.queries).toHaveLength(7);
    // A party or mediator is looked up first, once, so that the plan is made for that actor.
    t.resetQueryCount();
    await listCommitments(t.db, query({ party: "party-a", mediator: "qatar", status: "broken" }), AS_OF);
    expect(t.queries).toHaveLength(2);
    await commitmentTotals(t.db, query({ party: "party-a" }), AS_OF);
    expect(t.queries).toHaveLength(4);
  });

  it("serves the list and the record as JSON and CSV", async () => {
    await t.load(commitmentsDataset());
    useAppDatabase(t);
    const list = await callLoader(listApi, "/api/v1/commitments?status=broken&venue=doha");
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.data.map((c: { title: string }) => c.title)).toEqual(["Doha ceasefire"]);
    expect(body.links).toEqual({ next: null, prev: null });

    const csv = await callLoader(listApi, "/api/v1/commitments?format=csv&sort=title-asc&party=party-a");
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    // text() drops the byte-order mark that tells Excel the file is UTF-8.
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,title,kind,process,round,bound_actors,/);
    expect(lines).toHaveLength(6);

    const id = await idOf("Doha ceasefire");
    const item = await callLoader(itemApi, `/api/v1/commitments/${id}`, { id: String(id) });
    expect((await item.json()).data).toMatchObject({ id, status: "broken", breaches: [{ assessment: "corroborated" }, { assessment: "alleged" }] });
    for (const missing of ["999999", "doha-ceasefire"]) {
      const res = await callLoader(itemApi, `/api/v1/commitments/${missing}`, { id: missing });
      expect(res.status).toBe(404);
      expect((await res.json()).error).toBe("not_found");
    }
  });

  it("answers bad parameters with 400 naming each parameter", async () => {
    useAppDatabase(t);
    const res = await callLoader(listApi, "/api/v1/commitments?status=exploded&from=2025-13-40&colour=red");
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.issues.map((i: { parameter: string }) => i.parameter).sort()).toEqual(["colour", "from", "status"]);
    expect(body.message).toMatch(/status: Choose a status from the list: not_yet_in_effect, holding/);
  });
});

it("names each bad page parameter and keeps the good ones", () => {
  const url = new URL("http://x/commitments?status=exploded&from=2025-13-40&kind=ceasefire&to=2025-01-01&sort=sideways");
  const parsed = parseQuery(url, commitmentListQuerySchema);
  expect(parsed.ok).toBe(false);
  expect(Object.fromEntries(parsed.errors.map((e) => [e.parameter, e.message]))).toEqual({
    status: expect.stringMatching(/^Choose a status from the list/),
    from: "This is not a real calendar date.",
    sort: expect.stringMatching(/^Sort by one of: date-desc, date-asc, title-asc/),
  });
  expect(parsed.query).toMatchObject({ kind: "ceasefire", to: "2025-01-01", sort: "date-desc" });
  expect(parseQuery(new URL("http://x/commitments?from=2025-11-01&to=2025-10-01"), commitmentListQuerySchema).errors).toEqual([
    { parameter: "to", message: "The end date is before the start date." },
  ]);
  // Pages ignore unknown parameters (a shared link may carry tracking tags); the API refuses them.
  expect(parseQuery(new URL("http://x/commitments?utm_source=mail"), commitmentListQuerySchema).ok).toBe(true);
});

it("dates a breach in its sentence no more precisely than its incident is known", () => {
  const facts = {
    status: "disputed" as const,
    takesEffectOn: "2025-10-15",
    takesEffectPrecision: "day" as const,
    expiresOn: "2025-10-17",
    fulfilledOn: null,
    daysHeld: 2,
    firstBreachOn: null,
    firstContestedOn: "2025-10-17",
    supersededOn: null,
  };
  expect(explainStatus(facts, AS_OF, () => "week")).toBe(
    "Disputed: a breach in the week of 17 October 2025 is alleged or disputed, and no breach is corroborated.",
  );
  expect(explainStatus({ ...facts, status: "broken", firstBreachOn: "2025-10-17" }, AS_OF, () => "month")).toBe(
    "Broken: a corroborated breach in October 2025, 2 days after it took effect.",
  );
});
