import { z } from "zod";
import { ACTOR_KINDS } from "@db/enums";
import { countryCodeField, idField, optionalText, requiredText, slugField, summaryField } from "./fields";
import { always, checkNewSource, newSourceFields } from "./source";

/** One name per line; blank lines and repeats dropped, so the list reads as typed. */
const aliasesField = z
  .string()
  .max(5000, { error: "Keep the other names under 5000 characters in all." })
  .optional()
  .transform((text) => [...new Set((text ?? "").split(/\r?\n/).map((line) => line.trim()).filter(Boolean))])
  .refine((names) => names.every((n) => n.length <= 200), { error: "Keep each name under 200 characters." });

export const actorFields = {
  name: requiredText("the name", 200),
  shortName: optionalText(60),
  kind: z.enum(ACTOR_KINDS, { error: "Choose what kind of actor this is." }),
  countryCode: countryCodeField.optional(),
  description: optionalText(5000),
  aliases: aliasesField,
  slug: slugField,
  sources: z.array(idField("a source")),
  ...newSourceFields,
};

export function actorSchema(mode: "new" | "edit") {
  return z.object({ ...actorFields, summary: summaryField(mode) }).superRefine(checkNewSource, { when: always });
}
export type ActorForm = z.infer<ReturnType<typeof actorSchema>>;

/** The aliases as the form's textarea shows them. */
export function aliasesText(aliases: readonly string[]): string {
  return aliases.join("\n");
}
