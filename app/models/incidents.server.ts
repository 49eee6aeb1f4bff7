import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { z } from "zod";
import {
  CLAIM_CATEGORIES,
  INCIDENT_KINDS,
  type BreachAssessment,
  type ClaimCategory,
  type ClaimRank,
  type CommitmentKind,
  type CommitmentStatus,
  type DatePrecision,
  type IncidentKind,
  type LocationPrecision,
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
  "date-desc": { name: "date-desc", column: "i.occurred_on", direction: "desc", idColumn: "i.id" },
  "date-asc": { name: "date-asc", column: "i.occurred_on", direction: "asc", idColumn: "i.id" },
} as const satisfies Record<string, KeysetSort>;
export const INCIDENT_SORTS = Object.keys(SORTS) as (keyof typeof SORTS)[];

export const incidentListQuerySchema = z
  .object({
    from: isoDateParam.optional(),
    to: isoDateParam.optional(),
    kind: enumParam(INCIDENT_KINDS, "kind of incident").optional(),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, { error: "Use a two-letter country code, for example AF (Afghanistan) or PK (Pakistan)." })
      .transform((v) => v.toUpperCase())
      .optional(),
    province: z.string().max(120, { error: "This province name is too long." }).optional(),
    perpetrator: slugParam.optional(),
    breached: z.enum(["yes", "no"], { error: "Choose yes or no." }).optional(),
    commitment: z
      .string()
      .regex(/^\d{1,9}$/, { error: "Use a commitment's number, for example 12." })
      .transform(Number)
      .optional(),
    sort: z.enum(INCIDENT_SORTS, { error: `Sort by one of: ${INCIDENT_SORTS.join(", ")}.` }).default("date-desc"),
    ...pagingShape,
  })
  .superRefine(dateRangeRefinement)
  .superRefine(cursorSortRefinement);
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;

export interface ActorRef {
  slug: string;
  name: string;
}

/**
 * The spread of one figure (killed or injured) over the claims that count: `open` when the highest
 * figure is only a floor ("200+"). A claim giving a single bound counts as that figure at both ends.
 */
export interface FigureRange {
  low: number;
  high: number;
  open: boolean;
}

/**
 * Whose casualties a claim counts: its category and the actor whose people they are (null: the
 * claim does not say). Figures are only ever ranged within one group: ranging the Taliban's count of
 * Pakistani soldiers with Pakistan's count of Taliban fighters would set one side's dead against
 * the other's. A claim that does not name a side forms its own group.
 */
export interface ClaimGroup {
  category: ClaimCategory;
  affected: ActorRef | null;
}

/**
 * The range a list row shows: that of ONE group, never across groups. The group chosen is the one
 * with the most claims giving the figure; on a tie, the one with the highest figure (an open "200+"
 * above a closed 200), then by category and side name. `groups` says how many groups give the
 * figure, so a reader knows there are others (the incident's page shows them all). The incident
 * page orders its sentences by the same rule (claimGroupOrder in components/claims.tsx).
 */
export interface GroupRange extends FigureRange, ClaimGroup {
  groups: number;
}

