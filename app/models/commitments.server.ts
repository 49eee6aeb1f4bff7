import { sql, type Kysely, type QueryCreator } from "kysely";
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
import { breachItemsQuery, type BreachItem } from "./breaches.server";
import { commitmentFactsQuery } from "./commitment-status.server";
import { participantsWithRole, type ActorRef } from "./rounds.server";
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

/** Live commitments joined to their derived facts (as `f`), narrowed by the list filters. */
function filteredCommitments(db: Kysely<Database>, q: CommitmentFilters, asOf: string) {
  let qb = db
    .selectFrom("commitments as c")
    .innerJoin(commitmentFactsQuery(db, asOf).as("f"), "f.commitment_id", "c.id")
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
  if (q.status) qb = qb.where("f.status", "=", q.status);
  if (q.party) {
    qb = qb.where(sql<boolean>`c.id in (
      select cp.commitment_id from commitment_parties cp
      where cp.actor_id = (select id from actors where slug = ${q.party}))`);
  }
  if (q.mediator) {
    qb = qb.where(sql<boolean>`c.round_id in (
      select rp.round_id from round_participants rp
      where rp.role = 'mediator' and rp.actor_id = (select id from actors where slug = ${q.mediator}))`);
  }
  return qb;
}

export async function listCommitments(
  db: Kysely<Database>,
  q: Omit<CommitmentListQuery, "format"> & { limit: number },
  asOf: string,
) {
  const qb = filteredCommitments(db, q, asOf).select((eb) => [
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
    "f.status",
    "f.days_held as daysHeld",
    "f.broken",
    "f.first_breach_on as firstBreachOn",
    "f.breach_count as breachCount",
  ]);
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<CommitmentListItem, typeof qb>(qb, SORTS[q.sort], page, (row) => ({
    key: q.sort === "title-asc" ? row.title : row.takesEffectOn,
    id: row.id,
  }));
}

/** How many commitments match the filters, and how many of them are broken (one query). */
export async function commitmentTotals(db: Kysely<Database>, q: CommitmentFilters, asOf: string) {
  return filteredCommitments(db, q, asOf)
    .select([
      sql<number>`count(*)::int`.as("total"),
      sql<number>`(count(*) filter (where f.status = 'broken'))::int`.as("broken"),
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
  /** Every live breach, rejected ones included, in the order the incidents happened. */
  breaches: BreachItem[];
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
  const row = await db
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
          breachItemsQuery(qc)
            .where(sql.ref("b.commitment_id"), "=", sql.ref("c.id"))
            .orderBy("i.occurred_on")
            .orderBy("b.id"),
        ).as("breaches"),
        citationsOf(eb, "commitment_id", "c.id").as("sources"),
        dateAssertionsOf(eb, "commitment_id", "c.id").as("alternativeDates"),
      ];
    })
    .executeTakeFirst();
  if (!row) return null;
  const detail = row as unknown as Omit<CommitmentDetail, "statusReason">;
  // A breach date is only as precise as its incident's ("week of 17 October 2025").
  const breachPrecision = (date: string) => detail.breaches.find((b) => b.incident.occurredOn === date)?.incident.datePrecision ?? "day";
  return { ...detail, statusReason: explainStatus(detail, asOf, breachPrecision) };
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

/** Choices for the commitments filter form (fixed number of small queries). */
export async function commitmentFilterOptions(db: Kysely<Database>) {
  const [processes, rounds, venues, actors] = await Promise.all([
    db.selectFrom("processes").where("deleted_at", "is", null).select(["slug", "name"]).orderBy("name").execute(),
    db.selectFrom("rounds").where("deleted_at", "is", null).select(["slug", "title"]).orderBy("start_date").orderBy("id").execute(),
    db.selectFrom("venues").where("deleted_at", "is", null).select(["slug", "city"]).orderBy("city").execute(),
    db
      .selectFrom("actors as a")
      .innerJoin("commitment_parties as cp", "cp.actor_id", "a.id")
      .where("a.deleted_at", "is", null)
      .select(["a.slug", "a.name", sql<string>`'party'`.as("role")])
      .union(
        db
          .selectFrom("actors as a")
          .innerJoin("round_participants as rp", "rp.actor_id", "a.id")
          .where("a.deleted_at", "is", null)
          .where("rp.role", "=", "mediator")
          .select(["a.slug", "a.name", sql<string>`'mediator'`.as("role")]),
      )
      .orderBy("name")
      .execute(),
  ]);
  return {
    processes: processes.map((p) => ({ value: p.slug, label: p.name })),
    rounds: rounds.map((r) => ({ value: r.slug, label: r.title })),
    venues: venues.map((v) => ({ value: v.slug, label: v.city })),
    parties: actors.filter((a) => a.role === "party").map((a) => ({ value: a.slug, label: a.name })),
    mediators: actors.filter((a) => a.role === "mediator").map((a) => ({ value: a.slug, label: a.name })),
  };
}
