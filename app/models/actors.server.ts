import { sql, type Kysely, type QueryCreator, type RawBuilder, type SelectQueryBuilder } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import {
  ACTOR_KINDS,
  PARTICIPANT_ROLES,
  type ActorKind,
  type ClaimCategory,
  type ClaimRank,
  type CommitmentKind,
  type CommitmentStatus,
  type DatePrecision,
  type IncidentKind,
  type ParticipantRole,
  type RoundOutcome,
} from "@db/enums";
import { executePrepared } from "@db/connection";
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import { cursorSortRefinement, enumParam, pagingShape } from "~/utils/query.server";
import { breachDate, breachItemsQuery, type BreachItem } from "./breaches.server";
import { commitmentFactsQuery } from "./commitment-status.server";
import { breachGroupCounts, commitmentGroupCounts, roundCount, rolesHeld } from "./group-tallies.server";
import { citationsOf, type CitationRef } from "./shared.server";

import { ACTOR_PAGE_LATEST } from "./actors";

export { ACTOR_PAGE_LATEST };

// ---------------------------------------------------------------------------------------------
// All actors

const NAME_SORT = { name: "name-asc", column: "a.name", direction: "asc", idColumn: "a.id" } as const satisfies KeysetSort;

const nameSearchParam = z.string().max(100, { error: "Search for at most 100 characters." });

export const actorListQuerySchema = z
  .object({
    kind: enumParam(ACTOR_KINDS, "kind of actor").optional(),
    role: enumParam(PARTICIPANT_ROLES, "role").optional(),
    q: nameSearchParam.optional(),
    ...pagingShape,
  })
  // The list has one order (by name); a cursor made for another list's order is refused here.
  .superRefine((q, ctx) => cursorSortRefinement({ ...q, sort: NAME_SORT.name }, ctx));
export type ActorListQuery = z.infer<typeof actorListQuerySchema>;

export interface ActorListItem {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: ActorKind;
  countryCode: string | null;
  aliases: string[];
  /** Every role the actor held in a live round, alphabetical. */
  roles: ParticipantRole[];
  roundCount: number;
}

/** `%`, `_` and `\` typed by a reader are literal characters, not LIKE wildcards. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listActors(db: Kysely<Database>, q: Omit<ActorListQuery, "format"> & { limit: number }) {
  let qb = db
    .selectFrom("actors as a")
    .where("a.deleted_at", "is", null)
    .select([
      "a.id",
      "a.slug",
      "a.name",
      "a.short_name as shortName",
      "a.kind",
      "a.country_code as countryCode",
      "a.aliases",
      // Kept by the database per actor and role (group_tallies): a party attends thousands of rounds.
      rolesHeld(sql`a.id`).$castTo<ParticipantRole[]>().as("roles"),
      roundCount("rounds", sql`a.id`).as("roundCount"),
    ]);
  if (q.kind) qb = qb.where("a.kind", "=", q.kind);
  if (q.role) qb = qb.where(roundCount(q.role, sql`a.id`), ">", 0);
  if (q.q) {
    // Short names and aliases too: a reader searching "TTP" or "Taliban" means the actor filed under another name.
    const pattern = containsPattern(q.q);
    qb = qb.where(sql<boolean>`(a.name ilike ${pattern} or a.short_name ilike ${pattern}
      or exists (select 1 from unnest(a.aliases) alias where alias ilike ${pattern}))`);
  }
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<ActorListItem, typeof qb>(qb, NAME_SORT, page, (row) => ({ key: row.name, id: row.id }));
}

export const actorCsvColumns: CsvColumn<ActorListItem>[] = [
  { header: "id", value: (a) => a.id },
  { header: "slug", value: (a) => a.slug },
  { header: "name", value: (a) => a.name },
  { header: "short_name", value: (a) => a.shortName },
  { header: "kind", value: (a) => a.kind },
  { header: "country_code", value: (a) => a.countryCode },
  { header: "aliases", value: (a) => a.aliases.join("; ") },
  { header: "roles", value: (a) => a.roles.join("; ") },
  { header: "rounds", value: (a) => a.roundCount },
];

// ---------------------------------------------------------------------------------------------
// Mediators: actors who mediated or hosted at least one round, with what those rounds produced

const MEDIATOR_SORTS = {
  "name-asc": { name: "name-asc", column: "m.name", direction: "asc", idColumn: "m.id" },
  "rounds-desc": { name: "rounds-desc", column: "m.rounds", direction: "desc", idColumn: "m.id" },
  "commitments-desc": { name: "commitments-desc", column: "m.commitments", direction: "desc", idColumn: "m.id" },
} as const satisfies Record<string, KeysetSort>;
export const MEDIATOR_SORTS_LIST = Object.keys(MEDIATOR_SORTS) as (keyof typeof MEDIATOR_SORTS)[];

export const mediatorListQuerySchema = z
  .object({
    sort: z.enum(MEDIATOR_SORTS_LIST, { error: `Sort by one of: ${MEDIATOR_SORTS_LIST.join(", ")}.` }).default("name-asc"),
    ...pagingShape,
  })
  .superRefine(cursorSortRefinement);
export type MediatorListQuery = z.infer<typeof mediatorListQuerySchema>;

export interface MediatorTally {
  id: number;
  slug: string;
  name: string;
  kind: ActorKind;
  countryCode: string | null;
  /** Distinct rounds mediated or hosted (a round both mediated and hosted counts once). */
  rounds: number;
  roundsMediated: number;
  roundsHosted: number;
  /** Commitments made at those rounds, each counted once. */
  commitments: number;
  broken: number;
}

