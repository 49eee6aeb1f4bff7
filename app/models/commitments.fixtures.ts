// A small crisis for the commitment and breach tests: a truce outside any round, a Doha round
// mediated by Qatar, an Istanbul round mediated by Türkiye, and incidents that break (or are said
// to break) what was agreed. `extra` adds unrelated commitments, each with a breach, so a test can
// check that the number of queries does not grow with the data.
import { buildDataset, make } from "@db/dataset/factories";

export const AS_OF = "2025-11-15";

const parties = [
  { actor: "party-a", role: "party" as const },
  { actor: "party-b", role: "party" as const },
];

export function commitmentsDataset(extra = 0) {
  return buildDataset({
    sources: [make.source("ministry", { kind: "official_statement", publisher: "Ministry", publishedOn: "2025-10-26" })],
    actors: [make.actor("qatar"), make.actor("turkiye", { name: "Türkiye" }), make.actor("monitor", { kind: "organisation" })],
    venues: [make.venue("doha"), make.venue("istanbul")],
    rounds: [
      make.round("doha-1", { venue: "doha", startDate: "2025-10-18", participants: [...parties, { actor: "qatar", role: "mediator" }] }),
      make.round("istanbul-1", {
        venue: "istanbul",
        startDate: "2025-10-29",
        participants: [...parties, { actor: "turkiye", role: "mediator" }],
      }),
    ],
    commitments: [
      make.commitment("truce", { title: "48-hour truce", takesEffectOn: "2025-10-15", expiresOn: "2025-10-17" }),
      make.commitment("ceasefire", {
        round: "doha-1",
        title: "Doha ceasefire",
        wording: "The parties agree to an immediate ceasefire.",
        relations: [{ relation: "supersedes", to: "truce" }],
        sources: [{ source: "test-source" }, { source: "ministry", locator: "para. 2" }],
        alternativeDates: [{ field: "takesEffectOn", date: "2025-10-20", precision: "day", source: "ministry", note: "Announced a day later." }],
      }),
      make.commitment("talks", { round: "doha-1", title: "Further talks", kind: "follow_up_talks", fulfilledOn: "2025-10-25" }),
      make.commitment("restraint", {
        round: "istanbul-1",
        title: "Restraint of armed groups",
        kind: "armed_group_restraint",
        takesEffectOn: "2025-10-30",
        boundActors: ["party-b"],
      }),
      make.commitment("monitoring", {
        round: "istanbul-1",
        title: "Joint monitoring",
        kind: "verification_mechanism",
        takesEffectOn: "2025-10-31",
        relations: [{ relation: "reaffirms", to: "ceasefire" }],
      }),
      make.commitment("trade", { title: "Reopening of crossings", kind: "trade", takesEffectOn: "2025-12-01" }),
      ...Array.from({ length: extra }, (_, n) =>
        make.commitment(`extra-${n}`, { takesEffectOn: `2024-0${(n % 9) + 1}-1${n % 10}` }),
      ),
    ],
    incidents: [
      make.incident("oct-16", { occurredOn: "2025-10-16", kind: "airstrike" }),
      make.incident("oct-25", { occurredOn: "2025-10-25", kind: "drone_strike", province: "Paktika", placeName: "Barmal" }),
      make.incident("nov-02", { occurredOn: "2025-11-02" }),
      ...Array.from({ length: extra }, (_, n) => make.incident(`extra-${n}`, { occurredOn: `2024-1${n % 3}-2${n % 10}` })),
    ],
    breaches: [
      make.breach("truce", "oct-16", { responsible: "party-a", allegedBy: "party-b" }),
      // Listed out of date order on purpose: the page orders them by the incident's date.
      make.breach("ceasefire", "nov-02", { assessment: "alleged", responsible: "party-b", allegedBy: "party-a" }),
      make.breach("ceasefire", "oct-25", {
        assessment: "corroborated",
        responsible: "party-a",
        allegedBy: "monitor",
        reasoning: "The monitor confirmed the strike.",
        sources: [{ source: "ministry" }],
      }),
      make.breach("restraint", "nov-02", { assessment: "disputed", responsible: "party-b", allegedBy: "party-a" }),
      make.breach("monitoring", "nov-02", { assessment: "rejected", allegedBy: "party-b" }),
      ...Array.from({ length: extra }, (_, n) => make.breach(`extra-${n}`, `extra-${n}`)),
    ],
  });
}
