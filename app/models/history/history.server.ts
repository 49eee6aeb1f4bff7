// Reading history: a record's revisions, recent changes across Parley, deleted records, and the
// names that ids in snapshots point at. Each function issues a fixed number of queries.
import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { RECORD_TYPES, REVISION_ACTIONS, type RecordType, type RevisionAction } from "@db/enums";
import type { Database } from "@db/types";
import { fetchPage, type PageRequest } from "~/utils/keyset.server";
import { cursorSortRefinement, enumParam, pagingShape } from "~/utils/query.server";
import type { NameOf } from "./diff";
import type { Snapshot } from "./engine.server";
import { RECORDS, REFERENCE_COLUMNS } from "./registry.server";

export interface RevisionItem {
  id: number;
  recordType: RecordType;
  recordId: number;
  action: RevisionAction;
  summary: string;
  createdAt: string;
  userName: string | null;
  version: number | null;
  title: string;
  path: string;
}

function describe(type: RecordType, recordId: number, snap: Snapshot | null) {
  const def = RECORDS[type];
  const row = { id: recordId, ...(snap?.fields ?? {}) };
  return { title: snap ? def.title(row) : `${type} #${recordId}`, path: snap ? def.path(row) : "/" };
}

function toItem(r: {
  id: number;
  record_type: RecordType;
  record_id: number;
  action: RevisionAction;
  summary: string;
  created_at: string;
  user_name: string | null;
  after: unknown;
  before: unknown;
}): RevisionItem {
  const snap = (r.after ?? r.before) as Snapshot | null;
  return {
    id: r.id,
    recordType: r.record_type,
    recordId: r.record_id,
    action: r.action,
    summary: r.summary,
    createdAt: r.created_at,
    userName: r.user_name,
    version: (r.after as Snapshot | null)?.version ?? null,
    ...describe(r.record_type, r.record_id, snap),
  };
}

function revisionsBase(db: Kysely<Database>) {
  return db
    .selectFrom("revisions as v")
    .leftJoin("users as u", "u.id", "v.user_id")
    .select(["v.id", "v.record_type", "v.record_id", "v.action", "v.summary", "v.created_at", "u.name as user_name", "v.after", "v.before"]);
}

export const recordTypeParam = enumParam(RECORD_TYPES, "record type");

/** A record's revisions, newest first, with the full snapshots for diffs. */
export async function recordHistory(db: Kysely<Database>, type: RecordType, id: number) {
  const rows = await revisionsBase(db).where("v.record_type", "=", type).where("v.record_id", "=", id).orderBy("v.id", "desc").limit(500).execute();
  return rows.map((r) => ({ ...toItem(r), before: r.before as Snapshot | null, after: r.after as Snapshot | null }));
}

export const changesQuerySchema = z
  .object({
    type: recordTypeParam.optional(),
    action: enumParam(REVISION_ACTIONS, "kind of change").optional(),
    editor: z.coerce.number({ error: "Choose an editor from the list." }).int().positive({ error: "Choose an editor from the list." }).optional(),
    sort: z.literal("newest", { error: "Changes are listed newest first." }).default("newest"),
    ...pagingShape,
  })
  .superRefine(cursorSortRefinement);
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

// The history and deleted pages' URL schemas live here, not in their routes: a schema at a route's
// top level stays in the browser bundle and brings zod with it (93 KB) to pages with no form.
export const deletedQuerySchema = z.object({ type: recordTypeParam.optional() });
export const historyParamsSchema = z.object({ type: z.enum(RECORD_TYPES), id: z.coerce.number().int().positive().max(2_147_483_647) });
export const historyCompareSchema = z.object({
  from: z.coerce.number({ error: "Choose a revision from the list." }).int().positive().optional(),
  to: z.coerce.number({ error: "Choose a revision from the list." }).int().positive().optional(),
});