/** The actors that mediated or hosted a live round, with their tallies, all kept by the database (group_tallies). */
function mediatorTallies(db: Kysely<Database>, asOf: string) {
  const obtained = commitmentGroupCounts("obtained", sql`a.id`, asOf);
  return db
    .selectFrom("actors as a")
    .where("a.deleted_at", "is", null)
    .where(roundCount("led", sql`a.id`), ">", 0)
    .select([
      "a.id",
      "a.slug",
      "a.name",
      "a.kind",
      "a.country_code as countryCode",
      roundCount("led", sql`a.id`).as("rounds"),
      roundCount("mediator", sql`a.id`).as("roundsMediated"),
      roundCount("host", sql`a.id`).as("roundsHosted"),
      obtained.n.as("commitments"),
      obtained.broken.as("broken"),
    ]);
}

export async function listMediators(
  db: Kysely<Database>,
  q: Omit<MediatorListQuery, "format"> & { limit: number },
  asOf: string,
) {
  const qb = db.selectFrom(mediatorTallies(db, asOf).as("m")).selectAll();
  const sort = MEDIATOR_SORTS[q.sort];
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<MediatorTally, typeof qb>(qb, sort, page, (row) => ({
    key: q.sort === "name-asc" ? row.name : q.sort === "rounds-desc" ? row.rounds : row.commitments,
    id: row.id,
  }));
}

/** Share of commitments broken, 0–1, or null when nothing was obtained. */
export { hasMediated, roundsLed, shareBroken } from "./actors";

export const mediatorCsvColumns: CsvColumn<MediatorTally>[] = [
  { header: "id", value: (m) => m.id },
  { header: "slug", value: (m) => m.slug },
  { header: "name", value: (m) => m.name },
  { header: "kind", value: (m) => m.kind },
  { header: "country_code", value: (m) => m.countryCode },
  { header: "rounds", value: (m) => m.rounds },
  { header: "rounds_mediated", value: (m) => m.roundsMediated },
  { header: "rounds_hosted", value: (m) => m.roundsHosted },
  { header: "commitments_obtained", value: (m) => m.commitments },
  { header: "commitments_broken", value: (m) => m.broken },
];

// ---------------------------------------------------------------------------------------------
// Parties: actors who attended a round as a party or are bound by a commitment

