import { z } from "zod";
import { countryCodeField, optionalText, requiredText, slugField, summaryField } from "./fields";

export const venueFields = {
  city: requiredText("the city", 120),
  country: requiredText("the country", 120),
  countryCode: countryCodeField,
  latitude: z.number({ error: "Enter the latitude in degrees, e.g. 25.2854." }).min(-90, { error: "Latitude runs from −90 to 90." }).max(90, { error: "Latitude runs from −90 to 90." }),
  longitude: z.number({ error: "Enter the longitude in degrees, e.g. 51.5310." }).min(-180, { error: "Longitude runs from −180 to 180." }).max(180, { error: "Longitude runs from −180 to 180." }),
  description: optionalText(2000),
  slug: slugField,
};

export function venueSchema(mode: "new" | "edit") {
  return z.object({ ...venueFields, summary: summaryField(mode) });
}
export type VenueForm = z.infer<ReturnType<typeof venueSchema>>;
