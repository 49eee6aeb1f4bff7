// Production server: migrates and seeds the database, then serves the built Remix app.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = process.env.PARLEY_BUILD_DIR ? path.resolve(root, process.env.PARLEY_BUILD_DIR) : null;
const serverBuild = buildDir ? path.join(buildDir, "index.js") : path.join(root, "build/index.js");
const assetsDir = buildDir ? path.join(buildDir, "assets") : path.join(root, "public/build");
const build = await import(pathToFileURL(serverBuild).href);
const entry = build.entry.module;

const { engine } = await entry.startup();

const app = express();
app.disable("x-powered-by");
app.use(compression());
app.use("/build", express.static(assetsDir, { immutable: true, maxAge: "1y" }));
// Only a path with an extension can be a file in public/: without this guard every page request
// cost a failed stat() of the disk.
const publicFiles = express.static(path.join(root, "public"), { maxAge: "1h" });
app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? publicFiles(req, res, next) : next()));
// The client address feeds the per-address sign-in throttle. Behind a proxy, set TRUST_PROXY=1 so
// Express takes it from X-Forwarded-For.
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : process.env.TRUST_PROXY);
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production", getLoadContext: (req) => ({ clientIp: req.ip }) }));

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "localhost";
const server = app.listen(port, host, () => {
  console.log(`Parley is listening on http://${host}:${port} (database: ${engine === "pglite" ? "embedded PGlite" : "PostgreSQL"})`);
});

// Close the pool promptly: remix-serve holding a pg pool lingers about 10 s on SIGTERM otherwise.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    server.closeAllConnections?.();
    entry.shutdown().finally(() => process.exit(0));
  });
}