const PARTY_SORTS = {
  "name-asc": { name: "name-asc", column: "p.name", direction: "asc", idColumn: "p.id" },
  "rounds-desc": { name: "rounds-desc", column: "p.rounds", direction: "desc", idColumn: "p.id" },
  "breaches-desc": { name: "breaches-desc", column: "p.breaches", direction: "desc", idColumn: "p.id" },
} as const satisfies Record<string, KeysetSort>;
export const PARTY_SORTS_LIST = Object.keys(PARTY_SORTS) as (keyof typeof PARTY_SORTS)[];

export const partyListQuerySchema = z
  .object({
    sort: z.enum(PARTY_SORTS_LIST, { error: `Sort by one of: ${PARTY_SORTS_LIST.join(", ")}.` }).default("name-asc"),
    ...pagingShape,
  })
  .superRefine(cursorSortRefinement);
export type PartyListQuery = z.infer<typeof partyListQuerySchema>;

export interface PartyTally {
  id: number;
  slug: string;
  name: string;
  kind: ActorKind;
  countryCode: string | null;
  /** Live rounds attended as a party. */
  rounds: number;
  /** Live commitments that bind the actor, and how many of them are broken. */
  commitments: number;
  commitmentsBroken: number;
  /** Live breaches naming the actor as alleged responsible, and how many are corroborated. */
  breaches: number;
  breachesCorroborated: number;
}

function partyTallies(db: Kysely<Database>, asOf: string) {
  // The rounds attended, the commitments binding each actor and the breaches naming it are kept by the database (group_tallies).
  const rounds = roundCount("party", sql`a.id`);
  const bound = commitmentGroupCounts("bound", sql`a.id`, asOf);
  const breaches = breachGroupCounts("responsible", sql`a.id`);
  return db
    .selectFrom("actors as a")
    .where("a.deleted_at", "is", null)
    .where((eb) => eb.or([eb(rounds, ">", 0), eb(bound.n, ">", 0)]))
    .select([
      "a.id",
      "a.slug",
      "a.name",
      "a.kind",
      "a.country_code as countryCode",
      rounds.as("rounds"),
      bound.n.as("commitments"),
      bound.broken.as("commitmentsBroken"),
      breaches.n.as("breaches"),
      breaches.corroborated.as("breachesCorroborated"),
    ]);
}

export async function listParties(db: Kysely<Database>, q: Omit<PartyListQuery, "format"> & { limit: number }, asOf: string) {
  const qb = db.selectFrom(partyTallies(db, asOf).as("p")).selectAll();
  const sort = PARTY_SORTS[q.sort];
  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  return fetchPage<PartyTally, typeof qb>(qb, sort, page, (row) => ({
    key: q.sort === "name-asc" ? row.name : q.sort === "rounds-desc" ? row.rounds : row.breaches,
    id: row.id,
  }));
}

export const partyCsvColumns: CsvColumn<PartyTally>[] = [
  { header: "id", value: (p) => p.id },
  { header: "slug", value: (p) => p.slug },
  { header: "name", value: (p) => p.name },
  { header: "kind", value: (p) => p.kind },
  { header: "country_code", value: (p) => p.countryCode },
  { header: "rounds_attended", value: (p) => p.rounds },
  { header: "commitments_bound", value: (p) => p.commitments },
  { header: "commitments_broken", value: (p) => p.commitmentsBroken },
  { header: "breaches_alleged_responsible", value: (p) => p.breaches },
  { header: "breaches_corroborated", value: (p) => p.breachesCorroborated },
];

// ---------------------------------------------------------------------------------------------
// One actor

export interface ActorRound {
  role: ParticipantRole;
  note: string | null;
  slug: string;
  title: string;
  startDate: string;
  startPrecision: DatePrecision;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  outcome: RoundOutcome;
  venue: { slug: string; city: string } | null;
}

export interface ActorCommitment {
  id: number;
  title: string;
  kind: CommitmentKind;
  takesEffectOn: string;
  takesEffectPrecision: DatePrecision;
  status: CommitmentStatus;
  daysHeld: number | null;
  broken: boolean;
  round: { slug: string; title: string } | null;
}

export interface ActorIncident {
  id: number;
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  kind: IncidentKind;
  countryCode: string;
  province: string | null;
}

