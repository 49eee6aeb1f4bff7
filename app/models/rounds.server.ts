import { sql, type Kysely } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import {
  ROUND_OUTCOMES,
  type ActorKind,
  type CommitmentKind,
  type CommitmentStatus,
  type DatePrecision,
  type ParticipantRole,
  type RoundFormat,
  type RoundOutcome,
} from "@db/enums";
import { executePrepared } from "@db/connection";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import {
  cursorSortRefinement,
  dateRangeRefinement,
  enumParam,
  isoDateParam,
  pagingShape,
  slugParam,
} from "~/utils/query.server";
import { commitmentFactsQuery } from "./commitment-status.server";
import { citationsOf, dateAssertionsOf, type CitationRef, type DateAssertion } from "./shared.server";

const SORTS = {
  "date-desc": { name: "date-desc", column: "r.start_date", direction: "desc", idColumn: "r.id" },
  "date-asc": { name: "date-asc", column: "r.start_date", direction: "asc", idColumn: "r.id" },
  "title-asc": { name: "title-asc", column: "r.title", direction: "asc", idColumn: "r.id" },
} as const satisfies Record<string, KeysetSort>;
export const ROUND_SORTS = Object.keys(SORTS) as (keyof typeof SORTS)[];

export const roundListQuerySchema = z
  .object({
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    process: slugParam.optional(),
    venue: slugParam.optional(),
    mediator: slugParam.optional(),
    party: slugParam.optional(),
    outcome: enumParam(ROUND_OUTCOMES, "round outcome").optional(),
    sort: z.enum(ROUND_SORTS, { error: `Sort by one of: ${ROUND_SORTS.join(", ")}.` }).default("date-desc"),
    ...pagingShape,
  })
  .superRefine(dateRangeRefinement)
  .superRefine(cursorSortRefinement);
export type RoundListQuery = z.infer<typeof roundListQuerySchema>;

export interface ActorRef {
  slug: string;
  name: string;
}

export interface RoundListItem {
  id: number;
  slug: string;
  title: string;
  startDate: string;
  startPrecision: DatePrecision;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  format: RoundFormat;
  outcome: RoundOutcome;
  process: ActorRef;
  venue: { slug: string; city: string; country: string } | null;
  mediators: ActorRef[];
  parties: ActorRef[];
  hosts: ActorRef[];
  commitmentCount: number;
}

/** The actors who held `role` in the round aliased `r` in the enclosing query. */
export function participantsWithRole(eb: any, role: ParticipantRole) {
  return jsonArrayFrom(
    eb
      .selectFrom("round_participants as rp")
      .innerJoin("actors as a", "a.id", "rp.actor_id")
      .whereRef("rp.round_id", "=", "r.id")
      .where("rp.role", "=", role)
      .where("a.deleted_at", "is", null)
      .select(["a.slug", "a.name"])
      .orderBy("a.name"),
  ).$castTo<ActorRef[]>();
}

function actorWithRole(role: ParticipantRole, slug: string) {
  return sql<boolean>`r.id in (
    select rp.round_id from round_participants rp
    where rp.role = ${role} and rp.actor_id = (select id from actors where slug = ${slug}))`;
}

export async function listRounds(db: Kysely<Database>, q: Omit<RoundListQuery, "format"> & { limit: number }) {
  let qb = db
    .selectFrom("rounds as r")
    .innerJoin("processes as p", "p.id", "r.process_id")
    .leftJoin("venues as v", "v.id", "r.venue_id")
    .where("r.deleted_at", "is", null)
    .select((eb) => [
      "r.id",
      "r.slug",
      "r.title",
      "r.start_date as startDate",
      "r.start_precision as startPrecision",
      "r.end_date as endDate",
      "r.end_precision as endPrecision",
      "r.format",
      "r.outcome",
      sql<ActorRef>`json_build_object('slug', p.slug, 'name', p.name)`.as("process"),
      sql<RoundListItem["venue"]>`case when v.id is null then null else json_build_object('slug', v.slug, 'city', v.city, 'country', v.country) end`.as("venue"),
      participantsWithRole(eb, "mediator").as("mediators"),
      participantsWithRole(eb, "party").as("parties"),
      participantsWithRole(eb, "host").as("hosts"),
      eb
        .selectFrom("commitments as c")
        .whereRef("c.round_id", "=", "r.id")
        .where("c.deleted_at", "is", null)
        .select(sql<number>`count(*)::int`.as("n"))
        .as("commitmentCount"),
    ]);
  if (q.from) qb = qb.where("r.start_date", ">=", q.from);
  if (q.to) qb = qb.where("r.start_date", "<=", q.to);
  if (q.process) qb = qb.where("p.slug", "=", q.process);
  if (q.venue) qb = qb.where("v.slug", "=", q.venue);
  if (q.outcome) qb = qb.where("r.outcome", "=", q.outcome);
  if (q.mediator) qb = qb.where(actorWithRole("mediator", q.mediator));
  if (q.party) qb = qb.where(actorWithRole("party", q.party));

  const sort = SORTS[q.sort];
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<RoundListItem, typeof qb>(qb, sort, page, (row) => ({
    key: q.sort === "title-asc" ? row.title : row.startDate,
    id: row.id,
  }));
}

