// Sources are spread evenly over the generated years in id order, so that "a source published
// shortly after day D" is a computed id range rather than a lookup: records cite sources that
// appeared after the events they describe, without the generator keeping 200,000 sources in memory.
import { FIRST_DAY, LAST_DAY, firstOfMonth, firstOfYear, iso, monthYear } from "./days";
import { FIRST_NAMES, HEADLINES, LAST_NAMES, PUBLISHER_WORDS } from "./reference";
import { weighted, type Rng } from "./random";
import type { Rows } from "./tables";
import { slugify } from "./text";

// A month past the last event, so that December's events still find later sources.
const SPAN = LAST_DAY + 31 - FIRST_DAY + 1;
/** How far past an event (in days) a citing source may be. */
const REPORTING_WINDOW = 21;

export class SourceSchedule {
  private readonly window: number;
  constructor(readonly count: number) {
    this.window = Math.max(1, Math.ceil((count * REPORTING_WINDOW) / SPAN));
  }

  /** The nominal publication day of source `id` (1-based). */
  dayOf(id: number): number {
    return FIRST_DAY + Math.floor(((id - 1) * SPAN) / this.count);
  }

  /** A source published on or shortly after `day`. */
  near(day: number, rng: Rng): number {
    const first = Math.ceil(((day - FIRST_DAY) * this.count) / SPAN) + 1;
    return Math.min(this.count, Math.max(1, first + rng.int(0, this.window)));
  }

  any(rng: Rng): number {
    return rng.int(1, this.count);
  }
}

const KINDS = weighted([
  ["news", 55],
  ["official_statement", 15],
  ["ngo_report", 9],
  ["un_report", 5],
  ["analysis", 8],
  ["social_media", 8],
] as const);

const PRECISIONS = weighted([
  ["day", 92],
  ["month", 5],
  ["year", 2],
  [null, 1],
] as const);

interface Publisher {
  name: string;
  slug: string;
}

const publishers = (names: string[]): Publisher[] => names.map((name) => ({ name, slug: slugify(name) }));
const { news, places, ngos, analysis, social } = PUBLISHER_WORDS;
const OFFICES = ["Ministry of Foreign Affairs", "Ministry of Defence", "Office of the Spokesperson", "Government Media Centre"];
const GOVERNMENTS = ["Pakistan", "Afghanistan", "India", "Armenia", "Azerbaijan", "Sudan", "Yemen", "Colombia", "DR Congo", "Qatar", "Türkiye", "Saudi Arabia"];

const PUBLISHERS: Record<string, Publisher[]> = {
  news: publishers(places.flatMap((p) => news.map((n) => `The ${p} ${n}`))),
  official_statement: publishers(GOVERNMENTS.flatMap((g) => OFFICES.map((o) => `${o}, ${g}`))),
  ngo_report: publishers(places.flatMap((p) => ngos.map((n) => `${p} ${n}`))),
  un_report: publishers([
    "UN Office for the Coordination of Humanitarian Affairs",
    "Office of the UN High Commissioner for Human Rights",
    "UN Secretary-General",
    "UN Security Council",
  ]),
  analysis: publishers(places.flatMap((p) => analysis.map((n) => `${p} ${n}`))),
  social_media: publishers(social.flatMap((s) => GOVERNMENTS.map((g) => `${s}, ${g}`))),
};

/** Appends sources `from`..`to` (ids, inclusive) to `rows` (SPECS.sources). */
export function addSources(schedule: SourceSchedule, rng: Rng, rows: Rows, from: number, to: number): void {
  for (let id = from; id <= to; id++) {
    const kind = rng.draw(KINDS);
    const publisher = rng.pick(PUBLISHERS[kind]);
    const nominal = schedule.dayOf(id);
    const precision = rng.draw(PRECISIONS);
    const day = precision === "month" ? firstOfMonth(nominal) : precision === "year" ? firstOfYear(nominal) : nominal;
    const published = precision === null ? null : iso(day);
    const author = kind !== "social_media" && rng.chance(0.45) ? `${rng.pick(FIRST_NAMES).charAt(0)}. ${rng.pick(LAST_NAMES)}` : null;
    const date = iso(nominal);
    const url = rng.chance(0.95) ? `https://example.org/${publisher.slug}/${date.slice(0, 4)}/${date.slice(5, 7)}/${id}` : null;
    rows.add(id, kind, publisher.name, `${rng.pick(HEADLINES)} (${monthYear(nominal)})`, author, published, precision, url, null);
  }
}
