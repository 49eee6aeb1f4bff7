import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine } from "../../tests/support/db";
import { getCommitmentFacts } from "./commitment-status.server";

// One commitment per rule branch, all taking effect on 2025-10-19 unless said otherwise.
const dataset = buildDataset({
  actors: [make.actor("east"), make.actor("west")],
  commitments: [
    make.commitment("future", { takesEffectOn: "2025-12-01" }),
    make.commitment("broken", { expiresOn: "2025-12-31" }),
    make.commitment("disputed"),
    make.commitment("old-truce", { takesEffectOn: "2025-10-15", expiresOn: "2025-10-17" }),
    make.commitment("successor", { takesEffectOn: "2025-10-19", relations: [{ relation: "supersedes", to: "old-truce" }] }),
    make.commitment("talks", { kind: "follow_up_talks", fulfilledOn: "2025-10-25" }),
    make.commitment("short", { takesEffectOn: "2025-10-01", expiresOn: "2025-10-05" }),
    make.commitment("quiet"),
    make.commitment("rejected-only"),
    make.commitment("after-expiry", { takesEffectOn: "2025-10-01", expiresOn: "2025-10-10" }),
  ],
  incidents: [
    make.incident("strike-oct-25", { occurredOn: "2025-10-25" }),
    make.incident("strike-oct-22", { occurredOn: "2025-10-22" }),
    make.incident("strike-nov-02", { occurredOn: "2025-11-02" }),
    make.incident("strike-oct-16", { occurredOn: "2025-10-16" }),
  ],
  breaches: [
    // Two breaches: the first corroborated one sets days held, not the earlier alleged one.
    make.breach("broken", "strike-oct-25", { assessment: "corroborated" }),
    make.breach("broken", "strike-oct-22", { assessment: "alleged" }),
    make.breach("broken", "strike-nov-02", { assessment: "corroborated" }),
    make.breach("disputed", "strike-oct-22", { assessment: "disputed" }),
    make.breach("rejected-only", "strike-oct-25", { assessment: "rejected" }),
    make.breach("after-expiry", "strike-oct-25", { assessment: "corroborated" }),
    make.breach("old-truce", "strike-oct-16", { assessment: "disputed" }),
  ],
});

describeEachEngine("commitment status rule", (t) => {
  async function factsOn(asOf: string) {
    await t.load(dataset);
    const ids = await t.db.selectFrom("commitments").select(["id", "title"]).execute();
    const facts = await getCommitmentFacts(t.db, ids.map((r) => r.id), asOf);
    return Object.fromEntries(ids.map((r) => [r.title.replace("Commitment ", ""), facts.get(r.id)!]));
  }

  it("derives each status from breaches and dates as of a given day", async () => {
    const f = await factsOn("2025-11-15");
    expect(f["future"].status).toBe("not_yet_in_effect");
    expect(f["future"].daysHeld).toBeNull();
    expect(f["broken"]).toMatchObject({ status: "broken", broken: true, daysHeld: 6, firstBreachOn: "2025-10-25", breachCount: 3 });
    expect(f["disputed"]).toMatchObject({ status: "disputed", broken: false, firstContestedOn: "2025-10-22", daysHeld: 27 });
    expect(f["successor"].status).toBe("holding");
    expect(f["talks"]).toMatchObject({ status: "fulfilled", daysHeld: 6 });
    expect(f["short"]).toMatchObject({ status: "lapsed", daysHeld: 4, broken: false });
    expect(f["quiet"]).toMatchObject({ status: "holding", daysHeld: 27, broken: false });
    expect(f["rejected-only"]).toMatchObject({ status: "holding", breachCount: 0 });
  });

  it("ignores incidents outside the commitment's term", async () => {
    const f = await factsOn("2025-11-15");
    // The strike of 25 October came after this commitment expired on 10 October.
    expect(f["after-expiry"]).toMatchObject({ status: "lapsed", broken: false, breachCount: 0, daysHeld: 9 });
  });

  it("keeps a contested breach visible on a superseded truce", async () => {
    const f = await factsOn("2025-11-15");
    expect(f["old-truce"]).toMatchObject({ status: "disputed", supersededOn: "2025-10-19", daysHeld: 2 });
  });

  it("does not count a breach that has not happened yet as of the date", async () => {
    const f = await factsOn("2025-10-23");
    expect(f["broken"]).toMatchObject({ status: "disputed", broken: false, breachCount: 1 });
    expect(f["quiet"].daysHeld).toBe(4);
  });

  it("stops counting a deleted breach", async () => {
    await t.load(dataset);
    const c = await t.db.selectFrom("commitments").select("id").where("title", "=", "Commitment disputed").executeTakeFirstOrThrow();
    await t.db.updateTable("breaches").set({ deleted_at: new Date().toISOString() }).where("commitment_id", "=", c.id).execute();
    const facts = await getCommitmentFacts(t.db, [c.id], "2025-11-15");
    expect(facts.get(c.id)).toMatchObject({ status: "holding", breachCount: 0 });
  });
});
