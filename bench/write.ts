// The write path: a signed-in editor creates a venue through the real form endpoint
// (POST /venues/new: session, CSRF token, validation, one transaction writing the record and its
// revision, then a redirect). The benchmark's editor and everything it wrote are removed afterwards.
import { sql } from "kysely";
import type { DB } from "@db/connection";
import { createUser } from "~/auth/users.server";
import { venueInput } from "~/editors/venue.server";
import { beginChange, createRecord } from "~/models/history/engine.server";
import type { HttpRequestSpec } from "./load";

const EMAIL = "benchmark-editor@example.invalid";
const PASSWORD = "benchmark-only-password-not-a-secret";
/** Every venue the benchmark creates has a slug starting with this (cities "Benchmark City …"). */
const SLUG_PREFIX = "benchmark-city-";

/** Makes the benchmark's editor account; its id is the floor's author. */
export async function createBenchEditor(db: DB): Promise<number> {
  await cleanUp(db);
  const user = await createUser(db, { email: EMAIL, name: "Benchmark editor", role: "editor", password: PASSWORD });
  if (!user) throw new Error(`Could not create ${EMAIL}.`);
  return user.id;
}

let serial = 0;
const runId = Date.now().toString(36);

function newVenueFields() {
  serial++;
  return {
    city: `Benchmark City ${runId} ${serial}`,
    country: "Nowhere",
    countryCode: "ZZ",
    latitude: "10.5",
    longitude: "20.25",
    description: "Written by the benchmark and deleted after it.",
  };
}

/** The engine's part of the write, without HTTP: what the form action runs in its transaction. */
export function writeFloor(userId: number, db: DB) {
  return () =>
    db.transaction().execute(async (tx) => {
      const change = await beginChange(tx, userId);
      const v = newVenueFields();
      return createRecord(change, "venue", venueInput({ ...v, latitude: Number(v.latitude), longitude: Number(v.longitude) }), "Benchmark");
    });
}

function cookieOf(response: Response, previous: string): string {
  const jar = new Map(previous ? previous.split("; ").map((c) => c.split("=", 2) as [string, string]) : []);
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

function csrfIn(html: string): string {
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error("No CSRF token in the form page.");
  return token;
}

/** Signs in over HTTP and returns the request that creates a new venue each time it is sent. */
export async function writeRequest(origin: string): Promise<HttpRequestSpec> {
  let cookie = "";
  const loginPage = await fetch(`${origin}/login`);
  cookie = cookieOf(loginPage, cookie);
  const login = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: EMAIL, password: PASSWORD, csrf: csrfIn(await loginPage.text()) }).toString(),
  });
  if (login.status !== 302 && login.status !== 303) throw new Error(`Signing in failed: ${login.status} ${await login.text()}`);
  cookie = cookieOf(login, cookie);
  const form = await fetch(`${origin}/venues/new`, { headers: { cookie } });
  if (!form.ok) throw new Error(`The new-venue form answered ${form.status}.`);
  cookie = cookieOf(form, cookie);
  const csrf = csrfIn(await form.text());
  return {
    url: `${origin}/venues/new`,
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: () => new URLSearchParams({ ...newVenueFields(), csrf }).toString(),
    // Saved: the action redirects to the new venue's page.
    ok: [302, 303],
  };
}

/** Removes the benchmark's editor, its sign-ins, and every venue and revision it wrote. */
export async function cleanUp(db: DB): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`delete from revisions where user_id in (select id from users where email = ${EMAIL})`.execute(tx);
    await sql`delete from venues where slug like ${`${SLUG_PREFIX}%`} and country_code = 'ZZ'`.execute(tx);
    await sql`delete from login_attempts where email = ${EMAIL}`.execute(tx);
    await sql`delete from users where email = ${EMAIL}`.execute(tx);
  });
}
