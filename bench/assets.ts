// The client JavaScript a page makes the browser load: every /build/*.js file its HTML names
// (module preloads, the entry's imports, the route modules), each fetched and gzipped the way
// the server sends it.
import { gzipSync } from "node:zlib";

export interface PageJs {
  files: number;
  /** Bytes on the wire, gzipped. */
  gzipBytes: number;
  rawBytes: number;
}

const assetCache = new Map<string, Promise<Buffer>>();

async function asset(origin: string, href: string): Promise<Buffer> {
  let pending = assetCache.get(href);
  if (!pending) {
    pending = fetch(origin + href).then(async (r) => {
      if (!r.ok) throw new Error(`${href}: ${r.status}`);
      return Buffer.from(await r.arrayBuffer());
    });
    assetCache.set(href, pending);
  }
  return pending;
}

export async function pageJs(origin: string, pagePath: string, headers: Record<string, string> = {}): Promise<PageJs> {
  const response = await fetch(origin + pagePath, { headers });
  const html = await response.text();
  const hrefs = [...new Set(html.match(/\/build\/[\w./-]+\.js/g) ?? [])];
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const href of hrefs) {
    const body = await asset(origin, href);
    rawBytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { files: hrefs.length, gzipBytes, rawBytes };
}
