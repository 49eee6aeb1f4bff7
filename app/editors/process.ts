import { z } from "zod";
import { idField, optionalText, requiredText, slugField, summaryField } from "./fields";

export function processSchema(mode: "new" | "edit") {
  return z.object({
    name: requiredText("the name of the process", 200),
    slug: slugField,
    description: optionalText(5000),
    sources: z.array(idField("a source from the list")),
    summary: summaryField(mode),
  });
}
export type ProcessForm = z.infer<ReturnType<typeof processSchema>>;
