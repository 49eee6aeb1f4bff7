import { migrateToLatest, openDatabase } from "../db/connection";
import { shippedDataset } from "../db/dataset/index";
import { loadDataset } from "../db/dataset/load";

const { db, engine, close } = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.PARLEY_DATA_DIR || ".data",
});
try {
  await migrateToLatest(db);
  const result = await loadDataset(db, shippedDataset());
  if (result.status === "already-loaded") console.log(`The data set is already loaded in the ${engine} database; nothing written.`);
  else console.log(`Loaded into ${engine}:`, result.counts);
} finally {
  await close();
}
