// npm run bench [-- options]     the full benchmark (docs/performance.md says how to read it)
// npm run bench:smoke            a few seconds on tiny generated data in PGlite: proves it still runs
//
// Builds Parley, measures each route's loader alone against the database (the database floor),
// then starts the production server and measures every route over HTTP at a fixed concurrency.
// Writes bench/results/<date>-<size>-<engine>.json and the results table of docs/performance.md.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { migrateToLatest, openDatabase, type DB } from "../db/connection";
import { generate } from "../db/generate/index";
import { pageJs, type PageJs } from "../bench/assets";
import { discover } from "../bench/discover";
import { explainCall, type CapturedQuery } from "../bench/explain";
import { measureAfterWrite, measureFloor, measureHttp, type HttpRequestSpec, type LoadOptions } from "../bench/load";
import { MEMORY_LIMIT_MB, markdownTable, misses, updateDoc, type RouteResult, type Run } from "../bench/report";
import { loaderFloor, routeSpecs, type RouteSpec } from "../bench/routes";
import { build, startServer } from "../bench/server";
import { cleanUp, createBenchEditor, writeFloor, writeRequest } from "../bench/write";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const usage = `Usage: npm run bench -- [options]

  --database-url URL   PostgreSQL to measure (default: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/parley_bench)
  --pglite DIR         measure PGlite in this folder instead
  --generate N         first fill the (empty) database with N synthetic incidents (npm run db:generate)
  --connections N      concurrent connections, for HTTP and for the floor (default 4)
  --duration S         seconds measured per route (default 10)
  --warmup S           seconds of warm-up per route, not measured (default 3)
  --pool N             the server's database pool, PARLEY_POOL_SIZE (default: as many as connections)
  --only REGEX         measure only the routes whose name matches (the framework floor always runs)
  --max-call S         a route whose loader alone takes longer than this once (default 5 s) is reported with that one
                       time and not loaded further: at 2,000,000 incidents a few take minutes
  --port N             the server's port (default 3110)
  --label TEXT         names the result file (default: the incident count and the engine)
  --no-build           reuse the previous build in .build-bench
  --no-docs            do not rewrite the table in docs/performance.md
  --explain REGEX      instead of measuring: EXPLAIN (ANALYZE, BUFFERS) every query of the matching routes' loaders
  --smoke              tiny generated data in a throwaway PGlite, 4 requests per route; writes no committed file`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parseCli() {
  try {
    return parseArgs({
      options: {
        "database-url": { type: "string" },
        pglite: { type: "string" },
        generate: { type: "string" },
        connections: { type: "string" },
        duration: { type: "string" },
        warmup: { type: "string" },
        pool: { type: "string" },
        only: { type: "string" },
        explain: { type: "string" },
        port: { type: "string" },
      "max-call": { type: "string" },
        label: { type: "string" },
        "no-build": { type: "boolean", default: false },
        "no-docs": { type: "boolean", default: false },
        smoke: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}
const args = parseCli();
if (args.help) {
  console.log(usage);
  process.exit(0);
}

function num(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a positive number, not "${value}".`);
  return n;
}

const smoke = args.smoke;
const connections = Math.round(num("connections", args.connections, smoke ? 2 : 4));
// A smoke run sends a few requests per route rather than running for a time: on tiny data in
// PGlite on a busy CI machine, a time too short to answer even once would measure nothing.
const load: LoadOptions = smoke
  ? { connections, duration: 0, warmup: 0, requests: 2 * connections }
  : { connections, duration: num("duration", args.duration, 10), warmup: args.warmup === "0" ? 0 : num("warmup", args.warmup, 3) };
const poolSize = Math.round(num("pool", args.pool, connections));
const port = Math.round(num("port", args.port, 3110));
const maxCallMs = num("max-call", args["max-call"], 5) * 1000;
const only = args.only ? new RegExp(args.only, "i") : null;

let scratch: string | null = null;
let databaseUrl: string | undefined;
let dataDir: string | undefined;
let incidentsToGenerate = args.generate ? Math.round(num("generate", args.generate, 1)) : 0;
if (smoke && !args["database-url"] && !args.pglite) {
  scratch = mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
  dataDir = path.join(scratch, "pglite");
  incidentsToGenerate ||= 300;
} else if (args.pglite) {
  dataDir = path.resolve(args.pglite);
} else {
  databaseUrl = args["database-url"] || process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/parley_bench";
}
const engine = databaseUrl ? "postgres" : "pglite";
const say = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * Opens the measured database for the bench process itself, and points the app's own handle
 * (app/db.server.ts) at it, so that route loaders called in-process query it.
 */
async function withDatabase<T>(body: (db: DB, queries: { count: number; log: CapturedQuery[] | null }) => Promise<T>): Promise<T> {
  const queries: { count: number; log: CapturedQuery[] | null } = { count: 0, log: null };
  const opened = await openDatabase({
    databaseUrl,
    dataDir,
    poolSize,
    onQuery: (e) => {
      if (e.level !== "query") return;
      queries.count++;
      queries.log?.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  globalThis.__parleyDb = Promise.resolve(opened);
  try {
    return await body(opened.db, queries);
  } finally {
    globalThis.__parleyDb = undefined;
    await opened.close();
  }
}

function machine(databaseVersion: string): Run["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.versions.node,
    database: databaseVersion,
  };
}

const selected = (spec: RouteSpec) => spec.group === "framework floor" || !only || only.test(spec.name);

/** Prints the plan of every query the matching routes' loaders issue; measures nothing. */
async function explain(pattern: RegExp) {
  await withDatabase(async (db, queries) => {
    const d = await discover(db, 1000);
    queries.log = [];
    for (const spec of routeSpecs(d, root)) {
      if (!pattern.test(spec.name) || spec.method === "POST") continue;
      console.log(`\n======== ${spec.name}: ${spec.path}\n`);
      for (const plan of await explainCall(db, queries.log, await loaderFloor(root, spec))) console.log(`${plan}\n`);
    }
  });
}

async function main() {
  const loadAtStart = os.loadavg()[0];
  if (args["no-build"]) say("reusing the build in .build-bench");
  else {
    say("building (remix build into .build-bench)");
    build(root);
  }

  // 1. In-process: data, the records to measure, and each loader's database floor.
  const prepared = await withDatabase(async (db, queries) => {
    await migrateToLatest(db);
    if (incidentsToGenerate) {
      say(`generating ${incidentsToGenerate.toLocaleString("en")} synthetic incidents`);
      await generate(db, { incidents: incidentsToGenerate, seed: 1, engine });
    }
    const [{ version }] = (await sql<{ version: string }>`select version()`.execute(db)).rows;
    const d = await discover(db, 1000);
    say(`data: ${Object.entries(d.counts).map(([t, n]) => `${n.toLocaleString("en")} ${t}`).join(", ")}`);
    const editorId = await createBenchEditor(db);
    const specs = routeSpecs(d, root).filter(selected);
    const floors = new Map<string, RouteResult["floor"]>();
    const tooSlow = new Map<string, number>();
    for (const spec of specs) {
      // The write's floor is the engine's transaction alone: its form action cannot run without a session.
      const floor = spec.method === "POST" ? writeFloor(editorId, db) : await loaderFloor(root, spec);
      queries.count = 0;
      const t0 = performance.now();
      await floor();
      const once = performance.now() - t0;
      const perCall = queries.count;
      if (once > maxCallMs) {
        tooSlow.set(spec.name, once);
        const ms = Math.round(once * 100) / 100;
        floors.set(spec.name, { requests: 1, rps: 0, p50: ms, p95: ms, p99: ms, max: ms, queries: perCall });
        say(`floor  ${spec.name.padEnd(32)} one call took ${(once / 1000).toFixed(1)} s: not loaded further  (${perCall} queries)`);
        continue;
      }
      const result = await measureFloor(floor, load);
      floors.set(spec.name, { ...result, queries: perCall });
      say(`floor  ${spec.name.padEnd(32)} p95 ${result.p95.toFixed(1).padStart(8)} ms  (${perCall} queries)`);
    }
    // The floor of the write left venues behind; the HTTP run must start from the same data.
    await cleanUp(db);
    await createBenchEditor(db);
    return { specs, floors, tooSlow, data: d.counts, databaseVersion: version.replace(/ on .*$/, "").replace(/,.*$/, "") };
  });

  // 2. Over HTTP, against the production server.
  say(`starting the server on port ${port} (pool ${poolSize})`);
  const server = await startServer({ root, port, databaseUrl, dataDir, poolSize });
  const results: RouteResult[] = [];
  let peakRssMb = 0;
  try {
    server.resetPeak();
    for (const spec of prepared.specs) {
      const slow = prepared.tooSlow.get(spec.name);
      if (slow !== undefined) {
        results.push({ ...resultBase(spec), http: null, skipped: `its loader alone took ${(slow / 1000).toFixed(1)} s`, floor: prepared.floors.get(spec.name) ?? null, js: null });
        say(`http   ${spec.name.padEnd(32)} skipped: its loader alone took ${(slow / 1000).toFixed(1)} s`);
        continue;
      }
      const request: HttpRequestSpec =
        spec.method === "POST" ? await writeRequest(server.origin) : { url: server.origin + spec.path, headers: spec.headers };
      const http = spec.afterWrite ? await measureAfterWrite(await writeRequest(server.origin), request, load) : await measureHttp(request, load);
      let js: PageJs | null = null;
      if (spec.kind === "page" && spec.method !== "POST") js = await pageJs(server.origin, spec.path);
      results.push({ ...resultBase(spec), http, floor: prepared.floors.get(spec.name) ?? null, js });
      const failed = http.failures ? `  ${http.failures} FAILED ${JSON.stringify(http.statuses)}` : "";
      say(`http   ${spec.name.padEnd(32)} p95 ${http.p95.toFixed(1).padStart(8)} ms  ${Math.round(http.rps)} req/s${failed}`);
    }
    peakRssMb = Math.round(server.peakRss() / 2 ** 20);
  } finally {
    await server.stop();
    await withDatabase((db) => cleanUp(db));
  }

  const run: Run = {
    date: new Date().toISOString(),
    label: args.label ?? (smoke ? "smoke" : `${sizeLabel(prepared.data.incidents)}-${engine}`),
    engine,
    machine: machine(prepared.databaseVersion),
    data: prepared.data,
    settings: { connections, duration: load.duration, warmup: load.warmup, requests: load.requests, poolSize },
    memory: { peakRssMb, limitMb: MEMORY_LIMIT_MB },
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] },
    routes: results,
  };
  const resultsDir = path.join(root, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  // A smoke run's file is ignored by git (*.tmp): it proves the benchmark runs, not how fast Parley is.
  const file = path.join(resultsDir, smoke ? "smoke.json.tmp" : `${run.date.slice(0, 10)}-${run.label}.json`);
  writeFileSync(file, JSON.stringify(run, null, 1) + "\n");
  say(`wrote ${path.relative(root, file)}`);
  if (!smoke && !only && !args["no-docs"]) {
    updateDoc(path.join(root, "docs/performance.md"), run, path.relative(root, file));
    say("updated the results table in docs/performance.md");
  }
  console.log(`\n${markdownTable(run)}\n`);
  const missed = misses(run);
  console.log(missed.length ? `Missed targets:\n  ${missed.join("\n  ")}` : "Every target met.");
  // Timings are reported, not asserted; a route that answered with errors is a broken benchmark.
  const broken = results.filter((r) => r.http && (r.http.failures > 0 || r.http.requests === 0));
  if (broken.length) {
    console.error(`Failed requests on: ${broken.map((r) => r.name).join(", ")}`);
    process.exitCode = 1;
  }
}

function resultBase(spec: RouteSpec) {
  return { name: spec.name, group: spec.group, kind: spec.kind, method: spec.method ?? ("GET" as const), path: spec.path, note: spec.note };
}

function sizeLabel(incidents: number): string {
  if (incidents >= 1_000_000) return `${+(incidents / 1_000_000).toFixed(1)}m`;
  if (incidents >= 1_000) return `${Math.round(incidents / 1_000)}k`;
  return String(incidents);
}

try {
  if (args.explain) await explain(new RegExp(args.explain, "i"));
  else await main();
} finally {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
