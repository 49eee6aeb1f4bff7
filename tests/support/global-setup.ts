// Once per test run: make a migrated PostgreSQL template database that each worker clones.
// With CI=true a missing PostgreSQL fails the run; elsewhere its tests are skipped with a warning.
import type { TestProject } from "vitest/node";
import { sql } from "kysely";
import { migrateToLatest, openDatabase } from "../../db/connection";

// Separate prefixes let several test runs share one PostgreSQL server without touching each other.
export const DB_PREFIX = process.env.PARLEY_TEST_DB_PREFIX ?? "parley_test";
export const TEMPLATE_DB = `${DB_PREFIX}_template`;

export function adminUrl() {
  return process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function urlFor(database: string) {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgres: { available: boolean; reason?: string };
  }
}

export default async function setup(project: TestProject) {
  const admin = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
  try {
    await sql`select 1`.execute(admin.db);
  } catch (error) {
    await admin.close().catch(() => {});
    const reason = `PostgreSQL does not answer at ${adminUrl()}: ${(error as Error).message}`;
    if (process.env.CI === "true") throw new Error(`${reason}. In CI the PostgreSQL tests are required.`);
    console.warn(`\n⚠ ${reason}\n⚠ The PostgreSQL half of the suite is SKIPPED. Start PostgreSQL to run it.\n`);
    project.provide("postgres", { available: false, reason });
    return;
  }
  // Old worker databases from an interrupted run would block dropping the template.
  const stale = await sql<{ datname: string }>`select datname from pg_database where datname like ${DB_PREFIX + "\\_%"}`.execute(admin.db);
  for (const { datname } of stale.rows) await sql`drop database if exists ${sql.id(datname)} with (force)`.execute(admin.db);
  await sql`create database ${sql.id(TEMPLATE_DB)}`.execute(admin.db);
  await admin.close();

  const template = await openDatabase({ databaseUrl: urlFor(TEMPLATE_DB), poolSize: 1 });
  await migrateToLatest(template.db);
  await template.close();
  project.provide("postgres", { available: true });

  return async () => {
    const cleanup = await openDatabase({ databaseUrl: adminUrl(), poolSize: 1 });
    const left = await sql<{ datname: string }>`select datname from pg_database where datname like ${DB_PREFIX + "\\_%"}`.execute(cleanup.db);
    for (const { datname } of left.rows) await sql`drop database if exists ${sql.id(datname)} with (force)`.execute(cleanup.db);
    await cleanup.close();
  };
}
