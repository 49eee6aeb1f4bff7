import bcrypt from "bcryptjs";
import { afterEach, expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { newPasswordSchema, newUserSchema } from "./schemas";
import { bcryptCost, createUser, hashPassword, listUsers, setUserDisabled, verifyPassword } from "./users.server";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

afterEach(() => {
  vi.stubEnv("NODE_ENV", "test");
});

it("hashes a password with bcrypt and verifies it, and only it", async () => {
  const hash = await hashPassword("correct horse battery staple");
  expect(hash).toMatch(/^\$2[aby]\$04\$/);
  expect(hash).not.toContain("correct horse");
  expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
  expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
  expect(await hashPassword("correct horse battery staple")).not.toBe(hash);
});

it("uses cost 12 in production whatever PARLEY_BCRYPT_COST says", () => {
  expect(bcryptCost()).toBe(4);
  vi.stubEnv("NODE_ENV", "production");
  expect(bcryptCost()).toBe(12);
  vi.stubEnv("NODE_ENV", "test");
  vi.stubEnv("PARLEY_BCRYPT_COST", "2");
  expect(bcryptCost()).toBe(12);
  vi.stubEnv("PARLEY_BCRYPT_COST", "4");
});

it("asks for at least 12 characters and at most bcrypt's 72 bytes", () => {
  const short = newPasswordSchema.safeParse("elevenchars");
  expect(short.success).toBe(false);
  expect(short.error?.issues[0].message).toBe("Use at least 12 characters.");
  expect(newPasswordSchema.safeParse("twelve chars").success).toBe(true);
  expect(newPasswordSchema.safeParse("x".repeat(72)).success).toBe(true);
  // 36 two-byte letters are 72 bytes; one more is past what bcrypt reads.
  expect(newPasswordSchema.safeParse("é".repeat(36)).success).toBe(true);
  expect(newPasswordSchema.safeParse("é".repeat(37)).error?.issues[0].message).toMatch(/at most 72 bytes/);
  expect(bcrypt.truncates("é".repeat(37))).toBe(true);
});

it("normalises the email and names what is wrong with a new user", () => {
  const ok = newUserSchema.parse({ email: "  Ada@Example.ORG ", name: " Ada ", role: "admin", password: "a long enough password" });
  expect(ok).toMatchObject({ email: "ada@example.org", name: "Ada", role: "admin" });
  const bad = newUserSchema.safeParse({ email: "ada", name: "", role: "owner", password: "short" });
  const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path[0], i.message]));
  expect(messages).toEqual({
    email: "Enter an email address like name@example.org.",
    name: "Enter a name.",
    role: "Choose editor or admin.",
    password: "Use at least 12 characters.",
  });
});

describeEachEngine("user accounts", (t) => {
  const ada = { email: "ada@example.org", name: "Ada", role: "admin" as const, password: "a long enough password" };

  it("creates a user with a hashed password and refuses a second one with the same email", async () => {
    const created = await createUser(t.db, ada);
    expect(created).toEqual({ id: expect.any(Number), email: "ada@example.org", name: "Ada", role: "admin" });
    const row = await t.db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(ada.password);
    expect(await verifyPassword(ada.password, row.password_hash)).toBe(true);

    expect(await createUser(t.db, { ...ada, name: "Another Ada" })).toBeNull();
    expect(await t.db.selectFrom("users").select("name").execute()).toEqual([{ name: "Ada" }]);
  });

  it("disables and enables a user, keeping the first disabling date", async () => {
    const created = (await createUser(t.db, ada))!;
    await createUser(t.db, { ...ada, email: "bob@example.org", name: "Bob", role: "editor" });
    await setUserDisabled(t.db, created.id, true);
    const [first] = await listUsers(t.db);
    expect(first).toMatchObject({ email: "ada@example.org", disabledAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await t.db.updateTable("users").set({ disabled_at: "2025-01-01T00:00:00.000Z" }).where("id", "=", created.id).execute();
    await setUserDisabled(t.db, created.id, true);
    expect((await listUsers(t.db))[0].disabledAt).toBe("2025-01-01T00:00:00.000Z");
    await setUserDisabled(t.db, created.id, false);
    expect((await listUsers(t.db)).map((u) => [u.email, u.disabledAt])).toEqual([
      ["ada@example.org", null],
      ["bob@example.org", null],
    ]);
    expect(await setUserDisabled(t.db, 9999, true)).toBeNull();
  });
});
