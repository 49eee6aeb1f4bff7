// Who is signed in: a signed cookie session holding the user's id and the CSRF token. The user row
// is read again on every request, so a disabled or deleted account is signed out at once.
import { randomBytes } from "node:crypto";
import { createCookieSessionStorage, redirect, type Session, type SessionStorage } from "@remix-run/node";
import { getDb } from "~/db.server";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: "editor" | "admin";
}

interface SessionData {
  userId: number;
  /** Epoch milliseconds; the cookie's own expiry is the browser's to honour, this one is ours. */
  signedInAt: number;
  csrf: string;
}

export const SESSION_COOKIE = "__parley_session";
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
const MIN_SECRET_LENGTH = 32;

declare global {
  // Survives module reloads in development, so a rebuild does not sign everyone out.
  var __parleySessionSecret: string | undefined;
}

function sessionSecret(): string {
  if (globalThis.__parleySessionSecret) return globalThis.__parleySessionSecret;
  const configured = process.env.SESSION_SECRET ?? "";
  if (configured.length >= MIN_SECRET_LENGTH) return (globalThis.__parleySessionSecret = configured);
  const problem = configured ? `SESSION_SECRET is shorter than ${MIN_SECRET_LENGTH} characters` : "SESSION_SECRET is not set";
  // Destructured so that it is read when the server starts: the server build replaces
  // `process.env.NODE_ENV` with "production", which would make every `npm start`, the quick start
  // included, refuse to run. Deployments set NODE_ENV=production and must set a secret.
  const { NODE_ENV: runtimeNodeEnv } = process.env;
  if (runtimeNodeEnv === "production") {
    throw new Error(`${problem}. Set it to a random string of at least ${MIN_SECRET_LENGTH} characters, for example: openssl rand -base64 48`);
  }
  console.warn(`${problem}: using a random secret for this process only; sign-ins end when it restarts.`);
  return (globalThis.__parleySessionSecret = randomBytes(32).toString("base64url"));
}

/** Called at server start so that a production server without a secret refuses to start. */
export function assertSessionSecret(): void {
  sessionSecret();
}

let storage: SessionStorage<SessionData> | undefined;

function sessionStorage(): SessionStorage<SessionData> {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: SESSION_COOKIE,
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secrets: [sessionSecret()],
      maxAge: SESSION_MAX_AGE_SECONDS,
    },
  });
  return storage;
}

/**
 * Whether the browser reached us over HTTPS. `X-Forwarded-Proto` is trusted: Parley is meant to sit
 * behind a TLS-terminating proxy that sets it. Without such a proxy a client could send the header
 * itself, which at worst marks its own cookie Secure.
 */
export function isHttps(request: Request): boolean {
  if (new URL(request.url).protocol === "https:") return true;
  const forwarded = request.headers.get("X-Forwarded-Proto");
  return forwarded?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function getSession(request: Request): Promise<Session<SessionData>> {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export function commitSession(request: Request, session: Session<SessionData>): Promise<string> {
  return sessionStorage().commitSession(session, { secure: isHttps(request) });
}

export function newCsrfToken(): string {
  return randomBytes(32).toString("base64url");
}

function signedInUserId(session: Session<SessionData>, now = Date.now()): number | null {
  const userId = session.get("userId");
  const signedInAt = session.get("signedInAt");
  if (typeof userId !== "number" || typeof signedInAt !== "number") return null;
  // A copied cookie stops working after the session's lifetime even if the browser kept it.
  if (now - signedInAt > SESSION_MAX_AGE_SECONDS * 1000) return null;
  return userId;
}

async function activeUser(userId: number): Promise<SessionUser | null> {
  const db = await getDb();
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "name", "role"])
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const userId = signedInUserId(await getSession(request));
  return userId === null ? null : activeUser(userId);
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
}

export async function requireEditor(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) loginRedirect(request);
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireEditor(request);
  if (user.role !== "admin") throw new Response("Only administrators can manage users.", { status: 403 });
  return user;
}

/**
 * What every page needs: the signed-in user and the CSRF token when the session holds one, with
 * the Set-Cookie that forgets a user who has been disabled since signing in. No token is created
 * here: a reader who never signs in gets no cookie at all (the sign-in page creates the token its
 * form needs, csrfFor; signing in starts a session with one).
 */
export async function sessionState(request: Request): Promise<{ user: SessionUser | null; csrf: string | null; setCookie: string | null }> {
  const session = await getSession(request);
  const userId = signedInUserId(session);
  const user = userId === null ? null : await activeUser(userId);
  let changed = false;
  if (!user && session.has("userId")) {
    session.unset("userId");
    session.unset("signedInAt");
    changed = true;
  }
  return { user, csrf: session.get("csrf") ?? null, setCookie: changed ? await commitSession(request, session) : null };
}

/** Starts a fresh session for the user (a new CSRF token too) and sends them on. */
export async function signIn(request: Request, userId: number, redirectTo: string): Promise<Response> {
  const session = await sessionStorage().getSession(null);
  session.set("userId", userId);
  session.set("signedInAt", Date.now());
  session.set("csrf", newCsrfToken());
  return redirect(redirectTo, { headers: { "Set-Cookie": await commitSession(request, session) } });
}

export async function signOut(request: Request, redirectTo = "/"): Promise<Response> {
  const session = await getSession(request);
  const setCookie = await sessionStorage().destroySession(session, { secure: isHttps(request) });
  return redirect(redirectTo, { headers: { "Set-Cookie": setCookie } });
}

/**
 * Only paths on this site: "/rounds?x=1" yes; "//evil.example", "https://…" no. Backslashes and
 * control characters are refused too, since browsers read "/\evil" and "/\t/evil" as "//evil".
 */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || /[\\\u0000-\u001f]/.test(to)) return fallback;
  return to;
}
