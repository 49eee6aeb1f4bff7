// The shape of a Parley data file. A data file refers to other records by slug (actors, venues,
// processes, rounds) or by key (sources, commitments, incidents); the loader resolves them.
// Parsing with this schema is the first thing the loader does, so a malformed file is refused
// with the path of the bad field before anything is written.
import { z } from "zod";
import { isCalendarDate } from "../calendar";
import {
  ACTOR_KINDS,
  BREACH_ASSESSMENTS,
  CLAIM_CATEGORIES,
  CLAIM_RANKS,
  COMMITMENT_KINDS,
  COMMITMENT_RELATIONS,
  DATE_PRECISIONS,
  INCIDENT_KINDS,
  LOCATION_PRECISIONS,
  PARTICIPANT_ROLES,
  ROUND_FORMATS,
  ROUND_OUTCOMES,
  SOURCE_KINDS,
} from "../enums";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .refine(isCalendarDate, "is not a real calendar date");
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase words joined by hyphens");
const key = slug;
const text = z.string().trim().min(1);
const count = z.number().int().min(0);

/** A citation: which source supports the record, and where in it. */
export const citationSchema = z.object({
  source: key,
  locator: z.string().trim().min(1).optional(),
});

/** A date that a particular source gives for a record, where the sources disagree. */
export const dateAssertionSchema = z.object({
  field: z.enum(["occurredOn", "startDate", "endDate", "takesEffectOn", "expiresOn"]),
  date: isoDate,
  precision: z.enum(DATE_PRECISIONS),
  source: key,
  note: text,
});

const cited = z.array(citationSchema).min(1, "every record cites at least one source");

export const datasetSchema = z.object({
  name: text,
  description: text,
  sources: z.array(
    z.object({
      key,
      kind: z.enum(SOURCE_KINDS),
      publisher: text,
      title: text,
      author: text.optional(),
      publishedOn: isoDate.optional(),
      datePrecision: z.enum(DATE_PRECISIONS).optional(),
      url: z.url().optional(),
      notes: text.optional(),
    }),
  ),
  actors: z.array(
    z.object({
      slug,
      name: text,
      shortName: text.optional(),
      kind: z.enum(ACTOR_KINDS),
      country: z.string().regex(/^[A-Z]{2}$/).optional(),
      description: text,
      aliases: z.array(text).optional(),
      sources: cited,
    }),
  ),
  venues: z.array(
    z.object({
      slug,
      city: text,
      country: text,
      countryCode: z.string().regex(/^[A-Z]{2}$/),
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      description: text.optional(),
    }),
  ),
  processes: z.array(
    z.object({
      slug,
      name: text,
      description: text,
      sources: cited,
    }),
  ),
  rounds: z.array(
    z.object({
      slug,
      process: slug,
      venue: slug.optional(),
      title: text,
      startDate: isoDate,
      startPrecision: z.enum(DATE_PRECISIONS),
      endDate: isoDate.optional(),
      endPrecision: z.enum(DATE_PRECISIONS).optional(),
      format: z.enum(ROUND_FORMATS),
      outcome: z.enum(ROUND_OUTCOMES),
      summary: text,
      participants: z
        .array(z.object({ actor: slug, role: z.enum(PARTICIPANT_ROLES), note: text.optional() }))
        .min(1),
      alternativeDates: z.array(dateAssertionSchema).optional(),
      sources: cited,
    }),
  ),
  commitments: z.array(
    z.object({
      key,
      process: slug,
      round: slug.optional(),
      title: text,
      wording: text,
      kind: z.enum(COMMITMENT_KINDS),
      boundActors: z.array(slug).min(1),
      announcedOn: isoDate.optional(),
      takesEffectOn: isoDate,
      takesEffectPrecision: z.enum(DATE_PRECISIONS),
      expiresOn: isoDate.optional(),
      fulfilledOn: isoDate.optional(),
      relations: z.array(z.object({ relation: z.enum(COMMITMENT_RELATIONS), to: key })).optional(),
      notes: text.optional(),
      alternativeDates: z.array(dateAssertionSchema).optional(),
      sources: cited,
    }),
  ),
  incidents: z.array(
    z.object({
      key,
      title: text,
      occurredOn: isoDate,
      datePrecision: z.enum(DATE_PRECISIONS),
      endedOn: isoDate.optional(),
      kind: z.enum(INCIDENT_KINDS),
      countryCode: z.string().regex(/^[A-Z]{2}$/),
      province: text.optional(),
      district: text.optional(),
      placeName: text.optional(),
      latitude: z.number().min(-90).max(90).optional(),
      longitude: z.number().min(-180).max(180).optional(),
      locationPrecision: z.enum(LOCATION_PRECISIONS),
      perpetrator: slug.optional(),
      summary: text,
      alternativeDates: z.array(dateAssertionSchema).optional(),
      sources: cited,
    }),
  ),
  claims: z.array(
    z
      .object({
        incident: key,
        claimant: slug,
        category: z.enum(CLAIM_CATEGORIES),
        /** Whose people the figure counts; left out when the claim does not say. */
        affected: slug.optional(),
        killedLow: count.optional(),
        killedHigh: count.optional(),
        injuredLow: count.optional(),
        injuredHigh: count.optional(),
        rank: z.enum(CLAIM_RANKS),
        notes: text.optional(),
        source: key,
        locator: text.optional(),
      })
      .refine((c) => c.killedLow == null || c.killedHigh == null || c.killedLow <= c.killedHigh, {
        message: "killedLow must not exceed killedHigh",
        path: ["killedHigh"],
      })
      .refine((c) => c.injuredLow == null || c.injuredHigh == null || c.injuredLow <= c.injuredHigh, {
        message: "injuredLow must not exceed injuredHigh",
        path: ["injuredHigh"],
      })
      .refine((c) => c.killedLow != null || c.killedHigh != null || c.injuredLow != null || c.injuredHigh != null, {
        message: "a claim states at least one figure",
        path: ["killedLow"],
      }),
  ),
  breaches: z.array(
    z.object({
      commitment: key,
      incident: key,
      responsible: slug.optional(),
      allegedBy: slug.optional(),
      assessment: z.enum(BREACH_ASSESSMENTS),
      reasoning: text,
      sources: cited,
    }),
  ),
});

