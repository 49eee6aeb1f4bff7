import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachEngine, type TestDatabase } from "../../tests/support/db";
import { mediationDataset } from "./actors.fixtures";
import { commitmentFactsQuery } from "./commitment-status.server";
import { breachGroupCounts, commitmentGroupCounts, roundCount, type RoundTally } from "./group-tallies.server";

const ROUND_TALLIES: RoundTally[] = ["rounds", "led", "mediator", "host", "party", "observer"];

// Before the first breach, between breaches, after the last, and a date some commitments take effect after.
const DATES = ["2025-10-20", "2025-10-26", "2025-11-01", "2025-12-15"];

type Counts = Record<string, number[]>;

/** Every actor's and venue's figures as the pages read them, from the kept tallies. */
async function kept(t: TestDatabase, asOf: string): Promise<Counts> {
  const bound = commitmentGroupCounts("bound", sql`a.id`, asOf);
  const obtained = commitmentGroupCounts("obtained", sql`a.id`, asOf);
  const responsible = breachGroupCounts("responsible", sql`a.id`);
  const alleged = breachGroupCounts("alleged", sql`a.id`);
  const made = commitmentGroupCounts("venue", sql`v.id`, asOf);
  const { rows: actors } = await sql<{ slug: string; c: number[] }>`
    select a.slug, json_build_array(${bound.n}, ${bound.broken}, ${obtained.n}, ${obtained.broken},
      ${responsible.n}, ${responsible.corroborated}, ${alleged.n}, ${alleged.corroborated},
      ${sql.join(ROUND_TALLIES.map((r) => roundCount(r, sql`a.id`)))}) as c
    from actors a`.execute(t.db);
  const { rows: venues } = await sql<{ slug: string; c: number[] }>`
    select v.slug, json_build_array(${made.n}, ${made.broken}) as c from venues v`.execute(t.db);
  return Object.fromEntries([...actors.map((r) => [r.slug, r.c]), ...venues.map((r) => [`venue:${r.slug}`, r.c])]);
}

/** The same figures counted from the rows themselves, the status from the one rule (commitmentFactsQuery). */
async function live(t: TestDatabase, asOf: string): Promise<Counts> {
  const facts = commitmentFactsQuery(t.db, asOf).compile();
  const f = sql`(${sql.raw(facts.sql.replace(/\$(\d+)/g, (_, n) => `'${facts.parameters[Number(n) - 1]}'`))})`;
  const group = (members: ReturnType<typeof sql>) =>
    sql`(select json_build_array(count(*), count(*) filter (where f.status = 'broken')) from ${f} f where f.commitment_id in (${members}))`;
  const breaches = (column: string) => sql`(select json_build_array(count(*), count(*) filter (where b.assessment = 'corroborated'))
    from breaches b join incidents i on i.id = b.incident_id and i.deleted_at is null join commitments c on c.id = b.commitment_id and c.deleted_at is null
    where b.deleted_at is null and ${sql.ref(`b.${column}`)} = a.id)`;
  const rounds = (roles: string[]) => sql`(select count(distinct rp.round_id) from round_participants rp
    join rounds r on r.id = rp.round_id and r.deleted_at is null where rp.actor_id = a.id and rp.role in (${sql.join(roles)}))`;
  const { rows: actors } = await sql<{ slug: string; bound: number[]; obtained: number[]; responsible: number[]; alleged: number[]; rounds: number[] }>`
    select a.slug,
      json_build_array(${rounds(["mediator", "host", "party", "observer"])}, ${rounds(["mediator", "host"])},
        ${sql.join(["mediator", "host", "party", "observer"].map((role) => rounds([role])))}) as rounds,
      ${group(sql`select commitment_id from commitment_parties where actor_id = a.id`)} as bound,
      ${group(sql`select c.id from commitments c join rounds r on r.id = c.round_id and r.deleted_at is null
        join round_participants rp on rp.round_id = r.id and rp.role in ('mediator', 'host') where rp.actor_id = a.id`)} as obtained,
      ${breaches("responsible_id")} as responsible, ${breaches("alleged_by_id")} as alleged
    from actors a`.execute(t.db);
  const { rows: venues } = await sql<{ slug: string; made: number[] }>`
    select v.slug, ${group(sql`select c.id from commitments c join rounds r on r.id = c.round_id and r.deleted_at is null where r.venue_id = v.id`)} as made
    from venues v`.execute(t.db);
  const n = (xs: number[]) => xs.map(Number);
  return Object.fromEntries([
    ...actors.map((r) => [r.slug, n([...r.bound, ...r.obtained, ...r.responsible, ...r.alleged, ...r.rounds])]),
    ...venues.map((r) => [`venue:${r.slug}`, n(r.made)]),
  ]);
}

