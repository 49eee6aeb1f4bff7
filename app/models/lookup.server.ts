// Finding a record by a few typed letters, for the editors' pickers. Bounded, and the newest (or
// alphabetical) rows when nothing is typed, so a picker also works as a plain select without JS.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "@db/types";
import { isoDateParam } from "~/utils/query.server";

export const LOOKUP_TYPES = ["actor", "source", "commitment", "incident", "round", "venue", "process"] as const;
export type LookupType = (typeof LOOKUP_TYPES)[number];

export const lookupQuerySchema = z.object({
  type: z.enum(LOOKUP_TYPES, { error: `Choose one of: ${LOOKUP_TYPES.join(", ")}.` }),
  q: z.string().trim().max(100, { error: "Type at most 100 characters." }).optional(),
  limit: z.coerce.number().int().min(1).max(200, { error: "At most 200 options." }).default(20),
});

export interface LookupOption {
  value: string;
  label: string;
}

/**
 * A date window on a picker's default list (`?incidents_from=…&incidents_to=…` on the breach
 * forms): without JavaScript there is no search box, and the 200 newest of two million incidents
 * leave most out of reach; the window reaches any of them by its date.
 */
export const incidentWindowSchema = z
  .object({ incidents_from: isoDateParam.optional(), incidents_to: isoDateParam.optional() })
  .superRefine((w, ctx) => {
    if (w.incidents_from && w.incidents_to && w.incidents_from > w.incidents_to) {
      ctx.addIssue({ code: "custom", path: ["incidents_to"], message: "The end date is before the start date." });
    }
  });
export type IncidentWindow = z.infer<typeof incidentWindowSchema>;
export interface DateWindow {
  from?: string;
  to?: string;
}

const SPEC: Record<LookupType, { table: string; label: RawBuilder<string>; match: string[]; order: RawBuilder<unknown>; date?: string }> = {
  actor: { table: "actors", label: sql`name`, match: ["name", "short_name", "slug"], order: sql`name, id` },
  source: {
    table: "sources",
    label: sql`title || ' — ' || publisher || coalesce(' (' || to_char(published_on, 'YYYY') || ')', '')`,
    match: ["title", "publisher", "url"],
    order: sql`published_on desc nulls last, id desc`,
  },
  commitment: { table: "commitments", label: sql`title || ' (' || to_char(takes_effect_on, 'DD Mon YYYY') || ')'`, match: ["title"], order: sql`takes_effect_on desc, id desc` },
  incident: {
    table: "incidents",
    label: sql`title || ' (' || to_char(occurred_on, 'DD Mon YYYY') || ')'`,
    match: ["title", "place_name", "province"],
    order: sql`occurred_on desc, id desc`,
    date: "occurred_on",
  },
  round: { table: "rounds", label: sql`title || ' (' || to_char(start_date, 'Mon YYYY') || ')'`, match: ["title", "slug"], order: sql`start_date desc, id desc` },
  venue: { table: "venues", label: sql`city || ', ' || country`, match: ["city", "country"], order: sql`city, id` },
  process: { table: "processes", label: sql`name`, match: ["name", "slug"], order: sql`name, id` },
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function base(db: Kysely<Database>, type: LookupType) {
  const s = SPEC[type];
  return (db as Kysely<any>)
    .selectFrom(s.table)
    .select([sql<string>`id::text`.as("value"), s.label.as("label")])
    .where("deleted_at", "is", null);
}

/** `window` bounds the records' date (both ends included), for types that have one. */
export async function lookup(db: Kysely<Database>, type: LookupType, q: string | undefined, limit: number, window: DateWindow = {}): Promise<LookupOption[]> {
  const s = SPEC[type];
  let qb = base(db, type);
  if (q) {
    const like = `%${escapeLike(q)}%`;
    qb = qb.where((eb: any) => eb.or(s.match.map((col) => eb(sql`${sql.ref(col)}::text`, "ilike", like))));
  }
  if (s.date && window.from) qb = qb.where(s.date, ">=", window.from);
  if (s.date && window.to) qb = qb.where(s.date, "<=", window.to);
  return qb.orderBy(s.order).limit(limit).execute();
}

/** The labels of given records: a picker's current values must be among its options. */
export async function lookupByIds(db: Kysely<Database>, type: LookupType, ids: number[]): Promise<LookupOption[]> {
  if (!ids.length) return [];
  return base(db, type).where("id", "in", ids).execute();
}

/** How many records a picker lists without JavaScript. */
export const PICKER_LIMIT = 200;

/** A picker's options: the current values first, then the default list, without repeats. */
export async function pickerOptions(db: Kysely<Database>, type: LookupType, current: number[], limit = PICKER_LIMIT, window?: DateWindow): Promise<LookupOption[]> {
  const [chosen, rest] = await Promise.all([lookupByIds(db, type, current), lookup(db, type, undefined, limit, window)]);
  const seen = new Set(chosen.map((o) => o.value));
  return [...chosen, ...rest.filter((o) => !seen.has(o.value))];
}
