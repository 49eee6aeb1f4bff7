// npm run db:generate -- --incidents 2000000 [--seed 42] [--reset] [--database-url postgres://…]
// Synthetic data at scale; see docs/generator.md.
import { parseArgs } from "node:util";
import { migrateToLatest, openDatabase } from "../db/connection";
import { generate, NotEmptyError, planSizes } from "../db/generate/index";

/** Above this, PGlite (single-threaded WebAssembly, all in one process) is the wrong tool. */
const PGLITE_LIMIT = 50_000;

const usage = `Usage: npm run db:generate -- --incidents N [--seed S] [--reset] [--database-url URL]

  --incidents N       how many incidents; everything else is sized from it (required)
  --seed S            seed of the pseudo-random generator (default 1): same seed and size, same rows
  --reset             empty every domain table first (users are kept); otherwise the database must be empty
  --database-url URL  PostgreSQL to fill (default: DATABASE_URL); without one, PGlite at
                      PARLEY_DATA_DIR (default .data), for up to ${PGLITE_LIMIT.toLocaleString("en")} incidents`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** A whole number of at least `min`; "2_000_000" is accepted for readability. */
function wholeNumber(name: string, value: string | undefined, min: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required.`);
    return fallback;
  }
  const digits = value.replace(/_/g, "");
  if (!/^\d+$/.test(digits) || Number(digits) < min || !Number.isSafeInteger(Number(digits))) {
    fail(`--${name} must be a whole number of at least ${min}, not "${value}".`);
  }
  return Number(digits);
}

let args;
try {
  args = parseArgs({
    options: {
      incidents: { type: "string" },
      seed: { type: "string" },
      reset: { type: "boolean", default: false },
      "database-url": { type: "string" },
      help: { type: "boolean", default: false },
    },
  }).values;
} catch (error) {
  fail((error as Error).message);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}
const incidents = wholeNumber("incidents", args.incidents, 1);
const seed = wholeNumber("seed", args.seed, 0, 1);
const databaseUrl = args["database-url"] || process.env.DATABASE_URL || undefined;
if (!databaseUrl && incidents > PGLITE_LIMIT) {
  fail(`PGlite is for small sizes (up to ${PGLITE_LIMIT.toLocaleString("en")} incidents); give --database-url or DATABASE_URL for ${incidents.toLocaleString("en")}.`);
}

let refused = false;
const { db, engine, close } = await openDatabase({ databaseUrl, dataDir: process.env.PARLEY_DATA_DIR || ".data", poolSize: 2 });
try {
  await migrateToLatest(db);
  const sizes = planSizes(incidents);
  console.log(
    `Generating into ${engine === "postgres" ? "PostgreSQL" : `PGlite (${process.env.PARLEY_DATA_DIR || ".data"})`} with seed ${seed}: ` +
      `${sizes.incidents.toLocaleString("en")} incidents, ${sizes.processes} processes, about ${sizes.rounds.toLocaleString("en")} rounds, ` +
      `${sizes.sources.toLocaleString("en")} sources.`,
  );
  const result = await generate(db, { incidents, seed, reset: args.reset, engine, progress: (line) => console.log(line) });
  const width = Math.max(...Object.keys(result.counts).map((t) => t.length));
  console.log(`\nDone in ${result.seconds.toFixed(1)} s. Rows:`);
  for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString("en").padStart(11)}`);
} catch (error) {
  if (!(error instanceof NotEmptyError)) throw error;
  console.error(error.message);
  refused = true;
} finally {
  await close();
}
// Set after close(): closing PGlite resets process.exitCode.
if (refused) process.exitCode = 1;