export interface ActorClaim {
  id: number;
  category: ClaimCategory;
  killedLow: number | null;
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
  rank: ClaimRank;
  incident: { id: number; title: string; occurredOn: string; datePrecision: DatePrecision };
  source: { id: number; title: string; publisher: string };
}

export interface ActorDetail {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: ActorKind;
  countryCode: string | null;
  aliases: string[];
  description: string;
  version: number;
  updatedAt: string;
  /** The latest ACTOR_PAGE_LATEST live rounds of each role it held (one row per round and role), newest first. */
  rounds: ActorRound[];
  /** Live rounds per role held there, and `led`: rounds mediated or hosted, a round both mediated and hosted counted once. */
  roundCounts: Record<ParticipantRole, number> & { led: number };
  /** The latest ACTOR_PAGE_LATEST commitments that bind the actor, by taking effect, with their derived status. */
  commitments: ActorCommitment[];
  /** The latest ACTOR_PAGE_LATEST commitments made at rounds the actor mediated or hosted: what its mediation obtained. */
  commitmentsObtained: ActorCommitment[];
  /** All the commitments binding it and obtained by its mediation, and how many of each are broken. */
  commitmentCounts: { bound: number; boundBroken: number; obtained: number; obtainedBroken: number };
  incidentCount: number;
  /** The latest ACTOR_PAGE_LATEST incidents it is alleged to have carried out. */
  incidents: ActorIncident[];
  /** The latest ACTOR_PAGE_LATEST breaches it is alleged responsible for, and that it alleged, by incident date. */
  breachesResponsible: BreachItem[];
  breachesAlleged: BreachItem[];
  /** All the live breaches (with their incident and commitment live) it is alleged responsible for, and that it alleged. */
  breachCounts: { responsible: number; alleged: number };
  claimCount: number;
  /** The latest ACTOR_PAGE_LATEST casualty claims it made, by incident date. */
  claims: ActorClaim[];
  sources: CitationRef[];
}

/**
 * The latest ACTOR_PAGE_LATEST commitments of a group, with their derived status: the latest are
 * picked first, so that the status is derived for those only. `which` tests a commitment `c` for
 * membership, `own` selects the ids of the group's commitments, `n` is how many there are (kept by
 * the database). As with the claims, the faster way depends on n: a party bound by half of all
 * commitments finds its latest among the first few read newest first; an actor bound by none would
 * read every commitment in search of them, and reads its own instead. Both ways cost about the
 * square root of ACTOR_PAGE_LATEST × all commitments at the crossover; the planner's row estimate of the table
 * stands in for the total (it only chooses the way, not the result).
 */
function actorCommitments(
  qc: QueryCreator<Database>,
  asOf: string,
  db: Kysely<Database>,
  group: { which: RawBuilder<boolean>; own: RawBuilder<unknown>; n: RawBuilder<number> },
) {
  const columns = ["c.id", "c.title", "c.kind", "c.takes_effect_on", "c.takes_effect_precision", "c.round_id"] as const;
  const newestFirst = qc
    .selectFrom("commitments as c")
    .where("c.deleted_at", "is", null)
    .where(group.which)
    .select(columns)
    .orderBy("c.takes_effect_on", "desc")
    .orderBy("c.id", "desc")
    .limit(ACTOR_PAGE_LATEST);
  // offset 0 keeps the planner from walking the commitments here too.
  const ownFirst = qc
    .selectFrom(sql<{ id: number }>`(${group.own} offset 0)`.as("own"))
    .innerJoin("commitments as c", "c.id", "own.id")
    .where("c.deleted_at", "is", null)
    .select(columns)
    .orderBy("c.takes_effect_on", "desc")
    .orderBy("c.id", "desc")
    .limit(ACTOR_PAGE_LATEST);
  const all = sql`greatest((select reltuples from pg_class where oid = 'commitments'::regclass), 1)`;
  return sql<ActorCommitment[]>`case when ${group.n} ^ 2 > ${ACTOR_PAGE_LATEST} * ${all}
    then ${jsonArrayFrom(withStatus(qc, asOf, db, newestFirst))} else ${jsonArrayFrom(withStatus(qc, asOf, db, ownFirst))} end`;
}

