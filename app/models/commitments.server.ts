import { sql, type Kysely, type QueryCreator, type RawBuilder } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import {
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  type CommitmentKind,
  type CommitmentRelation,
  type CommitmentStatus,
  type DatePrecision,
} from "@db/enums";
import { executePrepared } from "@db/connection";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { formatDate } from "~/utils/dates";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import {
  cursorSortRefinement,
  dateRangeRefinement,
  enumParam,
  isoDateParam,
  pagingShape,
  slugParam,
} from "~/utils/query.server";
import { breachDate, breachItemsQuery, type BreachItem } from "./breaches.server";
import { breachFacts, commitmentFactsColumns, commitmentFactsQuery } from "./commitment-status.server";
import { participantRolesCte, participantsWithRole, type ActorRef } from "./rounds.server";
import { citationsOf, dateAssertionsOf, type CitationRef, type DateAssertion } from "./shared.server";

const SORTS = {
  "date-desc": { name: "date-desc", column: "c.takes_effect_on", direction: "desc", idColumn: "c.id" },
  "date-asc": { name: "date-asc", column: "c.takes_effect_on", direction: "asc", idColumn: "c.id" },
  "title-asc": { name: "title-asc", column: "c.title", direction: "asc", idColumn: "c.id" },
} as const satisfies Record<string, KeysetSort>;
export const COMMITMENT_SORTS = Object.keys(SORTS) as (keyof typeof SORTS)[];

export const commitmentListQuerySchema = z
  .object({
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    process: slugParam.optional(),
    round: slugParam.optional(),
    party: slugParam.optional(),
    mediator: slugParam.optional(),
    venue: slugParam.optional(),
    kind: enumParam(COMMITMENT_KINDS, "commitment kind").optional(),
    status: enumParam(COMMITMENT_STATUSES, "status").optional(),
    sort: z.enum(COMMITMENT_SORTS, { error: `Sort by one of: ${COMMITMENT_SORTS.join(", ")}.` }).default("date-desc"),
    ...pagingShape,
  })
  .superRefine(dateRangeRefinement)
  .superRefine(cursorSortRefinement);
export type CommitmentListQuery = z.infer<typeof commitmentListQuerySchema>;
type CommitmentFilters = Omit<CommitmentListQuery, "format" | "sort" | "after" | "before" | "limit">;

export interface CommitmentListItem {
  id: number;
  title: string;
  kind: CommitmentKind;
  announcedOn: string | null;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
  expiresOn: string | null;
  fulfilledOn: string | null;
  process: ActorRef;
  round: { slug: string; title: string } | null;
  boundActors: ActorRef[];
  status: CommitmentStatus;
  /** Days from taking effect to the first corroborated breach, or (when `broken` is false) a lower bound. */
  daysHeld: number | null;
  broken: boolean;
  firstBreachOn: string | null;
  /** Breaches the status rule counts: live, not rejected, inside the commitment's term. */
  breachCount: number;
}

function boundActorsOf(eb: QueryCreator<Database>) {
  return jsonArrayFrom(
    eb
      .selectFrom("commitment_parties as cp")
      .innerJoin("actors as a", "a.id", "cp.actor_id")
      .where(sql.ref("cp.commitment_id"), "=", sql.ref("c.id"))
      .where("a.deleted_at", "is", null)
      .select(["a.slug", "a.name"])
      .orderBy("a.name"),
  ).$castTo<ActorRef[]>();
}

/**
 * Live commitments with their kept breach facts (as `bf`, for commitmentFactsColumns), narrowed by
 * the list filters. A party or mediator is first looked up by its slug (one small query, only when
 * one is asked for): given the actor's id itself, the planner knows that a party to the conflict is
 * bound by thousands of commitments, not the average few hundred, and joins their facts by hash
 * instead of probing the facts once per commitment (37,500 buffers read for pakistan-2, 4,200 with
 * its id).
 */
