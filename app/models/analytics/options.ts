// The analysis page's fixed choices, shared by the SQL models and the browser-side charts (a value
// imported from a .server module would be missing from the client bundle).

/** Breach assessments that count as a breach; "rejected" links are not breaches (decision 0001). */
export const COUNTED_ASSESSMENTS = ["alleged", "corroborated", "disputed"] as const;
export type CountedAssessment = (typeof COUNTED_ASSESSMENTS)[number];

/** Incidents, casualties and breaches are counted per calendar month or per ISO week (from Monday). */
export const BUCKETS = ["month", "week"] as const;
export type Bucket = (typeof BUCKETS)[number];

export const SURVIVAL_SPLITS = ["all", "kind", "round", "mediator"] as const;
export type SurvivalSplit = (typeof SURVIVAL_SPLITS)[number];

/** The days at which the tables give the share still unbroken. */
export const SURVIVAL_CHECKPOINTS = [7, 30, 90] as const;
