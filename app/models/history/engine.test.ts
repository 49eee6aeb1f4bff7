import { expect, it } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine, type TestDatabase } from "../../../tests/support/db";
import {
  beginChange,
  createRecord,
  deleteImpact,
  deleteRecord,
  restoreRevision,
  snapshot,
  undeleteRecord,
  updateRecord,
  type Change,
} from "./engine.server";

const dataset = buildDataset({
  actors: [make.actor("qatar")],
  venues: [make.venue("doha")],
  rounds: [make.round("doha-1", { venue: "doha", participants: [{ actor: "party-a", role: "party" }, { actor: "qatar", role: "mediator" }] })],
  commitments: [make.commitment("ceasefire", { round: "doha-1" })],
  incidents: [make.incident("strike")],
  claims: [make.claim("strike", "party-a"), make.claim("strike", "qatar", { killedLow: 5 })],
  breaches: [make.breach("ceasefire", "strike")],
});

async function idOf(t: TestDatabase, table: "rounds" | "actors" | "incidents" | "sources" | "venues", where: [string, string]) {
  const row = await (t.db as any).selectFrom(table).select("id").where(where[0], "=", where[1]).executeTakeFirstOrThrow();
  return row.id as number;
}

async function inChange<T>(t: TestDatabase, fn: (c: Change) => Promise<T>): Promise<T> {
  return t.db.transaction().execute(async (tx) => fn(await beginChange(tx, null)));
}

async function revisionsOf(t: TestDatabase, type: string, id: number) {
  return t.db.selectFrom("revisions").selectAll().where("record_type", "=", type as never).where("record_id", "=", id).orderBy("id").execute();
}

