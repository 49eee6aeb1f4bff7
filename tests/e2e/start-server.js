// Starts the built app for the browser tests on a fresh database holding the shipped data set:
// PostgreSQL (a new "parley_e2e" database) when it answers — required with CI=true — otherwise
// a fresh embedded PGlite folder.
import { rmSync } from "node:fs";
import pg from "pg";

const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// One database per port, so two browser-test runs on one machine do not drop each other's.
const E2E_DB = `parley_e2e_${Number(process.env.PORT ?? 3300)}`;

async function freshPostgres() {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    if (process.env.CI === "true") throw new Error(`PostgreSQL does not answer at ${adminUrl}; the browser tests need it in CI. ${error.message}`);
    return null;
  }
  await client.query(`drop database if exists ${E2E_DB} with (force)`);
  await client.query(`create database ${E2E_DB}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${E2E_DB}`;
  return url.toString();
}

const databaseUrl = await freshPostgres();
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
} else {
  const dir = `.data-e2e-${Number(process.env.PORT ?? 3300)}`;
  rmSync(dir, { recursive: true, force: true });
  process.env.PARLEY_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
}
console.log(`e2e database: ${databaseUrl ?? "embedded PGlite (.data-e2e-<port>)"}`);
await import("../../scripts/serve.js");
