import { sql, type Kysely, type QueryCreator } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import type { CommitmentKind, CommitmentStatus, DatePrecision, RoundOutcome } from "@db/enums";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import { cursorSortRefinement, pagingShape } from "~/utils/query.server";
import { commitmentFactsQuery } from "./commitment-status.server";
import { commitmentGroupCounts } from "./group-tallies.server";
import type { ActorRef } from "./rounds.server";

const CITY_SORT = { name: "city-asc", column: "vt.city", direction: "asc", idColumn: "vt.id" } as const satisfies KeysetSort;

export const venueListQuerySchema = z
  .object({ ...pagingShape })
  // One order (by city); a cursor made for another list's order is refused here.
  .superRefine((q, ctx) => cursorSortRefinement({ ...q, sort: CITY_SORT.name }, ctx));
export type VenueListQuery = z.infer<typeof venueListQuerySchema>;

export interface VenueListItem {
  id: number;
  slug: string;
  city: string;
  country: string;
  countryCode: string;
  latitude: number;
  longitude: number;
  /** Live rounds held there. */
  rounds: number;
  /** Live commitments made at those rounds, and how many of them are broken. */
  commitments: number;
  broken: number;
}

/** Venues with their live rounds counted; the commitments made there are kept by the database (group_tallies). */
function venueTallies(db: Kysely<Database>, asOf: string) {
  const made = commitmentGroupCounts("venue", sql`v.id`, asOf);
  return db
    .selectFrom("venues as v")
    .where("v.deleted_at", "is", null)
    .select([
      "v.id",
      "v.slug",
      "v.city",
      "v.country",
      "v.country_code as countryCode",
      "v.latitude",
      "v.longitude",
      sql<number>`(select count(*) from rounds r where r.venue_id = v.id and r.deleted_at is null)::int`.as("rounds"),
      made.n.as("commitments"),
      made.broken.as("broken"),
    ]);
}

export async function listVenues(db: Kysely<Database>, q: Omit<VenueListQuery, "format"> & { limit: number }, asOf: string) {
  const qb = db.selectFrom(venueTallies(db, asOf).as("vt")).selectAll();
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<VenueListItem, typeof qb>(qb, CITY_SORT, page, (row) => ({ key: row.city, id: row.id }));
}

export const venueCsvColumns: CsvColumn<VenueListItem>[] = [
  { header: "id", value: (v) => v.id },
  { header: "slug", value: (v) => v.slug },
  { header: "city", value: (v) => v.city },
  { header: "country", value: (v) => v.country },
  { header: "country_code", value: (v) => v.countryCode },
  { header: "latitude", value: (v) => v.latitude },
  { header: "longitude", value: (v) => v.longitude },
  { header: "rounds", value: (v) => v.rounds },
  { header: "commitments_obtained", value: (v) => v.commitments },
  { header: "commitments_broken", value: (v) => v.broken },
];

export interface VenueRound {
  slug: string;
  title: string;
  startDate: string;
  startPrecision: DatePrecision;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  outcome: RoundOutcome;
  mediators: ActorRef[];
  hosts: ActorRef[];
}

export interface VenueCommitment {
  id: number;
  title: string;
  kind: CommitmentKind;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
  status: CommitmentStatus;
  daysHeld: number | null;
  broken: boolean;
  round: { slug: string; title: string };
}

export interface VenueDetail {
  id: number;
  slug: string;
  city: string;
  country: string;
  countryCode: string;
  latitude: number;
  longitude: number;
  description: string | null;
  version: number;
  updatedAt: string;
  /** The latest VENUE_PAGE_LATEST live rounds held there, newest first. */
  rounds: VenueRound[];
  /** All the live rounds held there. */
  roundCount: number;
  /** The latest VENUE_PAGE_LATEST commitments made at those rounds, by taking effect, with their derived status. */
  commitments: VenueCommitment[];
  /** All the live commitments made there, and how many of them are broken. */
  commitmentCount: number;
  commitmentsBroken: number;
}

