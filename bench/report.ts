// The benchmark's results: a small JSON file per run, and the results table of
// docs/performance.md, regenerated between its markers from that JSON.
import { readFileSync, writeFileSync } from "node:fs";
import type { PageJs } from "./assets";
import type { HttpResult, Latency } from "./load";
import { JS_BUDGET, TARGET_P95, type Group } from "./routes";

export interface RouteResult {
  name: string;
  group: Group;
  kind: "page" | "api" | "text";
  method: "GET" | "POST";
  path: string;
  note: string;
  /** Null when not measured over HTTP (see `skipped`). */
  http: HttpResult | null;
  skipped?: string;
  floor: (Latency & { queries: number }) | null;
  js: PageJs | null;
}

export interface Run {
  date: string;
  label: string;
  engine: "postgres" | "pglite";
  machine: { cpus: number; cpuModel: string; memoryGb: number; os: string; node: string; database: string };
  data: Record<string, number>;
  settings: { connections: number; duration: number; warmup: number; requests?: number; poolSize: number };
  memory: { peakRssMb: number; limitMb: number };
  /** The machine's 1-minute load average when the run started and ended: other work on it inflates every figure. */
  loadAverage: { start: number; end: number };
  routes: RouteResult[];
}

export const MEMORY_LIMIT_MB = 300;
export const RATIO_LIMIT = 1.5;

export function frameworkFloor(run: Run): number | null {
  return run.routes.find((r) => r.group === "framework floor")?.http?.p95 ?? null;
}

/** Page p95 over (its database floor p95 + the framework floor p95). */
export function ratioOf(run: Run, r: RouteResult): number | null {
  const framework = frameworkFloor(run);
  if (!r.http || !r.floor || framework === null || r.group === "framework floor") return null;
  return Math.round((r.http.p95 / (r.floor.p95 + framework)) * 100) / 100;
}

export function jsBudget(r: RouteResult): number | null {
  if (r.kind !== "page" || r.method !== "GET") return null;
  return r.group === "analysis" ? JS_BUDGET.analysis : JS_BUDGET.page;
}

export interface Verdict {
  p95: boolean | null;
  ratio: boolean | null;
  js: boolean | null;
  errors: boolean;
}

export function verdict(run: Run, r: RouteResult): Verdict {
  const target = TARGET_P95[r.group];
  const ratio = ratioOf(run, r);
  const budget = jsBudget(r);
  // A route too slow to load is judged on its loader's one call: the page can only be slower.
  const p95 = r.http?.p95 ?? r.floor?.p95 ?? Infinity;
  return {
    p95: target === null ? null : p95 <= target,
    ratio: ratio === null ? null : ratio <= RATIO_LIMIT,
    js: budget === null || !r.js ? null : r.js.gzipBytes <= budget,
    errors: r.http ? r.http.failures > 0 || r.http.requests === 0 : false,
  };
}