export interface IncidentListItem {
  id: number;
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  endedOn: string | null;
  kind: IncidentKind;
  countryCode: string;
  countryName: string;
  province: string | null;
  district: string | null;
  placeName: string | null;
  perpetrator: ActorRef | null;
  /** Over the live claims not ranked deprecated, within one group (see GroupRange). */
  killed: GroupRange | null;
  injured: GroupRange | null;
  /** Live claims not ranked deprecated: the ones `killed` and `injured` summarise. */
  claimCount: number;
  breachCount: number;
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

type IncidentScope = ExpressionBuilder<Database & { i: Database["incidents"] }, "i">;

/** Breaches that still count: neither the link nor its commitment deleted. */
function liveBreaches(eb: IncidentScope) {
  return eb
    .selectFrom("breaches as b")
    .innerJoin("commitments as bc", "bc.id", "b.commitment_id")
    .whereRef("b.incident_id", "=", "i.id")
    .where("b.deleted_at", "is", null)
    .where("bc.deleted_at", "is", null);
}

interface FiguresRow {
  claimCount: number;
  killed: GroupRange | null;
  injured: GroupRange | null;
}

/**
 * A figure's range as SQL aggregates over claims `c` of one group. The same rule as figureSpreads
 * in components/claims.tsx (the detail page's sentences): keep the two in step.
 */
function rangeSql(low: string, high: string) {
  const [l, h] = [sql.ref(`c.${low}`), sql.ref(`c.${high}`)];
  // The highest figure given only as a floor ("200+"); it opens the top when no closed claim exceeds it.
  const openFloor = sql`max(${l}) filter (where ${h} is null)`;
  return {
    low: sql`min(coalesce(${l}, ${h}))`,
    high: sql`greatest(max(${h}), ${openFloor})`,
    open: sql`coalesce(${openFloor} >= coalesce(max(${h}), 0), false)`,
  };
}

/** The group a figure's list range comes from (see GroupRange), over the groups `g`. */
function chosenGroup(figure: "killed" | "injured") {
  const col = (name: string) => sql.ref(`g.${figure}_${name}`);
  return sql`(select json_build_object('low', ${col("low")}, 'high', ${col("high")}, 'open', ${col("open")},
      'category', g.category,
      'affected', case when a.id is null then null else json_build_object('slug', a.slug, 'name', a.name) end,
      'groups', count(*) over ())
    from g left join actors a on a.id = g.affected_id and a.deleted_at is null
    where ${col("claims")} > 0
    order by ${col("claims")} desc, ${col("high")} desc, ${col("open")} desc,
      array_position(array[${sql.join(CLAIM_CATEGORIES.map((c) => sql.lit(c)))}], g.category), a.name, g.affected_id
    limit 1)`;
}

/** The incident's claim figures: one aggregate per group of its claims (correlated on i.id). */
function claimFigures() {
  const k = rangeSql("killed_low", "killed_high");
  const j = rangeSql("injured_low", "injured_high");
  return sql<FiguresRow>`(with g as (
      select c.category, c.affected_id, count(*) as claims,
        count(coalesce(c.killed_low, c.killed_high)) as killed_claims,
        ${k.low} as killed_low, ${k.high} as killed_high, ${k.open} as killed_open,
        count(coalesce(c.injured_low, c.injured_high)) as injured_claims,
        ${j.low} as injured_low, ${j.high} as injured_high, ${j.open} as injured_open
      from claims c
      where c.incident_id = i.id and c.deleted_at is null and c.rank <> 'deprecated'
      group by c.category, c.affected_id)
    select json_build_object('claimCount', coalesce(sum(claims), 0), 'killed', ${chosenGroup("killed")}, 'injured', ${chosenGroup("injured")})
    from g)`;
}

function incidentColumns(eb: IncidentScope) {
  return [
    "i.id",
    "i.title",
    "i.occurred_on as occurredOn",
    "i.date_precision as datePrecision",
    "i.ended_on as endedOn",
    "i.kind",
    "i.country_code as countryCode",
    "i.province",
    "i.district",
    "i.place_name as placeName",
    sql<ActorRef | null>`case when p.id is null then null else json_build_object('slug', p.slug, 'name', p.name) end`.as(
      "perpetrator",
    ),
    liveBreaches(eb).select(sql<number>`count(*)::int`.as("n")).as("breachCount"),
  ] as const;
}

function incidentsWithPerpetrator(db: Kysely<Database>) {
  return db
    .selectFrom("incidents as i")
    .leftJoin("actors as p", (j) => j.onRef("p.id", "=", "i.perpetrator_id").on("p.deleted_at", "is", null))
    .where("i.deleted_at", "is", null);
}

type ListRow = Omit<IncidentListItem, "countryName" | "killed" | "injured" | "claimCount"> & { figures: FiguresRow };

export async function listIncidents(db: Kysely<Database>, q: Omit<IncidentListQuery, "format"> & { limit: number }) {
  let qb = incidentsWithPerpetrator(db).select((eb) => [
    ...incidentColumns(eb as unknown as IncidentScope),
    claimFigures().as("figures"),
  ]);
  if (q.from) qb = qb.where("i.occurred_on", ">=", q.from);
  if (q.to) qb = qb.where("i.occurred_on", "<=", q.to);
  if (q.kind) qb = qb.where("i.kind", "=", q.kind);
  if (q.country) qb = qb.where("i.country_code", "=", q.country);
  if (q.province) qb = qb.where("i.province", "=", q.province);
  if (q.perpetrator) {
    const slug = q.perpetrator;
    qb = qb.where("i.perpetrator_id", "=", (eb) =>
      eb.selectFrom("actors").where("slug", "=", slug).where("deleted_at", "is", null).select("id"),
    );
  }
  if (q.breached) {
    const breached = q.breached === "yes";
    qb = qb.where((eb) => {
      const linked = eb.exists(liveBreaches(eb as unknown as IncidentScope).select(sql`1`.as("one")));
      return breached ? linked : eb.not(linked);
    });
  }
  if (q.commitment !== undefined) {
    const commitmentId = q.commitment;
    qb = qb.where((eb) =>
      eb.exists(
        liveBreaches(eb as unknown as IncidentScope)
          .where("b.commitment_id", "=", commitmentId)
          .select(sql`1`.as("one")),
      ),
    );
  }

  const page: PageRequest = { after: q.after, before: q.before, limit: q.limit };
  const rows = await fetchPage<ListRow, typeof qb>(qb, SORTS[q.sort], page, (row) => ({ key: row.occurredOn, id: row.id }));
  return { ...rows, items: rows.items.map(toListItem) };
}

function toListItem({ figures: f, ...row }: ListRow): IncidentListItem {
  return { ...row, countryName: countryName(row.countryCode), killed: f.killed, injured: f.injured, claimCount: f.claimCount };
}

/** A figure's range as the list shows it (one group, see GroupRange), with the group it is for. */
function groupRangeColumns(figure: string, range: (r: IncidentListItem) => GroupRange | null): CsvColumn<IncidentListItem>[] {
  return [
    { header: `${figure}_low`, value: (r) => range(r)?.low },
    { header: `${figure}_high`, value: (r) => range(r)?.high },
    { header: `${figure}_high_is_floor`, value: (r) => range(r)?.open },
    { header: `${figure}_category`, value: (r) => range(r)?.category },
    { header: `${figure}_affected`, value: (r) => range(r)?.affected?.slug },
    { header: `${figure}_groups`, value: (r) => range(r)?.groups ?? 0 },
  ];
}

export const incidentCsvColumns: CsvColumn<IncidentListItem>[] = [
  { header: "id", value: (r) => r.id },
  { header: "title", value: (r) => r.title },
  { header: "occurred_on", value: (r) => r.occurredOn },
  { header: "date_precision", value: (r) => r.datePrecision },
  { header: "ended_on", value: (r) => r.endedOn },
  { header: "kind", value: (r) => r.kind },
  { header: "country_code", value: (r) => r.countryCode },
  { header: "province", value: (r) => r.province },
  { header: "district", value: (r) => r.district },
  { header: "place_name", value: (r) => r.placeName },
  { header: "perpetrator", value: (r) => r.perpetrator?.slug },
  ...groupRangeColumns("killed", (r) => r.killed),
  ...groupRangeColumns("injured", (r) => r.injured),
  { header: "claims", value: (r) => r.claimCount },
  { header: "breaches", value: (r) => r.breachCount },
];

export interface IncidentClaim extends ClaimGroup {
  id: number;
  claimant: ActorRef;
  killedLow: number | null;
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
  rank: ClaimRank;
  notes: string | null;
  source: { id: number; title: string; publisher: string };
  locator: string | null;
}

export interface IncidentBreach {
  id: number;
  assessment: BreachAssessment;
  reasoning: string;
  commitment: { id: number; title: string; kind: CommitmentKind; status: CommitmentStatus };
  responsible: ActorRef | null;
  allegedBy: ActorRef | null;
  sources: CitationRef[];
}

export interface IncidentDetail
  extends Omit<IncidentListItem, "killed" | "injured" | "claimCount"> {
  latitude: number | null;
  longitude: number | null;
  locationPrecision: LocationPrecision;
  summary: string;
  version: number;
  updatedAt: string;
  /** Every live claim, deprecated ones included: a wrong figure stays visible, marked. */
  claims: IncidentClaim[];
  breaches: IncidentBreach[];
  sources: CitationRef[];
  alternativeDates: DateAssertion[];
}

const actorOrNull = (alias: string) =>
  sql<ActorRef | null>`case when ${sql.ref(`${alias}.id`)} is null then null
    else json_build_object('slug', ${sql.ref(`${alias}.slug`)}, 'name', ${sql.ref(`${alias}.name`)}) end`;

/** One incident with everything its page shows, in one query. */
export async function getIncident(db: Kysely<Database>, id: number, asOf: string): Promise<IncidentDetail | null> {
  const facts = commitmentFactsQuery(db, asOf);
  const [row] = await executePrepared(
    db,
    incidentsWithPerpetrator(db)
      .where("i.id", "=", id)
      .select((eb) => [
        ...incidentColumns(eb as unknown as IncidentScope),
        "i.latitude",
        "i.longitude",
        "i.location_precision as locationPrecision",
        "i.summary",
        "i.version",
        // db/types.ts nests Generated<Timestamp>, which Kysely selects as the ColumnType itself.
        sql<string>`i.updated_at`.as("updatedAt"),
        jsonArrayFrom(
          eb
            .selectFrom("claims as c")
            .innerJoin("actors as ca", "ca.id", "c.claimant_id")
            .innerJoin("sources as s", "s.id", "c.source_id")
            .leftJoin("actors as af", (j) => j.onRef("af.id", "=", "c.affected_id").on("af.deleted_at", "is", null))
            .whereRef("c.incident_id", "=", "i.id")
            .where("c.deleted_at", "is", null)
            .select([
              "c.id",
              sql<ActorRef>`json_build_object('slug', ca.slug, 'name', ca.name)`.as("claimant"),
              "c.category",
              actorOrNull("af").as("affected"),
              "c.killed_low as killedLow",
              "c.killed_high as killedHigh",
              "c.injured_low as injuredLow",
              "c.injured_high as injuredHigh",
              "c.rank",
              "c.notes",
              sql<IncidentClaim["source"]>`json_build_object('id', s.id, 'title', s.title, 'publisher', s.publisher)`.as("source"),
              "c.locator",
            ])
            .orderBy(sql`array_position(array['preferred','normal','deprecated'], c.rank)`)
            .orderBy("ca.name")
            .orderBy("c.id"),
        ).as("claims"),
        jsonArrayFrom(
          eb
            .selectFrom("breaches as b")
            .innerJoin("commitments as c", "c.id", "b.commitment_id")
            .innerJoin(facts.as("f"), "f.commitment_id", "c.id")
            .leftJoin("actors as ra", (j) => j.onRef("ra.id", "=", "b.responsible_id").on("ra.deleted_at", "is", null))
            .leftJoin("actors as aa", (j) => j.onRef("aa.id", "=", "b.alleged_by_id").on("aa.deleted_at", "is", null))
            .whereRef("b.incident_id", "=", "i.id")
            .where("b.deleted_at", "is", null)
            .select((eb2) => [
              "b.id",
              "b.assessment",
              "b.reasoning",
              sql<IncidentBreach["commitment"]>`json_build_object(
                'id', c.id, 'title', c.title, 'kind', c.kind, 'status', f.status)`.as("commitment"),
              actorOrNull("ra").as("responsible"),
              actorOrNull("aa").as("allegedBy"),
              citationsOf(eb2, "breach_id", "b.id").as("sources"),
            ])
            .orderBy("c.takes_effect_on")
            .orderBy("b.id"),
        ).as("breaches"),
        citationsOf(eb, "incident_id", "i.id").as("sources"),
        dateAssertionsOf(eb, "incident_id", "i.id").as("alternativeDates"),
      ])
  );
  if (!row) return null;
  return { ...(row as Omit<IncidentDetail, "countryName">), countryName: countryName(row.countryCode) };
}

/**
 * Choices for the incidents filter form, in two queries (the page keeps them per data version, see
 * models/cached.server.ts). Places and perpetrators are a few hundred at most; the commitments are
 * thousands, so the form takes a commitment's number and only the one chosen is read, to name it
 * by the field (`chosenCommitment`).
 */
export async function incidentFilterOptions(db: Kysely<Database>) {
  const [places, perpetrators] = await Promise.all([
    // Every (province, country) present, found by jumping along incidents_place_idx from one pair to
    // the next (a few hundred index probes) rather than reading two million incidents. Incidents with
    // no province are walked apart: a row comparison with a null never holds.
    sql<{ countryCode: string; province: string | null }>`
      with recursive named(province, country_code) as (
        (select province, country_code from incidents
          where deleted_at is null and province is not null order by province, country_code limit 1)
        union all
        select nx.province, nx.country_code from named cross join lateral (
          select i.province, i.country_code from incidents i
          where i.deleted_at is null and i.province is not null
            and (i.province, i.country_code) > (named.province, named.country_code)
          order by i.province, i.country_code limit 1) nx),
      unnamed(country_code) as (
        (select country_code from incidents where deleted_at is null and province is null order by country_code limit 1)
        union all
        select nx.country_code from unnamed cross join lateral (
          select i.country_code from incidents i
          where i.deleted_at is null and i.province is null and i.country_code > unnamed.country_code
          order by i.country_code limit 1) nx)
      select country_code as "countryCode", province from named
      union all select country_code, null from unnamed
      order by 1, 2`
      .execute(db)
      .then((r) => r.rows),
    db
      .selectFrom("actors as a")
      .where("a.deleted_at", "is", null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("incidents as i")
            .whereRef("i.perpetrator_id", "=", "a.id")
            .where("i.deleted_at", "is", null)
            .select(sql`1`.as("one")),
        ),
      )
      .select(["a.slug", "a.name"])
      .orderBy("a.name")
      .execute(),
  ]);
  const countries = [...new Set(places.map((p) => p.countryCode))];
  // The province filter matches the name alone, so a name found in two countries is one choice.
  const provinces = new Map<string, string[]>();
  for (const p of places) {
    if (p.province != null) provinces.set(p.province, [...(provinces.get(p.province) ?? []), countryName(p.countryCode)]);
  }
  return {
    countries: countries.map((code) => ({ value: code, label: countryName(code) })),
    provinces: [...provinces].map(([name, where]) => ({ value: name, label: `${name} (${where.join(", ")})` })),
    perpetrators: perpetrators.map((a) => ({ value: a.slug, label: a.name })),
  };
}

/** The commitment the incidents list is narrowed to, named for its filter field; null when there is none. */
export async function chosenCommitment(db: Kysely<Database>, id: number | undefined) {
  if (id === undefined) return null;
  const commitment = await db.selectFrom("commitments").where("id", "=", id).where("deleted_at", "is", null).select(["id", "title"]).executeTakeFirst();
  return commitment ? { value: String(commitment.id), label: `${commitment.title} (#${commitment.id})` } : null;
}
