import { sql, type Kysely, type QueryCreator } from "kysely";
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
import type { Database } from "@db/types";
import type { CsvColumn } from "~/utils/csv";
import { fetchPage, type KeysetSort, type PageRequest } from "~/utils/keyset.server";
import { cursorSortRefinement, enumParam, pagingShape } from "~/utils/query.server";
import { breachItemsQuery, type BreachItem } from "./breaches.server";
import { commitmentFactsQuery } from "./commitment-status.server";
import { citationsOf, type CitationRef } from "./shared.server";

/** How many of an actor's incidents and claims its page lists; the rest are a link away. */
const ACTOR_PAGE_LATEST = 20;

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
      sql<ParticipantRole[]>`(
        select coalesce(json_agg(x.role order by x.role), '[]') from (
          select distinct rp.role from round_participants rp
          join rounds r on r.id = rp.round_id and r.deleted_at is null
          where rp.actor_id = a.id) x)`.as("roles"),
      sql<number>`(
        select count(distinct rp.round_id) from round_participants rp
        join rounds r on r.id = rp.round_id and r.deleted_at is null
        where rp.actor_id = a.id)`.as("roundCount"),
    ]);
  if (q.kind) qb = qb.where("a.kind", "=", q.kind);
  if (q.role) {
    qb = qb.where(sql<boolean>`exists (
      select 1 from round_participants rp join rounds r on r.id = rp.round_id and r.deleted_at is null
      where rp.actor_id = a.id and rp.role = ${q.role})`);
  }
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

