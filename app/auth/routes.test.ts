// The sign-in, sign-out and user admin routes, called as Remix would call them.
import { expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { useAppDatabase } from "../../tests/support/routes";
import { TEST_CSRF, callRoute, cookieFromSetCookie, getRequest, postRequest, sessionCookie } from "../../tests/support/session";
import * as adminUsers from "~/routes/admin.users";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as root from "~/root";
import { getUser } from "./session.server";
import { createUser, verifyPassword } from "./users.server";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

const PASSWORD = "a long enough password";

describeEachEngine("account routes", (t) => {
  async function setUp() {
    useAppDatabase(t);
    const admin = (await createUser(t.db, { email: "ad@example.org", name: "Ad Min", role: "admin", password: PASSWORD }))!;
    const editor = (await createUser(t.db, { email: "ed@example.org", name: "Ed Itor", role: "editor", password: PASSWORD }))!;
    return {
      admin,
      editor,
      anonymous: await sessionCookie(),
      asAdmin: await sessionCookie({ userId: admin.id }),
      asEditor: await sessionCookie({ userId: editor.id }),
    };
  }

  const count = async (table: "users" | "login_attempts") =>
    (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;

  async function snapshot() {
    return {
      users: await t.db.selectFrom("users").select(["id", "email", "name", "role", "disabled_at"]).orderBy("id").execute(),
      attempts: await count("login_attempts"),
    };
  }

  it("answers bad sign-in input with messages next to the fields, and writes nothing", async () => {
    const s = await setUp();
    const before = await snapshot();
    const response = await callRoute(login.action, postRequest("/login", { csrf: TEST_CSRF, email: "not an email", password: "" }, s.anonymous));
    expect(response.status).toBe(400);
    expect(response.headers.get("Set-Cookie")).toBeNull();
    const body = await response.json();
    expect(body.error).toEqual({ email: ["Enter an email address like name@example.org."], password: ["Enter your password."] });
    expect(await snapshot()).toEqual(before);
  });

  it("gives a reader no cookie, and the sign-in page the token its form posts back", async () => {
    const s = await setUp();
    // Reading: no session is started, and the page carries no token.
    const page = await callRoute(root.loader, getRequest("/incidents"));
    expect(page.headers.get("Set-Cookie")).toBeNull();
    expect(await page.json()).toEqual({ user: null, csrf: null });
    // The sign-in page creates one, in the cookie, and puts it in its form.
    const form = await callRoute(login.loader, getRequest("/login"));
    const setCookie = form.headers.get("Set-Cookie");
    expect(setCookie).toMatch(/^__parley_session=.*; HttpOnly/);
    const { csrf } = await form.json();
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Posted back with that cookie, the form signs in; the token alone, without the cookie, does not.
    const cookie = cookieFromSetCookie(setCookie!);
    const fields = { csrf, email: "ed@example.org", password: PASSWORD };
    expect((await callRoute(login.action, postRequest("/login", fields))).status).toBe(403);
    const signedIn = await callRoute(login.action, postRequest("/login", fields, cookie));
    expect(signedIn.status).toBe(302);
    // Signed in, every page has the session's token.
    const after = await callRoute(root.loader, getRequest("/incidents", cookieFromSetCookie(signedIn.headers.get("Set-Cookie")!)));
    expect(await after.json()).toMatchObject({ user: { id: s.editor.id }, csrf: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
  });

  it("refuses a sign-in without the form's CSRF token before looking at it", async () => {
    const s = await setUp();
    const response = await callRoute(login.action, postRequest("/login", { email: "ed@example.org", password: PASSWORD }, s.anonymous));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/did not come from Parley/);
    expect(await count("login_attempts")).toBe(0);
  });

  it("signs in with the right password, in a new session, and goes back only to a page of this site", async () => {
    const s = await setUp();
    const ok = await callRoute(
      login.action,
      postRequest("/login", { csrf: TEST_CSRF, email: " Ed@Example.org ", password: PASSWORD, redirectTo: "/commitments?status=broken" }, s.anonymous),
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/commitments?status=broken");
    const cookie = cookieFromSetCookie(ok.headers.get("Set-Cookie")!);
    expect(await getUser(getRequest("/", cookie))).toMatchObject({ id: s.editor.id, role: "editor" });
    // The token changes at sign-in: one planted before it is worth nothing after.
    const planted = await callRoute(logout.action, postRequest("/logout", { csrf: TEST_CSRF }, cookie));
    expect(planted.status).toBe(403);

    const offsite = await callRoute(login.action, postRequest("/login", { csrf: TEST_CSRF, email: "ed@example.org", password: PASSWORD, redirectTo: "//evil.example/x" }, s.anonymous));
    expect(offsite.headers.get("Location")).toBe("/");
  });

  it("says the same for a wrong password and an unknown email, and never echoes the password", async () => {
    const s = await setUp();
    for (const email of ["ed@example.org", "nobody@example.org"]) {
      const response = await callRoute(login.action, postRequest("/login", { csrf: TEST_CSRF, email, password: "wrong password!" }, s.anonymous));
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.error).toEqual({ "": ["Email or password is incorrect."] });
      expect(JSON.stringify(body)).not.toContain("wrong password!");
      expect(response.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("refuses sign-in while the account is locked, with the minutes left and Retry-After", async () => {
    const s = await setUp();
    const recent = new Date(Date.now() - 60_000).toISOString();
    await t.db
      .insertInto("login_attempts")
      .values(Array.from({ length: 5 }, () => ({ email: "ed@example.org", ip: "198.51.100.1", attempted_at: recent })))
      .execute();
    const response = await callRoute(login.action, postRequest("/login", { csrf: TEST_CSRF, email: "ed@example.org", password: PASSWORD }, s.anonymous));
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(13 * 60);
    expect((await response.json()).error[""][0]).toMatch(/Try again in 14 minutes\./);
  });

  it("sends a signed-in user away from the sign-in page", async () => {
    const s = await setUp();
    const response = await callRoute(login.loader, getRequest("/login?redirectTo=%2Frounds", s.asEditor));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/rounds");
    const anonymous = await callRoute(login.loader, getRequest("/login?redirectTo=https%3A%2F%2Fevil.example", s.anonymous));
    // s.anonymous is a session that already has a token: the page uses it and sets no new cookie.
    expect(await anonymous.json()).toEqual({ redirectTo: "/", csrf: TEST_CSRF });
    expect(anonymous.headers.get("Set-Cookie")).toBeNull();
  });

  it("signs out only by a POST carrying the token", async () => {
    const s = await setUp();
    expect((await callRoute(logout.action, postRequest("/logout", {}, s.asEditor))).status).toBe(403);
    // A POST that is not a form at all is refused the same way, not answered with a 500.
    const notAForm = new Request("http://parley.test/logout", { method: "POST", body: "{}", headers: { Cookie: s.asEditor, "Content-Type": "application/json" } });
    expect((await callRoute(logout.action, notAForm)).status).toBe(403);
    const response = await callRoute(logout.action, postRequest("/logout", { csrf: TEST_CSRF }, s.asEditor));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/");
    expect(response.headers.get("Set-Cookie")).toMatch(/^__parley_session=; .*Expires=Thu, 01 Jan 1970/);
  });

  it("shows the users to an admin only", async () => {
    const s = await setUp();
    const list = await callRoute(adminUsers.loader, getRequest("/admin/users", s.asAdmin));
    expect(list.status).toBe(200);
    const body = await list.json();
    expect(body.users.map((u: { email: string }) => u.email)).toEqual(["ad@example.org", "ed@example.org"]);
    expect(JSON.stringify(body)).not.toContain("password");
    expect((await callRoute(adminUsers.loader, getRequest("/admin/users", s.asEditor))).status).toBe(403);
    const anonymous = await callRoute(adminUsers.loader, getRequest("/admin/users", s.anonymous));
    expect(anonymous.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers");
  });

  it("refuses every user change from an editor, or without the token, and writes nothing", async () => {
    const s = await setUp();
    const before = await snapshot();
    const changes: Record<string, string>[] = [
      { intent: "create", email: "new@example.org", name: "New", role: "admin", password: PASSWORD },
      { intent: "disable", userId: String(s.admin.id) },
      { intent: "enable", userId: String(s.admin.id) },
    ];
    for (const change of changes) {
      const response = await callRoute(adminUsers.action, postRequest("/admin/users", { csrf: TEST_CSRF, ...change }, s.asEditor));
      expect(response.status).toBe(403);
      expect(await response.text()).toBe("Only administrators can manage users.");
      expect((await callRoute(adminUsers.action, postRequest("/admin/users", change, s.asAdmin))).status).toBe(403);
      expect((await callRoute(adminUsers.action, postRequest("/admin/users", { csrf: TEST_CSRF, ...change }, s.anonymous))).status).toBe(302);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("lets an admin add a user, with field errors for bad input and a taken email", async () => {
    const s = await setUp();
    const post = (fields: Record<string, string>) => callRoute(adminUsers.action, postRequest("/admin/users", { csrf: TEST_CSRF, intent: "create", ...fields }, s.asAdmin));

    const bad = await post({ email: "x", name: "", role: "owner", password: "short" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).create.error).toEqual({
      email: ["Enter an email address like name@example.org."],
      name: ["Enter a name."],
      role: ["Choose editor or admin."],
      password: ["Use at least 12 characters."],
    });
    expect(await count("users")).toBe(2);

    const taken = await post({ email: "ED@example.org", name: "Other", role: "editor", password: PASSWORD });
    expect(taken.status).toBe(409);
    expect((await taken.json()).create.error).toEqual({ email: ["There is already a user with this email address."] });

    const added = await post({ email: "Nadia@Example.org", name: "Nadia", role: "editor", password: "another good password" });
    expect(added.status).toBe(200);
    expect((await added.json()).notice).toBe("Added Nadia (nadia@example.org) as editor.");
    const row = await t.db.selectFrom("users").selectAll().where("email", "=", "nadia@example.org").executeTakeFirstOrThrow();
    expect(row.role).toBe("editor");
    expect(await verifyPassword("another good password", row.password_hash)).toBe(true);
  });

  it("lets an admin disable and enable others, never themself, and a disabled editor is signed out", async () => {
    const s = await setUp();
    const post = (fields: Record<string, string>) => callRoute(adminUsers.action, postRequest("/admin/users", { csrf: TEST_CSRF, ...fields }, s.asAdmin));

    const self = await post({ intent: "disable", userId: String(s.admin.id) });
    expect(self.status).toBe(400);
    expect((await self.json()).error).toBe("You cannot disable or enable your own account.");
    expect((await post({ intent: "disable", userId: "abc" })).status).toBe(400);
    expect((await post({ intent: "disable", userId: "9999" })).status).toBe(404);

    const disabled = await post({ intent: "disable", userId: String(s.editor.id) });
    expect(disabled.status).toBe(200);
    expect((await disabled.json()).notice).toMatch(/^Disabled Ed Itor/);
    expect(await getUser(getRequest("/", s.asEditor))).toBeNull();

    expect((await post({ intent: "enable", userId: String(s.editor.id) })).status).toBe(200);
    expect(await getUser(getRequest("/", s.asEditor))).toMatchObject({ id: s.editor.id });
  });
});
