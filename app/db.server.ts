// The app's one database handle. Opened lazily on first use (and eagerly by the server at start,
// see entry.server.tsx), migrated, and filled with the shipped data set when empty.
import { migrateToLatest, openDatabase, type DB, type OpenedDatabase } from "@db/connection";
import { shippedDataset } from "@db/dataset/index";
import { loadDataset } from "@db/dataset/load";

declare global {
  // Survives module reloads in development, so a rebuild does not open a second PGlite.
  var __parleyDb: Promise<OpenedDatabase> | undefined;
}

async function open(): Promise<OpenedDatabase> {
  const opened = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.PARLEY_DATA_DIR || ".data",
    poolSize: Number(process.env.PARLEY_POOL_SIZE) || undefined,
  });
  await migrateToLatest(opened.db);
  if (process.env.PARLEY_SEED !== "false") await loadDataset(opened.db, shippedDataset());
  return opened;
}

export function getOpenedDatabase(): Promise<OpenedDatabase> {
  globalThis.__parleyDb ??= open().catch((error) => {
    globalThis.__parleyDb = undefined;
    throw error;
  });
  return globalThis.__parleyDb;
}

export async function getDb(): Promise<DB> {
  return (await getOpenedDatabase()).db;
}

export async function closeDb(): Promise<void> {
  const pending = globalThis.__parleyDb;
  globalThis.__parleyDb = undefined;
  if (pending) await (await pending).close();
}
