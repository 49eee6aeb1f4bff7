// The benchmark's "after a write" measurement (bench/load.ts): each round is one write and then as
// many reads at once as there are connections, and only the reads are timed.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { measureAfterWrite } from "../bench/load";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A server that logs each request as W (write) or R (read); writes answer `writeStatus`. */
async function start(writeStatus: number) {
  const log: string[] = [];
  let readsInFlight = 0;
  let maxReadsInFlight = 0;
  server = createServer((req, res) => {
    if (req.method === "POST") {
      log.push("W");
      res.writeHead(writeStatus, { location: "/done" }).end();
      return;
    }
    log.push("R");
    maxReadsInFlight = Math.max(maxReadsInFlight, ++readsInFlight);
    // Answered a little later, so reads of one round overlap when sent together.
    setTimeout(() => {
      readsInFlight--;
      res.writeHead(200, { "content-type": "text/plain" }).end("page");
    }, 20);
  });
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  return { origin, log, maxReadsInFlight: () => maxReadsInFlight };
}

it("sends a write, then the connections' reads together, and times only the reads", async () => {
  const s = await start(303);
  const write = { url: `${s.origin}/venues/new`, method: "POST" as const, body: () => "city=x", ok: [302, 303] };
  const result = await measureAfterWrite(write, { url: `${s.origin}/analysis` }, { connections: 3, duration: 0, warmup: 0, requests: 6 });
  expect(s.log.join("")).toBe("WRRRWRRR");
  expect(s.maxReadsInFlight()).toBe(3);
  expect(result).toMatchObject({ requests: 6, failures: 0, statuses: { 200: 6 } });
  expect(result.p50).toBeGreaterThanOrEqual(20);
});

it("counts a failed write as a failure of the run", async () => {
  const s = await start(500);
  const write = { url: `${s.origin}/venues/new`, method: "POST" as const, body: () => "city=x", ok: [302, 303] };
  const result = await measureAfterWrite(write, { url: `${s.origin}/analysis` }, { connections: 2, duration: 0, warmup: 0, requests: 2 });
  expect(result.failures).toBe(1);
  expect(result.statuses).toEqual({ 200: 2 });
});
