// Starts the built app for the browser tests on a fresh database holding the shipped data set
// and two accounts (see E2E_USERS): PostgreSQL (a new database per port) when it answers —
// required with CI=true — otherwise a fresh embedded PGlite folder.
import { rmSync } from "node:fs";
import { sql } from "kysely";
import { migrateToLatest, openDatabase } from "../../db/connection";
import { shippedDataset } from "../../db/dataset/index";
import { loadDataset } from "../../db/dataset/load";
import { createUser } from "../../app/auth/users.server";
import { E2E_USERS } from "./users";

const port = Number(process.env.PORT ?? 3300);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const e2eDb = `parley_e2e_${port}`;

async function freshPostgres(): Promise<string | null> {
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  try {
    await sql`select 1`.execute(admin.db);
  } catch (error) {
    await admin.close().catch(() => {});
    if (process.env.CI === "true") throw new Error(`PostgreSQL does not answer at ${adminUrl}; the browser tests need it in CI. ${(error as Error).message}`);
    return null;
  }
  await sql`drop database if exists ${sql.id(e2eDb)} with (force)`.execute(admin.db);
  await sql`create database ${sql.id(e2eDb)}`.execute(admin.db);
  await admin.close();
  const url = new URL(adminUrl);
  url.pathname = `/${e2eDb}`;
  return url.toString();
}

const databaseUrl = await freshPostgres();
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
} else {
  const dir = `.data-e2e-${port}`;
  rmSync(dir, { recursive: true, force: true });
  process.env.PARLEY_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
}

// Prepare the database before the server opens it (PGlite allows one process at a time).
const prepared = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.PARLEY_DATA_DIR });
await migrateToLatest(prepared.db);
await loadDataset(prepared.db, shippedDataset());
for (const user of Object.values(E2E_USERS)) await createUser(prepared.db, user);
await prepared.close();

console.log(`e2e database: ${databaseUrl ?? `embedded PGlite (${process.env.PARLEY_DATA_DIR})`}`);
await import("../../scripts/serve.js");
