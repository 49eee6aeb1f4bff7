// Builds Parley once into its own folder and runs the production server (scripts/serve.js) the
// way it is deployed, watching its resident memory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export const BUILD_DIR = ".build-bench";

export function build(root: string): void {
  const result = spawnSync("npx", ["remix", "build"], {
    cwd: root,
    env: { ...process.env, PARLEY_BUILD_DIR: BUILD_DIR, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`remix build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface ServerOptions {
  root: string;
  port: number;
  /** PostgreSQL URL, or absent for PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  poolSize: number;
}

export interface RunningServer {
  origin: string;
  pid: number;
  /** Largest resident set size seen so far, in bytes. */
  peakRss(): number;
  /** Forget the peak (e.g. after start-up) and keep sampling. */
  resetPeak(): void;
  stop(): Promise<void>;
}

function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Node's flags from `npm start` (package.json), e.g. its heap limit: the server is measured as it
 * is run.
 */
export function startFlags(root: string): string[] {
  const start: string = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts.start;
  const match = /^node((?:\s+--\S+)*)\s+scripts\/serve\.js$/.exec(start.trim());
  if (!match) throw new Error(`package.json's start script is not "node [--flags] scripts/serve.js": ${start}`);
  return match[1].trim().split(/\s+/).filter(Boolean);
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const origin = `http://127.0.0.1:${o.port}`;
  // Something already answering there would be measured instead of this build.
  const occupied = await fetch(origin, { signal: AbortSignal.timeout(2000) }).then(
    () => true,
    () => false,
  );
  if (occupied) throw new Error(`Port ${o.port} is already in use; choose another with --port.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(o.port),
    HOST: "127.0.0.1",
    PARLEY_BUILD_DIR: BUILD_DIR,
    PARLEY_POOL_SIZE: String(o.poolSize),
    // The measured data must stay purely synthetic: no shipped data set loaded next to it.
    PARLEY_SEED: "false",
    SESSION_SECRET: "benchmark-only-session-secret-0123456789abcdef",
    DATABASE_URL: o.databaseUrl ?? "",
    PARLEY_DATA_DIR: o.dataDir ?? "",
  };
  const child: ChildProcess = spawn(process.execPath, [...startFlags(o.root), path.join(o.root, "scripts/serve.js")], {
    cwd: o.root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.on("exit", () => ((exited = true), resolve())));

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error(`The server exited before answering:\n${output}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The server did not answer /healthz within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  let peak = 0;
  const sample = () => {
    const rss = rssOf(child.pid!);
    if (rss !== null && rss > peak) peak = rss;
  };
  const sampler = setInterval(sample, 100);
  sample();
  return {
    origin,
    pid: child.pid!,
    peakRss: () => (sample(), peak),
    resetPeak: () => {
      peak = 0;
    },
    async stop() {
      clearInterval(sampler);
      if (exited) return;
      child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exit;
      clearTimeout(timeout);
    },
  };
}
