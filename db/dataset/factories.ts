// Builders for small data sets, shared by the tests and the synthetic generator. Each record gets
// sensible defaults that cite the default source, so a test states only what it is about. The
// result goes through the same parser and loader as the shipped data set.
import type { Dataset } from "./schema";

type Of<K extends keyof Dataset> = Dataset[K] extends (infer T)[] ? T : never;

export const DEFAULT_SOURCE = "test-source";
export const DEFAULT_PROCESS = "test-process";
/** Two parties that default rounds and commitments involve. */
export const DEFAULT_PARTIES = ["party-a", "party-b"] as const;
const cite = [{ source: DEFAULT_SOURCE }];

export const make = {
  source: (key: string, o: Partial<Of<"sources">> = {}): Of<"sources"> => ({
    key,
    kind: "news",
    publisher: "Test Wire",
    title: `Report ${key}`,
    publishedOn: "2025-10-20",
    datePrecision: "day",
    ...o,
  }),
  actor: (slug: string, o: Partial<Of<"actors">> = {}): Of<"actors"> => ({
    slug,
    name: slug.replace(/(^|-)(\w)/g, (_, s, c) => (s ? " " : "") + c.toUpperCase()),
    kind: "state",
    description: `Actor ${slug}.`,
    sources: cite,
    ...o,
  }),
  venue: (slug: string, o: Partial<Of<"venues">> = {}): Of<"venues"> => ({
    slug,
    city: slug.charAt(0).toUpperCase() + slug.slice(1),
    country: "Testland",
    countryCode: "QA",
    latitude: 25.2854,
    longitude: 51.531,
    ...o,
  }),
  process: (slug: string, o: Partial<Of<"processes">> = {}): Of<"processes"> => ({
    slug,
    name: `Process ${slug}`,
    description: "A test process.",
    sources: cite,
    ...o,
  }),
  round: (slug: string, o: Partial<Of<"rounds">> = {}): Of<"rounds"> => ({
    slug,
    process: DEFAULT_PROCESS,
    title: `Round ${slug}`,
    startDate: "2025-10-18",
    startPrecision: "day",
    format: "mediated",
    outcome: "agreement",
    summary: "A test round.",
    participants: DEFAULT_PARTIES.map((actor) => ({ actor, role: "party" as const })),
    sources: cite,
    ...o,
  }),
  commitment: (key: string, o: Partial<Of<"commitments">> = {}): Of<"commitments"> => ({
    key,
    process: DEFAULT_PROCESS,
    title: `Commitment ${key}`,
    wording: "The parties will stop firing.",
    kind: "ceasefire",
    boundActors: [...DEFAULT_PARTIES],
    takesEffectOn: "2025-10-19",
    takesEffectPrecision: "day",
    sources: cite,
    ...o,
  }),
  incident: (key: string, o: Partial<Of<"incidents">> = {}): Of<"incidents"> => ({
    key,
    title: `Incident ${key}`,
    occurredOn: "2025-10-25",
    datePrecision: "day",
    kind: "cross_border_fire",
    countryCode: "AF",
    locationPrecision: "country",
    summary: "A test incident.",
    sources: cite,
    ...o,
  }),
  claim: (incident: string, claimant: string, o: Partial<Of<"claims">> = {}): Of<"claims"> => ({
    incident,
    claimant,
    category: "civilians",
    killedLow: 1,
    rank: "normal",
    source: DEFAULT_SOURCE,
    ...o,
  }),
  breach: (commitment: string, incident: string, o: Partial<Of<"breaches">> = {}): Of<"breaches"> => ({
    commitment,
    incident,
    assessment: "corroborated",
    reasoning: "The incident happened while the commitment was in force.",
    sources: cite,
    ...o,
  }),
};

/** A data set from the given parts, plus the default source and process they cite. */
export function buildDataset(parts: Partial<Dataset>): Dataset {
  const sources = parts.sources ?? [];
  const processes = parts.processes ?? [];
  return {
    name: parts.name ?? "Test data set",
    description: parts.description ?? "Built by a test.",
    sources: sources.some((s) => s.key === DEFAULT_SOURCE) ? sources : [make.source(DEFAULT_SOURCE), ...sources],
    actors: [
      ...DEFAULT_PARTIES.filter((slug) => !parts.actors?.some((a) => a.slug === slug)).map((slug) => make.actor(slug)),
      ...(parts.actors ?? []),
    ],
    venues: parts.venues ?? [],
    processes: processes.some((p) => p.slug === DEFAULT_PROCESS) ? processes : [make.process(DEFAULT_PROCESS), ...processes],
    rounds: parts.rounds ?? [],
    commitments: parts.commitments ?? [],
    incidents: parts.incidents ?? [],
    claims: parts.claims ?? [],
    breaches: parts.breaches ?? [],
  };
}