describeEachEngine("group tallies", (t) => {
  it("equal the live counts at every date, after every kind of write", async () => {
    await t.load(mediationDataset());
    const id = async (table: "actors" | "rounds" | "venues", slug: string) =>
      (await t.db.selectFrom(table).select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
    const commitment = async (key: string) =>
      (await t.db.selectFrom("commitments").select("id").where("title", "=", `Commitment ${key}`).executeTakeFirstOrThrow()).id;
    const incident = async (key: string) =>
      (await t.db.selectFrom("incidents").select("id").where("title", "=", `Incident ${key}`).executeTakeFirstOrThrow()).id;
    const now = () => new Date().toISOString();

    const writes: [string, () => Promise<unknown>][] = [
      ["a party bound by one more commitment", async () =>
        t.db.insertInto("commitment_parties").values({ commitment_id: await commitment("ist-ttp"), actor_id: await id("actors", "party-a") }).execute()],
      ["a binding removed", async () =>
        t.db.deleteFrom("commitment_parties").where("commitment_id", "=", await commitment("doha-ceasefire")).where("actor_id", "=", await id("actors", "party-b")).execute()],
      ["a mediator added to a round", async () =>
        t.db.insertInto("round_participants").values({ round_id: await id("rounds", "riyadh-1"), actor_id: await id("actors", "qatar"), role: "mediator", note: null }).execute()],
      ["a mediator made an observer", async () =>
        t.db.updateTable("round_participants").set({ role: "observer" }).where("round_id", "=", await id("rounds", "doha-1")).where("actor_id", "=", await id("actors", "turkiye")).where("role", "=", "mediator").execute()],
      ["a party also observes", async () =>
        t.db.insertInto("round_participants").values({ round_id: await id("rounds", "riyadh-1"), actor_id: await id("actors", "party-a"), role: "observer", note: null }).execute()],
      ["a host removed", async () =>
        t.db.deleteFrom("round_participants").where("round_id", "=", await id("rounds", "istanbul-1")).where("role", "=", "host").execute()],
      ["a round deleted", async () => t.db.updateTable("rounds").set({ deleted_at: now() }).where("slug", "=", "istanbul-1").execute()],
      ["a round restored", async () => t.db.updateTable("rounds").set({ deleted_at: null }).where("slug", "=", "istanbul-1").execute()],
      ["a round moved to another venue", async () => t.db.updateTable("rounds").set({ venue_id: await id("venues", "islamabad") }).where("slug", "=", "doha-1").execute()],
      ["a commitment deleted", async () => t.db.updateTable("commitments").set({ deleted_at: now() }).where("title", "=", "Commitment ist-ceasefire").execute()],
      ["a commitment restored", async () => t.db.updateTable("commitments").set({ deleted_at: null }).where("title", "=", "Commitment ist-ceasefire").execute()],
      ["a commitment moved to another round", async () =>
        t.db.updateTable("commitments").set({ round_id: await id("rounds", "riyadh-1") }).where("title", "=", "Commitment ist-monitor").execute()],
      ["a commitment taken out of its round", async () => t.db.updateTable("commitments").set({ round_id: null }).where("title", "=", "Commitment doha-talks").execute()],
      ["a commitment made at a round", async () =>
        sql`insert into commitments (process_id, round_id, title, wording, kind, takes_effect_on, takes_effect_precision)
          select process_id, ${await id("rounds", "istanbul-2")}, 'Commitment new', wording, kind, '2025-10-20', 'day' from commitments where title = 'Commitment truce'`.execute(t.db)],
      ["the new commitment binds both parties", async () => {
        const c = await commitment("new");
        await t.db.insertInto("commitment_parties").values([{ commitment_id: c, actor_id: await id("actors", "party-a") }, { commitment_id: c, actor_id: await id("actors", "party-b") }]).execute();
      }],
      ["a corroborated breach of it", async () =>
        t.db.insertInto("breaches").values({ commitment_id: await commitment("new"), incident_id: await incident("i1"), responsible_id: await id("actors", "party-a"),
          alleged_by_id: await id("actors", "party-b"), assessment: "corroborated", reasoning: "test" }).execute()],
      ["an alleged breach corroborated", async () => t.db.updateTable("breaches").set({ assessment: "corroborated" }).where("assessment", "=", "alleged").execute()],
      ["a corroborated breach rejected", async () => t.db.updateTable("breaches").set({ assessment: "rejected" }).where("commitment_id", "=", await commitment("truce")).execute()],
      ["another party held responsible", async () => t.db.updateTable("breaches").set({ responsible_id: await id("actors", "ttp") }).where("commitment_id", "=", await commitment("doha-ceasefire")).execute()],
      ["a breach deleted", async () => t.db.updateTable("breaches").set({ deleted_at: now() }).where("commitment_id", "=", await commitment("new")).execute()],
      ["an incident deleted", async () => t.db.updateTable("incidents").set({ deleted_at: now() }).where("title", "=", "Incident i3").execute()],
      ["an incident restored", async () => t.db.updateTable("incidents").set({ deleted_at: null }).where("title", "=", "Incident i3").execute()],
      ["an incident moved before the commitment took effect", async () => t.db.updateTable("incidents").set({ occurred_on: "2025-10-01" }).where("title", "=", "Incident i1").execute()],
      ["a commitment superseded before its breach", async () =>
        t.db.insertInto("commitment_relations").values({ commitment_id: await commitment("doha-talks"), relation: "supersedes", related_commitment_id: await commitment("ist-ceasefire") }).execute()],
      ["a breach removed for good", async () => t.db.deleteFrom("breaches").where("commitment_id", "=", await commitment("ist-monitor")).execute()],
      ["a commitment removed for good, with its breaches", async () => {
        await t.db.deleteFrom("breaches").where("commitment_id", "=", await commitment("new")).execute();
        await t.db.deleteFrom("commitments").where("title", "=", "Commitment new").execute();
      }],
    ];
    const check = async (what: string) => {
      for (const asOf of DATES) expect(await kept(t, asOf), `${what}, as of ${asOf}`).toEqual(await live(t, asOf));
    };
    await check("as loaded");
    // The fixture's figures, so that a comparison of two empty sets cannot pass for one of counts.
    expect((await kept(t, "2025-12-15"))["party-b"]).toEqual([5, 3, 0, 0, 2, 2, 2, 1, 4, 0, 0, 0, 4, 0]);
    for (const [what, write] of writes) {
      await write();
      await check(what);
    }
  });
});
