// The small, connected part of a generated database, built in memory: actors, venues, processes,
// their rounds and participants, commitments and how they relate, with their citations. It also
// keeps what the incident stream needs to stay consistent with it: each process's parties,
// provinces and the terms during which its commitments can be breached.
import { enumLabel, type CommitmentKind, type IncidentKind, type RoundOutcome } from "../enums";
import { FIRST_DAY, LAST_DAY, iso, monthYear, yearOf } from "./days";
import { createRng, weighted, type Rng, type Weighted } from "./random";
import { CITIES, GROUP_NOUNS, GROUP_QUALIFIERS, GROUP_TERRAINS, MEDIATORS, MONITORS, THEATRES, type Province, type Theatre } from "./reference";
import { SourceSchedule } from "./sources";
import { Rows, SPECS, addCitation, type Batch, type CitedColumn } from "./tables";
import { SlugSet } from "./text";

export interface Sizes {
  incidents: number;
  processes: number;
  rounds: number;
  venues: number;
  mediators: number;
  armedGroups: number;
  sources: number;
}

/** How many of everything go with `incidents` incidents (see docs/generator.md). */
export function planSizes(incidents: number): Sizes {
  const processes = Math.max(2, Math.round(incidents / 20_000));
  const rounds = Math.max(5, Math.round(incidents / 400));
  return {
    incidents,
    processes,
    rounds,
    venues: Math.min(CITIES.length, Math.max(3, Math.round(rounds / 2))),
    mediators: Math.min(MEDIATORS.length, Math.max(4, processes * 2)),
    armedGroups: Math.max(2, Math.round(processes * 1.5)),
    sources: Math.max(50, Math.round(incidents / 10)),
  };
}

/** The stretch of days during which an incident counts against a commitment (see commitment-status.server.ts). */
export interface Term {
  commitmentId: number;
  kind: CommitmentKind;
  start: number;
  end: number;
  /** The actors bound by the commitment. */
  bound: number[];
  /** Whether independent reporting ever confirms its breaches: if not, they stay alleged or disputed. */
  corroborable: boolean;
}

export interface ProcessInfo {
  id: number;
  theatre: Theatre;
  provinces: Weighted<Province>;
  parties: [number, number];
  /** Armed groups of the theatre that are not parties: the spoilers behind some incidents. */
  others: number[];
  start: number;
  end: number;
  terms: Term[];
  /**
   * The terms that incidents breach: about half of them, some far more often than others, so that
   * commitments come out holding, disputed or broken, and hold for different lengths of time.
   */
  contested: Weighted<Term> | null;
}

export interface World {
  sizes: Sizes;
  /** Rows of every small table, and the citations and date assertions of their records. */
  rows: Batch;
  actorNames: string[];
  /** Indexed by actor id, like actorNames. */
  actorKinds: string[];
  monitors: number[];
  unattributed: number;
  processes: ProcessInfo[];
  /** Which process an incident belongs to, weighted by theatre and length. */
  processWeights: Weighted<ProcessInfo>;
  sources: SourceSchedule;
  nextCitationId: number;
  nextAssertionId: number;
}

/** Incident kinds that break each kind of commitment; kinds absent here are never breached. */
export const BREACHING_KINDS: Partial<Record<CommitmentKind, readonly IncidentKind[]>> = {
  ceasefire: ["airstrike", "drone_strike", "cross_border_fire", "ground_assault"],
  armed_group_restraint: ["militant_attack", "suicide_attack"],
  non_targeting_civilians: ["airstrike", "drone_strike", "ground_assault"],
  non_targeting_security_forces: ["cross_border_fire", "ground_assault", "militant_attack"],
  border_mechanism: ["cross_border_fire", "border_closure"],
  trade: ["border_closure"],
  humanitarian_access: ["border_closure", "other"],
};

const CONTESTED_SHARE = 0.5;
/** Chosen with the assessment weights in incidents.ts so that 35% of all breaches end up corroborated. */
const CORROBORABLE_SHARE = 0.6;

/** Commitment titles by kind ("other" commitments are generated as prisoner exchanges). */
export const COMMITMENT_NAMES: Record<CommitmentKind, string> = {
  ceasefire: "Ceasefire",
  armed_group_restraint: "Restraint of armed groups",
  non_targeting_civilians: "Sparing civilians",
  non_targeting_security_forces: "Sparing security forces",
  border_mechanism: "Joint border mechanism",
  verification_mechanism: "Verification mechanism",
  trade: "Reopening of crossings for trade",
  humanitarian_access: "Humanitarian access",
  follow_up_talks: "Follow-up talks",
  other: "Prisoner exchange",
};