/** The picked commitments `latest` with their derived status and round, newest first. */
function withStatus(
  qc: QueryCreator<Database>,
  asOf: string,
  db: Kysely<Database>,
  latest: SelectQueryBuilder<any, any, { id: number; title: string; kind: CommitmentKind; takes_effect_on: string; takes_effect_precision: DatePrecision; round_id: number | null }>,
) {
  return qc
    .selectFrom(latest.as("c"))
    .innerJoin(commitmentFactsQuery(db, asOf).as("f"), "f.commitment_id", "c.id")
    .leftJoin("rounds as cr", (j) => j.onRef("cr.id", "=", "c.round_id").on("cr.deleted_at", "is", null))
    .select([
      "c.id",
      "c.title",
      "c.kind",
      "c.takes_effect_on as takesEffectOn",
      "c.takes_effect_precision as takesEffectPrecision",
      "f.status",
      "f.days_held as daysHeld",
      "f.broken",
      sql<ActorCommitment["round"]>`case when cr.id is null then null else json_build_object('slug', cr.slug, 'title', cr.title) end`.as(
        "round",
      ),
    ])
    .orderBy("c.takes_effect_on", "desc")
    .orderBy("c.id", "desc");
}

/**
 * The latest claims of the actor `a` by incident date, along the claimant's index of the dates the
 * claims carry (migration 2026-11-25T0600); a claim of a deleted incident is passed over.
 */
function latestClaims() {
  return sql<ActorClaim[]>`(select coalesce(json_agg(x), '[]') from (
    select cl.id, cl.category, cl.killed_low as "killedLow", cl.killed_high as "killedHigh",
      cl.injured_low as "injuredLow", cl.injured_high as "injuredHigh", cl.rank,
      json_build_object('id', ci.id, 'title', ci.title, 'occurredOn', ci.occurred_on, 'datePrecision', ci.date_precision) as incident,
      json_build_object('id', cs.id, 'title', cs.title, 'publisher', cs.publisher) as source
    from claims cl
    join incidents ci on ci.id = cl.incident_id and ci.deleted_at is null
    join sources cs on cs.id = cl.source_id
    where cl.claimant_id = a.id and cl.deleted_at is null
    order by cl.incident_occurred_on desc, cl.incident_id desc, cl.id desc limit ${ACTOR_PAGE_LATEST}) x)`;
}

