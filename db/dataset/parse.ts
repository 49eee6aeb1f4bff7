import { datasetReferenceProblems, datasetSchema, type Dataset } from "./schema";

/** Parses a data file; throws with every problem listed, so nothing half-valid is loaded. */
export function parseDataset(input: unknown): Dataset {
  const parsed = datasetSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`The data file is not valid:\n${lines.join("\n")}`);
  }
  const problems = datasetReferenceProblems(parsed.data);
  if (problems.length) throw new Error(`The data file has broken references:\n${problems.join("\n")}`);
  return parsed.data;
}
