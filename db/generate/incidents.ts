// The big tables, generated as a stream: incidents in id order, each with its claims, the
// breaches it counts as, and the citations and date assertions of both. Nothing but counters is
// kept between incidents, so memory stays bounded at any size.
import type { ClaimCategory, IncidentKind } from "../enums";
import { FIRST_DAY, firstOfMonth, firstOfYear, iso } from "./days";
import { createRng, weighted, type Rng } from "./random";
import { BREACHING_KINDS, COMMITMENT_NAMES, type ProcessInfo, type Term, type World } from "./world";
import { Rows, SPECS, addCitation, type Batch, type TableKey } from "./tables";

/** Share of incidents generated to fall inside a commitment's term and be recorded as breaching it. */
const BREACH_SHARE = 0.05;
/** Share of breaching incidents that also breach a second commitment in force that day. */
const SECOND_BREACH_SHARE = 0.25;

const KINDS = weighted<IncidentKind>([
  ["airstrike", 14], ["drone_strike", 14], ["cross_border_fire", 22], ["ground_assault", 12],
  ["militant_attack", 18], ["suicide_attack", 5], ["border_closure", 5], ["other", 10],
]);
/** Mean killed per incident, by kind (the "true" figure that the claims scatter around). */
const LETHALITY: Record<IncidentKind, number> = {
  airstrike: 6, drone_strike: 3, cross_border_fire: 2, ground_assault: 5,
  militant_attack: 6, suicide_attack: 12, border_closure: 0, other: 1,
};
const DATE_PRECISIONS = weighted([["day", 88], ["week", 6], ["month", 5], ["year", 1]] as const);
const LOCATION_PRECISIONS = weighted([["exact", 15], ["district", 45], ["province", 30], ["country", 10]] as const);
const CLAIM_COUNTS = weighted([[1, 25], [2, 35], [3, 25], [4, 15]] as const);
// Overall 40% alleged, 35% corroborated, 20% disputed, 5% rejected, given that 60% of breaches
// (CORROBORABLE_SHARE in world.ts) fall on commitments whose breaches can be corroborated.
const ASSESSMENTS_CORROBORABLE = weighted([["alleged", 25.8], ["corroborated", 58.3], ["disputed", 12.9], ["rejected", 3.2]] as const);
const ASSESSMENTS_UNCORROBORATED = weighted([["alleged", 61.3], ["disputed", 30.7], ["rejected", 8]] as const);
const CITATION_COUNTS = weighted([[1, 70], [2, 25], [3, 5]] as const);
/** What an incident of each kind is called in titles and sentences. */
const NOUNS: Record<IncidentKind, string> = {
  airstrike: "airstrike", drone_strike: "drone strike", cross_border_fire: "cross-border fire", ground_assault: "ground assault",
  militant_attack: "militant attack", suicide_attack: "suicide attack", border_closure: "border closure", other: "security incident",
};
const SPOTS = ["A market", "A checkpoint", "A border post", "A village", "The main road", "A camp", "A school", "A bazaar"];

export class IncidentStream {
  private readonly rng: Rng;
  private nextIncident = 1;
  private nextClaim = 1;
  private nextBreach = 1;
  private nextCitation: number;
  private nextAssertion: number;

  constructor(private readonly world: World, seed: number) {
    this.rng = createRng(seed, "incidents");
    this.nextCitation = world.nextCitationId;
    this.nextAssertion = world.nextAssertionId;
  }

  get remaining(): number {
    return this.world.sizes.incidents - this.nextIncident + 1;
  }

  /** Appends up to `count` more incidents, with everything that hangs off them, to `batch`. */
  fill(batch: Batch, count: number): void {
    const rows = <K extends TableKey>(k: K) => (batch[k] ??= new Rows(SPECS[k]));
    const end = Math.min(this.world.sizes.incidents, this.nextIncident + count - 1);
    while (this.nextIncident <= end) this.incident(this.nextIncident++, rows);
  }

