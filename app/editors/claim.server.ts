import type { Change, RecordInput, Snapshot } from "~/models/history/engine.server";
import { claimSchema, type ClaimDefaults, type ClaimForm } from "./claim";
import { GONE_ACTOR } from "./incident.server";
import { recordPath, saveRecord } from "./save.server";
import { assertLive } from "./source.server";

async function claimInput(v: ClaimForm, change: Change, incidentId: number): Promise<RecordInput> {
  await assertLive(change.tx, "actors", [v.claimant], "claimant", GONE_ACTOR);
  if (v.affected) await assertLive(change.tx, "actors", [v.affected], "affected", GONE_ACTOR);
  await assertLive(change.tx, "sources", [v.source], "source", "This source has been deleted since the form was opened; choose again.");
  return {
    fields: {
      incident_id: incidentId,
      claimant_id: v.claimant,
      affected_id: v.affected ?? null,
      category: v.category,
      killed_low: v.killedLow ?? null,
      killed_high: v.killedHigh ?? null,
      injured_low: v.injuredLow ?? null,
      injured_high: v.injuredHigh ?? null,
      rank: v.rank,
      source_id: v.source,
      locator: v.locator || null,
      notes: v.notes || null,
    },
  };
}

/** A claim always belongs to the incident it was added to; the form never moves it. */
export function saveClaim(request: Request, incidentId: number, id?: number) {
  return saveRecord({
    request,
    schema: claimSchema(id === undefined ? "new" : "edit"),
    type: "claim",
    id,
    toInput: (v, change) => claimInput(v, change, incidentId),
    summary: (v) => v.summary || "Added a casualty claim",
    redirectTo: (saved) => recordPath("claim", saved),
  });
}

/** The edit form's starting values, from the record's snapshot. */
export function claimDefaults(f: Snapshot["fields"]): ClaimDefaults {
  const v = (column: string) => f[column] as string | number | null;
  return {
    claimant: v("claimant_id"),
    affected: v("affected_id"),
    category: v("category"),
    killedLow: v("killed_low"),
    killedHigh: v("killed_high"),
    injuredLow: v("injured_low"),
    injuredHigh: v("injured_high"),
    rank: v("rank"),
    source: v("source_id"),
    locator: v("locator"),
    notes: v("notes"),
  };
}