async function filteredCommitments(db: Kysely<Database>, q: CommitmentFilters, asOf: string) {
  const slugs = [q.party, q.mediator].filter((slug): slug is string => slug !== undefined);
  const ids = new Map(
    slugs.length
      ? (await db.selectFrom("actors").where("slug", "in", slugs).select(["slug", "id"]).execute()).map((a) => [a.slug, a.id])
      : [],
  );
  // An unknown slug matches nothing (null compares equal to no id).
  const idOf = (slug: string) => ids.get(slug) ?? null;
  let qb = db
    .selectFrom("commitments as c")
    .leftJoin(breachFacts.as("bf"), (j) => j.onRef("bf.commitment_id", "=", "c.id"))
    .innerJoin("processes as p", "p.id", "c.process_id")
    .leftJoin("rounds as r", (j) => j.onRef("r.id", "=", "c.round_id").on("r.deleted_at", "is", null))
    .leftJoin("venues as v", "v.id", "r.venue_id")
    .where("c.deleted_at", "is", null);
  if (q.from) qb = qb.where("c.takes_effect_on", ">=", q.from);
  if (q.to) qb = qb.where("c.takes_effect_on", "<=", q.to);
  if (q.process) qb = qb.where("p.slug", "=", q.process);
  if (q.round) qb = qb.where("r.slug", "=", q.round);
  if (q.venue) qb = qb.where("v.slug", "=", q.venue);
  if (q.kind) qb = qb.where("c.kind", "=", q.kind);
  if (q.status) qb = qb.where(commitmentFactsColumns(asOf).only(q.status));
  if (q.party) {
    qb = qb.where(sql<boolean>`c.id in (
      select cp.commitment_id from commitment_parties cp where cp.actor_id = ${idOf(q.party)})`);
  }
  if (q.mediator) {
    qb = qb.where(sql<boolean>`c.round_id in (
      select rp.round_id from round_participants rp where rp.role = 'mediator' and rp.actor_id = ${idOf(q.mediator)})`);
  }
  return qb;
}

export async function listCommitments(
  db: Kysely<Database>,
  q: Omit<CommitmentListQuery, "format"> & { limit: number },
  asOf: string,
) {
  const facts = commitmentFactsColumns(asOf);
  const qb = (await filteredCommitments(db, q, asOf)).select((eb) => [
    "c.id",
    "c.title",
    "c.kind",
    "c.announced_on as announcedOn",
    "c.takes_effect_on as takesEffectOn",
    "c.takes_effect_precision as takesEffectPrecision",
    "c.expires_on as expiresOn",
    "c.fulfilled_on as fulfilledOn",
    sql<ActorRef>`json_build_object('slug', p.slug, 'name', p.name)`.as("process"),
    sql<CommitmentListItem["round"]>`case when r.id is null then null else json_build_object('slug', r.slug, 'title', r.title) end`.as(
      "round",
    ),
    boundActorsOf(eb as unknown as QueryCreator<Database>).as("boundActors"),
    facts.status.as("status"),
    facts.daysHeld.as("daysHeld"),
    facts.broken.as("broken"),
    facts.firstBreachOn.as("firstBreachOn"),
    facts.breachCount.as("breachCount"),
  ]);
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<CommitmentListItem, typeof qb>(qb, SORTS[q.sort], page, (row) => ({
    key: q.sort === "title-asc" ? row.title : row.takesEffectOn,
    id: row.id,
  }));
}

/** How many commitments match the filters, and how many of them are broken (one query). */
export async function commitmentTotals(db: Kysely<Database>, q: CommitmentFilters, asOf: string) {
  return (await filteredCommitments(db, q, asOf))
    .select([
      sql<number>`count(*)::int`.as("total"),
      sql<number>`(count(*) filter (where ${commitmentFactsColumns(asOf).status} = 'broken'))::int`.as("broken"),
    ])
    .executeTakeFirstOrThrow();
}

