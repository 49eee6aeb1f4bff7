// Slows down, then refuses, repeated failed sign-ins for one account (email) or from one address.
// The numbers are explained in docs/decisions/0003-accounts.md.
import { sql } from "kysely";
import type { DB } from "@db/connection";

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  email: { slowAfter: 3, lockAfter: 5 },
  ip: { slowAfter: 10, lockAfter: 30 },
  delayStepMs: 1000,
  maxDelayMs: 5000,
} as const;

export type ThrottleVerdict = { locked: false; delayMs: number } | { locked: true; retryAfterMs: number };

export interface AttemptKey {
  /** Lowercased, as stored in users.email. */
  email: string;
  /** null when the client's address is unknown: then only the per-account limit applies. */
  ip: string | null;
}

export function lockedMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed sign-ins for this account or from your network. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

function delayFor(failures: number, slowAfter: number): number {
  if (failures < slowAfter) return 0;
  return Math.min(THROTTLE.maxDelayMs, (failures - slowAfter + 1) * THROTTLE.delayStepMs);
}

/**
 * Records a sign-in attempt — as failed until `attemptSucceeded` says otherwise — and judges it
 * against the failures before it in the window. Recording first means that attempts fired in
 * parallel count against each other instead of all passing one empty check. A refused attempt
 * is removed again: it checked no password, and counting it would let an attacker keep the
 * account locked for ever.
 */
export async function beginAttempt(db: DB, key: AttemptKey, now: Date): Promise<{ attemptId: number; verdict: ThrottleVerdict }> {
  const { id } = await db
    .insertInto("login_attempts")
    .values({ email: key.email, ip: key.ip, attempted_at: now.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  const since = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  // The lock lasts until the failure that completed it (the lockAfter-th most recent) leaves the window.
  const { rows } = await sql<{ emailFailures: number; emailLockStart: string | null; ipFailures: number; ipLockStart: string | null }>`
    with recent as (
      select email, ip, attempted_at from login_attempts
      where (email = ${key.email} or ip = ${key.ip}) and not succeeded and attempted_at > ${since} and id <> ${id}
    )
    select
      (select count(*) from recent where email = ${key.email}) as "emailFailures",
      (select attempted_at from recent where email = ${key.email}
        order by attempted_at desc offset ${THROTTLE.email.lockAfter - 1} limit 1) as "emailLockStart",
      (select count(*) from recent where ip = ${key.ip}) as "ipFailures",
      (select attempted_at from recent where ip = ${key.ip}
        order by attempted_at desc offset ${THROTTLE.ip.lockAfter - 1} limit 1) as "ipLockStart"
  `.execute(db);
  const r = rows[0];
  const lockEnds = [r.emailLockStart, r.ipLockStart].filter((t): t is string => t !== null).map((t) => Date.parse(t) + THROTTLE.windowMs);
  if (lockEnds.length) {
    await db.deleteFrom("login_attempts").where("id", "=", id).execute();
    return { attemptId: id, verdict: { locked: true, retryAfterMs: Math.max(...lockEnds) - now.getTime() } };
  }
  const delayMs = Math.max(delayFor(r.emailFailures, THROTTLE.email.slowAfter), delayFor(r.ipFailures, THROTTLE.ip.slowAfter));
  return { attemptId: id, verdict: { locked: false, delayMs } };
}

/** A success does not count as a failure; it forgives nothing that came before it. */
export async function attemptSucceeded(db: DB, attemptId: number): Promise<void> {
  await db.updateTable("login_attempts").set({ succeeded: true }).where("id", "=", attemptId).execute();
}

/**
 * The client's address for the per-address limit. Behind a proxy it is the last X-Forwarded-For
 * entry — the one our proxy added; earlier entries are whatever the client claimed. Otherwise it
 * is the socket address the server puts in the load context (`clientIp`). Like X-Forwarded-Proto,
 * this trusts the header: a client reaching Parley directly could send a false one and escape
 * the per-address limit, never the per-account one.
 */
export function clientAddress(request: Request, context: unknown): string | null {
  const forwarded = request.headers.get("X-Forwarded-For")?.split(",").pop()?.trim();
  if (forwarded) return forwarded;
  const fromServer = (context as { clientIp?: unknown } | null | undefined)?.clientIp;
  return typeof fromServer === "string" && fromServer ? fromServer : null;
}
