import { z } from "zod";
import { INCIDENT_KINDS, LOCATION_PRECISIONS } from "@db/enums";
import { countryCodeField, dateField, idField, optionalText, precisionField, requiredText, summaryField } from "./fields";
import { always, checkNewSource, hasNewSource, newSourceFields } from "./source";

const latitude = z.number({ error: "Enter the latitude in degrees, e.g. 34.5553." }).min(-90, { error: "Latitude runs from −90 to 90." }).max(90, { error: "Latitude runs from −90 to 90." });
const longitude = z.number({ error: "Enter the longitude in degrees, e.g. 69.2075." }).min(-180, { error: "Longitude runs from −180 to 180." }).max(180, { error: "Longitude runs from −180 to 180." });

export const incidentFields = {
  title: requiredText("a title, e.g. “Airstrikes in Paktika province”", 300),
  occurredOn: dateField("the day it happened"),
  datePrecision: precisionField,
  endedOn: dateField("the day it ended").optional(),
  kind: z.enum(INCIDENT_KINDS, { error: "Choose the kind of incident." }),
  countryCode: countryCodeField,
  province: optionalText(120),
  district: optionalText(120),
  placeName: optionalText(200),
  latitude: latitude.optional(),
  longitude: longitude.optional(),
  locationPrecision: z.enum(LOCATION_PRECISIONS, { error: "Say how precisely the place is known." }),
  perpetrator: idField("the alleged perpetrator").optional(),
  // The record's own "summary" column; the form's `summary` is the edit summary, as in every editor.
  description: requiredText("a short account of what happened", 10_000),
  sources: z.array(idField("a source")),
  ...newSourceFields,
};

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);
const given = (v: unknown) => v !== undefined && v !== null && v !== "";

type Draft = Partial<z.output<z.ZodObject<typeof incidentFields>>>;

/** Checks across fields, reported together with the fields' own errors (the draft may be partly invalid). */
function checkIncident(v: Draft, ctx: z.RefinementCtx) {
  if (isDate(v.occurredOn) && isDate(v.endedOn) && v.endedOn < v.occurredOn) {
    ctx.addIssue({ code: "custom", path: ["endedOn"], message: "It cannot end before it began; leave this empty for a one-day incident." });
  }
  if (given(v.latitude) && !given(v.longitude)) {
    ctx.addIssue({ code: "custom", path: ["longitude"], message: "Enter the longitude too, or clear the latitude: coordinates come in pairs." });
  }
  if (given(v.longitude) && !given(v.latitude)) {
    ctx.addIssue({ code: "custom", path: ["latitude"], message: "Enter the latitude too, or clear the longitude: coordinates come in pairs." });
  }
  if (Array.isArray(v.sources) && v.sources.length === 0 && !hasNewSource(v)) {
    ctx.addIssue({ code: "custom", path: ["sources"], message: "Choose at least one source, or add a new one below." });
  }
  checkNewSource(v, ctx);
}

export function incidentSchema(mode: "new" | "edit") {
  return z.object({ ...incidentFields, summary: summaryField(mode) }).superRefine(checkIncident, { when: always });
}
export type IncidentForm = z.infer<ReturnType<typeof incidentSchema>>;

/** Starting values of the form: what a loader gives it (selects take strings, the picker an array). */
export type IncidentDefaults = Partial<Record<Exclude<keyof IncidentForm, "sources">, string | number | null>> & { sources?: string[] };