export const commitmentCsvColumns: CsvColumn<CommitmentListItem>[] = [
  { header: "id", value: (c) => c.id },
  { header: "title", value: (c) => c.title },
  { header: "kind", value: (c) => c.kind },
  { header: "process", value: (c) => c.process.slug },
  { header: "round", value: (c) => c.round?.slug },
  { header: "bound_actors", value: (c) => c.boundActors.map((a) => a.slug).join("; ") },
  { header: "announced_on", value: (c) => c.announcedOn },
  { header: "takes_effect_on", value: (c) => c.takesEffectOn },
  { header: "takes_effect_precision", value: (c) => c.takesEffectPrecision },
  { header: "expires_on", value: (c) => c.expiresOn },
  { header: "fulfilled_on", value: (c) => c.fulfilledOn },
  { header: "status", value: (c) => c.status },
  { header: "days_held", value: (c) => c.daysHeld },
  // A survival analysis needs to know which durations end at an event and which are censored.
  { header: "ended_by_breach", value: (c) => c.broken },
  { header: "first_breach_on", value: (c) => c.firstBreachOn },
  { header: "breaches_counted", value: (c) => c.breachCount },
];

export interface RelatedCommitment {
  relation: CommitmentRelation;
  id: number;
  title: string;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
}

export interface CommitmentDetail extends Omit<CommitmentListItem, "round"> {
  wording: string;
  notes: string | null;
  version: number;
  updatedAt: string;
  firstContestedOn: string | null;
  supersededOn: string | null;
  /** One sentence saying which branch of the status rule applies, and why. */
  statusReason: string;
  round: {
    slug: string;
    title: string;
    startDate: string;
    startPrecision: DatePrecision;
    venue: { slug: string; city: string; country: string } | null;
    mediators: ActorRef[];
  } | null;
  /** This commitment reaffirms / amends / supersedes these. */
  relations: RelatedCommitment[];
  /** These reaffirm / amend / supersede this commitment. */
  relatedBy: RelatedCommitment[];
  /**
   * The first BREACHES_SHOWN live breaches, rejected ones included, in the order the incidents
   * happened: the earliest decide the status. `breachTotal` counts them all.
   */
  breaches: BreachItem[];
  /** Live breaches about live incidents, whatever their assessment or date. */
  breachTotal: number;
  sources: CitationRef[];
  alternativeDates: DateAssertion[];
}

function relatedCommitments(eb: QueryCreator<Database>, direction: "from" | "to") {
  // "from": rows where this commitment is the subject; "to": rows where it is the object.
  const [own, other] =
    direction === "from"
      ? (["cr.commitment_id", "cr.related_commitment_id"] as const)
      : (["cr.related_commitment_id", "cr.commitment_id"] as const);
  return jsonArrayFrom(
    eb
      .selectFrom("commitment_relations as cr")
      .innerJoin("commitments as rc", "rc.id", other)
      .where(own, "=", sql.ref<number>("c.id"))
      .where("rc.deleted_at", "is", null)
      .select(["cr.relation", "rc.id", "rc.title", "rc.takes_effect_on as takesEffectOn", "rc.takes_effect_precision as takesEffectPrecision"])
      .orderBy("rc.takes_effect_on")
      .orderBy("rc.id"),
  ).$castTo<RelatedCommitment[]>();
}

