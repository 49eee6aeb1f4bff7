// What every editor's action does, in one place: check the role and the CSRF token, parse the
// form with the editor's zod schema, write in one transaction through the engine, and answer
// with field errors, a conflict (what the other editor changed), or a redirect to the record.
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { Transaction } from "kysely";
import type { z } from "zod";
import type { RecordType } from "@db/enums";
import type { Database } from "@db/types";
import { readCsrfForm } from "~/auth/csrf.server";
import { requireEditor, type SessionUser } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { diffSnapshots, type DiffLine } from "~/models/history/diff";
import { beginChange, createRecord, updateRecord, type Change, type RecordInput, type Snapshot, type WriteResult } from "~/models/history/engine.server";
import { nameLookup } from "~/models/history/history.server";
import { RECORDS } from "~/models/history/registry.server";

export interface ConflictInfo {
  by: string;
  at: string;
  summary: string;
  currentVersion: number;
  changes: DiffLine[];
}

export type EditorReply = SubmissionResult<string[]> & { conflict?: ConflictInfo };

/** Maps a unique-constraint violation to the field a person can fix. */
const UNIQUE_FIELDS: Record<string, { field: string; message: string }> = {
  actors_slug_key: { field: "slug", message: "Another actor already uses this short name (perhaps a deleted one: see Deleted records)." },
  venues_slug_key: { field: "slug", message: "Another venue already uses this short name (perhaps a deleted one: see Deleted records)." },
  processes_slug_key: { field: "slug", message: "Another process already uses this short name (perhaps a deleted one: see Deleted records)." },
  rounds_slug_key: { field: "slug", message: "Another round already uses this short name (perhaps a deleted one: see Deleted records)." },
  breaches_pair_idx: { field: "commitment", message: "This incident is already linked to this commitment as a breach; edit that link instead." },
};

function uniqueViolation(error: unknown): { field: string; message: string } | null {
  const e = error as { code?: string; constraint?: string; message?: string };
  if (e?.code !== "23505") return null;
  const name = e.constraint ?? Object.keys(UNIQUE_FIELDS).find((k) => e.message?.includes(k));
  return (name && UNIQUE_FIELDS[name]) || { field: "", message: "This would duplicate a record that already exists." };
}

export interface SaveOptions<S extends z.ZodType> {
  request: Request;
  schema: S;
  type: RecordType;
  /** Present when editing: the record's id. The form carries the version it started from. */
  id?: number;
  /**
   * Turns the parsed form into the record (and may create other records first, e.g. a venue
   * made inline, in the same change). Throw `FieldError` for problems only the database can see.
   */
  toInput: (value: z.output<S>, change: Change, user: SessionUser) => Promise<RecordInput> | RecordInput;
  /** Writes made after the record, in the same transaction (e.g. a round's new commitments). */
  after?: (saved: Snapshot, value: z.output<S>, change: Change) => Promise<void>;
  summary: (value: z.output<S>) => string;
  /** Where to go once saved. */
  redirectTo: (saved: Snapshot) => string;
}

class Refused extends Error {
  constructor(readonly result: Exclude<WriteResult, { ok: true }>) {
    super("refused");
  }
}

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export async function saveRecord<S extends z.ZodType>(opts: SaveOptions<S>) {
  const user = await requireEditor(opts.request);
  const form = await readCsrfForm(opts.request);
  const submission = parseWithZod(form, { schema: opts.schema });
  // An add-row or remove-row button (a Conform intent) is not an error: the form comes back with the row.
  if (submission.status !== "success") return data<EditorReply>(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const value = submission.value as z.output<S>;
  const version = Number(form.get("version"));
  const db = await getDb();
  try {
    const outcome = await db
      .transaction()
      .execute(async (tx: Transaction<Database>) => {
        const change = await beginChange(tx, user.id);
        const input = await opts.toInput(value, change, user);
        const result =
          opts.id === undefined
            ? { ok: true as const, after: await createRecord(change, opts.type, input, opts.summary(value)) }
            : await updateRecord(change, opts.type, opts.id, version, input, opts.summary(value));
        // A refused save must not keep what toInput created on the way (an inline venue, a source).
        if (!result.ok) throw new Refused(result);
        if (opts.after) await opts.after(result.after, value, change);
        return result;
      })
      .catch((error) => {
        if (error instanceof Refused) return error.result;
        throw error;
      });
    if (outcome.ok) return redirect(opts.redirectTo(outcome.after));
    if (outcome.reason === "not-found") {
      return data<EditorReply>(submission.reply({ formErrors: ["This record has been deleted since you opened it. Your input is still below; copy what you need."] }), { status: 404 });
    }
    if (outcome.reason === "conflict") {
      const nameOf = await nameLookup(db, [outcome.base, outcome.current]);
      const who = outcome.lastChange?.userName ?? "Another editor";
      return data<EditorReply>(
        {
          ...submission.reply({
            formErrors: [
              `Not saved: ${who} saved a newer version of this ${opts.type} while you were editing. Your input is kept below. Compare it with their change, then save again to replace their version with yours.`,
            ],
          }),
          conflict: {
            by: who,
            at: outcome.lastChange?.at ?? "",
            summary: outcome.lastChange?.summary ?? "",
            currentVersion: outcome.current.version,
            changes: diffSnapshots(outcome.base, outcome.current, nameOf),
          },
        },
        { status: 409 },
      );
    }
    return data<EditorReply>(submission.reply({ formErrors: ["This change is not possible."] }), { status: 409 });
  } catch (error) {
    const field = error instanceof FieldError ? { field: error.field, message: error.message } : uniqueViolation(error);
    if (!field) throw error;
    return data<EditorReply>(
      submission.reply(field.field ? { fieldErrors: { [field.field]: [field.message] } } : { formErrors: [field.message] }),
      { status: 400 },
    );
  }
}

/** The record's page, from its snapshot. */
export function recordPath(type: RecordType, saved: Snapshot) {
  return RECORDS[type].path({ id: saved.id, ...saved.fields });
}
