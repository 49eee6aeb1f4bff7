// Editor and admin accounts: password hashing, sign-in (throttled), and what admins change.
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { sql } from "kysely";
import type { DB } from "@db/connection";
import type { NewUser } from "./schemas";
import type { SessionUser } from "./session.server";
import { attemptSucceeded, beginAttempt, lockedMessage } from "./throttle.server";

const PRODUCTION_COST = 12;
const MIN_COST = 4;

/** bcrypt's work factor: 12, except that tests may lower it (never in production). */
export function bcryptCost(): number {
  if (process.env.NODE_ENV === "production") return PRODUCTION_COST;
  const requested = Number(process.env.PARLEY_BCRYPT_COST);
  return Number.isInteger(requested) && requested >= MIN_COST && requested <= 31 ? requested : PRODUCTION_COST;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, bcryptCost());
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the email is unknown, so that an unknown address takes as long as a wrong password.
const decoyHashes = new Map<number, Promise<string>>();
function decoyHash(): Promise<string> {
  const cost = bcryptCost();
  let hash = decoyHashes.get(cost);
  if (!hash) decoyHashes.set(cost, (hash = hashPassword(randomBytes(24).toString("base64url"))));
  return hash;
}

export const INCORRECT = "Email or password is incorrect.";
export const DISABLED = "This account has been disabled. Ask an administrator to enable it again.";

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; status: 401 | 403; message: string }
  | { ok: false; status: 429; message: string; retryAfterMs: number };

export interface SignInOptions {
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks an email and password, slowed down or refused by the throttle. While locked, the
 * password is not even looked at, so guessing on gains nothing.
 */
export async function authenticate(
  db: DB,
  attempt: { email: string; password: string; ip: string | null },
  { now = () => new Date(), sleep = realSleep }: SignInOptions = {},
): Promise<SignInResult> {
  const { attemptId, verdict } = await beginAttempt(db, { email: attempt.email, ip: attempt.ip }, now());
  if (verdict.locked) return { ok: false, status: 429, message: lockedMessage(verdict.retryAfterMs), retryAfterMs: verdict.retryAfterMs };
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);

  const row = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "password_hash", "disabled_at"])
    .where("email", "=", attempt.email)
    .executeTakeFirst();
  const matches = await verifyPassword(attempt.password, row?.password_hash ?? (await decoyHash()));
  if (!row || !matches) return { ok: false, status: 401, message: INCORRECT };
  // Only someone who knows the password learns that the account is disabled.
  if (row.disabled_at !== null) return { ok: false, status: 403, message: DISABLED };
  await attemptSucceeded(db, attemptId);
  return { ok: true, user: { id: row.id, email: row.email, name: row.name, role: row.role } };
}

/** Creates an account; null when the email is already taken. */
export async function createUser(db: DB, user: NewUser): Promise<SessionUser | null> {
  const created = await db
    .insertInto("users")
    .values({ email: user.email, name: user.name, role: user.role, password_hash: await hashPassword(user.password) })
    .onConflict((oc) => oc.column("email").doNothing())
    .returning(["id", "email", "name", "role"])
    .executeTakeFirst();
  return created ?? null;
}

export interface UserRow extends SessionUser {
  disabledAt: string | null;
  createdAt: string;
}

export function listUsers(db: DB): Promise<UserRow[]> {
  return db
    .selectFrom("users")
    .select(["id", "email", "name", "role", "disabled_at as disabledAt", "created_at as createdAt"])
    .orderBy("email")
    .execute();
}

/** Returns the changed user, or null when there is no such user. */
export async function setUserDisabled(db: DB, userId: number, disabled: boolean): Promise<SessionUser | null> {
  const row = await db
    .updateTable("users")
    // Disabling twice keeps the first date.
    .set({ disabled_at: disabled ? sql<string>`coalesce(disabled_at, now())` : null })
    .where("id", "=", userId)
    .returning(["id", "email", "name", "role"])
    .executeTakeFirst();
  return row ?? null;
}
