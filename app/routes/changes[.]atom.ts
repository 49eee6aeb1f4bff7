import type { LoaderFunctionArgs } from "@remix-run/node";
import { enumLabel } from "@db/enums";
import { getDb } from "~/db.server";
import { changesQuerySchema, listChanges } from "~/models/history/history.server";
import { badRequestJson, parseQuery } from "~/utils/query.server";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The recent-changes list as an Atom feed, with the same filters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, changesQuerySchema, { strict: true });
  if (!parsed.ok) return badRequestJson(parsed.errors);
  const page = await listChanges(await getDb(), { ...parsed.query, limit: Math.min(parsed.query.limit, 100) });
  const origin = url.origin;
  const updated = page.items[0]?.createdAt ?? new Date(0).toISOString();
  const entries = page.items
    .map((c) => {
      const link = `${origin}/history/${c.recordType}/${c.recordId}?to=${c.id}`;
      return `  <entry>
    <id>${escape(`${origin}/revisions/${c.id}`)}</id>
    <title>${escape(`${enumLabel(c.action)} ${c.recordType}: ${c.title}`)}</title>
    <updated>${c.createdAt}</updated>
    <author><name>${escape(c.userName ?? "Data import")}</name></author>
    <link rel="alternate" type="text/html" href="${escape(link)}"/>
    <summary>${escape(c.summary)}</summary>
  </entry>`;
    })
    .join("\n");
  const feed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escape(`${origin}/changes${url.search}`)}</id>
  <title>Parley: recent changes</title>
  <updated>${updated}</updated>
  <link rel="self" href="${escape(url.toString())}"/>
  <link rel="alternate" type="text/html" href="${escape(`${origin}/changes${url.search}`)}"/>
${entries}
</feed>
`;
  return new Response(feed, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" } });
}
