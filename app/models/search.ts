// What the search page and the server share: the record types searched, the limits, the result
// shapes. The queries are in search.server.ts.
import type { DatePrecision } from "@db/enums";

export const SEARCH_TYPES = ["round", "commitment", "incident", "actor", "venue", "source"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** Headings of the result groups. */
export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  round: "Rounds",
  commitment: "Commitments",
  incident: "Incidents",
  actor: "Actors",
  venue: "Venues",
  source: "Sources",
};

/** Results per type on the grouped page, ranked among at most GROUP_CANDIDATES matches ("100+"). */
export const GROUP_SIZE = 10;
export const GROUP_CANDIDATES = 100;
/**
 * Results per page when one type is shown, ranked among at most TYPE_CANDIDATES matches ("200+").
 * Finding the candidates of two common words that rarely meet (“border strike”: 5,000 of 2,000,000
 * incidents) means reading incidents until that many are found, in proportion to the cap: 500 cost
 * about 360 ms, 200 about 150 ms on the busy benchmark machine; past 200 a reader refines the words
 * rather than paging.
 */
export const TYPE_PAGE_SIZE = 50;
export const TYPE_CANDIDATES = 200;
/** Pages of one type: 4 × 50 reaches every ranked candidate. */
export const MAX_PAGE = TYPE_CANDIDATES / TYPE_PAGE_SIZE;
export const MAX_QUERY_LENGTH = 200;

/** Text with the words that matched the query marked; render `match` segments as <mark>. */
export type Highlighted = { text: string; match: boolean }[];

export interface SearchHit {
  type: SearchType;
  id: number;
  /** The record's page. */
  url: string;
  title: string;
  titleHighlight: Highlighted;
  /** Where, by whom or also called: place, venue, publisher, aliases — with matches marked. */
  context: Highlighted;
  /** A passage of the record's text around the matching words (its opening when only the title matched). */
  snippet: Highlighted;
  /** An enumeration value: round outcome, commitment, incident, actor or source kind. */
  kind: string | null;
  date: string | null;
  datePrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  rank: number;
}

export interface SearchGroup {
  type: SearchType;
  /** Matching records, counted up to the candidates ranked (GROUP_CANDIDATES or TYPE_CANDIDATES). */
  total: number;
  /** True when more records match than were ranked: `total` is then a lower bound. */
  totalIsLowerBound: boolean;
  /**
   * The cap: at most this many matches are ranked (GROUP_CANDIDATES, or TYPE_CANDIDATES for one
   * type). When more match, the results are the best of the first `cap` found, not of all.
   */
  cap: number;
  hits: SearchHit[];
  /** Whether results follow the ones shown (on a further page, or on the type's own page). */
  more: boolean;
}

export interface SearchResults {
  q: string;
  type: SearchType | null;
  page: number;
  /** False when the words are all stop words or punctuation: nothing to look for. */
  searchable: boolean;
  groups: SearchGroup[];
}

