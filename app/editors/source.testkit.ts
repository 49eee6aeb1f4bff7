// What the commitment, actor and source editor tests share: a signed-in editor, form posts with
// repeated fields (multi-selects), calling a route's action with its URL parameters, and a count
// of everything an action could have written.
import { vi } from "vitest";
import type { TestDatabase } from "../../tests/support/db";
import { useAppDatabase } from "../../tests/support/routes";
import { TEST_CSRF, sessionCookie } from "../../tests/support/session";
import { createUser } from "~/auth/users.server";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

export type Pairs = [string, string][];

export async function signIn(t: TestDatabase) {
  useAppDatabase(t);
  const editor = (await createUser(t.db, { email: "ed@example.org", name: "Ed Itor", role: "editor", password: "a long enough password" }))!;
  return { editor, asEditor: await sessionCookie({ userId: editor.id }), anonymous: await sessionCookie() };
}

/** A POST as the browser sends a form, the CSRF token first; a field may repeat. */
export function formPost(path: string, pairs: Pairs, cookie: string): Request {
  return new Request(new URL(path, "http://parley.test"), {
    method: "POST",
    body: new URLSearchParams([["csrf", TEST_CSRF], ...pairs]),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

/** Calls a loader or action as Remix would, with its URL parameters. */
export { callRoute as call } from "../../tests/support/routes";

const TABLES = ["sources", "actors", "commitments", "commitment_parties", "commitment_relations", "citations", "revisions"] as const;

/** Row counts and versions of every table an editor writes: equal before and after means nothing was written. */
export async function written(t: TestDatabase) {
  const out: Record<string, unknown> = {};
  for (const table of TABLES) {
    out[table] = (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;
  }
  for (const table of ["sources", "actors", "commitments"] as const) {
    out[`${table} versions`] = (await t.db.selectFrom(table).select(["id", "version"]).orderBy("id").execute()).map((r) => `${r.id}:${r.version}`);
  }
  return JSON.parse(JSON.stringify(out));
}

export async function revisionsOf(t: TestDatabase, type: "source" | "actor" | "commitment", id: number) {
  return t.db.selectFrom("revisions").select(["action", "summary", "user_id", "before", "after", "change_id"]).where("record_type", "=", type).where("record_id", "=", id).orderBy("id").execute();
}
