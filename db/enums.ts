// Every enumerated value in the domain, in one place. The migrations' CHECK constraints,
// the zod schemas and the UI labels are all built from these lists.

export const DATE_PRECISIONS = ["day", "week", "month", "year"] as const;
export const LOCATION_PRECISIONS = ["exact", "district", "province", "country"] as const;
export const SOURCE_KINDS = [
  "news",
  "official_statement",
  "un_report",
  "ngo_report",
  "analysis",
  "social_media",
] as const;
export const ACTOR_KINDS = [
  "state",
  "de_facto_authority",
  "armed_group",
  "organisation",
  "person",
] as const;
export const PARTICIPANT_ROLES = ["mediator", "party", "host", "observer"] as const;
export const ROUND_FORMATS = ["direct", "mediated", "proximity", "shuttle", "virtual"] as const;
export const ROUND_OUTCOMES = [
  "agreement",
  "partial_agreement",
  "no_agreement",
  "collapsed",
  "ongoing",
  "scheduled",
] as const;
export const COMMITMENT_KINDS = [
  "ceasefire",
  "armed_group_restraint",
  "non_targeting_civilians",
  "non_targeting_security_forces",
  "border_mechanism",
  "verification_mechanism",
  "trade",
  "humanitarian_access",
  "follow_up_talks",
  "other",
] as const;
export const COMMITMENT_RELATIONS = ["reaffirms", "amends", "supersedes"] as const;
export const COMMITMENT_STATUSES = [
  "not_yet_in_effect",
  "holding",
  "disputed",
  "broken",
  "superseded",
  "fulfilled",
  "lapsed",
] as const;
export const INCIDENT_KINDS = [
  "airstrike",
  "drone_strike",
  "cross_border_fire",
  "ground_assault",
  "militant_attack",
  "suicide_attack",
  "border_closure",
  "other",
] as const;
export const CLAIM_CATEGORIES = ["civilians", "security_forces", "militants", "mixed", "unknown"] as const;
export const CLAIM_RANKS = ["preferred", "normal", "deprecated"] as const;
export const BREACH_ASSESSMENTS = ["alleged", "corroborated", "disputed", "rejected"] as const;
export const RECORD_TYPES = [
  "actor",
  "process",
  "venue",
  "round",
  "commitment",
  "incident",
  "claim",
  "breach",
  "source",
] as const;
export const REVISION_ACTIONS = ["create", "update", "delete", "restore"] as const;
export const USER_ROLES = ["editor", "admin"] as const;

export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];
export type SourceKind = (typeof SOURCE_KINDS)[number];
export type ActorKind = (typeof ACTOR_KINDS)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export type RoundFormat = (typeof ROUND_FORMATS)[number];
export type RoundOutcome = (typeof ROUND_OUTCOMES)[number];
export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export type CommitmentRelation = (typeof COMMITMENT_RELATIONS)[number];
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export type ClaimCategory = (typeof CLAIM_CATEGORIES)[number];
export type ClaimRank = (typeof CLAIM_RANKS)[number];
export type BreachAssessment = (typeof BREACH_ASSESSMENTS)[number];
export type RecordType = (typeof RECORD_TYPES)[number];
export type RevisionAction = (typeof REVISION_ACTIONS)[number];
export type UserRole = (typeof USER_ROLES)[number];

/** Human labels for enum values: "partial_agreement" -> "Partial agreement". */
export function enumLabel(value: string): string {
  const special: Record<string, string> = {
    un_report: "UN report",
    ngo_report: "NGO report",
    de_facto_authority: "De facto authority",
    not_yet_in_effect: "Not yet in effect",
  };
  if (special[value]) return special[value];
  const words = value.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
