// What each kind of record is made of, for the one engine that writes, versions, deletes and
// restores them all (engine.server.ts). A record is its row's editable fields plus the child rows
// it owns (participants, bound actors, citations …), which are replaced together on every save.
import type { RecordType } from "@db/enums";
import type { Database } from "@db/types";

export interface ChildDef {
  /** Key in a snapshot's `children`. */
  key: string;
  table: keyof Database;
  /** Column pointing at the owner. */
  fk: string;
  columns: string[];
}

/**
 * Another table pointing at this record, and what deleting this record does to it:
 * - own: those records are deleted too (each with its revision) and restored with it;
 * - detach: the column is cleared on those records (each with its revision);
 * - unlink: the child row tying them to this record is removed from those records' snapshots;
 * - block: deletion is refused until an editor changes those records.
 */
export interface ReferenceDef {
  table: keyof Database;
  column: string;
  policy: "own" | "detach" | "unlink" | "block";
  /** The record type that owns the referring row (for unlink: the owner of the child row). */
  recordType: RecordType;
  /** For unlink: the owner's id column in the child table. */
  ownerColumn?: string;
  label: string;
}

export interface RecordDef {
  type: RecordType;
  table: keyof Database;
  /** Editable scalar columns. */
  fields: string[];
  children: ChildDef[];
  references: ReferenceDef[];
  /** Human name of a snapshot, for history and changes lists. */
  title: (row: Record<string, unknown>) => string;
  /** The record's public page. */
  path: (row: Record<string, unknown>) => string;
}

const citations = (fk: string): ChildDef => ({ key: "citations", table: "citations", fk, columns: ["source_id", "locator"] });
const dateAssertions = (fk: string): ChildDef => ({
  key: "dateAssertions",
  table: "date_assertions",
  fk,
  columns: ["field", "value", "precision", "source_id", "note"],
});
const citedBy = (recordType: RecordType, column: string): ReferenceDef => ({
  table: "citations",
  column: "source_id",
  policy: "unlink",
  recordType,
  ownerColumn: column,
  label: `citations of ${recordType}s`,
});