/** One actor with everything its page (and the mediator page) shows, in one query. */
export async function getActor(db: Kysely<Database>, where: { slug: string } | { id: number }, asOf: string) {
  const roundsLedBy = sql`(select rp.round_id from round_participants rp join rounds r on r.id = rp.round_id and r.deleted_at is null
    where rp.actor_id = a.id and rp.role in ('mediator', 'host'))`;
  const bound = commitmentGroupCounts("bound", sql`a.id`, asOf);
  const obtained = commitmentGroupCounts("obtained", sql`a.id`, asOf);
  const commitmentsBound = {
    which: sql<boolean>`c.id in (select cp.commitment_id from commitment_parties cp where cp.actor_id = a.id)`,
    own: sql`select cp.commitment_id as id from commitment_parties cp where cp.actor_id = a.id`,
    n: bound.n,
  };
  const commitmentsObtained = {
    which: sql<boolean>`c.round_id in ${roundsLedBy}`,
    own: sql`select oc.id from commitments oc where oc.round_id in ${roundsLedBy}`,
    n: obtained.n,
  };
  const tally = (subject: "perpetrator" | "claimant") =>
    sql<number>`coalesce((select n from record_tallies where subject = ${subject} and id = a.id), 0)::int`;
  const latestBreaches = (qc: QueryCreator<Database>, column: "b.responsible_id" | "b.alleged_by_id") =>
    jsonArrayFrom(breachItemsQuery(qc).where(column, "=", sql.ref<number>("a.id")).orderBy(breachDate, "desc").orderBy("b.id", "desc").limit(ACTOR_PAGE_LATEST));

  // Planned once per connection (executePrepared): planning its many subqueries cost 6 ms a request,
  // twice its execution.
  const [row] = await executePrepared(
    db,
    db
      .selectFrom("actors as a")
      .where("a.deleted_at", "is", null)
      .where((eb) => ("slug" in where ? eb("a.slug", "=", where.slug) : eb("a.id", "=", where.id)))
      .select((eb) => {
        const qc = eb as unknown as QueryCreator<Database>;
        return [
          "a.id",
          "a.slug",
          "a.name",
          "a.short_name as shortName",
          "a.kind",
          "a.country_code as countryCode",
          "a.aliases",
          "a.description",
          "a.version",
          "a.updated_at as updatedAt",
          // The latest of each role, read along round_participants_actor_date_idx (migration
          // 2026-11-25T0100); a deleted round is skipped and the next one taken.
          sql<ActorRound[]>`(select coalesce(json_agg((to_jsonb(ar) - 'id') order by ar."startDate" desc, ar.id desc, ar.role), '[]'::json) from (
            select lr.role, lr.note, lr.id, lr.slug, lr.title, lr."startDate", lr."startPrecision", lr."endDate", lr."endPrecision", lr.outcome,
              case when v.id is null then null else json_build_object('slug', v.slug, 'city', v.city) end as venue
            from (values ${sql.join(PARTICIPANT_ROLES.map((role) => sql`(${sql.lit(role)})`))}) as roles(role)
            cross join lateral (
              select rp.role, rp.note, r.id, r.slug, r.title, r.start_date as "startDate", r.start_precision as "startPrecision",
                r.end_date as "endDate", r.end_precision as "endPrecision", r.outcome, r.venue_id
              from round_participants rp join rounds r on r.id = rp.round_id and r.deleted_at is null
              where rp.actor_id = a.id and rp.role = roles.role
              order by rp.round_start_date desc, rp.round_id desc limit ${ACTOR_PAGE_LATEST}) lr
            left join venues v on v.id = lr.venue_id and v.deleted_at is null) ar)`.as("rounds"),
          sql<ActorDetail["roundCounts"]>`json_build_object(${sql.join(
            (["mediator", "host", "party", "observer", "led"] as const).map((role) => sql`${sql.lit(role)}, ${roundCount(role, sql`a.id`)}`),
          )})`.as("roundCounts"),
          actorCommitments(qc, asOf, db, commitmentsBound).as("commitments"),
          actorCommitments(qc, asOf, db, commitmentsObtained).as("commitmentsObtained"),
          sql<ActorDetail["commitmentCounts"]>`json_build_object(
            'bound', ${bound.n}, 'boundBroken', ${bound.broken}, 'obtained', ${obtained.n}, 'obtainedBroken', ${obtained.broken})`.as("commitmentCounts"),
          tally("perpetrator").as("incidentCount"),
          jsonArrayFrom(
            eb
              .selectFrom("incidents as i")
              .whereRef("i.perpetrator_id", "=", "a.id")
              .where("i.deleted_at", "is", null)
              .select([
                "i.id",
                "i.title",
                "i.occurred_on as occurredOn",
                "i.date_precision as datePrecision",
                "i.kind",
                "i.country_code as countryCode",
                "i.province",
              ])
              .orderBy("i.occurred_on", "desc")
              .orderBy("i.id", "desc")
              .limit(ACTOR_PAGE_LATEST),
          ).as("incidents"),
          latestBreaches(qc, "b.responsible_id").as("breachesResponsible"),
          latestBreaches(qc, "b.alleged_by_id").as("breachesAlleged"),
          sql<ActorDetail["breachCounts"]>`json_build_object('responsible', ${breachGroupCounts("responsible", sql`a.id`).n}, 'alleged', ${breachGroupCounts("alleged", sql`a.id`).n})`.as(
            "breachCounts",
          ),
          tally("claimant").as("claimCount"),
          latestClaims().as("claims"),
          citationsOf(eb, "actor_id", "a.id").as("sources"),
        ];
      })
  );
  return (row as ActorDetail | undefined) ?? null;
}
