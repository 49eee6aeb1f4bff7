// Parsing URL search parameters with zod, for pages and the API alike.
import { data } from "@remix-run/node";
import { z } from "zod";
import { isCalendarDate } from "@db/calendar";
import { decodeCursor, type Cursor } from "./keyset.server";

export interface ParamError {
  parameter: string;
  message: string;
}

/** Search params as a plain object; empty values (a blank filter field) count as absent. */
export function searchParamsObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (value.trim() !== "" && !(key in out)) out[key] = value.trim();
  }
  return out;
}

export type Parsed<T> = { ok: true; query: T; errors: [] } | { ok: false; query: T; errors: ParamError[] };

/**
 * Parses the URL's search params. On failure returns the errors (one per bad parameter, in words
 * a person understands) and the query parsed without the bad parameters, so a page can still
 * show its list next to the messages.
 */
export function parseQuery<S extends z.ZodObject>(
  url: URL,
  schema: S,
  options: { strict?: boolean } = {},
): Parsed<z.infer<S>> {
  const input = searchParamsObject(url);
  const errors: ParamError[] = [];
  const bad = new Set<string>();
  if (options.strict) {
    // The API names a mistyped parameter rather than silently ignoring the filter.
    for (const key of Object.keys(input)) {
      if (!(key in schema.shape)) {
        bad.add(key);
        errors.push({ parameter: key, message: `Unknown parameter. Known parameters: ${Object.keys(schema.shape).join(", ")}.` });
      }
    }
  }
  const result = schema.safeParse(input);
  if (result.success && errors.length === 0) return { ok: true, query: result.data, errors: [] };
  for (const issue of result.success ? [] : result.error.issues) {
    const parameter = String(issue.path[0] ?? "query");
    if (bad.has(parameter)) continue;
    bad.add(parameter);
    errors.push({ parameter, message: issue.message });
  }
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !bad.has(k)));
  const fallback = schema.safeParse(rest);
  return { ok: false, query: (fallback.success ? fallback.data : schema.parse({})) as z.infer<S>, errors };
}

/** The API's answer to a bad query: 400 with every bad parameter named. */
export function badRequestJson(errors: ParamError[]) {
  return Response.json(
    { error: "invalid_parameters", message: errors.map((e) => `${e.parameter}: ${e.message}`).join("; "), issues: errors },
    { status: 400 },
  );
}

/** For pages: a 400 status on the page's own data when the query had bad parameters. */
export function withQueryStatus<T>(payload: T, errors: ParamError[]) {
  return data(payload, { status: errors.length ? 400 : 200 });
}

// Reusable parameter schemas. Messages are what the reader sees next to the field.
export const isoDateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter a date as YYYY-MM-DD, for example 2025-10-19." })
  .refine(isCalendarDate, { error: "This is not a real calendar date." });

export const slugParam = z
  .string()
  .max(120, { error: "This name is too long." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "Use the lowercase name from the list, for example qatar." });

export const limitParam = z.coerce
  .number({ error: "The page size must be a whole number." })
  .int({ error: "The page size must be a whole number." })
  .min(1, { error: "The page size must be at least 1." })
  .max(200, { error: "The page size can be at most 200." })
  .default(25);

export function enumParam<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: `Choose a ${what} from the list: ${values.join(", ")}.` });
}

/** Cursor parameters (`after`, `before`) are decoded and checked against the list's sort. */
export const cursorParam = z.string().max(500).transform((value, ctx): Cursor => {
  const cursor = decodeCursor(value);
  if (!cursor) {
    ctx.addIssue({ code: "custom", message: "This page link is damaged; go back to the first page." });
    return z.NEVER;
  }
  return cursor;
});

export const pagingShape = {
  after: cursorParam.optional(),
  before: cursorParam.optional(),
  limit: limitParam,
  format: z.enum(["json", "csv"], { error: "The format must be json or csv." }).optional(),
};

/** A cursor is only valid for the sort order it was made with. */
export function cursorSortRefinement(q: { sort: string; after?: Cursor; before?: Cursor }, ctx: z.RefinementCtx) {
  for (const key of ["after", "before"] as const) {
    const cursor = q[key];
    if (cursor && cursor.sort !== q.sort) {
      ctx.addIssue({ code: "custom", path: [key], message: "This page link was made for another sort order; go back to the first page." });
    }
  }
}

export function dateRangeRefinement(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from > q.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
  }
}