/** One commitment with everything its page shows, in one query; null when missing or deleted. */
export async function getCommitment(db: Kysely<Database>, id: number, asOf: string): Promise<CommitmentDetail | null> {
  const [row] = await executePrepared(
    db,
    db
      .selectFrom("commitments as c")
      .innerJoin(commitmentFactsQuery(db, asOf).as("f"), "f.commitment_id", "c.id")
      .innerJoin("processes as p", "p.id", "c.process_id")
      .where("c.deleted_at", "is", null)
      .where("c.id", "=", id)
      .select((eb) => {
        const qc = eb as unknown as QueryCreator<Database>;
        return [
          "c.id",
          "c.title",
          "c.wording",
          "c.kind",
          "c.notes",
          "c.version",
          "c.updated_at as updatedAt",
          "c.announced_on as announcedOn",
          "c.takes_effect_on as takesEffectOn",
          "c.takes_effect_precision as takesEffectPrecision",
          "c.expires_on as expiresOn",
          "c.fulfilled_on as fulfilledOn",
          sql<ActorRef>`json_build_object('slug', p.slug, 'name', p.name)`.as("process"),
          jsonObjectFrom(
            eb
              .selectFrom("rounds as r")
              .leftJoin("venues as v", "v.id", "r.venue_id")
              .whereRef("r.id", "=", "c.round_id")
              .where("r.deleted_at", "is", null)
              .select((eb2) => [
                "r.slug",
                "r.title",
                "r.start_date as startDate",
                "r.start_precision as startPrecision",
                sql<CommitmentDetail["round"]>`case when v.id is null then null else json_build_object('slug', v.slug, 'city', v.city, 'country', v.country) end`.as(
                  "venue",
                ),
                participantsWithRole(eb2, "mediator").as("mediators"),
              ]),
          ).as("round"),
          boundActorsOf(qc).as("boundActors"),
          "f.status",
          "f.days_held as daysHeld",
          "f.broken",
          "f.first_breach_on as firstBreachOn",
          "f.first_contested_on as firstContestedOn",
          "f.breach_count as breachCount",
          "f.superseded_on as supersededOn",
          relatedCommitments(qc, "from").as("relations"),
          relatedCommitments(qc, "to").as("relatedBy"),
          jsonArrayFrom(
            // The id itself, not c.id: planned for this commitment's breach count, the earliest are
            // read in the order of breaches_commitment_date_idx rather than all of them sorted.
            breachItemsQuery(qc)
              .where("b.commitment_id", "=", id)
              .orderBy(breachDate)
              .orderBy("b.id")
              .limit(BREACHES_SHOWN),
          ).as("breaches"),
          // Kept by the database (migration 1850): a commitment may have thousands of breaches.
          sql<number>`(select coalesce(sum(t.breaches), 0)::int from commitment_breach_tallies t where t.commitment_id = c.id)`.as(
            "breachTotal",
          ),
          breachPrecisionOn(sql.ref("f.first_breach_on")).as("firstBreachPrecision"),
          breachPrecisionOn(sql.ref("f.first_contested_on")).as("firstContestedPrecision"),
          citationsOf(eb, "commitment_id", "c.id").as("sources"),
          dateAssertionsOf(eb, "commitment_id", "c.id").as("alternativeDates"),
        ];
      })
  );
  if (!row) return null;
  const { firstBreachPrecision, firstContestedPrecision, ...detail } = row as unknown as Omit<CommitmentDetail, "statusReason"> & {
    firstBreachPrecision: DatePrecision | null;
    firstContestedPrecision: DatePrecision | null;
  };
  // A breach date is only as precise as its incident's ("week of 17 October 2025").
  const breachPrecision = (date: string) =>
    (date === detail.firstBreachOn ? firstBreachPrecision : date === detail.firstContestedOn ? firstContestedPrecision : null) ?? "day";
  return { ...detail, statusReason: explainStatus(detail, asOf, breachPrecision) };
}

/** How many breaches a commitment's page and API item list; the rest are a link away. */
export const BREACHES_SHOWN = 30;

/**
 * The date precision of the incident of the commitment's first live breach on `date` (the date of
 * a fact the status sentence names), read by index whether or not that breach is among those listed.
 */
function breachPrecisionOn(date: RawBuilder<string | null>) {
  return sql<DatePrecision | null>`(select i.date_precision from breaches b join incidents i on i.id = b.incident_id
    where b.commitment_id = c.id and b.deleted_at is null and i.deleted_at is null and b.incident_occurred_on = ${date}
    order by b.id limit 1)`;
}

type StatusFacts = Pick<
  CommitmentDetail,
  | "status"
  | "takesEffectOn"
  | "takesEffectPrecision"
  | "expiresOn"
  | "fulfilledOn"
  | "daysHeld"
  | "firstBreachOn"
  | "firstContestedOn"
  | "supersededOn"
>;

function days(n: number) {
  return `${n} day${n === 1 ? "" : "s"}`;
}