const FORMATS = weighted([["mediated", 45], ["direct", 15], ["proximity", 15], ["shuttle", 15], ["virtual", 10]] as const);
const OUTCOMES = weighted([["agreement", 30], ["partial_agreement", 25], ["no_agreement", 28], ["collapsed", 17]] as const);
const START_PRECISIONS = weighted([["day", 85], ["week", 10], ["month", 5]] as const);
const EFFECT_PRECISIONS = weighted([["day", 90], ["week", 8], ["month", 2]] as const);
/** Commitments a round produces, by outcome: about three per round overall. */
const COMMITMENT_COUNTS: Record<RoundOutcome, [number, number]> = {
  agreement: [4, 6],
  partial_agreement: [3, 5],
  no_agreement: [0, 2],
  collapsed: [1, 2],
  ongoing: [2, 4],
  scheduled: [0, 0],
};
const OTHER_KINDS: readonly CommitmentKind[] = [
  "armed_group_restraint", "non_targeting_civilians", "non_targeting_security_forces", "border_mechanism",
  "verification_mechanism", "trade", "humanitarian_access", "follow_up_talks", "other",
];

/** Slugs already taken by another data set that may be loaded next to the generated one. */
export interface ReservedSlugs {
  actors: string[];
  venues: string[];
  processes: string[];
  rounds: string[];
}

