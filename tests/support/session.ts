// Requests as a signed-in (or anonymous) browser would send them, and a way to call a route's
// loader or action with one (callRoute, from routes.ts), for the account tests.
import { commitSession, getSession } from "~/auth/session.server";

export const TEST_CSRF = "test-csrf-token-0123456789abcdefghijklmnop";

/** The Cookie header of a session for `userId` (anonymous when absent), holding `csrf`. */
export async function sessionCookie({
  userId,
  csrf = TEST_CSRF,
  signedInAt = Date.now(),
}: { userId?: number; csrf?: string | null; signedInAt?: number } = {}): Promise<string> {
  const request = new Request("http://parley.test/");
  const session = await getSession(request);
  if (userId !== undefined) {
    session.set("userId", userId);
    session.set("signedInAt", signedInAt);
  }
  if (csrf) session.set("csrf", csrf);
  return cookieFromSetCookie(await commitSession(request, session));
}

/** "name=value; Path=/; HttpOnly" -> "name=value", what the browser sends back. */
export function cookieFromSetCookie(setCookie: string): string {
  return setCookie.split(";")[0];
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(new URL(path, "http://parley.test"), { headers: cookie ? { Cookie: cookie } : {} });
}

export function postRequest(path: string, fields: Record<string, string>, cookie?: string): Request {
  return new Request(new URL(path, "http://parley.test"), {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

export { callRoute } from "./routes";
