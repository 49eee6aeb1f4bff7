// Cross-site request forgery: every form that changes something carries the session's random
// token in a hidden `csrf` field, and its action compares the two before doing anything.
// SameSite=Lax already keeps the cookie off cross-site POSTs in current browsers; the token
// also covers older browsers and same-site subdomains.
import { timingSafeEqual } from "node:crypto";
import { commitSession, getSession, newCsrfToken } from "./session.server";

export const CSRF_FIELD = "csrf";
export const CSRF_REFUSED = "This form has expired or did not come from Parley. Reload the page and try again.";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function assertCsrf(request: Request, form: FormData): Promise<void> {
  const expected = (await getSession(request)).get("csrf");
  const given = form.get(CSRF_FIELD);
  if (!expected || typeof given !== "string" || !sameToken(given, expected)) {
    throw new Response(CSRF_REFUSED, { status: 403 });
  }
}

export async function csrfFor(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const session = await getSession(request);
  const token = session.get("csrf");
  if (token) return { token, setCookie: null };
  const created = newCsrfToken();
  session.set("csrf", created);
  return { token: created, setCookie: await commitSession(request, session) };
}

/**
 * Reads a POSTed form and checks its token. A body that is not a form cannot carry the token
 * either, so it gets the same 403 instead of a parse error's 500.
 */
export async function readCsrfForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response(CSRF_REFUSED, { status: 403 });
  }
  await assertCsrf(request, form);
  return form;
}