export const RECORDS: Record<RecordType, RecordDef> = {
  source: {
    type: "source",
    table: "sources",
    fields: ["kind", "publisher", "title", "author", "published_on", "date_precision", "url", "notes"],
    children: [],
    references: [
      citedBy("actor", "actor_id"),
      citedBy("process", "process_id"),
      citedBy("round", "round_id"),
      citedBy("commitment", "commitment_id"),
      citedBy("incident", "incident_id"),
      citedBy("breach", "breach_id"),
      { table: "date_assertions", column: "source_id", policy: "unlink", recordType: "round", ownerColumn: "round_id", label: "dates of rounds given by it" },
      { table: "date_assertions", column: "source_id", policy: "unlink", recordType: "commitment", ownerColumn: "commitment_id", label: "dates of commitments given by it" },
      { table: "date_assertions", column: "source_id", policy: "unlink", recordType: "incident", ownerColumn: "incident_id", label: "dates of incidents given by it" },
      { table: "claims", column: "source_id", policy: "block", recordType: "claim", label: "casualty claims that rest on it" },
    ],
    title: (r) => String(r.title),
    path: (r) => `/sources/${r.id}`,
  },
  actor: {
    type: "actor",
    table: "actors",
    fields: ["slug", "name", "short_name", "kind", "country_code", "description", "aliases"],
    children: [citations("actor_id")],
    references: [
      { table: "round_participants", column: "actor_id", policy: "unlink", recordType: "round", ownerColumn: "round_id", label: "round participations" },
      { table: "commitment_parties", column: "actor_id", policy: "unlink", recordType: "commitment", ownerColumn: "commitment_id", label: "commitments binding it" },
      { table: "incidents", column: "perpetrator_id", policy: "detach", recordType: "incident", label: "incidents where it is the alleged perpetrator" },
      { table: "breaches", column: "responsible_id", policy: "detach", recordType: "breach", label: "breaches it is alleged responsible for" },
      { table: "breaches", column: "alleged_by_id", policy: "detach", recordType: "breach", label: "breaches it alleged" },
      { table: "claims", column: "claimant_id", policy: "block", recordType: "claim", label: "casualty claims it made" },
      { table: "claims", column: "affected_id", policy: "detach", recordType: "claim", label: "casualty claims counting its people" },
    ],
    title: (r) => String(r.name),
    path: (r) => `/actors/${r.slug}`,
  },
  process: {
    type: "process",
    table: "processes",
    fields: ["slug", "name", "description"],
    children: [citations("process_id")],
    references: [
      { table: "rounds", column: "process_id", policy: "block", recordType: "round", label: "rounds of this process" },
      { table: "commitments", column: "process_id", policy: "block", recordType: "commitment", label: "commitments of this process" },
    ],
    title: (r) => String(r.name),
    path: (r) => `/rounds?process=${r.slug}`,
  },
  venue: {
    type: "venue",
    table: "venues",
    fields: ["slug", "city", "country", "country_code", "latitude", "longitude", "description"],
    children: [],
    references: [{ table: "rounds", column: "venue_id", policy: "detach", recordType: "round", label: "rounds held there" }],
    title: (r) => String(r.city),
    path: (r) => `/venues/${r.slug}`,
  },
  round: {
    type: "round",
    table: "rounds",
    fields: ["slug", "process_id", "venue_id", "title", "start_date", "start_precision", "end_date", "end_precision", "format", "outcome", "summary"],
    children: [
      { key: "participants", table: "round_participants", fk: "round_id", columns: ["actor_id", "role", "note"] },
      citations("round_id"),
      dateAssertions("round_id"),
    ],
    references: [{ table: "commitments", column: "round_id", policy: "detach", recordType: "commitment", label: "commitments made at it (they stay, as announced outside a round)" }],
    title: (r) => String(r.title),
    path: (r) => `/rounds/${r.slug}`,
  },
  commitment: {
    type: "commitment",
    table: "commitments",
    fields: ["process_id", "round_id", "title", "wording", "kind", "announced_on", "takes_effect_on", "takes_effect_precision", "expires_on", "fulfilled_on", "notes"],
    children: [
      { key: "parties", table: "commitment_parties", fk: "commitment_id", columns: ["actor_id"] },
      { key: "relations", table: "commitment_relations", fk: "commitment_id", columns: ["relation", "related_commitment_id"] },
      citations("commitment_id"),
      dateAssertions("commitment_id"),
    ],
    references: [
      { table: "breaches", column: "commitment_id", policy: "own", recordType: "breach", label: "breaches of it" },
      { table: "commitment_relations", column: "related_commitment_id", policy: "unlink", recordType: "commitment", ownerColumn: "commitment_id", label: "later commitments that refer to it" },
    ],
    title: (r) => String(r.title),
    path: (r) => `/commitments/${r.id}`,
  },
  incident: {
    type: "incident",
    table: "incidents",
    fields: ["title", "occurred_on", "date_precision", "ended_on", "kind", "country_code", "province", "district", "place_name", "latitude", "longitude", "location_precision", "perpetrator_id", "summary"],
    children: [citations("incident_id"), dateAssertions("incident_id")],
    references: [
      { table: "claims", column: "incident_id", policy: "own", recordType: "claim", label: "casualty claims about it" },
      { table: "breaches", column: "incident_id", policy: "own", recordType: "breach", label: "breaches it is linked to" },
    ],
    title: (r) => String(r.title),
    path: (r) => `/incidents/${r.id}`,
  },
  claim: {
    type: "claim",
    table: "claims",
    fields: ["incident_id", "claimant_id", "source_id", "locator", "category", "affected_id", "killed_low", "killed_high", "injured_low", "injured_high", "rank", "notes"],
    children: [],
    references: [],
    title: (r) => `Claim #${r.id}`,
    path: (r) => `/incidents/${r.incident_id}#claim-${r.id}`,
  },
  breach: {
    type: "breach",
    table: "breaches",
    fields: ["commitment_id", "incident_id", "responsible_id", "alleged_by_id", "assessment", "reasoning"],
    children: [citations("breach_id")],
    references: [],
    title: (r) => `Breach #${r.id}`,
    path: (r) => `/commitments/${r.commitment_id}#breach-${r.id}`,
  },
};

/** Columns whose values are ids of other records, and where to find their names in a diff. */
export const REFERENCE_COLUMNS: Record<string, { table: keyof Database; label: string }> = {
  actor_id: { table: "actors", label: "name" },
  perpetrator_id: { table: "actors", label: "name" },
  claimant_id: { table: "actors", label: "name" },
  affected_id: { table: "actors", label: "name" },
  responsible_id: { table: "actors", label: "name" },
  alleged_by_id: { table: "actors", label: "name" },
  source_id: { table: "sources", label: "title" },
  venue_id: { table: "venues", label: "city" },
  process_id: { table: "processes", label: "name" },
  round_id: { table: "rounds", label: "title" },
  commitment_id: { table: "commitments", label: "title" },
  related_commitment_id: { table: "commitments", label: "title" },
  incident_id: { table: "incidents", label: "title" },
};