export const roundCsvColumns: CsvColumn<RoundListItem>[] = [
  { header: "id", value: (r) => r.id },
  { header: "slug", value: (r) => r.slug },
  { header: "title", value: (r) => r.title },
  { header: "start_date", value: (r) => r.startDate },
  { header: "start_precision", value: (r) => r.startPrecision },
  { header: "end_date", value: (r) => r.endDate },
  { header: "end_precision", value: (r) => r.endPrecision },
  { header: "format", value: (r) => r.format },
  { header: "outcome", value: (r) => r.outcome },
  { header: "process", value: (r) => r.process.slug },
  { header: "venue", value: (r) => r.venue?.slug },
  { header: "mediators", value: (r) => r.mediators.map((m) => m.slug).join("; ") },
  { header: "hosts", value: (r) => r.hosts.map((m) => m.slug).join("; ") },
  { header: "parties", value: (r) => r.parties.map((m) => m.slug).join("; ") },
  { header: "commitments", value: (r) => r.commitmentCount },
];

export interface RoundCommitment {
  id: number;
  title: string;
  kind: CommitmentKind;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
  expiresOn: string | null;
  status: CommitmentStatus;
  daysHeld: number | null;
  broken: boolean;
  firstBreachOn: string | null;
  breachCount: number;
  /** The first BROKEN_BY_SHOWN breaches (not rejected) by incident date, of `brokenByTotal`. */
  brokenBy: { incidentId: number; title: string; occurredOn: string; assessment: string }[];
  brokenByTotal: number;
}

/**
 * A round's page lists this many breaches per commitment, the earliest first; the commitment's page
 * lists them all. At 2,000,000 incidents a commitment has hundreds.
 */
export const BROKEN_BY_SHOWN = 3;

export interface RoundDetail extends Omit<RoundListItem, "mediators" | "parties" | "hosts" | "commitmentCount"> {
  summary: string;
  version: number;
  updatedAt: string;
  participants: { slug: string; name: string; kind: ActorKind; role: ParticipantRole; note: string | null }[];
  commitments: RoundCommitment[];
  sources: CitationRef[];
  alternativeDates: DateAssertion[];
}

