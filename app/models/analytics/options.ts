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

/**
 * The page draws a curve for the rounds and the mediators with the most commitments, this many of
 * each; the CSV has every one. At 2,000,000 incidents there are 5,000 rounds.
 */
export const SURVIVAL_GROUPS_SHOWN = 12;

/**
 * A curve is drawn through at most this many steps, each the last of its span of days; its life
 * table and CSV keep every step. At 15,000 commitments a curve has thousands of steps, more than a
 * chart's width shows, and they made the page megabytes long.
 */
export const SURVIVAL_STEPS_SHOWN = 80;

/** The days at which the tables give the share still unbroken. */
export const SURVIVAL_CHECKPOINTS = [7, 30, 90] as const;

/**
 * The page ranges casualties for the latest this many months or weeks with a figure; the CSV has
 * them all. Unfiltered, at 2,000,000 incidents, all months together are 23,000 groups of people.
 */
export const CASUALTY_BUCKETS_SHOWN = 12;

/**
 * In each of those months or weeks the page ranges the groups of people with the most killed, this
 * many, each with the claimants giving the highest figures, this many; the CSV has every group and
 * claimant. Unfiltered at 2,000,000 incidents a month has about 90 groups of up to 200 claimants.
 */
export const CASUALTY_GROUPS_SHOWN = 8;
export const CASUALTY_CLAIMANTS_SHOWN = 5;

/**
 * The timeline draws the latest this many rounds and commitments matching the filters; the CSVs
 * have them all. At 2,000,000 incidents there are 5,000 rounds and 15,000 commitments.
 */
export const TIMELINE_ROUNDS_SHOWN = 50;
export const TIMELINE_COMMITMENTS_SHOWN = 100;