export function buildWorld(seed: number, sizes: Sizes, reserved?: ReservedSlugs): World {
  const rng = createRng(seed, "world");
  const sources = new SourceSchedule(sizes.sources);
  const rows: Batch = {};
  const table = <K extends keyof typeof SPECS>(k: K) => (rows[k] ??= new Rows(SPECS[k]));
  let nextCitationId = 1;
  let nextAssertionId = 1;
  const cite = (column: CitedColumn, recordId: number, day: number | null, min: number, max: number) => {
    const count = rng.int(min, max);
    const seen = new Set<number>();
    for (let i = 0; i < count; i++) {
      const sourceId = day === null ? sources.any(rng) : sources.near(day, rng);
      if (seen.has(sourceId)) continue;
      seen.add(sourceId);
      addCitation(table("citations"), nextCitationId++, sourceId, rng.chance(0.4) ? `p. ${rng.int(1, 30)}` : null, column, recordId);
    }
  };
  // Two sources that disagree about a date, as editors record them (see the date_assertions table).
  const disagree = (column: "round_id" | "commitment_id", recordId: number, field: string, day: number) => {
    const other = day + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 3);
    const first = sources.near(day, rng);
    const second = sources.near(day, rng);
    for (const [value, sourceId] of [[day, first], [other, second]] as const) {
      table("date_assertions").add(
        nextAssertionId++,
        column === "round_id" ? recordId : null,
        column === "commitment_id" ? recordId : null,
        null,
        field,
        iso(value),
        "day",
        sourceId,
        `Source ${sourceId} gives ${iso(value)}.`,
      );
    }
  };

  // Actors: mediators, monitors, then the parties' states and armed groups as processes need them.
  const actorNames: string[] = [""];
  const actorCountry: (string | null)[] = [null];
  const actorKind: string[] = [""];
  const slugs = new SlugSet(reserved?.actors);
  const addActor = (name: string, shortName: string | null, kind: string, countryCode: string | null, description: string) => {
    const id = actorNames.length;
    actorNames.push(shortName ?? name);
    actorCountry.push(countryCode);
    actorKind.push(kind);
    table("actors").add(id, slugs.take(name), name, shortName, kind, countryCode, description);
    cite("actor_id", id, null, 1, 1);
    return id;
  };
  const mediators = MEDIATORS.slice(0, sizes.mediators).map((m) =>
    addActor(m.name, m.shortName ?? null, m.kind, m.countryCode ?? null, "Mediator in generated rounds (synthetic data)."),
  );
  const monitors = MONITORS.map((name) => addActor(name, null, "organisation", null, "Invented casualty monitor (synthetic data)."));
  const unattributed = addActor("Unattributed reports", null, "organisation", null, "Figures reported without a named claimant.");

  const stateIds = new Map<string, number>();
  const stateOf = (state: Theatre["states"][number]) => {
    let id = stateIds.get(state.name);
    if (id === undefined) {
      id = addActor(state.name, state.shortName ?? null, state.kind, state.countryCode, "Party to generated processes (synthetic data).");
      stateIds.set(state.name, id);
    }
    return id;
  };
  const theatreWeights = weighted(THEATRES.map((t) => [t, t.weight] as const));
  const groupsOf = new Map<Theatre, number[]>(THEATRES.map((t) => [t, []]));
  const groupNames = new Set<string>();
  const addGroup = (theatre: Theatre) => {
    let name: string;
    do name = `${rng.pick(GROUP_NOUNS)} of the ${rng.pick(GROUP_QUALIFIERS)} ${rng.pick(GROUP_TERRAINS)}`;
    while (groupNames.has(name) && groupNames.size < GROUP_NOUNS.length * GROUP_QUALIFIERS.length * GROUP_TERRAINS.length);
    groupNames.add(name);
    const country = theatre.states[theatre.states.length - 1].countryCode;
    const id = addActor(name, null, "armed_group", country, `Invented armed group active in ${theatre.countryNames[country]} (synthetic data).`);
    groupsOf.get(theatre)!.push(id);
    return id;
  };

  // Processes: a theatre, two parties, one to four mediators and a stretch of years.
  const processes: ProcessInfo[] = [];
  const processMediators: number[][] = [];
  const processSlugs = new SlugSet(reserved?.processes);
  for (let id = 1; id <= sizes.processes; id++) {
    const theatre = id === 1 ? THEATRES[0] : rng.draw(theatreWeights);
    const groups = groupsOf.get(theatre)!;
    const group = () => (groups.length > 0 && (rng.chance(0.4) || countGroups() >= sizes.armedGroups) ? rng.pick(groups) : addGroup(theatre));
    let parties: [number, number];
    if (theatre.interstate && (id === 1 || rng.chance(0.7))) parties = [stateOf(theatre.states[0]), stateOf(theatre.states[1])];
    else parties = [stateOf(rng.pick(theatre.states)), group()];
    const start = rng.int(FIRST_DAY, LAST_DAY - 365);
    const end = rng.chance(0.25) ? LAST_DAY : Math.min(LAST_DAY, start + rng.int(365, 6 * 365));
    const years = yearOf(start) === yearOf(end) ? `${yearOf(start)}` : `${yearOf(start)}–${yearOf(end)}`;
    const name = `${actorNames[parties[0]]}–${actorNames[parties[1]]} ${rng.pick(theatre.topics)}, ${years}`;
    table("processes").add(id, processSlugs.take(`${name} ${id}`), name, `Synthetic process generated for load testing: ${name}.`, iso(start));
    cite("process_id", id, start, 1, 2);
    processMediators.push(rng.sample(mediators, rng.int(1, 4)));
    processes.push({
      id,
      theatre,
      provinces: weighted(theatre.provinces.map((p) => [p, p.weight] as const)),
      parties,
      others: [],
      start,
      end,
      terms: [],
      contested: null,
    });
  }
  function countGroups() {
    let n = 0;
    for (const g of groupsOf.values()) n += g.length;
    return n;
  }
  // Groups left over from the budget still exist: they are the spoilers behind some incidents.
  while (countGroups() < sizes.armedGroups) addGroup(rng.draw(theatreWeights));
  for (const p of processes) p.others = groupsOf.get(p.theatre)!.filter((g) => !p.parties.includes(g));

  // Venues: a prefix of the city list.
  const venueSlugs = new SlugSet(reserved?.venues);
  const venues = CITIES.slice(0, sizes.venues).map((c, i) => {
    const id = i + 1;
    table("venues").add(id, venueSlugs.take(c.city), c.city, c.country, c.countryCode, c.latitude, c.longitude, `${c.city}, ${c.country}.`);
    return { ...c, id };
  });
  const actorByCountry = new Map<string, number>();
  actorCountry.forEach((code, id) => {
    const kind = actorKind[id];
    if (code && (kind === "state" || kind === "de_facto_authority") && !actorByCountry.has(code)) actorByCountry.set(code, id);
  });
  const organisations = mediators.filter((m) => actorKind[m] === "organisation");

  // Rounds, shared out between processes by length, each followed by its commitments.
  const totalLength = processes.reduce((sum, p) => sum + (p.end - p.start), 0);
  let roundId = 0;
  let commitmentId = 0;
  let cumulative = 0;
  const roundSlugs = new SlugSet(reserved?.rounds);
  for (const [index, p] of processes.entries()) {
    const before = Math.round((cumulative * sizes.rounds) / totalLength);
    cumulative += p.end - p.start;
    const count = Math.max(1, Math.round((cumulative * sizes.rounds) / totalLength) - before);
    const mediatorsOfP = processMediators[index];
    const preferred = venues.filter((v) => mediatorsOfP.concat(p.parties).some((a) => actorCountry[a] === v.countryCode));
    const latestOfKind = new Map<CommitmentKind, { id: number; start: number }>();
    const step = (p.end - p.start) / count;
    const days = Array.from({ length: count }, (_, k) => p.start + Math.floor((k + 0.2 + rng.next() * 0.6) * step));
    for (let k = 0; k < count; k++) {
      const id = ++roundId;
      const start = Math.max(days[k], k > 0 ? days[k - 1] + 1 : days[k]);
      days[k] = start;
      const venue = preferred.length > 0 && rng.chance(0.75) ? rng.pick(preferred) : rng.pick(venues);
      const startPrecision = rng.draw(START_PRECISIONS);
      const length = rng.chance(0.2) ? null : rng.int(0, 4);
      const end = length === null ? null : start + length;
      const last = k === count - 1 && p.end === LAST_DAY;
      const outcome: RoundOutcome = last && rng.chance(0.5) ? "ongoing" : rng.draw(OUTCOMES);
      const mediatorsOfRound = rng.sample(mediatorsOfP, rng.int(1, Math.min(3, mediatorsOfP.length)));
      const title = `${venue.city} talks, ${monthYear(start)}`;
      const mediatorText = mediatorsOfRound.map((m) => actorNames[m]).join(", ");
      table("rounds").add(
        id,
        roundSlugs.take(`${venue.city} ${iso(start).slice(0, 7)} round ${id}`),
        p.id,
        venue.id,
        title,
        iso(start),
        startPrecision,
        end === null ? null : iso(end),
        end === null ? null : "day",
        rng.draw(FORMATS),
        outcome,
        `Synthetic round ${k + 1} of process ${p.id} between ${actorNames[p.parties[0]]} and ${actorNames[p.parties[1]]} in ${venue.city}, mediated by ${mediatorText}. Outcome: ${enumLabel(outcome).toLowerCase()}.`,
      );
      const participants = table("round_participants");
      for (const party of p.parties) participants.add(id, party, "party", null);
      for (const m of mediatorsOfRound) participants.add(id, m, "mediator", null);
      const host = actorByCountry.get(venue.countryCode);
      if (host !== undefined) participants.add(id, host, "host", null);
      const observers = organisations.filter((m) => !mediatorsOfRound.includes(m));
      if (observers.length > 0 && rng.chance(0.15)) participants.add(id, rng.pick(observers), "observer", null);
      cite("round_id", id, end ?? start, 1, 3);
      if (rng.chance(0.04)) disagree("round_id", id, "startDate", start);

      const nextRound = k + 1 < count ? days[k + 1] : null;
      const commit = (kind: CommitmentKind, round: number | null, announced: number, effect: number, expires: number | null, title: string) => {
        const cid = ++commitmentId;
        const fulfilled =
          kind === "follow_up_talks" && nextRound !== null && nextRound >= effect && (expires === null || nextRound <= expires) && rng.chance(0.7)
            ? nextRound
            : kind === "verification_mechanism" && rng.chance(0.2)
              ? Math.min(LAST_DAY, effect + rng.int(10, 200))
              : null;
        table("commitments").add(
          cid, p.id, round, title, wording(kind, p, mediatorsOfRound, actorNames, rng), kind,
          iso(announced), iso(effect), round === null ? "day" : rng.draw(EFFECT_PRECISIONS),
          expires === null ? null : iso(expires), fulfilled === null ? null : iso(fulfilled), null,
        );
        const bound = kind === "armed_group_restraint" || kind === "humanitarian_access" ? [rng.pick(p.parties)] : [...p.parties];
        for (const actor of bound) table("commitment_parties").add(cid, actor);
        const previous = latestOfKind.get(kind);
        if (previous && previous.start <= effect) {
          const r = rng.next();
          const relation = kind === "ceasefire"
            ? r < 0.55 ? "supersedes" : r < 0.75 ? "reaffirms" : null
            : r < 0.15 ? "supersedes" : r < 0.3 ? "reaffirms" : r < 0.4 ? "amends" : null;
          if (relation) table("commitment_relations").add(cid, relation, previous.id);
          if (relation === "supersedes") {
            const term = p.terms.find((t) => t.commitmentId === previous.id);
            if (term) term.end = Math.min(term.end, effect);
          }
        }
        latestOfKind.set(kind, { id: cid, start: effect });
        if (BREACHING_KINDS[kind]) p.terms.push({ commitmentId: cid, kind, start: effect, end: Math.min(expires ?? LAST_DAY, LAST_DAY), bound, corroborable: false });
        cite("commitment_id", cid, effect, 1, 2);
        if (rng.chance(0.03)) disagree("commitment_id", cid, "takesEffectOn", effect);
      };

      // Now and then a truce announced outside any round, before this one.
      if (rng.chance(0.05)) {
        const effect = Math.max(FIRST_DAY, start - rng.int(3, 20));
        commit("ceasefire", null, effect, effect, effect + rng.int(2, 10), `Truce announced on ${iso(effect)}`);
      }
      const [min, max] = COMMITMENT_COUNTS[outcome];
      const n = rng.int(min, max);
      const agreed = outcome === "agreement" || outcome === "partial_agreement" || outcome === "ongoing";
      const kinds: CommitmentKind[] = agreed && rng.chance(0.75) ? ["ceasefire"] : [];
      const rest = rng.sample(agreed ? OTHER_KINDS : (["follow_up_talks", "humanitarian_access", "other"] as const), n - kinds.length);
      kinds.push(...rest);
      const announced = end ?? start;
      for (const kind of kinds.slice(0, n)) {
        const effect = Math.min(LAST_DAY, announced + (rng.chance(0.7) ? 0 : rng.int(1, 7)));
        const expires = expiryOf(kind, effect, rng);
        commit(kind, id, announced, effect, expires, `${COMMITMENT_NAMES[kind]} — ${title}`);
      }
    }
  }

  for (const p of processes) {
    // The first term of a process is always contested and corroborable, so that even the smallest
    // data sets have broken commitments next to disputed and holding ones.
    const contested = p.terms.filter((term, i) => i === 0 || rng.chance(CONTESTED_SHARE));
    contested.forEach((term, i) => (term.corroborable = i === 0 || rng.chance(CORROBORABLE_SHARE)));
    if (contested.length > 0) p.contested = weighted(contested.map((term) => [term, -Math.log(1 - rng.next()) * Math.sqrt(term.end - term.start + 1)] as const));
  }
  const processWeights = weighted(processes.map((p) => [p, p.theatre.weight * (p.end - p.start + 365)] as const));
  return { sizes, rows, actorNames, actorKinds: actorKind, monitors, unattributed, processes, processWeights, sources, nextCitationId, nextAssertionId };
}

