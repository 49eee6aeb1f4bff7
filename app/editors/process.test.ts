// The process editor: a small form whose saves land on the rounds list filtered by the process.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it, vi } from "vitest";
import { buildDataset, make } from "@db/dataset/factories";
import { describeEachEngine } from "../../tests/support/db";
import { useAppDatabase } from "../../tests/support/routes";
import { TEST_CSRF, sessionCookie } from "../../tests/support/session";
import { createUser } from "~/auth/users.server";
import * as editRoute from "~/routes/processes.$slug_.edit";
import * as newRoute from "~/routes/processes.new";
import { processSchema } from "./process";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

type Entries = [string, string][];

function post(path: string, entries: Entries, cookie: string) {
  return new Request(new URL(path, "http://parley.test"), {
    method: "POST",
    body: new URLSearchParams(entries),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
}

async function call(fn: (args: any) => unknown, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await fn({ request, params, context: {} });
    if (result instanceof Response) return result;
    const maybe = result as { type?: string; data?: unknown; init?: ResponseInit };
    if (maybe?.type === "DataWithResponseInit") return Response.json(maybe.data, maybe.init ?? {});
    return Response.json(result);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

describe("process schema", () => {
  const parse = (entries: Entries, mode: "new" | "edit" = "new") => {
    const form = new FormData();
    for (const [k, v] of entries) form.append(k, v);
    return parseWithZod(form, { schema: processSchema(mode) });
  };

  it("accepts a name alone, and several sources", () => {
    const s = parse([["name", " Gulf talks "], ["sources", "4"], ["sources", "9"]]);
    expect(s.status === "success" && s.value).toMatchObject({ name: "Gulf talks", sources: [4, 9] });
  });

  it("explains what is wrong", () => {
    const s = parse([["name", ""], ["slug", "New"], ["sources", "x"], ["summary", "ok"]], "edit");
    expect(s.status === "error" && s.error).toEqual({
      name: ["Enter the name of the process."],
      slug: ["Use lowercase letters, digits and single hyphens, e.g. doha-2025-10."],
      "sources[0]": ["Choose a source from the list."],
      summary: ["Say briefly what you changed and why."],
    });
  });
});

describeEachEngine("process editor", (t) => {
  async function setUp() {
    await t.load(buildDataset({ sources: [make.source("statement")], processes: [make.process("gulf-talks", { sources: [{ source: "statement", locator: "p. 1" }] })] }));
    useAppDatabase(t);
    const editor = (await createUser(t.db, { email: "ed@example.org", name: "Ed Itor", role: "editor", password: "a long enough password" }))!;
    const statement = await t.db.selectFrom("sources").select("id").where("title", "=", "Report statement").executeTakeFirstOrThrow();
    return { editor, asEditor: await sessionCookie({ userId: editor.id }), anonymous: await sessionCookie(), statement };
  }
  const everything = async () => ({
    processes: await t.db.selectFrom("processes").selectAll().orderBy("id").execute(),
    citations: await t.db.selectFrom("citations").selectAll().orderBy("id").execute(),
    revisions: await t.db.selectFrom("revisions").selectAll().orderBy("id").execute(),
  });

  it("creates a process with a revision and goes to its rounds", async () => {
    const s = await setUp();
    const response = await call(
      newRoute.action,
      post("/processes/new", [["csrf", TEST_CSRF], ["name", "Doha–Istanbul talks"], ["description", "Rounds after the October fighting."], ["sources", String(s.statement.id)]], s.asEditor),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/rounds?process=doha-istanbul-talks");
    const saved = await t.db.selectFrom("processes").selectAll().where("slug", "=", "doha-istanbul-talks").executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ name: "Doha–Istanbul talks", description: "Rounds after the October fighting." });
    const revision = await t.db.selectFrom("revisions").selectAll().where("record_type", "=", "process").where("record_id", "=", saved.id).executeTakeFirstOrThrow();
    expect(revision).toMatchObject({ action: "create", user_id: s.editor.id, summary: "Created process Doha–Istanbul talks" });
  });

  it("edits a process, keeping its address and locators, with the summary in its revision", async () => {
    const s = await setUp();
    const page = await call(editRoute.loader, new Request("http://parley.test/processes/gulf-talks/edit", { headers: { Cookie: s.asEditor } }), { slug: "gulf-talks" });
    const { process } = await page.json();
    expect(process.defaultValue).toMatchObject({ name: "Process gulf-talks", slug: "gulf-talks", sources: [String(s.statement.id)] });
    const response = await call(
      editRoute.action,
      post(
        "/processes/gulf-talks/edit",
        [["csrf", TEST_CSRF], ["version", String(process.version)], ["name", "Gulf talks"], ["slug", ""], ["sources", String(s.statement.id)], ["summary", "Shorter name"]],
        s.asEditor,
      ),
      { slug: "gulf-talks" },
    );
    expect(response.headers.get("Location")).toBe("/rounds?process=gulf-talks");
    const saved = await t.db.selectFrom("processes").selectAll().where("id", "=", process.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ name: "Gulf talks", slug: "gulf-talks", description: "", version: process.version + 1 });
    expect(await t.db.selectFrom("citations").select(["source_id", "locator"]).where("process_id", "=", process.id).execute()).toEqual([{ source_id: s.statement.id, locator: "p. 1" }]);
    const revision = await t.db.selectFrom("revisions").selectAll().where("record_type", "=", "process").where("action", "=", "update").executeTakeFirstOrThrow();
    expect(revision).toMatchObject({ summary: "Shorter name", user_id: s.editor.id });
  });

  it("refuses a save over a newer version with 409, changing nothing", async () => {
    const s = await setUp();
    const form = (name: string, summary: string): Entries => [["csrf", TEST_CSRF], ["version", "1"], ["name", name], ["summary", summary]];
    expect((await call(editRoute.action, post("/processes/gulf-talks/edit", form("Gulf talks", "Rename"), s.asEditor), { slug: "gulf-talks" })).status).toBe(302);
    const before = await everything();
    const response = await call(editRoute.action, post("/processes/gulf-talks/edit", form("Arabian Gulf talks", "Other rename"), s.asEditor), { slug: "gulf-talks" });
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.conflict.changes).toContainEqual(expect.objectContaining({ field: "name", removed: ["Process gulf-talks"], added: ["Gulf talks"] }));
    expect(await everything()).toEqual(before);
  });

  it("refuses a signed-out visitor and bad input, writing nothing", async () => {
    const s = await setUp();
    const before = await everything();
    const anonymous = await call(newRoute.action, post("/processes/new", [["csrf", TEST_CSRF], ["name", "X talks"]], s.anonymous));
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fprocesses%2Fnew");
    const bad = await call(newRoute.action, post("/processes/new", [["csrf", TEST_CSRF], ["name", " "]], s.asEditor));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toEqual({ name: ["Enter the name of the process."] });
    const taken = await call(newRoute.action, post("/processes/new", [["csrf", TEST_CSRF], ["name", "Gulf talks"], ["slug", "gulf-talks"]], s.asEditor));
    expect(taken.status).toBe(400);
    expect((await taken.json()).error.slug[0]).toMatch(/^Another process already uses this short name/);
    expect(await everything()).toEqual(before);
  });
});
