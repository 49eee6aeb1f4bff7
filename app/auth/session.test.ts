import { expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { useAppDatabase } from "../../tests/support/routes";
import { TEST_CSRF, cookieFromSetCookie, getRequest, postRequest, sessionCookie } from "../../tests/support/session";
import { CSRF_REFUSED, assertCsrf, csrfFor } from "./csrf.server";
import {
  SESSION_MAX_AGE_SECONDS,
  assertSessionSecret,
  getUser,
  requireAdmin,
  requireEditor,
  safeRedirect,
  sessionState,
} from "./session.server";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected a thrown Response");
}

it("refuses to start in production without a long enough SESSION_SECRET, and makes one up in development", () => {
  const kept = globalThis.__parleySessionSecret;
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  try {
    for (const [env, secret, outcome] of [
      ["production", "", /SESSION_SECRET is not set/],
      ["production", "too short", /shorter than 32 characters/],
      ["production", "x".repeat(32), null],
      ["development", "", null],
    ] as const) {
      globalThis.__parleySessionSecret = undefined;
      vi.stubEnv("NODE_ENV", env);
      vi.stubEnv("SESSION_SECRET", secret);
      if (outcome) expect(() => assertSessionSecret()).toThrow(outcome);
      else expect(() => assertSessionSecret()).not.toThrow();
    }
    expect(globalThis.__parleySessionSecret).toHaveLength(43);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/random secret for this process/));
  } finally {
    globalThis.__parleySessionSecret = kept;
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("SESSION_SECRET", "");
    warn.mockRestore();
  }
});

it("redirects only to paths on this site", () => {
  expect(safeRedirect("/rounds?venue=doha")).toBe("/rounds?venue=doha");
  for (const bad of ["//evil.example", "https://evil.example/", "/\\evil.example", "/\t/evil.example", "rounds", "", null, undefined]) {
    expect(safeRedirect(bad)).toBe("/");
  }
});

it("accepts a form whose csrf field matches the session's token, and refuses any other", async () => {
  const cookie = await sessionCookie();
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  await expect(assertCsrf(postRequest("/x", {}, cookie), form({ csrf: TEST_CSRF }))).resolves.toBeUndefined();
  for (const [request, fields] of [
    [postRequest("/x", {}, cookie), {}],
    [postRequest("/x", {}, cookie), { csrf: "" }],
    [postRequest("/x", {}, cookie), { csrf: TEST_CSRF.slice(0, -1) + "X" }],
    [postRequest("/x", {}, cookie), { csrf: TEST_CSRF + "X" }],
    // A session without a token (or no session at all) accepts nothing, not even an empty field.
    [postRequest("/x", {}, await sessionCookie({ csrf: null })), { csrf: "" }],
    [postRequest("/x", {}), { csrf: TEST_CSRF }],
  ] as const) {
    const response = await thrown(assertCsrf(request, form(fields)));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe(CSRF_REFUSED);
  }
});