export type Dataset = z.infer<typeof datasetSchema>;

/**
 * Cross-references that zod's shape check cannot see: every slug and key used must be defined,
 * defined once, and every record's sources must exist. Returns human-readable problems.
 */
export function datasetReferenceProblems(d: Dataset): string[] {
  const problems: string[] = [];
  const defined = (label: string, values: string[]) => {
    const seen = new Set<string>();
    for (const v of values) {
      if (seen.has(v)) problems.push(`${label} "${v}" is defined twice`);
      seen.add(v);
    }
    return seen;
  };
  const sources = defined("source", d.sources.map((s) => s.key));
  const actors = defined("actor", d.actors.map((a) => a.slug));
  const venues = defined("venue", d.venues.map((v) => v.slug));
  const processes = defined("process", d.processes.map((p) => p.slug));
  const rounds = defined("round", d.rounds.map((r) => r.slug));
  const commitments = defined("commitment", d.commitments.map((c) => c.key));
  const incidents = defined("incident", d.incidents.map((i) => i.key));
  const need = (set: Set<string>, label: string, value: string | undefined, where: string) => {
    if (value !== undefined && !set.has(value)) problems.push(`${where}: unknown ${label} "${value}"`);
  };
  const cites = (list: { source: string }[] | undefined, where: string) =>
    list?.forEach((c) => need(sources, "source", c.source, where));

  d.actors.forEach((a) => cites(a.sources, `actor ${a.slug}`));
  d.processes.forEach((p) => cites(p.sources, `process ${p.slug}`));
  for (const r of d.rounds) {
    const where = `round ${r.slug}`;
    need(processes, "process", r.process, where);
    need(venues, "venue", r.venue, where);
    r.participants.forEach((p) => need(actors, "actor", p.actor, where));
    r.alternativeDates?.forEach((a) => need(sources, "source", a.source, where));
    cites(r.sources, where);
    if (r.endDate && r.endDate < r.startDate) problems.push(`${where}: endDate is before startDate`);
  }
  for (const c of d.commitments) {
    const where = `commitment ${c.key}`;
    need(processes, "process", c.process, where);
    need(rounds, "round", c.round, where);
    c.boundActors.forEach((a) => need(actors, "actor", a, where));
    c.relations?.forEach((r) => need(commitments, "commitment", r.to, where));
    c.alternativeDates?.forEach((a) => need(sources, "source", a.source, where));
    cites(c.sources, where);
    if (c.expiresOn && c.expiresOn < c.takesEffectOn) problems.push(`${where}: expiresOn is before takesEffectOn`);
  }
  for (const i of d.incidents) {
    const where = `incident ${i.key}`;
    need(actors, "actor", i.perpetrator, where);
    i.alternativeDates?.forEach((a) => need(sources, "source", a.source, where));
    cites(i.sources, where);
    if ((i.latitude == null) !== (i.longitude == null)) problems.push(`${where}: give both latitude and longitude or neither`);
  }
  d.claims.forEach((c, n) => {
    const where = `claim #${n + 1} (${c.incident})`;
    need(incidents, "incident", c.incident, where);
    need(actors, "actor", c.claimant, where);
    need(actors, "actor", c.affected, where);
    need(sources, "source", c.source, where);
  });
  const pairs = new Set<string>();
  d.breaches.forEach((b, n) => {
    const where = `breach #${n + 1} (${b.commitment} / ${b.incident})`;
    need(commitments, "commitment", b.commitment, where);
    need(incidents, "incident", b.incident, where);
    need(actors, "actor", b.responsible, where);
    need(actors, "actor", b.allegedBy, where);
    cites(b.sources, where);
    const pair = `${b.commitment}|${b.incident}`;
    if (pairs.has(pair)) problems.push(`${where}: the same commitment and incident are linked twice`);
    pairs.add(pair);
  });
  return problems;
}