const ms = (n: number | undefined | null) => (n === undefined || n === null || Number.isNaN(n) ? "—" : n < 10 ? n.toFixed(1) : n.toFixed(0));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)}`;
const mark = (ok: boolean | null) => (ok === null ? "" : ok ? "" : " ✗");

export function markdownTable(run: Run): string {
  const framework = frameworkFloor(run);
  const lines = [
    `Run of ${run.date.slice(0, 16).replace("T", " ")} UTC (${run.label}) on ${run.engine === "postgres" ? "PostgreSQL" : "PGlite"}: ` +
      `${run.machine.cpus} × ${run.machine.cpuModel}, ${run.machine.memoryGb} GB, ${run.machine.os}, Node ${run.machine.node}, ${run.machine.database}.`,
    "",
    `Data: ${Object.entries(run.data)
      .map(([t, n]) => `${n.toLocaleString("en")} ${t}`)
      .join(", ")}.`,
    "",
    `Load: ${run.settings.connections} concurrent connections ` +
      (run.settings.requests
        ? `for ${run.settings.requests} requests per route; `
        : `for ${run.settings.duration} s per route after ${run.settings.warmup} s of warm-up; `) +
      `the server's pool holds ${run.settings.poolSize} connections. The database floor runs the loader's model calls in-process at the same ` +
      `concurrency. Framework floor (robots.txt) p95: ${ms(framework)} ms. Server memory at its peak: ${run.memory.peakRssMb} MB ` +
      `(limit ${run.memory.limitMb} MB${run.memory.peakRssMb > run.memory.limitMb ? " ✗" : ""}). ` +
      `Load average (1 min) at the start and the end: ${run.loadAverage.start.toFixed(1)} and ${run.loadAverage.end.toFixed(1)} on ${run.machine.cpus} CPUs.`,
    "",
    "Times in ms. ✗ marks a missed target; ratio = p95 / (floor p95 + framework floor p95), at most 1.5; JS = gzipped client JavaScript the page loads, KB.",
    "",
    "| route | what makes it heavy | target p95 | req/s | p50 | p95 | p99 | floor p95 | queries | ratio | JS |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of run.routes) {
    const v = verdict(run, r);
    const target = TARGET_P95[r.group];
    const ratio = ratioOf(run, r);
    if (!r.http) {
      lines.push(
        `| ${r.name} | ${r.note} | ${target ?? "—"} | — | — | not measured: ${r.skipped}${mark(v.p95)} | — | ${ms(r.floor?.p95)} | ${r.floor?.queries ?? "—"} | — | — |`,
      );
      continue;
    }
    const failed = v.errors ? ` (${r.http.failures} failed of ${r.http.requests}: ${JSON.stringify(r.http.statuses)}) ✗` : "";
    lines.push(
      `| ${r.name}${failed} | ${r.note} | ${target ?? "—"} | ${Math.round(r.http.rps)} | ${ms(r.http.p50)} | ${ms(r.http.p95)}${mark(v.p95)} | ${ms(r.http.p99)} | ` +
        `${ms(r.floor?.p95)} | ${r.floor?.queries ?? "—"} | ${ratio ?? "—"}${mark(v.ratio)} | ${r.js ? kb(r.js.gzipBytes) + mark(v.js) : "—"} |`,
    );
  }
  return lines.join("\n");
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

/** Replaces the generated block of the document with this run's table. */
export function updateDoc(docPath: string, run: Run, resultFile: string): void {
  const doc = readFileSync(docPath, "utf8");
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) throw new Error(`${docPath} lacks the ${START} … ${END} markers.`);
  const block = `${START}\n<!-- Generated by npm run bench from ${resultFile}; edit the text around it, not this table. -->\n\n${markdownTable(run)}\n\n${END}`;
  writeFileSync(docPath, doc.slice(0, from) + block + doc.slice(to + END.length));
}

/** Everything that missed, one line each, for the console. */
export function misses(run: Run): string[] {
  const out: string[] = [];
  for (const r of run.routes) {
    const v = verdict(run, r);
    if (v.errors) out.push(`${r.name}: ${r.http!.failures} failed requests ${JSON.stringify(r.http!.statuses)}`);
    if (v.p95 === false) {
      out.push(r.http ? `${r.name}: p95 ${ms(r.http.p95)} ms > ${TARGET_P95[r.group]} ms` : `${r.name}: not measured, ${r.skipped} (target ${TARGET_P95[r.group]} ms)`);
    }
    if (v.ratio === false) out.push(`${r.name}: ratio ${ratioOf(run, r)} > ${RATIO_LIMIT}`);
    if (v.js === false) out.push(`${r.name}: client JS ${kb(r.js!.gzipBytes)} KB > ${kb(jsBudget(r)!)} KB`);
  }
  if (run.memory.peakRssMb > run.memory.limitMb) out.push(`server memory: ${run.memory.peakRssMb} MB > ${run.memory.limitMb} MB`);
  return out;
}