it("creates a CSRF token once, in an HttpOnly SameSite=Lax cookie, Secure over HTTPS", async () => {
  const first = await csrfFor(getRequest("/login"));
  expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(first.setCookie).toMatch(/^__parley_session=/);
  expect(first.setCookie).toMatch(/; Max-Age=604800/);
  expect(first.setCookie).toMatch(/; Path=\//);
  expect(first.setCookie).toMatch(/; HttpOnly/);
  expect(first.setCookie).toMatch(/; SameSite=Lax/);
  expect(first.setCookie).not.toMatch(/Secure/);

  const again = await csrfFor(getRequest("/", cookieFromSetCookie(first.setCookie!)));
  expect(again).toEqual({ token: first.token, setCookie: null });

  const https = await csrfFor(new Request("https://parley.example/login"));
  expect(https.setCookie).toMatch(/; Secure/);
  const proxied = await csrfFor(new Request("http://parley.internal/login", { headers: { "X-Forwarded-Proto": "https" } }));
  expect(proxied.setCookie).toMatch(/; Secure/);
});

describeEachEngine("sessions and roles", (t) => {
  async function users() {
    useAppDatabase(t);
    const insert = (email: string, role: "editor" | "admin", disabled = false) =>
      t.db
        .insertInto("users")
        .values({ email, name: email.split("@")[0], role, password_hash: "x", disabled_at: disabled ? "2026-01-01T00:00:00Z" : null })
        .returning("id")
        .executeTakeFirstOrThrow()
        .then((r) => r.id);
    return {
      editor: await insert("ed@example.org", "editor"),
      admin: await insert("ad@example.org", "admin"),
      disabled: await insert("gone@example.org", "admin", true),
    };
  }

  it("knows the signed-in user with one query, and nobody for anonymous, disabled, deleted or stale sessions", async () => {
    const ids = await users();
    t.resetQueryCount();
    expect(await getUser(getRequest("/", await sessionCookie({ userId: ids.editor })))).toEqual({
      id: ids.editor,
      email: "ed@example.org",
      name: "ed",
      role: "editor",
    });
    expect(t.queries.length).toBe(1);
    t.resetQueryCount();
    expect(await getUser(getRequest("/"))).toBeNull();
    expect(await getUser(getRequest("/", await sessionCookie()))).toBeNull();
    expect(t.queries.length).toBe(0);
    expect(await getUser(getRequest("/", await sessionCookie({ userId: ids.disabled })))).toBeNull();
    expect(await getUser(getRequest("/", await sessionCookie({ userId: 9999 })))).toBeNull();
    const staleSince = Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000;
    expect(await getUser(getRequest("/", await sessionCookie({ userId: ids.editor, signedInAt: staleSince })))).toBeNull();
    // A cookie whose value was edited fails its signature.
    const forged = (await sessionCookie({ userId: ids.editor })).replace(/=(.)/, (_, c) => `=${c === "e" ? "f" : "e"}`);
    expect(await getUser(getRequest("/", forged))).toBeNull();
  });

  it("sends anonymous visitors of editor pages to sign in, coming back to the same address", async () => {
    await users();
    for (const request of [getRequest("/commitments/new?round=doha-1"), postRequest("/commitments/new?round=doha-1", { a: "1" })]) {
      for (const guard of [requireEditor, requireAdmin]) {
        const response = await thrown(guard(request));
        expect(response.status).toBe(302);
        expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fcommitments%2Fnew%3Fround%3Ddoha-1");
      }
    }
  });

  it("lets editors and admins edit, only admins manage users, and nobody disabled do either", async () => {
    const ids = await users();
    const as = async (userId: number) => getRequest("/admin/users", await sessionCookie({ userId }));
    expect(await requireEditor(await as(ids.editor))).toMatchObject({ role: "editor" });
    expect(await requireEditor(await as(ids.admin))).toMatchObject({ role: "admin" });
    expect(await requireAdmin(await as(ids.admin))).toMatchObject({ role: "admin" });

    const forbidden = await thrown(requireAdmin(await as(ids.editor)));
    expect(forbidden.status).toBe(403);
    expect(await forbidden.text()).toBe("Only administrators can manage users.");

    for (const guard of [requireEditor, requireAdmin]) {
      const response = await thrown(guard(await as(ids.disabled)));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("signs a disabled user out at their next request, keeping the CSRF token", async () => {
    const ids = await users();
    const state = await sessionState(getRequest("/", await sessionCookie({ userId: ids.disabled })));
    expect(state.user).toBeNull();
    expect(state.csrf).toBe(TEST_CSRF);
    expect(state.setCookie).not.toBeNull();
    const after = cookieFromSetCookie(state.setCookie!);
    await t.db.updateTable("users").set({ disabled_at: null }).execute();
    // Enabling the account again does not bring the old session back.
    expect(await getUser(getRequest("/", after))).toBeNull();

    const editor = await sessionState(getRequest("/", await sessionCookie({ userId: ids.editor })));
    expect(editor).toEqual({ user: expect.objectContaining({ id: ids.editor }), csrf: TEST_CSRF, setCookie: null });
  });
});
