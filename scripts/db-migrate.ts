import { migrateToLatest, openDatabase } from "../db/connection";

const { db, engine, close } = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.PARLEY_DATA_DIR || ".data",
});
try {
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `Applied on ${engine}: ${applied.join(", ")}` : `The ${engine} database is up to date.`);
} finally {
  await close();
}