  private incident(id: number, rows: <K extends TableKey>(k: K) => Rows): void {
    const { rng, world } = this;
    const names = world.actorNames;
    const p = rng.draw(world.processWeights);
    const term = p.contested && rng.chance(BREACH_SHARE) ? rng.draw(p.contested) : null;

    let day: number;
    let kind: IncidentKind;
    let precision: string;
    let perpetrator: number | null;
    if (term) {
      day = term.start + rng.int(0, term.end - term.start);
      kind = rng.pick(BREACHING_KINDS[term.kind]!);
      // A date vaguer than a week would not place the incident inside the term.
      precision = rng.chance(0.92) ? "day" : "week";
      perpetrator = term.kind === "armed_group_restraint" && p.others.length > 0 && rng.chance(0.6) ? rng.pick(p.others) : rng.pick(term.bound);
    } else {
      day = rng.int(Math.max(FIRST_DAY, p.start - 180), p.end);
      kind = rng.draw(KINDS);
      precision = rng.draw(DATE_PRECISIONS);
      if (precision === "month") day = firstOfMonth(day);
      else if (precision === "year") day = firstOfYear(day);
      const r = rng.next();
      perpetrator = r < 0.75 ? rng.pick(p.parties) : r < 0.85 && p.others.length > 0 ? rng.pick(p.others) : null;
    }
    const date = iso(day);
    const ended = rng.chance(0.08) ? iso(day + rng.int(1, 5)) : null;

    const province = rng.draw(p.provinces);
    const place = rng.pick(province.places);
    const country = p.theatre.countryNames[province.countryCode];
    const locationPrecision = rng.draw(LOCATION_PRECISIONS);
    let where: string;
    let lat: number | null = null;
    let lon: number | null = null;
    let placeName: string | null = null;
    if (locationPrecision === "exact") {
      placeName = `${rng.pick(SPOTS)} near ${place.district}`;
      lat = round4(place.latitude + (rng.next() - 0.5) * 0.06);
      lon = round4(place.longitude + (rng.next() - 0.5) * 0.06);
      where = `${place.district}, ${province.name}`;
    } else if (locationPrecision === "district") {
      lat = place.latitude;
      lon = place.longitude;
      where = `${place.district}, ${province.name}`;
    } else if (locationPrecision === "province") {
      lat = province.latitude;
      lon = province.longitude;
      where = province.name;
    } else {
      where = country;
    }
    const noun = NOUNS[kind];
    rows("incidents").add(
      id,
      `${noun.charAt(0).toUpperCase()}${noun.slice(1)} in ${where}`,
      date,
      precision,
      ended,
      kind,
      province.countryCode,
      locationPrecision === "country" ? null : province.name,
      locationPrecision === "exact" || locationPrecision === "district" ? place.district : null,
      placeName,
      lat,
      lon,
      locationPrecision,
      perpetrator,
      `${noun.charAt(0).toUpperCase()}${noun.slice(1)} reported in ${where === country ? country : `${where}, ${country}`} on ${date}; ${perpetrator === null ? "no one has been identified as responsible" : `attributed to ${names[perpetrator]}`}. Synthetic record.`,
    );
    this.cite(rows("citations"), "incident_id", id, day);
    if (rng.chance(0.01)) this.disagree(rows("date_assertions"), id, day);
    this.claims(rows("claims"), id, day, kind, p, perpetrator);

    if (term) {
      this.breach(rows, term, id, day, kind, p, perpetrator);
      if (rng.chance(SECOND_BREACH_SHARE)) {
        // A second commitment in force that day, if a few random picks find one.
        for (let tries = 0; tries < 3; tries++) {
          const other = rng.draw(p.contested!);
          if (other.commitmentId !== term.commitmentId && other.start <= day && day <= other.end && BREACHING_KINDS[other.kind]!.includes(kind)) {
            this.breach(rows, other, id, day, kind, p, perpetrator);
            break;
          }
        }
      }
    }
  }

