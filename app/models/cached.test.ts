import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine } from "../../tests/support/db";
import { commitmentChoices, incidentChoices, roundChoices, sourceChoices } from "./cached.server";
import { commitmentFilterOptions } from "./commitments.server";
import { incidentFilterOptions } from "./incidents.server";
import { roundFilterOptions } from "./rounds.server";
import { sourceFilterOptions } from "./sources.server";

function dataset() {
  return buildDataset({
    actors: [make.actor("qatar"), make.actor("taliban-authorities")],
    venues: [make.venue("doha")],
    sources: [make.source("dawn", { publisher: "Dawn" })],
    rounds: [make.round("doha-1", { venue: "doha", participants: [{ actor: "party-a", role: "party" }, { actor: "qatar", role: "mediator" }] })],
    commitments: [make.commitment("ceasefire", { round: "doha-1" })],
    incidents: [make.incident("strike", { province: "Kabul", perpetrator: "taliban-authorities" })],
  });
}

const request = (headers: Record<string, string> = {}) => new Request("http://parley.test/rounds", { headers });

describeEachEngine("filter choices kept per data version", (t) => {
  /** What each list page offers from its kept choices, beside the live answer. */
  async function keptAndLive() {
    const r = request();
    return {
      kept: [await roundChoices(t.db, r), await commitmentChoices(t.db, r), await incidentChoices(t.db, r), await sourceChoices(t.db, r)],
      live: [await roundFilterOptions(t.db), await commitmentFilterOptions(t.db), await incidentFilterOptions(t.db), await sourceFilterOptions(t.db)],
    };
  }

  it("equal the live choices after every kind of write that changes them", async () => {
    await t.load(dataset());
    const before = await keptAndLive();
    expect(before.kept).toEqual(before.live);

    const writes = [
      () => t.db.insertInto("processes").values({ slug: "new-process", name: "A new process", description: "" }).execute(),
      () => t.db.insertInto("venues").values({ slug: "muscat", city: "Muscat", country: "Oman", country_code: "OM", latitude: 23.6, longitude: 58.4 }).execute(),
      () => t.db.updateTable("actors").set({ deleted_at: "2026-01-01T00:00:00Z" }).where("slug", "=", "qatar").execute(),
      () => t.db.updateTable("incidents").set({ province: "Kandahar", country_code: "PK" }).execute(),
      () => t.db.updateTable("sources").set({ publisher: "Dawn News" }).where("publisher", "=", "Dawn").execute(),
    ];
    let previous = before.kept;
    for (const write of writes) {
      await write();
      const { kept, live } = await keptAndLive();
      expect(kept).toEqual(live);
      expect(kept).not.toEqual(previous);
      previous = kept;
    }
  });

  it("read only the data version while nothing is written", async () => {
    await t.load(dataset());
    await roundChoices(t.db, request());
    t.resetQueryCount();
    expect((await roundChoices(t.db, request())).mediators.map((o) => o.value)).toEqual(["qatar"]);
    expect(t.queries).toHaveLength(1);
    // A hard reload reads them again.
    t.resetQueryCount();
    await roundChoices(t.db, request({ "cache-control": "no-cache" }));
    expect(t.queries).toHaveLength(4);
  });
});
