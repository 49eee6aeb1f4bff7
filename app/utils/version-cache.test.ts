import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { versionCache, wantsFresh } from "./version-cache.server";

it("takes Cache-Control: no-cache (and the old Pragma) as a request for a fresh answer", () => {
  expect(wantsFresh(new Request("http://x/", { headers: { "cache-control": "no-cache" } }))).toBe(true);
  expect(wantsFresh(new Request("http://x/", { headers: { "Cache-Control": "max-age=0, no-cache" } }))).toBe(true);
  expect(wantsFresh(new Request("http://x/", { headers: { pragma: "no-cache" } }))).toBe(true);
  expect(wantsFresh(new Request("http://x/", { headers: { "cache-control": "max-age=0" } }))).toBe(false);
  expect(wantsFresh(new Request("http://x/"))).toBe(false);
});

describeEachEngine("version cache", (t) => {
  /** A computation that counts its runs and answers the number of venues it saw. */
  function counter() {
    let runs = 0;
    const compute = async () => {
      runs++;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from venues`.execute(t.db);
      return rows[0].n;
    };
    return { compute, runs: () => runs };
  }
  const addVenue = (slug: string, db = t.db) =>
    db.insertInto("venues").values({ slug, city: slug, country: "Qatar", country_code: "QA", latitude: 25.3, longitude: 51.5 }).execute();

  it("answers again from memory while nothing is written, and computes afresh after any write", async () => {
    const cache = versionCache(8);
    const c = counter();
    expect(await cache.get(t.db, "k", c.compute)).toBe(0);
    expect(await cache.get(t.db, "k", c.compute)).toBe(0);
    expect(c.runs()).toBe(1);
    await addVenue("doha");
    expect(await cache.get(t.db, "k", c.compute)).toBe(1);
    expect(c.runs()).toBe(2);
    // A write to a record the computation never reads also counts: the version is the whole database's.
    await t.db.insertInto("actors").values({ slug: "qatar", name: "Qatar", kind: "state", description: "" }).execute();
    expect(await cache.get(t.db, "k", c.compute)).toBe(1);
    expect(c.runs()).toBe(3);
    // Another key is another computation.
    expect(await cache.get(t.db, "other", c.compute)).toBe(1);
    expect(c.runs()).toBe(4);
  });

  it("computes afresh when asked, and keeps that answer", async () => {
    const cache = versionCache(8);
    const c = counter();
    await cache.get(t.db, "k", c.compute);
    await cache.get(t.db, "k", c.compute, { fresh: true });
    expect(c.runs()).toBe(2);
    await cache.get(t.db, "k", c.compute);
    expect(c.runs()).toBe(2);
  });

  it("shares one computation between requests that arrive together, and keeps no failure", async () => {
    const cache = versionCache(8);
    const c = counter();
    expect(await Promise.all([1, 2, 3].map(() => cache.get(t.db, "k", c.compute)))).toEqual([0, 0, 0]);
    expect(c.runs()).toBe(1);
    const failing = () => Promise.reject(new Error("the database went away"));
    await expect(cache.get(t.db, "bad", failing)).rejects.toThrow("the database went away");
    expect(await cache.get(t.db, "bad", c.compute)).toBe(0);
  });

  it("holds at most its number of results, dropping the least recently used", async () => {
    const cache = versionCache(2);
    const c = counter();
    await cache.get(t.db, "a", c.compute);
    await cache.get(t.db, "b", c.compute);
    await cache.get(t.db, "a", c.compute);
    await cache.get(t.db, "c", c.compute);
    expect(cache.size(t.db)).toBe(2);
    expect(c.runs()).toBe(3);
    await cache.get(t.db, "a", c.compute);
    expect(c.runs()).toBe(3);
    await cache.get(t.db, "b", c.compute);
    expect(c.runs()).toBe(4);
  });

  it("is not fooled by another editor's transaction: nothing changes until it commits, then the next request sees it", async () => {
    if (t.engine === "pglite") return; // one connection: no second transaction can be open meanwhile
    const cache = versionCache(8);
    const c = counter();
    await cache.get(t.db, "k", c.compute);
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const editor = t.db.transaction().execute(async (tx) => {
      await addVenue("istanbul", tx);
      written();
      await committed;
    });
    await wrote;
    // Written but not committed: a reader sees what it saw before, and is answered from memory.
    expect(await cache.get(t.db, "k", c.compute)).toBe(0);
    expect(c.runs()).toBe(1);
    commit();
    await editor;
    expect(await cache.get(t.db, "k", c.compute)).toBe(1);
    expect(c.runs()).toBe(2);
  });

  it("moves the data version once per committed transaction, however many rows it writes, and not for one rolled back", async () => {
    const version = async () => Number((await sql<{ n: string }>`select n from data_version`.execute(t.db)).rows[0].n);
    const before = await version();
    await t.db.transaction().execute(async (tx) => {
      for (const slug of ["doha", "istanbul", "riyadh"]) await addVenue(slug, tx);
      await tx.updateTable("venues").set({ country: "Türkiye" }).where("slug", "=", "istanbul").execute();
    });
    expect(await version()).toBe(before + 1);
    await expect(
      t.db.transaction().execute(async (tx) => {
        await addVenue("muscat", tx);
        throw new Error("the editor gave up");
      }),
    ).rejects.toThrow("the editor gave up");
    expect(await version()).toBe(before + 1);
    await t.db.deleteFrom("venues").where("slug", "=", "doha").execute();
    expect(await version()).toBe(before + 2);
  });
});
