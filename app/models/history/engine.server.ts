// The one way records change. Every create, update, delete and restore runs inside the caller's
// transaction, checks the version the editor started from, and writes a revision holding the
// record's snapshot before and after. Revisions made by one action share a change id, so a
// delete that took dependents with it is undone as a whole.
import { sql, type Kysely, type Transaction } from "kysely";
import type { RecordType, RevisionAction } from "@db/enums";
import type { Database } from "@db/types";
import { RECORDS, type RecordDef } from "./registry.server";

export interface Snapshot {
  id: number;
  version: number;
  deleted_at: string | null;
  fields: Record<string, unknown>;
  children: Record<string, Record<string, unknown>[]>;
}

export interface RecordInput {
  fields: Record<string, unknown>;
  /** Child rows by key; a key left out keeps the current rows. */
  children?: Record<string, Record<string, unknown>[]>;
}

export interface Change {
  tx: Transaction<Database>;
  userId: number | null;
  changeId: number;
}

export interface LastChange {
  revisionId: number;
  userName: string | null;
  at: string;
  summary: string;
  action: RevisionAction;
}

export type WriteResult =
  | { ok: true; after: Snapshot }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "conflict"; current: Snapshot; base: Snapshot | null; lastChange: LastChange | null }
  | { ok: false; reason: "blocked"; blockers: { label: string; count: number }[] };

type AnyTx = Transaction<any>;
const any = (tx: Transaction<Database> | Kysely<Database>) => tx as unknown as AnyTx;

/** Starts a change: every revision written through it shares its id. */
export async function beginChange(tx: Transaction<Database>, userId: number | null): Promise<Change> {
  const { rows } = await sql<{ id: number }>`select nextval('revision_change_seq')::int as id`.execute(tx);
  return { tx, userId, changeId: rows[0].id };
}

/** Snapshots of several records of one type: one query for the rows and one per child table. */
export async function snapshots(db: Kysely<Database> | Transaction<Database>, type: RecordType, ids: number[], lock = false) {
  const def = RECORDS[type];
  const out = new Map<number, Snapshot>();
  if (ids.length === 0) return out;
  let q = any(db).selectFrom(def.table).select(["id", "version", "deleted_at", ...def.fields]).where("id", "in", ids);
  if (lock) q = q.forUpdate();
  const rows = await q.execute();
  for (const row of rows) {
    const fields: Record<string, unknown> = {};
    for (const f of def.fields) fields[f] = row[f];
    out.set(row.id, { id: row.id, version: row.version, deleted_at: row.deleted_at, fields, children: {} });
  }
  for (const child of def.children) {
    for (const snap of out.values()) snap.children[child.key] = [];
    const childRows = await any(db)
      .selectFrom(child.table)
      .select([child.fk, ...child.columns])
      .where(child.fk, "in", ids)
      .orderBy(child.columns[0])
      .orderBy(child.columns[child.columns.length - 1])
      .execute();
    for (const r of childRows) {
      const picked: Record<string, unknown> = {};
      for (const c of child.columns) picked[c] = r[c];
      out.get(r[child.fk])?.children[child.key].push(picked);
    }
  }
  return out;
}

export async function snapshot(db: Kysely<Database> | Transaction<Database>, type: RecordType, id: number, lock = false) {
  return (await snapshots(db, type, [id], lock)).get(id) ?? null;
}

async function writeRevision(
  change: Change,
  type: RecordType,
  id: number,
  action: RevisionAction,
  summary: string,
  before: Snapshot | null,
  after: Snapshot | null,
) {
  await change.tx
    .insertInto("revisions")
    .values({
      record_type: type,
      record_id: id,
      action,
      user_id: change.userId,
      summary,
      before: before ? JSON.stringify(before) : null,
      after: after ? JSON.stringify(after) : null,
      change_id: change.changeId,
    })
    .execute();
}

async function replaceChildren(tx: Transaction<Database>, def: RecordDef, id: number, children: RecordInput["children"]) {
  for (const child of def.children) {
    const rows = children?.[child.key];
    if (!rows) continue;
    await any(tx).deleteFrom(child.table).where(child.fk, "=", id).execute();
    if (rows.length) {
      await any(tx)
        .insertInto(child.table)
        .values(rows.map((r) => ({ ...Object.fromEntries(child.columns.map((c) => [c, r[c] ?? null])), [child.fk]: id })))
        .execute();
    }
  }
}

function pickFields(def: RecordDef, fields: Record<string, unknown>) {
  return Object.fromEntries(def.fields.filter((f) => f in fields).map((f) => [f, fields[f] ?? null]));
}

