// Finding a record by a few typed letters, for the editors' pickers. Bounded, and the newest (or
// alphabetical) rows when nothing is typed, so a picker also works as a plain select without JS.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { z } from "zod";
import type { Database } from "@db/types";

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

const SPEC: Record<LookupType, { table: string; label: RawBuilder<string>; match: string[]; order: RawBuilder<unknown> }> = {
  actor: { table: "actors", label: sql`name`, match: ["name", "short_name", "slug"], order: sql`name, id` },
  source: {
    table: "sources",
    label: sql`title || ' — ' || publisher || coalesce(' (' || to_char(published_on, 'YYYY') || ')', '')`,
    match: ["title", "publisher", "url"],
    order: sql`published_on desc nulls last, id desc`,
  },
  commitment: { table: "commitments", label: sql`title || ' (' || to_char(takes_effect_on, 'DD Mon YYYY') || ')'`, match: ["title"], order: sql`takes_effect_on desc, id desc` },
  incident: { table: "incidents", label: sql`title || ' (' || to_char(occurred_on, 'DD Mon YYYY') || ')'`, match: ["title", "place_name", "province"], order: sql`occurred_on desc, id desc` },
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

export async function lookup(db: Kysely<Database>, type: LookupType, q: string | undefined, limit: number): Promise<LookupOption[]> {
  const s = SPEC[type];
  let qb = base(db, type);
  if (q) {
    const like = `%${escapeLike(q)}%`;
    qb = qb.where((eb: any) => eb.or(s.match.map((col) => eb(sql`${sql.ref(col)}::text`, "ilike", like))));
  }
  return qb.orderBy(s.order).limit(limit).execute();
}

/** The labels of given records: a picker's current values must be among its options. */
export async function lookupByIds(db: Kysely<Database>, type: LookupType, ids: number[]): Promise<LookupOption[]> {
  if (!ids.length) return [];
  return base(db, type).where("id", "in", ids).execute();
}

/** A picker's options: the current values first, then the default list, without repeats. */
export async function pickerOptions(db: Kysely<Database>, type: LookupType, current: number[], limit = 200): Promise<LookupOption[]> {
  const [chosen, rest] = await Promise.all([lookupByIds(db, type, current), lookup(db, type, undefined, limit)]);
  const seen = new Set(chosen.map((o) => o.value));
  return [...chosen, ...rest.filter((o) => !seen.has(o.value))];
}