function expiryOf(kind: CommitmentKind, effect: number, rng: Rng): number | null {
  const chance = kind === "ceasefire" ? 0.45 : kind === "follow_up_talks" ? 0.6 : kind === "border_mechanism" || kind === "trade" ? 0.2 : 0.1;
  if (!rng.chance(chance)) return null;
  const days = kind === "ceasefire" ? rng.int(2, 120) : kind === "follow_up_talks" ? rng.int(14, 120) : rng.int(30, 720);
  return effect + days;
}

function wording(kind: CommitmentKind, p: ProcessInfo, mediators: number[], names: string[], rng: Rng): string {
  const [a, b] = p.parties.map((id) => names[id]);
  switch (kind) {
    case "ceasefire":
      return `${a} and ${b} will cease all hostilities and hold their positions.`;
    case "armed_group_restraint":
      return `${rng.pick([a, b])} will not allow armed groups to use territory it controls to attack the other side.`;
    case "non_targeting_civilians":
      return "Neither side will target civilians or civilian infrastructure.";
    case "non_targeting_security_forces":
      return "Neither side will target the other's security forces, posts or installations.";
    case "border_mechanism":
      return "A joint border committee will meet regularly to settle incidents along the border.";
    case "verification_mechanism":
      return `${names[mediators[0]]} will lead a joint team that verifies compliance and reports violations.`;
    case "trade":
      return "The border crossings will reopen for trade and transit traffic.";
    case "humanitarian_access":
      return "Humanitarian agencies will have safe and unhindered access to affected areas.";
    case "follow_up_talks":
      return "The delegations will meet again within weeks to continue the talks.";
    default:
      return "The parties will exchange prisoners and return the remains of the dead.";
  }
}
