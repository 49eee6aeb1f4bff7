import { expect, it, vi } from "vitest";
import { describeEachEngine } from "../../tests/support/db";
import { THROTTLE, clientAddress, lockedMessage } from "./throttle.server";
import { INCORRECT, authenticate, createUser, type SignInResult } from "./users.server";

vi.stubEnv("PARLEY_BCRYPT_COST", "4");

const PASSWORD = "a long enough password";
const START = Date.parse("2026-03-02T09:00:00.000Z");

it("says how many minutes remain, rounded up", () => {
  expect(lockedMessage(10 * 60_000)).toBe("Too many failed sign-ins for this account or from your network. Try again in 10 minutes.");
  expect(lockedMessage(61_000)).toMatch(/Try again in 2 minutes\.$/);
  expect(lockedMessage(5_000)).toMatch(/Try again in 1 minute\.$/);
});

it("takes the client address from the proxy's X-Forwarded-For entry, else from the server", () => {
  const req = (xff?: string) => new Request("http://parley.test/login", { headers: xff ? { "X-Forwarded-For": xff } : {} });
  expect(clientAddress(req("203.0.113.9, 198.51.100.7"), {})).toBe("198.51.100.7");
  expect(clientAddress(req(), { clientIp: "192.0.2.4" })).toBe("192.0.2.4");
  expect(clientAddress(req(), {})).toBeNull();
});

describeEachEngine("sign-in throttle", (t) => {
  /** A clock the test moves by hand, and a sleep that only records what it was asked to wait. */
  function harness() {
    let now = START;
    const delays: number[] = [];
    const options = { now: () => new Date(now), sleep: async (ms: number) => void delays.push(ms) };
    return {
      delays,
      advanceMinutes: (m: number) => void (now += m * 60_000),
      signIn: (email: string, password: string, ip: string | null = "198.51.100.1"): Promise<SignInResult> =>
        authenticate(t.db, { email, password, ip }, options),
    };
  }

  async function withAda() {
    await createUser(t.db, { email: "ada@example.org", name: "Ada", role: "editor", password: PASSWORD });
  }

  it("slows down after 3 failures for an account and refuses after 5, without checking the password", async () => {
    await withAda();
    const h = harness();
    for (let i = 0; i < 5; i++) {
      expect(await h.signIn("ada@example.org", "wrong password!")).toEqual({ ok: false, status: 401, message: INCORRECT });
      h.advanceMinutes(1);
    }
    // Attempts 4 and 5 waited 1 s and 2 s; the first three did not wait.
    expect(h.delays).toEqual([1000, 2000]);

    const refused = await h.signIn("ada@example.org", PASSWORD);
    // The 5 failures were at minutes 0–4; the lock ends when the first leaves the 15-minute window.
    expect(refused).toEqual({
      ok: false,
      status: 429,
      retryAfterMs: 10 * 60_000,
      message: "Too many failed sign-ins for this account or from your network. Try again in 10 minutes.",
    });
    // A refused attempt is not recorded, so it cannot prolong the lock.
    expect(await t.db.selectFrom("login_attempts").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).toEqual({ n: 5 });
  });

  it("opens again when failures leave the 15-minute window", async () => {
    await withAda();
    const h = harness();
    for (let i = 0; i < 5; i++) {
      await h.signIn("ada@example.org", "wrong password!");
      h.advanceMinutes(1);
    }
    h.advanceMinutes(9); // minute 14: still locked
    expect((await h.signIn("ada@example.org", PASSWORD)).ok).toBe(false);
    h.advanceMinutes(1); // minute 15: the first failure has left the window, 4 remain
    h.delays.length = 0;
    const result = await h.signIn("ada@example.org", PASSWORD);
    expect(result).toEqual({ ok: true, user: expect.objectContaining({ email: "ada@example.org" }) });
    expect(h.delays).toEqual([2000]);
    h.advanceMinutes(15);
    h.delays.length = 0;
    expect((await h.signIn("ada@example.org", PASSWORD)).ok).toBe(true);
    expect(h.delays).toEqual([]);
  });

  it("counts a success as no failure, and forgives none before it", async () => {
    await withAda();
    const h = harness();
    await h.signIn("ada@example.org", "wrong password!");
    await h.signIn("ada@example.org", "wrong password!");
    expect((await h.signIn("ada@example.org", PASSWORD)).ok).toBe(true);
    await h.signIn("ada@example.org", "wrong password!");
    expect(h.delays).toEqual([]);
    await h.signIn("ada@example.org", "wrong password!");
    expect(h.delays).toEqual([1000]);
  });

  it("gives an unknown email the same answer as a wrong password, and throttles it alike", async () => {
    await withAda();
    const h = harness();
    for (let i = 0; i < 5; i++) expect(await h.signIn("nobody@example.org", PASSWORD)).toEqual({ ok: false, status: 401, message: INCORRECT });
    expect((await h.signIn("nobody@example.org", PASSWORD)).ok).toBe(false);
    expect(await h.signIn("nobody@example.org", PASSWORD)).toMatchObject({ status: 429 });
    // Another account is not affected by the first one's lock.
    expect((await h.signIn("ada@example.org", PASSWORD)).ok).toBe(true);
  });

  it("slows down after 10 failures from one address and refuses after 30, whatever the accounts", async () => {
    await withAda();
    const h = harness();
    const ip = "203.0.113.50";
    for (let i = 0; i < 30; i++) {
      expect((await h.signIn(`guess${i}@example.org`, "wrong password!", ip)).ok).toBe(false);
    }
    // Attempts 11 to 30 waited 1 s, 2 s … capped at 5 s.
    expect(h.delays).toEqual([1000, 2000, 3000, 4000, ...Array(16).fill(THROTTLE.maxDelayMs)]);
    expect(await h.signIn("ada@example.org", PASSWORD, ip)).toMatchObject({ ok: false, status: 429, message: expect.stringMatching(/Try again in 15 minutes/) });
    // From another address the same account signs in.
    expect((await h.signIn("ada@example.org", PASSWORD, "203.0.113.51")).ok).toBe(true);
    // Without a known address, only the per-account limit applies.
    expect((await h.signIn("ada@example.org", PASSWORD, null)).ok).toBe(true);
  });

  it("counts attempts made at the same moment against each other", async () => {
    await withAda();
    const h = harness();
    const results = await Promise.all(Array.from({ length: 12 }, () => h.signIn("ada@example.org", "wrong password!")));
    const checked = results.filter((r) => !r.ok && r.status === 401).length;
    // Each attempt is recorded before it is judged, so the last of any 6 to be judged sees the
    // other 5: no more than 5 passwords get checked, however the attempts interleave.
    expect(checked).toBeLessThanOrEqual(THROTTLE.email.lockAfter);
    expect(results.filter((r) => !r.ok && r.status === 429).length).toBe(12 - checked);
  });

  it("tells a disabled account so only when the password is right", async () => {
    await withAda();
    await t.db.updateTable("users").set({ disabled_at: new Date(START).toISOString() }).execute();
    const h = harness();
    expect(await h.signIn("ada@example.org", "wrong password!")).toEqual({ ok: false, status: 401, message: INCORRECT });
    expect(await h.signIn("ada@example.org", PASSWORD)).toMatchObject({ ok: false, status: 403, message: expect.stringMatching(/disabled/) });
  });
});
