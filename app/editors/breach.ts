import { z } from "zod";
import { BREACH_ASSESSMENTS } from "@db/enums";
import { idField, requiredText, summaryField } from "./fields";
import { always, checkNewSource, hasNewSource, newSourceFields } from "./source";

/**
 * Which end of the link the page already knows: a breach added from an incident's page picks
 * the commitment, one added from a commitment's page picks the incident; editing picks both.
 */
export type BreachFixed = "incident" | "commitment" | "none";

export const ASSESSMENT_OPTIONS = [
  { value: "alleged", label: "Alleged", hint: "Someone says this incident broke the commitment; not confirmed. The commitment shows as disputed." },
  { value: "corroborated", label: "Corroborated", hint: "Independent sources confirm it. This, and only this, makes the commitment broken." },
  { value: "disputed", label: "Disputed", hint: "Contested: sources disagree on what happened or who did it. The commitment shows as disputed." },
  { value: "rejected", label: "Rejected", hint: "Examined and found not to be a breach. Kept on record, ignored by the status." },
] as const;

const picked = (what: string, pick: boolean) => (pick ? idField(what) : idField(what).optional());

export function breachSchema(mode: "new" | "edit", fixed: BreachFixed) {
  return z
    .object({
      commitment: picked("the commitment it broke", fixed !== "commitment"),
      incident: picked("the incident that broke it", fixed !== "incident"),
      responsible: idField("who is alleged responsible").optional(),
      allegedBy: idField("who alleges it").optional(),
      assessment: z.enum(BREACH_ASSESSMENTS, { error: "Choose an assessment: alleged, corroborated, disputed or rejected." }),
      reasoning: requiredText("the reasoning: why this incident breaks this commitment", 10_000),
      sources: z.array(idField("a source")),
      ...newSourceFields,
      summary: summaryField(mode),
    })
    .superRefine((v, ctx) => {
      if (Array.isArray(v.sources) && v.sources.length === 0 && !hasNewSource(v)) {
        ctx.addIssue({ code: "custom", path: ["sources"], message: "Choose at least one source, or add a new one below." });
      }
      checkNewSource(v, ctx);
    }, { when: always });
}
export type BreachForm = z.infer<ReturnType<typeof breachSchema>>;
export type BreachDefaults = Partial<Record<Exclude<keyof BreachForm, "sources">, string | number | null>> & { sources?: string[] };

/**
 * The dates between which the incident picker lists incidents, from the URL (checked with zod
 * on the server): how an editor without JavaScript reaches an incident older than the newest 200.
 */
export interface IncidentWindowProps {
  from?: string;
  to?: string;
  /** Messages for a bad `incidents_from` or `incidents_to`, by parameter. */
  errors: Record<string, string>;
  /** Other search parameters of the page, kept when the window changes. */
  keep?: Record<string, string>;
  /** How many incidents the picker lists. */
  limit: number;
}
