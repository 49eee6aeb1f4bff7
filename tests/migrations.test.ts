// A migration meets real databases: the quick start's folder and deployments already hold records.
// PostgreSQL refuses some statements there that pass on an empty database (an ALTER TABLE after an
// UPDATE that queued the deferred data-version bump did, in 2026-11-25T0100), so the newest migration
// is undone and applied again here on a database holding the shipped data set.
import { Migrator, sql } from "kysely";
import { expect, it } from "vitest";
import { shippedDataset } from "@db/dataset/index";
import { migrationProvider } from "@db/migrations/index";
import { describeEachEngine } from "./support/db";

describeEachEngine("migrations", (t) => {
  it("apply the newest migration to a database that holds the data set, keeping every record", async () => {
    await t.load(shippedDataset());
    const counts = async () =>
      (
        await sql<{ rounds: number; participants: number; commitments: number; incidents: number }>`select
          (select count(*)::int from rounds) as rounds, (select count(*)::int from round_participants) as participants,
          (select count(*)::int from commitments) as commitments, (select count(*)::int from incidents) as incidents`.execute(t.db)
      ).rows[0];
    const before = await counts();
    expect(before.participants).toBeGreaterThan(0);

    const migrator = new Migrator({ db: t.db, provider: migrationProvider });
    const names = Object.keys(await migrationProvider.getMigrations()).sort();
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => [r.migrationName, r.direction, r.status])).toEqual([[names.at(-1), "Down", "Success"]]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => [r.migrationName, r.status])).toEqual([[names.at(-1), "Success"]]);
    expect(await counts()).toEqual(before);
  });
});