/**
 * Puts the branch of the status rule (commitment-status.server.ts) that applied into words. It
 * reads the facts the rule derived; it decides nothing itself.
 */
export function explainStatus(
  f: StatusFacts,
  asOf: string,
  breachPrecision: (date: string) => DatePrecision = () => "day",
): string {
  const effect = formatDate(f.takesEffectOn, f.takesEffectPrecision);
  const breachDate = (date: string | null) => {
    if (!date) return "on an unknown date";
    const precision = breachPrecision(date);
    return `${precision === "day" ? "on" : precision === "week" ? "in the" : "in"} ${formatDate(date, precision)}`;
  };
  const clean = "with no corroborated, alleged or disputed breach before then";
  switch (f.status) {
    case "not_yet_in_effect":
      return `Not yet in effect: it takes effect on ${effect}.`;
    case "broken": {
      const after = f.daysHeld ? `${days(f.daysHeld)} after it took effect` : "the day it took effect";
      return `Broken: a corroborated breach ${breachDate(f.firstBreachOn)}, ${after}.`;
    }
    case "disputed":
      return `Disputed: a breach ${breachDate(f.firstContestedOn)} is alleged or disputed, and no breach is corroborated.`;
    case "superseded":
      return `Superseded: a later commitment replaced it on ${formatDate(f.supersededOn)}, ${clean}.`;
    case "fulfilled":
      return `Fulfilled on ${formatDate(f.fulfilledOn)}, ${clean}.`;
    case "lapsed":
      return `Lapsed: it expired on ${formatDate(f.expiresOn)}, ${clean}.`;
    case "holding":
      return `Holding: no corroborated, alleged or disputed breach from ${effect} to ${formatDate(asOf)}.`;
  }
}

/**
 * Choices for the commitments filter form (three small queries; the page keeps them per data
 * version, see models/cached.server.ts). Rounds are thousands, so the form takes a round's address
 * (slug) and only the round chosen is read, to name it (`chosenRound`).
 */
export async function commitmentFilterOptions(db: Kysely<Database>) {
  const [processes, venues, actors] = await Promise.all([
    db.selectFrom("processes").where("deleted_at", "is", null).select(["slug", "name"]).orderBy("name").execute(),
    db.selectFrom("venues").where("deleted_at", "is", null).select(["slug", "city"]).orderBy("city").execute(),
    // The bound actors are found by jumping along commitment_parties_actor_idx from one actor to the
    // next: an exists() per actor was planned as a scan of every binding for each of them. Mediators
    // likewise along the participations (participantRolesCte).
    sql<{ slug: string; name: string; bound: boolean; mediated: boolean }>`
      with recursive bound(actor_id) as (
        (select actor_id from commitment_parties order by actor_id limit 1)
        union all
        select nx.actor_id from bound cross join lateral (
          select cp.actor_id from commitment_parties cp where cp.actor_id > bound.actor_id order by cp.actor_id limit 1) nx),
      ${participantRolesCte}
      select a.slug, a.name, a.id in (select actor_id from bound) as bound,
        exists (select 1 from roles where roles.actor_id = a.id and roles.role = 'mediator') as mediated
      from actors a where a.deleted_at is null
      order by a.name`
      .execute(db)
      .then((r) => r.rows),
  ]);
  return {
    processes: processes.map((p) => ({ value: p.slug, label: p.name })),
    venues: venues.map((v) => ({ value: v.slug, label: v.city })),
    parties: actors.filter((a) => a.bound).map((a) => ({ value: a.slug, label: a.name })),
    mediators: actors.filter((a) => a.mediated).map((a) => ({ value: a.slug, label: a.name })),
  };
}

/** The round the commitments list is narrowed to, named for its filter field; null when there is none. */
export async function chosenRound(db: Kysely<Database>, slug: string | undefined) {
  if (slug === undefined) return null;
  const round = await db.selectFrom("rounds").where("slug", "=", slug).where("deleted_at", "is", null).select(["slug", "title"]).executeTakeFirst();
  return round ? { value: round.slug, label: round.title } : null;
}
