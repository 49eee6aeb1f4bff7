import type { Kysely, Transaction } from "kysely";
import type { RecordType } from "@db/enums";
import type { Database } from "@db/types";
import { snapshot, type Change, type RecordInput, type Snapshot } from "~/models/history/engine.server";
import { incidentSchema, type IncidentDefaults, type IncidentForm } from "./incident";
import { recordPath, saveRecord } from "./save.server";
import { assertLive, citationRows } from "./source.server";

/** A live record by the number in the URL, for an editor page; anything else is a 404. */
export async function findLive(db: Kysely<Database> | Transaction<Database>, type: RecordType, idParam: string | undefined): Promise<Snapshot> {
  const id = idParam ?? "";
  const found = /^\d{1,9}$/.test(id) ? await snapshot(db, type, Number(id)) : null;
  if (!found || found.deleted_at) throw new Response(`There is no ${type} number "${id}".`, { status: 404 });
  return found;
}

export const GONE_ACTOR = "This actor has been deleted since the form was opened; choose again.";

async function incidentInput(v: IncidentForm, change: Change, id: number | undefined): Promise<RecordInput> {
  if (v.perpetrator) await assertLive(change.tx, "actors", [v.perpetrator], "perpetrator", GONE_ACTOR);
  return {
    fields: {
      title: v.title,
      occurred_on: v.occurredOn,
      date_precision: v.datePrecision,
      ended_on: v.endedOn ?? null,
      kind: v.kind,
      country_code: v.countryCode,
      province: v.province || null,
      district: v.district || null,
      place_name: v.placeName || null,
      latitude: v.latitude ?? null,
      longitude: v.longitude ?? null,
      location_precision: v.locationPrecision,
      perpetrator_id: v.perpetrator ?? null,
      summary: v.description,
    },
    children: { citations: await citationRows(change, "incident_id", id, v.sources, v) },
  };
}

export function saveIncident(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: incidentSchema(id === undefined ? "new" : "edit"),
    type: "incident",
    id,
    toInput: (v, change) => incidentInput(v, change, id),
    summary: (v) => v.summary || `Created incident ${v.title}`,
    redirectTo: (saved) => recordPath("incident", saved),
  });
}

/** The edit form's starting values, from the record's snapshot. */
export function incidentDefaults(f: Snapshot["fields"], sourceIds: number[]): IncidentDefaults {
  const v = (column: string) => f[column] as string | number | null;
  return {
    title: v("title"),
    occurredOn: v("occurred_on"),
    datePrecision: v("date_precision"),
    endedOn: v("ended_on"),
    kind: v("kind"),
    countryCode: v("country_code"),
    province: v("province"),
    district: v("district"),
    placeName: v("place_name"),
    latitude: v("latitude"),
    longitude: v("longitude"),
    locationPrecision: v("location_precision"),
    perpetrator: v("perpetrator_id"),
    description: v("summary"),
    sources: sourceIds.map(String),
  };
}
