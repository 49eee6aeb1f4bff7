// What the incident, claim and breach editor tests share: a small October 2025 history, a
// signed-in editor and an anonymous visitor, and a way to call a route's action with its params.
//
// commitments   in force                  incidents
// truce         15 Oct 2025 – 17 Oct 2025  before (9 Oct), paktika (17 Oct), spin-boldak (25 Oct)
// doha          19 Oct 2025 – (no expiry)
import { buildDataset, make } from "@db/dataset/factories";
import type { RecordType } from "@db/enums";
import type { TestDatabase } from "../../tests/support/db";
import { useAppDatabase } from "../../tests/support/routes";
import { TEST_CSRF, callRoute, sessionCookie } from "../../tests/support/session";
import { createUser } from "~/auth/users.server";

export const dataset = buildDataset({
  sources: [make.source("dawn", { publisher: "Dawn", title: "Strikes in Paktika", url: "https://www.dawn.com/news/1" })],
  actors: [make.actor("pakistan"), make.actor("taliban"), make.actor("unama", { kind: "organisation", name: "UNAMA" })],
  commitments: [
    make.commitment("truce", { title: "48-hour truce", takesEffectOn: "2025-10-15", expiresOn: "2025-10-17" }),
    make.commitment("doha", { title: "Doha ceasefire", takesEffectOn: "2025-10-19" }),
  ],
  incidents: [
    make.incident("before", { title: "Kabul strikes", occurredOn: "2025-10-09" }),
    make.incident("paktika", { title: "Paktika strikes", occurredOn: "2025-10-17", perpetrator: "pakistan", sources: [{ source: "dawn", locator: "para. 3" }] }),
    make.incident("spin-boldak", { title: "Spin Boldak clashes", occurredOn: "2025-10-25" }),
  ],
});

export async function setUp(t: TestDatabase) {
  useAppDatabase(t);
  await t.load(dataset);
  const editor = (await createUser(t.db, { email: "ed@example.org", name: "Ed Itor", role: "editor", password: "a long enough password" }))!;
  return { editor, asEditor: await sessionCookie({ userId: editor.id }), anonymous: await sessionCookie() };
}

type Table = "actors" | "sources" | "commitments" | "incidents";

export async function idOf(t: TestDatabase, table: Table, column: "slug" | "title", value: string): Promise<number> {
  const row = await (t.db as any).selectFrom(table).select("id").where(column, "=", value).executeTakeFirstOrThrow();
  return row.id;
}

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

/** POSTs a form (with the session's CSRF token) to a route's action, as Remix would. */
export function post(handler: Handler, path: string, params: Record<string, string>, fields: Record<string, string | string[]>, cookie: string) {
  const form = new URLSearchParams({ csrf: TEST_CSRF });
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
  const request = new Request(new URL(path, "http://parley.test"), { method: "POST", body: form, headers: { Cookie: cookie } });
  return callRoute((args) => handler({ ...args, params }), request);
}

export function get(handler: Handler, path: string, params: Record<string, string>, cookie: string) {
  return callRoute((args) => handler({ ...args, params }), new Request(new URL(path, "http://parley.test"), { headers: { Cookie: cookie } }));
}

export async function revisionsOf(t: TestDatabase, type: RecordType, id: number) {
  return t.db.selectFrom("revisions").select(["action", "summary", "user_id", "change_id", "after"]).where("record_type", "=", type).where("record_id", "=", id).orderBy("id").execute();
}

/** Row counts of the tables an editor writes, to show that a refused form wrote nothing. */
export async function counts(t: TestDatabase) {
  const n = async (table: "incidents" | "claims" | "breaches" | "sources" | "citations" | "revisions") =>
    Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  return { incidents: await n("incidents"), claims: await n("claims"), breaches: await n("breaches"), sources: await n("sources"), citations: await n("citations"), revisions: await n("revisions") };
}