describeEachEngine("the editing engine", (t) => {
  it("imported records start their history with a full snapshot", async () => {
    await t.load(dataset);
    const id = await idOf(t, "rounds", ["slug", "doha-1"]);
    const [rev] = await revisionsOf(t, "round", id);
    expect(rev.action).toBe("create");
    expect(rev.after).toMatchObject({ id, version: 1, fields: { slug: "doha-1" }, children: { participants: expect.arrayContaining([expect.objectContaining({ role: "mediator" })]) } });
    expect((rev.after as any).children.citations).toHaveLength(1);
  });

  it("creates a record with its child rows and a create revision", async () => {
    await t.load(dataset);
    const venue = await inChange(t, (c) =>
      createRecord(c, "venue", { fields: { slug: "riyadh", city: "Riyadh", country: "Saudi Arabia", country_code: "SA", latitude: 24.7136, longitude: 46.6753 } }),
    );
    expect(venue).toMatchObject({ version: 1, fields: { city: "Riyadh" } });
    const revs = await revisionsOf(t, "venue", venue.id);
    expect(revs.map((r) => r.action)).toEqual(["create"]);
    expect(revs[0].change_id).toEqual(expect.any(Number));
  });

  it("saves an edit made from the current version, and refuses one made from an older version", async () => {
    await t.load(dataset);
    const id = await idOf(t, "rounds", ["slug", "doha-1"]);
    const first = await inChange(t, (c) => updateRecord(c, "round", id, 1, { fields: { title: "Doha talks" } }, "Shorter title"));
    expect(first).toMatchObject({ ok: true, after: { version: 2, fields: { title: "Doha talks" } } });
    // A second editor who opened version 1 saves later: refused, and told what changed.
    const second = await inChange(t, (c) => updateRecord(c, "round", id, 1, { fields: { outcome: "collapsed" } }, "Outcome"));
    expect(second).toMatchObject({
      ok: false,
      reason: "conflict",
      current: { version: 2, fields: { title: "Doha talks", outcome: "agreement" } },
      base: { version: 1, fields: { title: "Round doha-1" } },
      lastChange: { summary: "Shorter title", action: "update" },
    });
    expect((await snapshot(t.db, "round", id))!.fields.outcome).toBe("agreement");
  });

  it("replaces child rows only when given, and records them before and after", async () => {
    await t.load(dataset);
    const id = await idOf(t, "rounds", ["slug", "doha-1"]);
    const qatar = await idOf(t, "actors", ["slug", "qatar"]);
    await inChange(t, (c) => updateRecord(c, "round", id, 1, { fields: { summary: "New summary." } }, "Summary"));
    expect((await snapshot(t.db, "round", id))!.children.participants).toHaveLength(2);
    await inChange(t, (c) => updateRecord(c, "round", id, 2, { fields: {}, children: { participants: [{ actor_id: qatar, role: "host", note: null }] } }, "Roles"));
    const revs = await revisionsOf(t, "round", id);
    expect((revs[2].before as any).children.participants).toHaveLength(2);
    expect((revs[2].after as any).children.participants).toEqual([{ actor_id: qatar, role: "host", note: null }]);
  });

  it("deleting an incident deletes its claims and breaches in the same change, and undeleting brings them all back", async () => {
    await t.load(dataset);
    const id = await idOf(t, "incidents", ["title", "Incident strike"]);
    expect(await deleteImpact(t.db, "incident", id)).toEqual([
      { label: "casualty claims about it", policy: "own", count: 2 },
      { label: "breaches it is linked to", policy: "own", count: 1 },
    ]);
    const deleted = await inChange(t, (c) => deleteRecord(c, "incident", id, 1, "Duplicate entry"));
    expect(deleted.ok).toBe(true);
    const live = await t.db.selectFrom("claims").select("id").where("deleted_at", "is", null).execute();
    expect(live).toHaveLength(0);
    const change = await t.db.selectFrom("revisions").select(["change_id", "record_type", "action"]).where("summary", "like", "Duplicate entry%").execute();
    expect(new Set(change.map((r) => r.change_id)).size).toBe(1);
    expect(change.map((r) => `${r.record_type}:${r.action}`).sort()).toEqual(["breach:delete", "claim:delete", "claim:delete", "incident:delete"]);

    const restored = await inChange(t, (c) => undeleteRecord(c, "incident", id, 2, "Not a duplicate"));
    expect(restored.ok).toBe(true);
    expect(await t.db.selectFrom("claims").select("id").where("deleted_at", "is", null).execute()).toHaveLength(2);
    expect(await t.db.selectFrom("breaches").select("id").where("deleted_at", "is", null).execute()).toHaveLength(1);
  });

  it("refuses to delete a source that claims rest on, saying why", async () => {
    await t.load(dataset);
    const id = await idOf(t, "sources", ["title", "Report test-source"]);
    const result = await inChange(t, (c) => deleteRecord(c, "source", id, 1, "Remove"));
    expect(result).toEqual({ ok: false, reason: "blocked", blockers: [{ label: "casualty claims that rest on it", policy: "block", count: 2 }] });
    expect((await snapshot(t.db, "source", id))!.deleted_at).toBeNull();
  });

  it("deleting a venue clears it from its rounds, recorded in the rounds' history", async () => {
    await t.load(dataset);
    const venue = await idOf(t, "venues", ["slug", "doha"]);
    const round = await idOf(t, "rounds", ["slug", "doha-1"]);
    await inChange(t, (c) => deleteRecord(c, "venue", venue, 1, "Wrong city"));
    expect((await snapshot(t.db, "round", round))!.fields.venue_id).toBeNull();
    const revs = await revisionsOf(t, "round", round);
    expect(revs.at(-1)).toMatchObject({ action: "update", summary: "Wrong city (with venue #" + venue + ")" });
  });

  it("restores an earlier version, as a new version", async () => {
    await t.load(dataset);
    const id = await idOf(t, "rounds", ["slug", "doha-1"]);
    await inChange(t, (c) => updateRecord(c, "round", id, 1, { fields: { title: "Wrong title" } }, "Typo"));
    const [created] = await revisionsOf(t, "round", id);
    const result = await inChange(t, (c) => restoreRevision(c, created.id, 2, "Back to the imported title"));
    expect(result).toMatchObject({ ok: true, after: { version: 3, fields: { title: "Round doha-1" } } });
    expect((await revisionsOf(t, "round", id)).map((r) => r.action)).toEqual(["create", "update", "restore"]);
  });

  it("writes no revision when the change fails", async () => {
    await t.load(dataset);
    const id = await idOf(t, "rounds", ["slug", "doha-1"]);
    const before = (await revisionsOf(t, "round", id)).length;
    await expect(
      inChange(t, async (c) => {
        await updateRecord(c, "round", id, 1, { fields: { title: "Half-saved" } }, "Will fail");
        await updateRecord(c, "round", id, 2, { fields: { end_date: "1999-01-01", end_precision: "day" } }, "Ends before it starts");
      }),
    ).rejects.toThrow();
    expect((await revisionsOf(t, "round", id)).length).toBe(before);
    expect((await snapshot(t.db, "round", id))!).toMatchObject({ version: 1, fields: { title: "Round doha-1" } });
  });
});
