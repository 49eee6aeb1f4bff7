// Field-by-field differences between two snapshots of a record, in words a reader can check.
// Pure: the page passes in the names of the records that ids point at.
import * as enums from "@db/enums";
import type { Snapshot } from "./engine.server";

/** Every enumerated value, so a diff shows "Partial agreement", not "partial_agreement". */
const ENUM_VALUES = new Set<string>(Object.values(enums as Record<string, unknown>).filter(Array.isArray).flat() as string[]);

export type NameOf = (column: string, id: unknown) => string | null;

export interface DiffLine {
  field: string;
  label: string;
  /** Values only in the older version (for child rows: rows removed). */
  removed: string[];
  /** Values only in the newer version (for child rows: rows added). */
  added: string[];
}

const LABELS: Record<string, string> = {
  process_id: "Process",
  venue_id: "Venue",
  round_id: "Round",
  perpetrator_id: "Alleged perpetrator",
  claimant_id: "Claimant",
  responsible_id: "Alleged responsible",
  alleged_by_id: "Alleged by",
  commitment_id: "Commitment",
  incident_id: "Incident",
  source_id: "Source",
  participants: "Participants",
  parties: "Actors bound",
  relations: "Relations to other commitments",
  citations: "Sources cited",
  dateAssertions: "Dates given by sources",
  deleted_at: "Deleted",
};

export function fieldLabel(field: string): string {
  if (LABELS[field]) return LABELS[field];
  const words = field.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function show(column: string, value: unknown, nameOf: NameOf): string {
  if (value === null || value === undefined || value === "") return "";
  if (Array.isArray(value)) return value.join(", ");
  const name = nameOf(column, value);
  if (name !== null) return name;
  return typeof value === "string" && ENUM_VALUES.has(value) ? enums.enumLabel(value) : String(value);
}

/** Columns in a fixed order: a row read back from JSON may list its keys in another order. */
function showRow(row: Record<string, unknown>, nameOf: NameOf): string {
  return Object.entries(row)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([column, value]) => show(column, value, nameOf))
    .filter(Boolean)
    .join(" · ");
}

export function diffSnapshots(older: Snapshot | null, newer: Snapshot | null, nameOf: NameOf): DiffLine[] {
  const lines: DiffLine[] = [];
  const fields = new Set([...Object.keys(older?.fields ?? {}), ...Object.keys(newer?.fields ?? {})]);
  for (const field of fields) {
    const a = show(field, older?.fields[field], nameOf);
    const b = show(field, newer?.fields[field], nameOf);
    if (a !== b) lines.push({ field, label: fieldLabel(field), removed: a ? [a] : [], added: b ? [b] : [] });
  }
  const deletedBefore = Boolean(older?.deleted_at);
  const deletedAfter = Boolean(newer?.deleted_at);
  if (older && newer && deletedBefore !== deletedAfter) {
    lines.push({ field: "deleted_at", label: fieldLabel("deleted_at"), removed: [deletedBefore ? "yes" : "no"], added: [deletedAfter ? "yes" : "no"] });
  }
  const childKeys = new Set([...Object.keys(older?.children ?? {}), ...Object.keys(newer?.children ?? {})]);
  for (const key of childKeys) {
    const a = (older?.children[key] ?? []).map((r) => showRow(r, nameOf));
    const b = (newer?.children[key] ?? []).map((r) => showRow(r, nameOf));
    const removed = a.filter((x) => !b.includes(x));
    const added = b.filter((x) => !a.includes(x));
    if (removed.length || added.length) lines.push({ field: key, label: fieldLabel(key), removed, added });
  }
  return lines;
}
