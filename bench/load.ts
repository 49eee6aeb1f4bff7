// The two measurements of a route: over HTTP with autocannon, and its loader's model calls alone
// (the database floor), each at the same concurrency for the same time, after a warm-up.
import { createRequire } from "node:module";
import type { EventEmitter } from "node:events";

// autocannon ships no types; this is the part of its API used here.
interface Cannon extends EventEmitter, PromiseLike<{ errors: number; timeouts: number }> {}
const autocannon = createRequire(import.meta.url)("autocannon") as (options: Record<string, unknown>) => Cannon;

export interface Latency {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface HttpResult extends Latency {
  /** Answers with an unexpected status, and connection errors or timeouts: any makes the run a failure. */
  failures: number;
  statuses: Record<string, number>;
}

export interface LoadOptions {
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds run first and thrown away (JIT, caches, pool). */
  warmup: number;
  /** When set, a fixed number of requests (or calls) instead of a fixed time: the smoke run's mode. */
  requests?: number;
}

/** Exact percentiles of the recorded times (ms), nearest-rank. */
export function summarize(times: number[], seconds: number): Latency {
  const sorted = Float64Array.from(times).sort();
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: sorted.length,
    rps: round(sorted.length / seconds),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(sorted.length ? sorted[sorted.length - 1] : NaN),
  };
}

export interface HttpRequestSpec {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** Builds each request's body (a POST that must differ each time, e.g. a new record's name). */
  body?: () => string;
  /** Statuses that count as success (default: 200). */
  ok?: number[];
}

async function cannon(spec: HttpRequestSpec, connections: number, length: { seconds: number } | { amount: number }, record: boolean) {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const ok = new Set(spec.ok ?? [200]);
  let failures = 0;
  const instance = autocannon({
    url: spec.url,
    connections,
    ...("amount" in length ? { amount: length.amount } : { duration: length.seconds }),
    method: spec.method ?? "GET",
    // Browsers ask for compressed pages; the server's gzip is part of what a page costs.
    headers: { "accept-encoding": "gzip", ...spec.headers },
    requests: spec.body ? [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: spec.body!() }) }] : undefined,
    timeout: 30,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (!record) return;
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (!ok.has(statusCode)) failures++;
  });
  const result = await instance;
  if (record) failures += result.errors + result.timeouts;
  return { times, statuses, failures };
}

export async function measureHttp(spec: HttpRequestSpec, o: LoadOptions): Promise<HttpResult> {
  if (o.warmup > 0) await cannon(spec, o.connections, { seconds: o.warmup }, false);
  const started = performance.now();
  const length = o.requests ? { amount: o.requests } : { seconds: o.duration };
  const { times, statuses, failures } = await cannon(spec, o.connections, length, true);
  return { ...summarize(times, (performance.now() - started) / 1000), failures, statuses };
}

/** Runs `call` from `connections` concurrent workers, back to back, for the given time or number of calls. */
async function hammer(call: () => Promise<unknown>, connections: number, length: { seconds: number } | { amount: number }, times: number[] | null) {
  const end = "seconds" in length ? performance.now() + length.seconds * 1000 : Infinity;
  let left = "amount" in length ? length.amount : Infinity;
  const worker = async () => {
    while (performance.now() < end && left-- > 0) {
      const t0 = performance.now();
      await call();
      times?.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
}

export async function measureFloor(floor: () => Promise<unknown>, o: LoadOptions): Promise<Latency> {
  if (o.warmup > 0) await hammer(floor, o.connections, { seconds: o.warmup }, null);
  const times: number[] = [];
  const started = performance.now();
  await hammer(floor, o.connections, o.requests ? { amount: o.requests } : { seconds: o.duration }, times);
  return summarize(times, (performance.now() - started) / 1000);
}

async function timedFetch(spec: HttpRequestSpec): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const response = await fetch(spec.url, {
    method: spec.method ?? "GET",
    headers: { "accept-encoding": "gzip", ...spec.headers },
    body: spec.body?.(),
    redirect: "manual",
  });
  await response.arrayBuffer();
  return { ms: performance.now() - t0, status: response.status };
}

/**
 * Rounds of one write followed by `connections` concurrent reads, back to back, for the given time
 * or number of reads; the reads' times are recorded. A failed write fails the run like a failed read.
 */
export async function measureAfterWrite(write: HttpRequestSpec, read: HttpRequestSpec, o: LoadOptions): Promise<HttpResult> {
  const writeOk = new Set(write.ok ?? [200]);
  const readOk = new Set(read.ok ?? [200]);
  const round = async (times: number[] | null, statuses: Record<string, number>) => {
    const written = await timedFetch(write);
    const reads = await Promise.all(Array.from({ length: o.connections }, () => timedFetch(read)));
    let failures = writeOk.has(written.status) ? 0 : 1;
    for (const r of reads) {
      times?.push(r.ms);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (!readOk.has(r.status)) failures++;
    }
    return failures;
  };
  const warmupEnd = performance.now() + o.warmup * 1000;
  while (performance.now() < warmupEnd) await round(null, {});
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  const started = performance.now();
  const end = started + o.duration * 1000;
  if (o.requests) while (times.length < o.requests) failures += await round(times, statuses);
  else while (performance.now() < end) failures += await round(times, statuses);
  return { ...summarize(times, (performance.now() - started) / 1000), failures, statuses };
}
