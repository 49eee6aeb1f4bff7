// Shared pieces of the JSON/CSV API: list envelopes with next/prev links, and CSV exports that
// stream every row matching the filters in keyset batches (bounded memory, whatever the size).
import { csvHeader, csvRows, type CsvColumn } from "./csv";
import { decodeCursor, type Cursor, type Page } from "./keyset.server";

export function pageLinks(url: URL, page: Page<unknown>) {
  const link = (param: "after" | "before", cursor: string | null) => {
    if (!cursor) return null;
    const next = new URL(url);
    next.searchParams.delete("after");
    next.searchParams.delete("before");
    next.searchParams.set(param, cursor);
    return next.pathname + next.search;
  };
  return { next: link("after", page.next), prev: link("before", page.prev) };
}

export function listJson<T>(url: URL, page: Page<T>, extra: Record<string, unknown> = {}) {
  return Response.json(
    { data: page.items, links: pageLinks(url, page), ...extra },
    { headers: { "Cache-Control": "public, max-age=60" } },
  );
}

export function itemJson<T>(item: T) {
  return Response.json({ data: item }, { headers: { "Cache-Control": "public, max-age=60" } });
}

export function notFoundJson(what: string, id: string, by: "id" | "id or slug" = "id or slug") {
  return Response.json({ error: "not_found", message: `No ${what} with ${by} "${id}".` }, { status: 404 });
}

const CSV_BATCH = 1000;

export function csvResponse<Row>(
  filename: string,
  columns: CsvColumn<Row>[],
  fetchBatch: (after: Cursor | undefined, limit: number) => Promise<Page<Row>>,
) {
  const encoder = new TextEncoder();
  let after: Cursor | undefined;
  let started = false;
  let done = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      try {
        const page = await fetchBatch(after, CSV_BATCH);
        let chunk = started ? "" : "\uFEFF" + csvHeader(columns);
        started = true;
        chunk += csvRows(page.items, columns);
        controller.enqueue(encoder.encode(chunk));
        if (page.next) after = decodeCursor(page.next) ?? undefined;
        else done = true;
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}

/** `?format=csv` or `?format=json` (default). */
export function wantsCsv(url: URL) {
  return url.searchParams.get("format") === "csv";
}
