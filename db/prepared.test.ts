// executePrepared (db/connection.ts): the same rows as the query run plainly; on PostgreSQL a named
// statement the connection keeps, one per shape of SQL, whatever the parameters.
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachEngine } from "../tests/support/db";
import { executePrepared } from "./connection";

describeEachEngine("prepared statements", (t) => {
  it("answer as the plain query, and are kept by the connection once per shape on PostgreSQL", async () => {
    await sql`insert into processes (slug, name) values ('p-one', 'One'), ('p-two', 'Two')`.execute(t.db);
    await t.db.connection().execute(async (conn) => {
      const bySlug = (slug: string) => conn.selectFrom("processes").where("slug", "=", slug).select(["slug", "name"]);
      for (let run = 0; run < 7; run++) {
        for (const slug of ["p-one", "p-two", "p-none"]) expect(await executePrepared(conn, bySlug(slug))).toEqual(await bySlug(slug).execute());
      }
      const byName = conn.selectFrom("processes").where("name", "=", "Two").select("slug");
      expect(await executePrepared(conn, byName)).toEqual([{ slug: "p-two" }]);
      const kept = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where name like 'parley\\_%'`.execute(conn);
      if (t.engine === "postgres") {
        expect(kept.rows).toHaveLength(2);
        expect(kept.rows.map((r) => r.statement).sort()).toEqual([bySlug("x").compile().sql, byName.compile().sql].map((q) => `/* prepared */ ${q}`).sort());
      } else {
        expect(kept.rows).toEqual([]);
      }
    });
  });
});
