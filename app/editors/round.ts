// The round form's schema, shared by the browser (validation as one types) and the server. One
// form records the round and, in the same save, the venue, actors and sources it needs that do not
// exist yet, and the commitments made at it.
import { z } from "zod";
import { ACTOR_KINDS, COMMITMENT_KINDS, PARTICIPANT_ROLES, ROUND_FORMATS, ROUND_OUTCOMES, SOURCE_KINDS, type ParticipantRole } from "@db/enums";
import { countryCodeField, dateField, idField, optionalText, precisionField, requiredText, slugField, summaryField } from "./fields";
import { venueFields } from "./venue";

/** The form's participant lists, by the role they give. */
export const ROLE_FIELDS = { mediators: "mediator", hosts: "host", parties: "party", observers: "observer" } as const satisfies Record<string, ParticipantRole>;
export type RoleField = keyof typeof ROLE_FIELDS;
export const ROLE_FIELD_NAMES = Object.keys(ROLE_FIELDS) as RoleField[];

function isWebAddress(text: string) {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const actorIds = z.array(idField("an actor from the list"));

export const newActorSchema = z.object({
  name: requiredText("the actor's name", 200),
  kind: z.enum(ACTOR_KINDS, { error: "Say what kind of actor this is." }),
  countryCode: countryCodeField.optional(),
  role: z.enum(PARTICIPANT_ROLES, { error: "Say what role it played in this round." }),
});

/** Every part optional, so that an untouched fieldset means "no new venue". */
export const newVenueSchema = z.object({
  city: venueFields.city.optional(),
  country: venueFields.country.optional(),
  countryCode: venueFields.countryCode.optional(),
  latitude: venueFields.latitude.optional(),
  longitude: venueFields.longitude.optional(),
});
const NEW_VENUE_KEYS = Object.keys(newVenueSchema.shape) as (keyof typeof newVenueSchema.shape)[];

export const newSourceSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2000, { error: "Keep the web address under 2000 characters." })
    .refine(isWebAddress, { error: "Paste the full web address, starting with https:// or http://." })
    .optional(),
  title: requiredText("the title of the source", 500),
  publisher: requiredText("the publisher, e.g. Reuters or Dawn", 200),
  kind: z.enum(SOURCE_KINDS, { error: "Say what kind of source this is." }),
  publishedOn: dateField("the date it was published").optional(),
});

export const newCommitmentSchema = z
  .object({
    title: requiredText("a short title for the commitment", 300),
    wording: requiredText("the wording of the commitment, as the sources give it", 5000),
    kind: z.enum(COMMITMENT_KINDS, { error: "Say what kind of commitment this is." }),
    boundActors: actorIds,
    takesEffectOn: dateField("the date it takes effect"),
    takesEffectPrecision: precisionField,
    expiresOn: dateField("the date it expires").optional(),
  })
  .superRefine((c, ctx) => {
    if (c.expiresOn && c.expiresOn < c.takesEffectOn) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "It cannot expire before it takes effect." });
  });

export function hasNewVenue(v: Partial<Record<string, unknown>> | undefined) {
  return NEW_VENUE_KEYS.some((k) => v?.[k] !== undefined && v[k] !== "");
}

export function roundSchema(mode: "new" | "edit") {
  return z
    .object({
      title: requiredText("the title of the round", 300),
      slug: slugField,
      process: idField("the process this round belongs to"),
      venue: idField("a venue").optional(),
      newVenue: newVenueSchema,
      startDate: dateField("the start date"),
      startPrecision: precisionField,
      endDate: dateField("the end date").optional(),
      endPrecision: precisionField.optional(),
      format: z.enum(ROUND_FORMATS, { error: "Say how the parties met." }),
      outcome: z.enum(ROUND_OUTCOMES, { error: "Say what came of the round." }),
      roundSummary: optionalText(20000),
      mediators: actorIds,
      hosts: actorIds,
      parties: actorIds,
      observers: actorIds,
      newActors: z.array(newActorSchema),
      sources: z.array(idField("a source from the list")),
      newSources: z.array(newSourceSchema),
      commitments: z.array(newCommitmentSchema),
      summary: summaryField(mode),
      /** The version the form started from (edit only), so a refused save creates nothing. */
      version: z.number().int().optional(),
    })
    .superRefine(
      (v, ctx) => {
        // Runs even when other fields are invalid, so every problem shows at once: values may be partial.
        const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
        if (v.venue !== undefined && hasNewVenue(v.newVenue)) {
          ctx.addIssue({ code: "custom", path: ["newVenue", "city"], message: "Choose an existing venue or describe a new one, not both." });
        } else if (hasNewVenue(v.newVenue)) {
          for (const key of NEW_VENUE_KEYS) {
            if (v.newVenue[key] !== undefined) continue;
            // The venue form's own message for a missing value, e.g. "Enter the city."
            const missing = venueFields[key].safeParse(undefined).error?.issues[0]?.message ?? "Fill this in too.";
            ctx.addIssue({ code: "custom", path: ["newVenue", key], message: missing });
          }
        }
        const mediators = new Set(list(v.mediators));
        if (list(v.parties).some((id) => mediators.has(id))) {
          ctx.addIssue({ code: "custom", path: ["parties"], message: "An actor cannot be both a party and a mediator of the same round: untick it in one of the two lists." });
        }
        if (typeof v.endDate === "string" && typeof v.startDate === "string" && v.endDate < v.startDate) {
          ctx.addIssue({ code: "custom", path: ["endDate"], message: "The end date cannot be before the start date." });
        }
        if (list(v.sources).length + list(v.newSources).length === 0) {
          ctx.addIssue({ code: "custom", path: ["sources"], message: "Cite at least one source: choose one from the list, or add a new one below." });
        }
        const names = new Set<string>();
        list(v.newActors).forEach((a, i) => {
          const name = typeof (a as { name?: unknown })?.name === "string" ? (a as { name: string }).name.trim().toLowerCase() : "";
          if (name && names.has(name)) ctx.addIssue({ code: "custom", path: ["newActors", i, "name"], message: "This new actor is listed twice." });
          names.add(name);
        });
        const anyParty = list(v.parties).length > 0 || list(v.newActors).some((a) => (a as { role?: unknown })?.role === "party");
        if (!anyParty) {
          list(v.commitments).forEach((c, i) => {
            if (list((c as { boundActors?: unknown })?.boundActors).length === 0) {
              ctx.addIssue({ code: "custom", path: ["commitments", i, "boundActors"], message: "Choose who is bound by this commitment: the round has no parties to bind by default." });
            }
          });
        }
      },
      { when: () => true },
    );
}

export type RoundForm = z.infer<ReturnType<typeof roundSchema>>;

/** What the form starts with: ids as the strings the selects and checkboxes carry. */
export interface RoundDefaults {
  title?: string;
  slug?: string;
  process?: string;
  venue?: string;
  startDate?: string;
  startPrecision?: string;
  endDate?: string;
  endPrecision?: string;
  format?: string;
  outcome?: string;
  roundSummary?: string;
  mediators?: string[];
  hosts?: string[];
  parties?: string[];
  observers?: string[];
  sources?: string[];
}