/** Recent changes across Parley (revisions_recent_idx / revisions_type_recent_idx / revisions_user_idx). */
export async function listChanges(db: Kysely<Database>, q: Pick<ChangesQuery, "type" | "action" | "editor" | "after" | "before" | "limit">) {
  let qb = revisionsBase(db);
  if (q.type) qb = qb.where("v.record_type", "=", q.type);
  if (q.action) qb = qb.where("v.action", "=", q.action);
  if (q.editor) qb = qb.where("v.user_id", "=", q.editor);
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  const result = await fetchPage<Parameters<typeof toItem>[0], typeof qb>(
    qb,
    { name: "newest", column: "v.id", direction: "desc", idColumn: "v.id" },
    page,
    (r) => ({ key: r.id, id: r.id }),
  );
  return { ...result, items: result.items.map(toItem) };
}

export async function editorsWhoChanged(db: Kysely<Database>) {
  return db.selectFrom("users").select(["id", "name"]).where("id", "in", db.selectFrom("revisions").select("user_id").where("user_id", "is not", null)).orderBy("name").execute();
}

export interface DeletedItem {
  recordType: RecordType;
  recordId: number;
  title: string;
  deletedAt: string;
  version: number;
  summary: string | null;
  userName: string | null;
}

/** Records deleted and not restored, newest deletion first (bounded; one query). */
export async function listDeleted(db: Kysely<Database>, type: RecordType | undefined, limit = 200): Promise<DeletedItem[]> {
  const types = type ? [type] : RECORD_TYPES;
  const parts = types.map(
    (t) => sql`select ${t}::text as record_type, id, deleted_at, version from ${sql.table(RECORDS[t].table)} where deleted_at is not null`,
  );
  const rows = await sql<{ record_type: RecordType; id: number; deleted_at: string; version: number; summary: string | null; user_name: string | null; snap: Snapshot | null }>`
    with gone as (${sql.join(parts, sql` union all `)})
    select g.record_type, g.id, g.deleted_at, g.version, d.summary, d.user_name, d.snap
    from gone g
    left join lateral (
      select v.summary, u.name as user_name, coalesce(v.after, v.before) as snap
      from revisions v left join users u on u.id = v.user_id
      where v.record_type = g.record_type and v.record_id = g.id and v.action = 'delete'
      order by v.id desc limit 1
    ) d on true
    order by g.deleted_at desc, g.record_type, g.id desc
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    recordType: r.record_type,
    recordId: r.id,
    title: describe(r.record_type, r.id, r.snap).title,
    deletedAt: r.deleted_at,
    version: r.version,
    summary: r.summary,
    userName: r.user_name,
  }));
}

/** Names for every id the snapshots point at: one query per kind of record referenced. */
export async function nameLookup(db: Kysely<Database>, snaps: (Snapshot | null)[]): Promise<NameOf> {
  const wanted = new Map<keyof Database, Set<number>>();
  const note = (column: string, value: unknown) => {
    const ref = REFERENCE_COLUMNS[column];
    if (!ref || typeof value !== "number") return;
    if (!wanted.has(ref.table)) wanted.set(ref.table, new Set());
    wanted.get(ref.table)!.add(value);
  };
  for (const s of snaps) {
    if (!s) continue;
    for (const [c, v] of Object.entries(s.fields)) note(c, v);
    for (const rows of Object.values(s.children)) for (const r of rows) for (const [c, v] of Object.entries(r)) note(c, v);
  }
  const names = new Map<string, string>();
  for (const [table, ids] of wanted) {
    const label = Object.values(REFERENCE_COLUMNS).find((r) => r.table === table)!.label;
    const rows = await (db as Kysely<any>).selectFrom(table).select(["id", `${label} as name`]).where("id", "in", [...ids]).execute();
    for (const r of rows) names.set(`${table}:${r.id}`, r.name);
  }
  return (column, id) => {
    const ref = REFERENCE_COLUMNS[column];
    return ref ? (names.get(`${ref.table}:${id}`) ?? `#${id}`) : null;
  };
}
