// The editor actions that history pages offer: restore a version, bring back a deleted record.
// Each checks the editor's role and the form's CSRF token on the server, whatever the page showed.
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { RECORD_TYPES } from "@db/enums";
import { readCsrfForm } from "~/auth/csrf.server";
import { requireEditor } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { beginChange, restoreRevision, undeleteRecord, type WriteResult } from "./engine.server";
import { RECORDS } from "./registry.server";

const restoreSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("restore"),
    revision: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    summary: z.string().trim().max(500).optional(),
  }),
  z.object({
    intent: z.literal("undelete"),
    type: z.enum(RECORD_TYPES),
    id: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    summary: z.string().trim().max(500).optional(),
  }),
]);

export function writeFailureMessage(result: Exclude<WriteResult, { ok: true }>): string {
  switch (result.reason) {
    case "not-found":
      return "This record is not there any more, or is not in the state this page showed. Reload the page.";
    case "conflict": {
      const who = result.lastChange?.userName ?? "another editor";
      return `Not restored: ${who} changed this record since you opened the page (now version ${result.current.version}). Reload the page to see their change, then restore again if you still want to.`;
    }
    case "blocked":
      return `Not possible while ${result.blockers.map((b) => `${b.count} ${b.label}`).join(", ")} point at it.`;
  }
}

export async function historyAction(request: Request) {
  const user = await requireEditor(request);
  const form = await readCsrfForm(request);
  const parsed = restoreSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "This request was not understood. Reload the page and try again." }, { status: 400 });
  const input = parsed.data;
  const db = await getDb();
  const result = await db.transaction().execute(async (tx) => {
    const change = await beginChange(tx, user.id);
    return input.intent === "restore"
      ? restoreRevision(change, input.revision, input.version, input.summary || `Restored the version of revision #${input.revision}`)
      : undeleteRecord(change, input.type, input.id, input.version, input.summary || "Restored after deletion");
  });
  if (!result.ok) return data({ error: writeFailureMessage(result) }, { status: 409 });
  const type = input.intent === "undelete" ? input.type : undefined;
  const back = new URL(request.url);
  if (type) return redirect(RECORDS[type].path({ id: result.after.id, ...result.after.fields }));
  return redirect(back.pathname + back.search);
}
