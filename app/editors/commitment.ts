import { z } from "zod";
import { COMMITMENT_KINDS, COMMITMENT_RELATIONS } from "@db/enums";
import type { Option } from "~/components/form";
import { dateField, idField, optionalText, precisionField, requiredText, summaryField } from "./fields";
import { always, checkNewSource, hasNewSource, newSourceFields } from "./source";

/** How this commitment relates to an earlier one: one row of the form's list. */
export const relationRow = z.object({
  relation: z.enum(COMMITMENT_RELATIONS, { error: "Say how it relates: reaffirms, amends or supersedes." }),
  commitment: idField("the earlier commitment"),
});

export const commitmentFields = {
  title: requiredText("a title", 300),
  wording: requiredText("the wording", 10_000),
  kind: z.enum(COMMITMENT_KINDS, { error: "Choose what kind of commitment this is." }),
  process: idField("the process"),
  round: idField("a round").optional(),
  actors: z.array(idField("an actor")).min(1, { error: "Choose at least one actor the commitment binds." }),
  announcedOn: dateField("the announcement date").optional(),
  takesEffectOn: dateField("the date it takes effect"),
  takesEffectPrecision: precisionField,
  expiresOn: dateField("the expiry date").optional(),
  fulfilledOn: dateField("the date it was fulfilled").optional(),
  relations: z.array(relationRow),
  notes: optionalText(5000),
  sources: z.array(idField("a source")),
  ...newSourceFields,
};

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

type Draft = Partial<z.output<z.ZodObject<typeof commitmentFields>>>;

/** Checks across fields, reported together with the fields' own errors. */
function checkCommitment(v: Draft, ctx: z.RefinementCtx) {
  const starts = v.takesEffectOn;
  if (isDate(starts) && isDate(v.expiresOn) && v.expiresOn < starts) {
    ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry cannot be before the day it takes effect." });
  }
  if (isDate(starts) && isDate(v.fulfilledOn) && v.fulfilledOn < starts) {
    ctx.addIssue({ code: "custom", path: ["fulfilledOn"], message: "It cannot be fulfilled before the day it takes effect." });
  }
  const seen = new Set<string>();
  (Array.isArray(v.relations) ? v.relations : []).forEach((r, i) => {
    if (!r?.relation || !r.commitment) return;
    const key = `${r.relation} ${r.commitment}`;
    if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["relations", i, "commitment"], message: "This relation is already listed above." });
    seen.add(key);
  });
  if (Array.isArray(v.sources) && v.sources.length === 0 && !hasNewSource(v)) {
    ctx.addIssue({ code: "custom", path: ["sources"], message: "Choose at least one source, or add a new one below." });
  }
  checkNewSource(v, ctx);
}

export function commitmentSchema(mode: "new" | "edit") {
  return z.object({ ...commitmentFields, summary: summaryField(mode) }).superRefine(checkCommitment, { when: always });
}
export type CommitmentForm = z.infer<ReturnType<typeof commitmentSchema>>;

export interface CommitmentOptions {
  processes: Option[];
  rounds: Option[];
  actors: Option[];
  /** Other commitments, for relations (never this one). */
  commitments: Option[];
  sources: Option[];
}