/** One round with everything its page shows, in one query. */
export async function getRound(db: Kysely<Database>, where: { slug: string } | { id: number }, asOf: string) {
  const facts = commitmentFactsQuery(db, asOf);
  const [row] = await executePrepared(
    db,
    db
      .selectFrom("rounds as r")
      .innerJoin("processes as p", "p.id", "r.process_id")
      .leftJoin("venues as v", "v.id", "r.venue_id")
      .where("r.deleted_at", "is", null)
      .where((eb) => ("slug" in where ? eb("r.slug", "=", where.slug) : eb("r.id", "=", where.id)))
      .select((eb) => [
        "r.id",
        "r.slug",
        "r.title",
        "r.start_date as startDate",
        "r.start_precision as startPrecision",
        "r.end_date as endDate",
        "r.end_precision as endPrecision",
        "r.format",
        "r.outcome",
        "r.summary",
        "r.version",
        "r.updated_at as updatedAt",
        sql<ActorRef>`json_build_object('slug', p.slug, 'name', p.name)`.as("process"),
        sql<RoundListItem["venue"]>`case when v.id is null then null else json_build_object('slug', v.slug, 'city', v.city, 'country', v.country) end`.as("venue"),
        jsonArrayFrom(
          eb
            .selectFrom("round_participants as rp")
            .innerJoin("actors as a", "a.id", "rp.actor_id")
            .whereRef("rp.round_id", "=", "r.id")
            .where("a.deleted_at", "is", null)
            .select(["a.slug", "a.name", "a.kind", "rp.role", "rp.note"])
            .orderBy(sql`array_position(array['mediator','host','party','observer'], rp.role)`)
            .orderBy("a.name"),
        ).as("participants"),
        jsonArrayFrom(
          eb
            .selectFrom("commitments as c")
            .innerJoin(facts.as("f"), "f.commitment_id", "c.id")
            .whereRef("c.round_id", "=", "r.id")
            .select((eb2) => [
              "c.id",
              "c.title",
              "c.kind",
              "c.takes_effect_on as takesEffectOn",
              "c.takes_effect_precision as takesEffectPrecision",
              "c.expires_on as expiresOn",
              "f.status",
              "f.days_held as daysHeld",
              "f.broken",
              "f.first_breach_on as firstBreachOn",
              "f.breach_count as breachCount",
              jsonArrayFrom(
                eb2
                  .selectFrom("breaches as b")
                  .innerJoin("incidents as i", "i.id", "b.incident_id")
                  .whereRef("b.commitment_id", "=", "c.id")
                  .where("b.deleted_at", "is", null)
                  .where("i.deleted_at", "is", null)
                  // A rejected link is not a breach (decision 0001).
                  .where("b.assessment", "<>", "rejected")
                  .select(["i.id as incidentId", "i.title", "i.occurred_on as occurredOn", "b.assessment"])
                  // Along breaches_commitment_date_idx: the first few without reading the rest.
                  .orderBy(sql.ref("b.incident_occurred_on"))
                  .orderBy("b.id")
                  .limit(BROKEN_BY_SHOWN),
              ).as("brokenBy"),
              sql<number>`(select coalesce(sum(t.breaches), 0)::int from commitment_breach_tallies t
                where t.commitment_id = c.id and t.assessment <> 'rejected')`.as("brokenByTotal"),
            ])
            .orderBy("c.takes_effect_on")
            .orderBy("c.id"),
        ).as("commitments"),
        citationsOf(eb, "round_id", "r.id").as("sources"),
        dateAssertionsOf(eb, "round_id", "r.id").as("alternativeDates"),
      ])
  );
  return (row as RoundDetail | undefined) ?? null;
}

/**
 * The recursive CTE `roles(actor_id, role)`: every (actor, role) held in some round, found by jumping
 * along round_participants_actor_idx from one pair to the next (a few hundred index probes). An
 * exists() per actor was planned as a scan of every participation, which a busy server pays dearly.
 * Use after `with recursive`.
 */
export const participantRolesCte = sql`roles(actor_id, role) as (
    (select actor_id, role from round_participants order by actor_id, role limit 1)
    union all
    select nx.actor_id, nx.role from roles cross join lateral (
      select rp.actor_id, rp.role from round_participants rp
      where (rp.actor_id, rp.role) > (roles.actor_id, roles.role)
      order by rp.actor_id, rp.role limit 1) nx)`;

/** Choices for the rounds filter form (fixed number of small queries). */
export async function roundFilterOptions(db: Kysely<Database>) {
  const [processes, venues, actors] = await Promise.all([
    db.selectFrom("processes").where("deleted_at", "is", null).select(["slug", "name"]).orderBy("name").execute(),
    db.selectFrom("venues").where("deleted_at", "is", null).select(["slug", "city"]).orderBy("city").execute(),
    sql<{ slug: string; name: string; mediated: boolean; attended: boolean }>`
      with recursive ${participantRolesCte}
      select a.slug, a.name,
        exists (select 1 from roles where roles.actor_id = a.id and roles.role = 'mediator') as mediated,
        exists (select 1 from roles where roles.actor_id = a.id and roles.role = 'party') as attended
      from actors a where a.deleted_at is null
      order by a.name`
      .execute(db)
      .then((r) => r.rows),
  ]);
  return {
    processes: processes.map((p) => ({ value: p.slug, label: p.name })),
    venues: venues.map((v) => ({ value: v.slug, label: v.city })),
    mediators: actors.filter((a) => a.mediated).map((a) => ({ value: a.slug, label: a.name })),
    parties: actors.filter((a) => a.attended).map((a) => ({ value: a.slug, label: a.name })),
  };
}
