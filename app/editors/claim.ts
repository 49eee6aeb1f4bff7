import { z } from "zod";
import { CLAIM_CATEGORIES, CLAIM_RANKS } from "@db/enums";
import { idField, optionalText, summaryField } from "./fields";
import { always } from "./source";

const figure = z
  .number({ error: "Enter a whole number, e.g. 12, or leave it empty." })
  .int({ error: "Enter a whole number, e.g. 12, or leave it empty." })
  .min(0, { error: "A count of people cannot be negative." })
  .max(1_000_000, { error: "Check this figure: it is over a million." })
  .optional();

export const claimFields = {
  claimant: idField("who makes the claim"),
  affected: idField("whose casualties are counted").optional(),
  category: z.enum(CLAIM_CATEGORIES, { error: "Say who the casualties were: civilians, security forces, militants…" }),
  killedLow: figure,
  killedHigh: figure,
  injuredLow: figure,
  injuredHigh: figure,
  rank: z.enum(CLAIM_RANKS, { error: "Choose a rank: preferred, normal or deprecated." }),
  source: idField("the source that reports the figures"),
  locator: optionalText(300),
  notes: optionalText(5000),
};

type Draft = Partial<z.output<z.ZodObject<typeof claimFields>>>;
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

/** Checks across figures, reported together with the fields' own errors (the draft may be partly invalid). */
function checkFigures(v: Draft, ctx: z.RefinementCtx) {
  for (const f of ["killed", "injured"] as const) {
    const low = v[`${f}Low`];
    const high = v[`${f}High`];
    if (isCount(low) && isCount(high) && low > high) {
      ctx.addIssue({ code: "custom", path: [`${f}High`], message: `The high figure cannot be below the low one (${low}).` });
    }
  }
  const figures = [v.killedLow, v.killedHigh, v.injuredLow, v.injuredHigh];
  if (figures.every((x) => x === undefined)) {
    ctx.addIssue({ code: "custom", path: ["killedLow"], message: "Give at least one figure: killed or injured, low or high." });
  }
}

export function claimSchema(mode: "new" | "edit") {
  return z.object({ ...claimFields, summary: summaryField(mode) }).superRefine(checkFigures, { when: always });
}
export type ClaimForm = z.infer<ReturnType<typeof claimSchema>>;
export type ClaimDefaults = Partial<Record<keyof ClaimForm, string | number | null>>;