  private claims(rows: Rows, incidentId: number, day: number, kind: IncidentKind, p: ProcessInfo, perpetrator: number | null) {
    const { rng, world } = this;
    const killed = kind === "border_closure" ? 0 : Math.floor(LETHALITY[kind] * -Math.log(1 - rng.next()));
    const injured = kind === "border_closure" ? 0 : Math.floor(killed * (0.5 + rng.next() * 1.5)) + (rng.chance(0.3) ? rng.int(0, 5) : 0);
    const monitor = rng.pick(world.monitors);
    const claimants = rng.sample([p.parties[0], p.parties[1], monitor, world.unattributed], rng.draw(CLAIM_COUNTS));
    const date = iso(day);
    // Whose people the dead were, for claims that count fighters: the side that was hit, or for
    // "militants" an armed group (that side if it is one, else a spoiler group of the theatre).
    const hit = perpetrator !== null && p.parties.includes(perpetrator) ? p.parties.find((a) => a !== perpetrator)! : rng.pick(p.parties);
    const fighters = world.actorKinds[hit] === "armed_group" ? hit : p.others.length > 0 ? rng.pick(p.others) : null;
    for (const claimant of claimants) {
      let category: ClaimCategory;
      let kLow: number | null;
      let kHigh: number | null;
      let iLow: number | null = null;
      let iHigh: number | null = null;
      let rank = "normal";
      let affected: number | null = null;
      if (kind === "border_closure") {
        category = "unknown";
        kLow = kHigh = 0;
      } else if (claimant === perpetrator) {
        // The side blamed plays it down, and says those killed were fighters.
        category = rng.chance(0.6) ? "militants" : rng.chance(0.5) ? "security_forces" : "mixed";
        kLow = kHigh = Math.round(killed * (0.2 + rng.next() * 0.8));
      } else if (claimant === p.parties[0] || claimant === p.parties[1]) {
        // The other side counts high, and counts civilians.
        category = rng.chance(0.6) ? "civilians" : rng.chance(0.75) ? "security_forces" : "mixed";
        kLow = Math.round(killed * (1 + rng.next() * 3));
        kHigh = rng.chance(0.3) ? null : kLow + rng.int(0, Math.max(1, Math.round(kLow / 2)));
        if (rng.chance(0.6)) iLow = Math.round(injured * (1 + rng.next()));
      } else if (claimant === monitor) {
        category = rng.chance(0.5) ? "civilians" : rng.chance(0.6) ? "mixed" : "unknown";
        kLow = Math.floor(killed * 0.8);
        kHigh = Math.ceil(killed * 1.2);
        iLow = Math.floor(injured * 0.8);
        iHigh = Math.ceil(injured * 1.2);
        if (rng.chance(0.15)) rank = "preferred";
      } else {
        category = "unknown";
        kLow = killed;
        kHigh = null;
      }
      if (category === "security_forces") affected = hit;
      else if (category === "militants") affected = fighters;
      if (rng.chance(0.03)) rank = "deprecated";
      rows.add(
        this.nextClaim++,
        incidentId,
        claimant,
        this.world.sources.near(day, rng),
        rng.chance(0.3) ? `para. ${rng.int(1, 12)}` : null,
        category,
        affected,
        kLow,
        kHigh,
        iLow,
        iHigh,
        rank,
        rank === "deprecated" ? "Figure later corrected by the same claimant." : null,
        date,
      );
    }
  }

  private breach(
    rows: <K extends TableKey>(k: K) => Rows,
    term: Term,
    incidentId: number,
    day: number,
    kind: IncidentKind,
    p: ProcessInfo,
    perpetrator: number | null,
  ) {
    const { rng, world } = this;
    const names = world.actorNames;
    const id = this.nextBreach++;
    // Restraint commitments are broken by whoever was bound to hold the group back; other breaches
    // by the perpetrator if it is bound, else the blame falls on a bound party.
    const responsible =
      term.kind === "armed_group_restraint" || perpetrator === null || !term.bound.includes(perpetrator)
        ? rng.pick(term.bound)
        : rng.chance(0.9) ? perpetrator : null;
    const victim = p.parties.find((a) => a !== responsible) ?? p.parties[0];
    const r = rng.next();
    const allegedBy = r < 0.7 ? victim : r < 0.9 ? rng.pick(world.monitors) : null;
    const assessment = rng.draw(term.corroborable ? ASSESSMENTS_CORROBORABLE : ASSESSMENTS_UNCORROBORATED);
    const what = `the ${NOUNS[kind]} of ${iso(day)}`;
    const commitment = `commitment (${COMMITMENT_NAMES[term.kind].toLowerCase()})`;
    const since = iso(term.start);
    const reasoning =
      assessment === "corroborated"
        ? `Independent reporting confirms ${what} and its attribution; it fell inside the ${commitment} in force since ${since}.`
        : assessment === "disputed"
          ? `${responsible === null ? "The side blamed" : names[responsible]} denies responsibility for ${what}, which fell inside the ${commitment} in force since ${since}.`
          : assessment === "rejected"
            ? `On review, ${what} is not attributable to a side bound by the ${commitment}; the allegation is rejected.`
            : `${allegedBy === null ? "Reports allege" : `${names[allegedBy]} alleges`} that ${what} broke the ${commitment} in force since ${since}; not yet corroborated.`;
    rows("breaches").add(id, term.commitmentId, incidentId, responsible, allegedBy, assessment, reasoning, iso(day));
    this.cite(rows("citations"), "breach_id", id, day);
  }

  private cite(rows: Rows, column: "incident_id" | "breach_id", recordId: number, day: number) {
    const { rng, world } = this;
    const count = rng.draw(CITATION_COUNTS);
    let previous = 0;
    for (let i = 0; i < count; i++) {
      const sourceId = world.sources.near(day, rng);
      if (sourceId === previous) continue;
      previous = sourceId;
      addCitation(rows, this.nextCitation++, sourceId, rng.chance(0.3) ? `p. ${rng.int(1, 20)}` : null, column, recordId);
    }
  }

  private disagree(rows: Rows, incidentId: number, day: number) {
    const { rng, world } = this;
    const other = day + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 2);
    for (const value of [day, other]) {
      const sourceId = world.sources.near(day, rng);
      rows.add(this.nextAssertion++, null, null, incidentId, "occurredOn", iso(value), "day", sourceId, `Source ${sourceId} gives ${iso(value)}.`);
    }
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