/** One grouped query: each actor's (round, mediated?, hosted?) pairs, joined to the commitments made there. */
function mediatorTallies(db: Kysely<Database>, asOf: string) {
  const roundsLed = db
    .selectFrom("round_participants as rp")
    .innerJoin("rounds as r", "r.id", "rp.round_id")
    .where("r.deleted_at", "is", null)
    .where("rp.role", "in", ["mediator", "host"])
    .groupBy(["rp.actor_id", "rp.round_id"])
    .select([
      "rp.actor_id",
      "rp.round_id",
      sql<boolean>`bool_or(rp.role = 'mediator')`.as("mediated"),
      sql<boolean>`bool_or(rp.role = 'host')`.as("hosted"),
    ]);
  return db
    .selectFrom("actors as a")
    .innerJoin(roundsLed.as("ar"), "ar.actor_id", "a.id")
    .leftJoin("commitments as c", (j) => j.onRef("c.round_id", "=", "ar.round_id").on("c.deleted_at", "is", null))
    .leftJoin(commitmentFactsQuery(db, asOf).as("f"), "f.commitment_id", "c.id")
    .where("a.deleted_at", "is", null)
    .groupBy("a.id")
    .select([
      "a.id",
      "a.slug",
      "a.name",
      "a.kind",
      "a.country_code as countryCode",
      sql<number>`count(distinct ar.round_id)`.as("rounds"),
      sql<number>`count(distinct ar.round_id) filter (where ar.mediated)`.as("roundsMediated"),
      sql<number>`count(distinct ar.round_id) filter (where ar.hosted)`.as("roundsHosted"),
      sql<number>`count(f.commitment_id)`.as("commitments"),
      sql<number>`count(f.commitment_id) filter (where f.status = 'broken')`.as("broken"),
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
  const rounds = db
    .selectFrom("round_participants as rp")
    .innerJoin("rounds as r", "r.id", "rp.round_id")
    .where("r.deleted_at", "is", null)
    .where("rp.role", "=", "party")
    .groupBy("rp.actor_id")
    .select(["rp.actor_id", sql<number>`count(distinct rp.round_id)`.as("n")]);
  const commitments = db
    .selectFrom("commitment_parties as cp")
    .innerJoin(commitmentFactsQuery(db, asOf).as("f"), "f.commitment_id", "cp.commitment_id")
    .groupBy("cp.actor_id")
    .select([
      "cp.actor_id",
      sql<number>`count(*)`.as("n"),
      sql<number>`count(*) filter (where f.status = 'broken')`.as("broken"),
    ]);
  const breaches = db
    .selectFrom("breaches as b")
    .innerJoin("incidents as i", "i.id", "b.incident_id")
    .innerJoin("commitments as c", "c.id", "b.commitment_id")
    .where("b.deleted_at", "is", null)
    .where("i.deleted_at", "is", null)
    .where("c.deleted_at", "is", null)
    .where("b.responsible_id", "is not", null)
    .groupBy("b.responsible_id")
    .select([
      "b.responsible_id",
      sql<number>`count(*)`.as("n"),
      sql<number>`count(*) filter (where b.assessment = 'corroborated')`.as("corroborated"),
    ]);
  return db
    .selectFrom("actors as a")
    .leftJoin(rounds.as("ra"), "ra.actor_id", "a.id")
    .leftJoin(commitments.as("ca"), "ca.actor_id", "a.id")
    .leftJoin(breaches.as("ba"), "ba.responsible_id", "a.id")
    .where("a.deleted_at", "is", null)
    .where((eb) => eb.or([eb("ra.n", "is not", null), eb("ca.n", "is not", null)]))
    .select([
      "a.id",
      "a.slug",
      "a.name",
      "a.kind",
      "a.country_code as countryCode",
      sql<number>`coalesce(ra.n, 0)`.as("rounds"),
      sql<number>`coalesce(ca.n, 0)`.as("commitments"),
      sql<number>`coalesce(ca.broken, 0)`.as("commitmentsBroken"),
      sql<number>`coalesce(ba.n, 0)`.as("breaches"),
      sql<number>`coalesce(ba.corroborated, 0)`.as("breachesCorroborated"),
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
  /** One row per (round, role), oldest first. */
  rounds: ActorRound[];
  /** Commitments that bind the actor, with their derived status. */
  commitments: ActorCommitment[];
  /** Commitments made at rounds the actor mediated or hosted: what its mediation obtained. */
  commitmentsObtained: ActorCommitment[];
  incidentCount: number;
  /** The latest ACTOR_PAGE_LATEST incidents it is alleged to have carried out. */
  incidents: ActorIncident[];
  breachesResponsible: BreachItem[];
  breachesAlleged: BreachItem[];
  claimCount: number;
  /** The latest ACTOR_PAGE_LATEST casualty claims it made, by incident date. */
  claims: ActorClaim[];
  sources: CitationRef[];
}

function actorCommitments(qc: QueryCreator<Database>, asOf: string, db: Kysely<Database>) {
  return qc
    .selectFrom("commitments as c")
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
    .orderBy("c.takes_effect_on")
    .orderBy("c.id");
}

/** One actor with everything its page (and the mediator page) shows, in one query. */
export async function getActor(db: Kysely<Database>, where: { slug: string } | { id: number }, asOf: string) {
  const row = await db
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
        jsonArrayFrom(
          eb
            .selectFrom("round_participants as rp")
            .innerJoin("rounds as r", "r.id", "rp.round_id")
            .leftJoin("venues as v", (j) => j.onRef("v.id", "=", "r.venue_id").on("v.deleted_at", "is", null))
            .whereRef("rp.actor_id", "=", "a.id")
            .where("r.deleted_at", "is", null)
            .select([
              "rp.role",
              "rp.note",
              "r.slug",
              "r.title",
              "r.start_date as startDate",
              "r.start_precision as startPrecision",
              "r.end_date as endDate",
              "r.end_precision as endPrecision",
              "r.outcome",
              sql<ActorRound["venue"]>`case when v.id is null then null else json_build_object('slug', v.slug, 'city', v.city) end`.as(
                "venue",
              ),
            ])
            .orderBy("r.start_date")
            .orderBy("r.id")
            .orderBy("rp.role"),
        ).as("rounds"),
        jsonArrayFrom(
          actorCommitments(qc, asOf, db).where(
            sql<boolean>`c.id in (select cp.commitment_id from commitment_parties cp where cp.actor_id = a.id)`,
          ),
        ).as("commitments"),
        jsonArrayFrom(
          actorCommitments(qc, asOf, db).where(
            sql<boolean>`c.round_id in (
              select rp.round_id from round_participants rp where rp.actor_id = a.id and rp.role in ('mediator', 'host'))`,
          ),
        ).as("commitmentsObtained"),
        eb
          .selectFrom("incidents as i")
          .whereRef("i.perpetrator_id", "=", "a.id")
          .where("i.deleted_at", "is", null)
          .select(sql<number>`count(*)`.as("n"))
          .as("incidentCount"),
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
        jsonArrayFrom(
          breachItemsQuery(qc)
            .where(sql.ref("b.responsible_id"), "=", sql.ref("a.id"))
            .orderBy("i.occurred_on")
            .orderBy("b.id"),
        ).as("breachesResponsible"),
        jsonArrayFrom(
          breachItemsQuery(qc)
            .where(sql.ref("b.alleged_by_id"), "=", sql.ref("a.id"))
            .orderBy("i.occurred_on")
            .orderBy("b.id"),
        ).as("breachesAlleged"),
        eb
          .selectFrom("claims as cl")
          .innerJoin("incidents as ci", "ci.id", "cl.incident_id")
          .whereRef("cl.claimant_id", "=", "a.id")
          .where("cl.deleted_at", "is", null)
          .where("ci.deleted_at", "is", null)
          .select(sql<number>`count(*)`.as("n"))
          .as("claimCount"),
        jsonArrayFrom(
          eb
            .selectFrom("claims as cl")
            .innerJoin("incidents as ci", "ci.id", "cl.incident_id")
            .innerJoin("sources as cs", "cs.id", "cl.source_id")
            .whereRef("cl.claimant_id", "=", "a.id")
            .where("cl.deleted_at", "is", null)
            .where("ci.deleted_at", "is", null)
            .select([
              "cl.id",
              "cl.category",
              "cl.killed_low as killedLow",
              "cl.killed_high as killedHigh",
              "cl.injured_low as injuredLow",
              "cl.injured_high as injuredHigh",
              "cl.rank",
              sql<ActorClaim["incident"]>`json_build_object('id', ci.id, 'title', ci.title, 'occurredOn', ci.occurred_on, 'datePrecision', ci.date_precision)`.as(
                "incident",
              ),
              sql<ActorClaim["source"]>`json_build_object('id', cs.id, 'title', cs.title, 'publisher', cs.publisher)`.as("source"),
            ])
            .orderBy("ci.occurred_on", "desc")
            .orderBy("cl.id", "desc")
            .limit(ACTOR_PAGE_LATEST),
        ).as("claims"),
        citationsOf(eb, "actor_id", "a.id").as("sources"),
      ];
    })
    .executeTakeFirst();
  return (row as ActorDetail | undefined) ?? null;
}

