// zod pieces the editors' schemas share. These run in the browser and on the server alike, so
// the messages are what an editor reads next to a field.
import { z } from "zod";
import { isCalendarDate } from "@db/calendar";
import { DATE_PRECISIONS } from "@db/enums";

export const requiredText = (what: string, max = 300) =>
  z.string({ error: `Enter ${what}.` }).trim().min(1, { error: `Enter ${what}.` }).max(max, { error: `Keep this under ${max} characters.` });

export const optionalText = (max = 5000) => z.string().trim().max(max, { error: `Keep this under ${max} characters.` }).optional();

/** Optional short name for URLs; made from the title when left empty. "new" would shadow the create page. */
export const slugField = z
  .string()
  .trim()
  .max(80, { error: "Keep the short name under 80 characters." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "Use lowercase letters, digits and single hyphens, e.g. doha-2025-10." })
  .refine((s) => s !== "new", { error: "“new” is reserved; choose another short name." })
  .optional();

// zod 4 runs every check even after one fails: `abort` stops at the first, so text that is not a
// date at all reads one message, not "enter a date" and "not a real calendar date" together.
export const dateField = (what: string) =>
  z
    .string({ error: `Enter ${what} as a date.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `Enter ${what} as a date, e.g. 2025-10-19.`, abort: true })
    .refine(isCalendarDate, { error: "This is not a real calendar date." });

export const precisionField = z.enum(DATE_PRECISIONS, { error: "Say how precisely the date is known." });

export const countryCodeField = z
  .string({ error: "Enter the two-letter country code, e.g. QA." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { error: "Enter the two-letter country code, e.g. QA." });

export const idField = (what: string) =>
  z.coerce
    .number({ error: `Choose ${what}.` })
    .int({ error: `Choose ${what}.`, abort: true })
    .positive({ error: `Choose ${what}.` });

/** An edit summary: required when changing an existing record, optional when creating one. */
export function summaryField(mode: "new" | "edit") {
  const text = z.string({ error: "Say briefly what you changed and why." }).trim().max(500, { error: "Keep the summary under 500 characters." });
  return mode === "edit" ? text.min(3, { error: "Say briefly what you changed and why." }) : text.optional();
}
