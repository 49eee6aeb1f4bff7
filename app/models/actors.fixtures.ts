// A small mediation history whose tallies are known by hand, shared by the actor and venue tests.
// Statuses are read as of AS_OF.
//
// rounds        venue     mediators         hosts     commitments made there
// doha-1        doha      qatar, turkiye    qatar     doha-ceasefire (broken), doha-talks (holding)
// istanbul-1    istanbul  qatar, turkiye    turkiye   ist-monitor (disputed), ist-ceasefire (broken), ist-ttp (holding)
// istanbul-2    istanbul  turkiye           —         —
// riyadh-1      riyadh    —                 saudi     —   (monitor observes)
// (no round)    —                                     truce (broken)
// Every round has party-a and party-b as parties; every commitment binds them except ist-ttp (binds ttp).
import { buildDataset, make } from "@db/dataset/factories";
import type { Dataset } from "@db/dataset/schema";
import { decodeCursor, type Cursor, type Page } from "~/utils/keyset.server";

export const AS_OF = "2025-12-15";

const parties = [
  { actor: "party-a", role: "party" as const },
  { actor: "party-b", role: "party" as const },
];

/**
 * `perpetratedByB`: that many more incidents attributed to party-b. `obtainedByQatar`: that many
 * more holding commitments binding both parties, made at doha-1 (which Qatar mediated and hosted).
 */
export function mediationDataset(extra: { perpetratedByB?: number; obtainedByQatar?: number } = {}): Dataset {
  const filler = Array.from({ length: extra.perpetratedByB ?? 0 }, (_, n) =>
    make.incident(`filler-${n}`, { occurredOn: "2025-09-01", perpetrator: "party-b" }),
  );
  return buildDataset({
    sources: [
      make.source("kabul-statement", { kind: "official_statement", publisher: "Kabul Ministry" }),
      make.source("isb-statement", { kind: "official_statement", publisher: "ISPR" }),
    ],
    actors: [
      make.actor("qatar", { name: "Qatar", kind: "state", country: "QA" }),
      make.actor("turkiye", { name: "Türkiye", kind: "state", country: "TR", aliases: ["Turkey"] }),
      make.actor("saudi-arabia", { name: "Saudi Arabia", kind: "state", country: "SA" }),
      make.actor("monitor", { name: "Ceasefire Monitor", kind: "organisation" }),
      make.actor("ttp", { name: "Tehrik-i-Taliban Pakistan", shortName: "TTP", kind: "armed_group" }),
    ],
    venues: [
      make.venue("doha", { city: "Doha", country: "Qatar", countryCode: "QA" }),
      make.venue("istanbul", { city: "Istanbul", country: "Türkiye", countryCode: "TR", latitude: 41.0082, longitude: 28.9784 }),
      make.venue("riyadh", { city: "Riyadh", country: "Saudi Arabia", countryCode: "SA" }),
      make.venue("islamabad", { city: "Islamabad", country: "Pakistan", countryCode: "PK" }),
    ],
    rounds: [
      make.round("doha-1", {
        venue: "doha",
        startDate: "2025-10-18",
        participants: [
          ...parties,
          { actor: "qatar", role: "mediator" },
          { actor: "qatar", role: "host" },
          { actor: "turkiye", role: "mediator" },
        ],
      }),
      make.round("istanbul-1", {
        venue: "istanbul",
        startDate: "2025-10-25",
        outcome: "partial_agreement",
        participants: [
          ...parties,
          { actor: "qatar", role: "mediator" },
          { actor: "turkiye", role: "mediator" },
          { actor: "turkiye", role: "host" },
        ],
      }),
      make.round("istanbul-2", {
        venue: "istanbul",
        startDate: "2025-11-06",
        outcome: "collapsed",
        participants: [...parties, { actor: "turkiye", role: "mediator" }],
      }),
      make.round("riyadh-1", {
        venue: "riyadh",
        startDate: "2025-12-01",
        outcome: "no_agreement",
        participants: [...parties, { actor: "saudi-arabia", role: "host" }, { actor: "monitor", role: "observer" }],
      }),
    ],
    commitments: [
      make.commitment("truce", { takesEffectOn: "2025-10-15", expiresOn: "2025-10-17" }),
      make.commitment("doha-ceasefire", { round: "doha-1" }),
      make.commitment("doha-talks", { round: "doha-1", kind: "follow_up_talks" }),
      make.commitment("ist-monitor", { round: "istanbul-1", kind: "verification_mechanism", takesEffectOn: "2025-10-30" }),
      make.commitment("ist-ceasefire", { round: "istanbul-1", takesEffectOn: "2025-10-30" }),
      make.commitment("ist-ttp", { round: "istanbul-1", kind: "armed_group_restraint", takesEffectOn: "2025-10-30", boundActors: ["ttp"] }),
      ...Array.from({ length: extra.obtainedByQatar ?? 0 }, (_, n) => make.commitment(`doha-extra-${n}`, { round: "doha-1", kind: "follow_up_talks" })),
    ],
    incidents: [
      make.incident("i0", { occurredOn: "2025-10-16", perpetrator: "party-a" }),
      make.incident("i1", { occurredOn: "2025-10-25", perpetrator: "party-b" }),
      make.incident("i2", { occurredOn: "2025-11-01", perpetrator: "party-a" }),
      make.incident("i3", { occurredOn: "2025-11-02", perpetrator: "party-b" }),
      ...filler,
    ],
    claims: [
      make.claim("i1", "party-a", { killedLow: 12, source: "kabul-statement" }),
      make.claim("i1", "party-b", { category: "militants", killedLow: 40, source: "isb-statement" }),
    ],
    breaches: [
      make.breach("truce", "i0", { responsible: "party-a", allegedBy: "party-b" }),
      make.breach("doha-ceasefire", "i1", { responsible: "party-b", allegedBy: "party-a" }),
      make.breach("ist-monitor", "i2", { assessment: "alleged", responsible: "party-a", allegedBy: "party-b" }),
      make.breach("ist-ceasefire", "i3", { responsible: "party-b", allegedBy: "party-a" }),
    ],
  });
}

/**
 * Walks a keyset-paged list forward to its end, then backward from the last page to the first,
 * returning the ids seen each way (the tests expect every row exactly once, in the same order).
 */
export async function walkPages<T extends { id: number }>(
  fetch: (page: { after?: Cursor; before?: Cursor }) => Promise<Page<T>>,
): Promise<{ forward: number[]; backward: number[]; pages: number }> {
  const forward: number[] = [];
  let after: Cursor | undefined;
  let last: Page<T>;
  let pages = 0;
  for (;;) {
    last = await fetch({ after });
    pages++;
    forward.push(...last.items.map((r) => r.id));
    if (!last.next) break;
    after = decodeCursor(last.next)!;
    if (pages > 1000) throw new Error("paging does not end");
  }
  const backward: number[] = [...last.items.map((r) => r.id)];
  let prev = last.prev;
  while (prev) {
    const page = await fetch({ before: decodeCursor(prev)! });
    backward.unshift(...page.items.map((r) => r.id));
    prev = page.prev;
    if (backward.length > forward.length) throw new Error("paging backward does not end");
  }
  return { forward, backward, pages };
}
