import { z } from "zod";
import { SOURCE_KINDS } from "@db/enums";
import { dateField, optionalText, precisionField, requiredText, summaryField } from "./fields";

/**
 * Only web addresses a reader can follow: http or https with a real host name. Anything else
 * (javascript:, data:, a bare "www.…") would be a dead or dangerous link on the record's page.
 */
export const sourceUrlField = z
  .httpUrl({ error: "Paste the full address, starting with https://" })
  .max(2000, { error: "Keep the address under 2000 characters." });

export const sourceKindField = z.enum(SOURCE_KINDS, { error: "Choose what kind of source this is." });

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

export const sourceFields = {
  kind: sourceKindField,
  publisher: requiredText("the publisher", 200),
  title: requiredText("the title", 500),
  author: optionalText(200),
  publishedOn: dateField("the publication date").optional(),
  datePrecision: precisionField.optional(),
  url: sourceUrlField.optional(),
  notes: optionalText(5000),
};

export function sourceSchema(mode: "new" | "edit") {
  return z
    .object({ ...sourceFields, summary: summaryField(mode) })
    .refine((v) => !(isDate(v.publishedOn) && !v.datePrecision), {
      path: ["datePrecision"],
      error: "Say how precisely the publication date is known.",
      when: (p) => isDate((p.value as { publishedOn?: unknown }).publishedOn),
    })
    .refine((v) => !(v.datePrecision && !v.publishedOn), {
      path: ["publishedOn"],
      error: "Enter the publication date, or leave “Known to the” empty.",
      when: (p) => Boolean((p.value as { datePrecision?: unknown }).datePrecision),
    });
}
export type SourceForm = z.infer<ReturnType<typeof sourceSchema>>;

/**
 * A new source typed into another record's form (a commitment's, an actor's), cited by it once
 * saved. All four fields empty means "no new source".
 */
export const newSourceFields = {
  newSourceUrl: sourceUrlField.optional(),
  newSourceTitle: optionalText(500),
  newSourcePublisher: optionalText(200),
  newSourceKind: sourceKindField.optional(),
};
export type NewSourceForm = { [K in keyof typeof newSourceFields]?: z.output<(typeof newSourceFields)[K]> };

export function hasNewSource(v: NewSourceForm): boolean {
  return Boolean(v.newSourceUrl || v.newSourceTitle || v.newSourcePublisher || v.newSourceKind);
}

/**
 * The fields a new source still needs once any of them is filled in, as zod issues. Pass
 * `{ when: always }` to superRefine so that these show alongside the form's other errors.
 */
export function checkNewSource(v: NewSourceForm, ctx: z.RefinementCtx) {
  if (!hasNewSource(v)) return;
  const missing: [keyof NewSourceForm, string][] = [
    ["newSourceTitle", "Enter the new source’s title, or empty all the new-source fields."],
    ["newSourcePublisher", "Enter the new source’s publisher, or empty all the new-source fields."],
    ["newSourceKind", "Choose what kind of source the new one is."],
  ];
  for (const [field, message] of missing) {
    if (!v[field]) ctx.addIssue({ code: "custom", path: [field], message });
  }
}

/** For cross-field checks that should report together with field errors, not after them. */
export const always = () => true;