/**
 * How many rounds and commitments a venue's page lists, the latest first, with the count of all:
 * a city that hosted hundreds of rounds would otherwise send them all, each with its mediators.
 */
export const VENUE_PAGE_LATEST = 20;

/** Mediators or hosts of the round `r` of the enclosing query. */
function participantsOf(qc: QueryCreator<Database>, role: "mediator" | "host") {
  return jsonArrayFrom(
    qc
      .selectFrom("round_participants as rp")
      .innerJoin("actors as a", "a.id", "rp.actor_id")
      .where(sql.ref("rp.round_id"), "=", sql.ref("r.id"))
      .where("rp.role", "=", role)
      .where("a.deleted_at", "is", null)
      .select(["a.slug", "a.name"])
      .orderBy("a.name"),
  ).$castTo<ActorRef[]>();
}

/** One venue with its latest rounds and what they produced, in one query. */
export async function getVenue(db: Kysely<Database>, where: { slug: string } | { id: number }, asOf: string) {
  const made = commitmentGroupCounts("venue", sql`v.id`, asOf);
  const row = await db
    .selectFrom("venues as v")
    .where("v.deleted_at", "is", null)
    .where((eb) => ("slug" in where ? eb("v.slug", "=", where.slug) : eb("v.id", "=", where.id)))
    .select((eb) => [
      "v.id",
      "v.slug",
      "v.city",
      "v.country",
      "v.country_code as countryCode",
      "v.latitude",
      "v.longitude",
      "v.description",
      "v.version",
      "v.updated_at as updatedAt",
      jsonArrayFrom(
        eb
          .selectFrom("rounds as r")
          .whereRef("r.venue_id", "=", "v.id")
          .where("r.deleted_at", "is", null)
          .select((eb2) => [
            "r.slug",
            "r.title",
            "r.start_date as startDate",
            "r.start_precision as startPrecision",
            "r.end_date as endDate",
            "r.end_precision as endPrecision",
            "r.outcome",
            participantsOf(eb2 as unknown as QueryCreator<Database>, "mediator").as("mediators"),
            participantsOf(eb2 as unknown as QueryCreator<Database>, "host").as("hosts"),
          ])
          .orderBy("r.start_date", "desc")
          .orderBy("r.id", "desc")
          .limit(VENUE_PAGE_LATEST),
      ).as("rounds"),
      sql<number>`(select count(*) from rounds r where r.venue_id = v.id and r.deleted_at is null)::int`.as("roundCount"),
      made.n.as("commitmentCount"),
      made.broken.as("commitmentsBroken"),
      jsonArrayFrom(
        eb
          .selectFrom(
            eb
              .selectFrom("commitments as c")
              .innerJoin("rounds as cr", "cr.id", "c.round_id")
              .whereRef("cr.venue_id", "=", "v.id")
              .where("cr.deleted_at", "is", null)
              .where("c.deleted_at", "is", null)
              .select(["c.id", "c.title", "c.kind", "c.takes_effect_on", "c.takes_effect_precision", "cr.slug as round_slug", "cr.title as round_title"])
              .orderBy("c.takes_effect_on", "desc")
              .orderBy("c.id", "desc")
              .limit(VENUE_PAGE_LATEST)
              .as("c"),
          )
          // The status is derived for the listed commitments only.
          .innerJoin(commitmentFactsQuery(db, asOf).as("f"), "f.commitment_id", "c.id")
          .select([
            "c.id",
            "c.title",
            "c.kind",
            "c.takes_effect_on as takesEffectOn",
            "c.takes_effect_precision as takesEffectPrecision",
            "f.status",
            "f.days_held as daysHeld",
            "f.broken",
            sql<VenueCommitment["round"]>`json_build_object('slug', c.round_slug, 'title', c.round_title)`.as("round"),
          ])
          .orderBy("c.takes_effect_on", "desc")
          .orderBy("c.id", "desc"),
      ).as("commitments"),
    ])
    .executeTakeFirst();
  return (row as VenueDetail | undefined) ?? null;
}
