import type { Kysely } from "kysely";
import type { Database } from "@db/types";
import { snapshot, type Change, type RecordInput } from "~/models/history/engine.server";
import { slugify } from "~/utils/slug";
import { processSchema, type ProcessForm } from "./process";
import { FieldError, recordPath, saveRecord } from "./save.server";

/** A live process as its edit form starts. */
export async function processForEdit(db: Kysely<Database>, slug: string) {
  const row = await db.selectFrom("processes").select("id").where("slug", "=", slug).where("deleted_at", "is", null).executeTakeFirst();
  const snap = row ? await snapshot(db, "process", row.id) : null;
  if (!snap) return null;
  const sourceIds = [...new Set((snap.children.citations as { source_id: number }[]).map((c) => c.source_id))];
  return {
    id: snap.id,
    version: snap.version,
    slug: String(snap.fields.slug),
    name: String(snap.fields.name),
    sourceIds,
    defaultValue: {
      name: String(snap.fields.name),
      slug: String(snap.fields.slug),
      description: String(snap.fields.description ?? ""),
      sources: sourceIds.map(String),
    },
  };
}

async function processInput(v: ProcessForm, change: Change, id: number | undefined): Promise<RecordInput> {
  const before = id === undefined ? null : await snapshot(change.tx, "process", id);
  // Editing keeps the address the process has: its rounds list is linked by it.
  const slug = v.slug || (before ? String(before.fields.slug) : slugify(v.name));
  if (!slug || slug === "new") throw new FieldError("slug", "Enter a short name for the URL: none can be made from this name.");
  const locators = new Map((before?.children.citations ?? []).map((c) => [c.source_id, c.locator]));
  return {
    fields: { slug, name: v.name, description: v.description ?? "" },
    children: { citations: [...new Set(v.sources)].map((source_id) => ({ source_id, locator: locators.get(source_id) ?? null })) },
  };
}

/** Processes have no page of their own: saving goes to the rounds list filtered by the process. */
export function saveProcess(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: processSchema(id === undefined ? "new" : "edit"),
    type: "process",
    id,
    toInput: (v, change) => processInput(v, change, id),
    summary: (v) => v.summary || `Created process ${v.name}`,
    redirectTo: (saved) => recordPath("process", saved),
  });
}
