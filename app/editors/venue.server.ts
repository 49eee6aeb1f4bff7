import type { RecordInput } from "~/models/history/engine.server";
import { slugify } from "~/utils/slug";
import { recordPath, saveRecord } from "./save.server";
import { venueSchema, type VenueForm } from "./venue";

export function venueInput(v: Omit<VenueForm, "summary">): RecordInput {
  return {
    fields: {
      slug: v.slug || slugify(v.city),
      city: v.city,
      country: v.country,
      country_code: v.countryCode,
      latitude: v.latitude,
      longitude: v.longitude,
      description: v.description || null,
    },
  };
}

export function saveVenue(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: venueSchema(id === undefined ? "new" : "edit"),
    type: "venue",
    id,
    toInput: venueInput,
    summary: (v) => v.summary || `Created venue ${v.city}`,
    redirectTo: (saved) => recordPath("venue", saved),
  });
}