export async function createRecord(change: Change, type: RecordType, input: RecordInput, summary = "Created"): Promise<Snapshot> {
  const def = RECORDS[type];
  const row = await any(change.tx).insertInto(def.table).values(pickFields(def, input.fields)).returning("id").executeTakeFirstOrThrow();
  await replaceChildren(change.tx, def, row.id, input.children);
  const after = (await snapshot(change.tx, type, row.id))!;
  await writeRevision(change, type, row.id, "create", summary, null, after);
  return after;
}

/** The newest revision of a record, to say who changed it last. */
export async function lastChange(db: Kysely<Database> | Transaction<Database>, type: RecordType, id: number): Promise<LastChange | null> {
  const row = await db
    .selectFrom("revisions as v")
    .leftJoin("users as u", "u.id", "v.user_id")
    .where("v.record_type", "=", type)
    .where("v.record_id", "=", id)
    .orderBy("v.id", "desc")
    .select(["v.id as revisionId", "u.name as userName", "v.created_at as at", "v.summary", "v.action"])
    .executeTakeFirst();
  return row ?? null;
}

/** The snapshot a record had at a given version, from its revisions (null if never recorded). */
export async function snapshotAtVersion(db: Kysely<Database> | Transaction<Database>, type: RecordType, id: number, version: number) {
  const row = await db
    .selectFrom("revisions")
    .where("record_type", "=", type)
    .where("record_id", "=", id)
    .where(sql<boolean>`(after ->> 'version')::int = ${version}`)
    .orderBy("id", "desc")
    .select("after")
    .executeTakeFirst();
  return (row?.after as Snapshot | undefined) ?? null;
}

async function conflict(change: Change, type: RecordType, id: number, current: Snapshot, baseVersion: number): Promise<WriteResult> {
  return {
    ok: false,
    reason: "conflict",
    current,
    base: await snapshotAtVersion(change.tx, type, id, baseVersion),
    lastChange: await lastChange(change.tx, type, id),
  };
}

/** Puts a snapshot's fields, deletion state and child rows on the record, one version up. */
async function apply(change: Change, def: RecordDef, id: number, target: { fields: Record<string, unknown>; deleted_at: string | null; children?: Snapshot["children"] }) {
  await any(change.tx)
    .updateTable(def.table)
    .set({ ...pickFields(def, target.fields), deleted_at: target.deleted_at, version: sql`version + 1`, updated_at: sql`now()` })
    .where("id", "=", id)
    .execute();
  await replaceChildren(change.tx, def, id, target.children);
  return (await snapshot(change.tx, def.type, id))!;
}

/**
 * Saves an edit made from `baseVersion`. Refused, with what the other editor changed, when the
 * record has moved on since: nothing is overwritten.
 */
export async function updateRecord(change: Change, type: RecordType, id: number, baseVersion: number, input: RecordInput, summary: string): Promise<WriteResult> {
  const def = RECORDS[type];
  const before = await snapshot(change.tx, type, id, true);
  if (!before || before.deleted_at) return { ok: false, reason: "not-found" };
  if (before.version !== baseVersion) return conflict(change, type, id, before, baseVersion);
  const after = await apply(change, def, id, { fields: { ...before.fields, ...input.fields }, deleted_at: null, children: input.children });
  await writeRevision(change, type, id, "update", summary, before, after);
  return { ok: true, after };
}

export interface DeleteImpact {
  label: string;
  policy: "own" | "detach" | "unlink" | "block";
  count: number;
}

/** What deleting a record would do to the records pointing at it (one query per reference). */
export async function deleteImpact(db: Kysely<Database> | Transaction<Database>, type: RecordType, id: number): Promise<DeleteImpact[]> {
  const impacts: DeleteImpact[] = [];
  for (const ref of RECORDS[type].references) {
    const owner = RECORDS[ref.recordType];
    let q = any(db).selectFrom(`${ref.table} as x`).where(`x.${ref.column}`, "=", id);
    // Only live records count: a deleted claim does not block deleting its source.
    if (ref.policy === "unlink") q = q.innerJoin(`${owner.table} as o`, "o.id", `x.${ref.ownerColumn}`).where("o.deleted_at", "is", null);
    else q = q.where("x.deleted_at", "is", null);
    const { n } = await q.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    if (n > 0) impacts.push({ label: ref.label, policy: ref.policy, count: n });
  }
  return impacts;
}

/**
 * Deletes (hides) a record. Records it owns are deleted with it, links to it are cleared on the
 * records that held them, each with its own revision in the same change. Refused while records
 * that cannot lose the link (a claim's source, a round's process) still point at it.
 */
