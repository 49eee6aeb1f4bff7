import type { Kysely, Transaction } from "kysely";
import type { Database } from "@db/types";
import { createRecord, type Change, type RecordInput } from "~/models/history/engine.server";
import type { CitingColumn } from "~/models/shared.server";
import { FieldError, recordPath, saveRecord } from "./save.server";
import { hasNewSource, sourceSchema, type NewSourceForm, type SourceForm } from "./source";

export function sourceInput(v: Omit<SourceForm, "summary">): RecordInput {
  return {
    fields: {
      kind: v.kind,
      publisher: v.publisher,
      title: v.title,
      author: v.author || null,
      published_on: v.publishedOn ?? null,
      date_precision: v.publishedOn ? v.datePrecision : null,
      url: v.url ?? null,
      notes: v.notes || null,
    },
  };
}

export function saveSource(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: sourceSchema(id === undefined ? "new" : "edit"),
    type: "source",
    id,
    toInput: sourceInput,
    summary: (v) => v.summary || `Created source ${v.title}`,
    redirectTo: (saved) => recordPath("source", saved),
  });
}

type LiveTable = "actors" | "sources" | "rounds" | "processes" | "commitments";

/**
 * Refuses ids of records deleted (or never there) since the form was drawn: the picker offered
 * them then, only the database knows now. One query.
 */
export async function assertLive(tx: Transaction<Database> | Kysely<Database>, table: LiveTable, ids: number[], field: string, message: string) {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return;
  const live = await (tx as Kysely<Database>).selectFrom(table).select("id").where("id", "in", wanted).where("deleted_at", "is", null).execute();
  if (live.length !== wanted.length) throw new FieldError(field, message);
}

/**
 * The citations a record gets from its form: the chosen sources, keeping the locators (page,
 * paragraph) the record already gave them, plus the new source typed into the form, created in
 * the same change — or, when a live source already has that address, that one instead.
 */
export async function citationRows(
  change: Change,
  column: CitingColumn,
  recordId: number | undefined,
  chosen: number[],
  fresh: NewSourceForm,
): Promise<{ source_id: number; locator: string | null }[]> {
  const ids = [...new Set(chosen)];
  await assertLive(change.tx, "sources", ids, "sources", "A source you chose has been deleted since the form was opened; choose again.");
  if (hasNewSource(fresh)) {
    const same = fresh.newSourceUrl
      ? await change.tx.selectFrom("sources").select("id").where("url", "=", fresh.newSourceUrl).where("deleted_at", "is", null).orderBy("id").executeTakeFirst()
      : undefined;
    const id =
      same?.id ??
      (
        await createRecord(
          change,
          "source",
          { fields: { kind: fresh.newSourceKind, title: fresh.newSourceTitle, publisher: fresh.newSourcePublisher, url: fresh.newSourceUrl ?? null } },
          `Created source ${fresh.newSourceTitle}`,
        )
      ).id;
    if (!ids.includes(id)) ids.push(id);
  }
  const current =
    recordId === undefined
      ? []
      : await change.tx.selectFrom("citations").select(["source_id", "locator"]).where(column, "=", recordId).orderBy("id").execute();
  const kept = current.filter((c) => ids.includes(c.source_id));
  const added = ids.filter((id) => !kept.some((c) => c.source_id === id)).map((source_id) => ({ source_id, locator: null }));
  return [...kept, ...added];
}