export async function deleteRecord(change: Change, type: RecordType, id: number, baseVersion: number, summary: string): Promise<WriteResult> {
  const def = RECORDS[type];
  const before = await snapshot(change.tx, type, id, true);
  if (!before || before.deleted_at) return { ok: false, reason: "not-found" };
  if (before.version !== baseVersion) return conflict(change, type, id, before, baseVersion);
  const blockers = (await deleteImpact(change.tx, type, id)).filter((i) => i.policy === "block");
  if (blockers.length) return { ok: false, reason: "blocked", blockers };

  for (const ref of def.references) {
    const owner = RECORDS[ref.recordType];
    const idColumn = ref.policy === "unlink" ? ref.ownerColumn! : "id";
    const rows = await any(change.tx).selectFrom(ref.table).select(`${idColumn} as id`).distinct().where(ref.column, "=", id).execute();
    const ids = rows.map((r: { id: number }) => r.id);
    if (!ids.length) continue;
    const owners = await snapshots(change.tx, ref.recordType, ids, true);
    for (const o of owners.values()) {
      if (o.deleted_at) continue;
      const note = `${summary} (with ${def.type} #${id})`;
      if (ref.policy === "own") {
        const after = await apply(change, owner, o.id, { ...o, deleted_at: new Date().toISOString() });
        await writeRevision(change, ref.recordType, o.id, "delete", note, o, after);
      } else if (ref.policy === "detach") {
        const after = await apply(change, owner, o.id, { ...o, fields: { ...o.fields, [ref.column]: null } });
        await writeRevision(change, ref.recordType, o.id, "update", note, o, after);
      } else if (ref.policy === "unlink") {
        const childKey = owner.children.find((c) => c.table === ref.table)!.key;
        const children = { [childKey]: o.children[childKey].filter((r) => r[ref.column] !== id) };
        const after = await apply(change, owner, o.id, { ...o, children });
        await writeRevision(change, ref.recordType, o.id, "update", note, o, after);
      }
    }
  }
  const after = await apply(change, def, id, { ...before, deleted_at: new Date().toISOString() });
  await writeRevision(change, type, id, "delete", summary, before, after);
  return { ok: true, after };
}

/**
 * Brings a deleted record back, and undoes what its deletion did to other records (owned
 * records deleted, links cleared) where those records have not been edited since.
 */
export async function undeleteRecord(change: Change, type: RecordType, id: number, baseVersion: number, summary: string): Promise<WriteResult> {
  const def = RECORDS[type];
  const current = await snapshot(change.tx, type, id, true);
  if (!current || !current.deleted_at) return { ok: false, reason: "not-found" };
  if (current.version !== baseVersion) return conflict(change, type, id, current, baseVersion);
  const deletion = await change.tx
    .selectFrom("revisions")
    .select(["change_id"])
    .where("record_type", "=", type)
    .where("record_id", "=", id)
    .where("action", "=", "delete")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const after = await apply(change, def, id, { ...current, deleted_at: null });
  await writeRevision(change, type, id, "restore", summary, current, after);
  if (deletion?.change_id != null) {
    const companions = await change.tx
      .selectFrom("revisions")
      .select(["record_type", "record_id", "before", "after"])
      .where("change_id", "=", deletion.change_id)
      .where((eb) => eb.not(eb.and([eb("record_type", "=", type), eb("record_id", "=", id)])))
      .orderBy("id", "desc")
      .execute();
    for (const c of companions) {
      const was = c.before as Snapshot;
      const then = c.after as Snapshot;
      const now = await snapshot(change.tx, c.record_type, c.record_id, true);
      if (!now || now.version !== then.version) continue; // edited since: leave it to the editor
      const restored = await apply(change, RECORDS[c.record_type], c.record_id, was);
      await writeRevision(change, c.record_type, c.record_id, "restore", `${summary} (with ${type} #${id})`, now, restored);
    }
  }
  return { ok: true, after };
}

/** Makes a record look as it did after a given revision (its history's "restore this version"). */
export async function restoreRevision(change: Change, revisionId: number, baseVersion: number, summary: string): Promise<WriteResult> {
  const rev = await change.tx.selectFrom("revisions").selectAll().where("id", "=", revisionId).executeTakeFirst();
  if (!rev || !rev.after) return { ok: false, reason: "not-found" };
  const type = rev.record_type;
  const def = RECORDS[type];
  const current = await snapshot(change.tx, type, rev.record_id, true);
  if (!current) return { ok: false, reason: "not-found" };
  if (current.version !== baseVersion) return conflict(change, type, rev.record_id, current, baseVersion);
  const target = rev.after as Snapshot;
  const after = await apply(change, def, rev.record_id, { fields: target.fields, deleted_at: target.deleted_at, children: target.children });
  await writeRevision(change, type, rev.record_id, "restore", summary, current, after);
  return { ok: true, after };
}
