// Casualties with their disagreement: per incident the range from the lowest to the highest claim
// with every claim beside it, and per month or week each claimant's figure. Deprecated and deleted
// claims are left out; nothing is averaged. A claim without a high figure counts its low as its
// high. Claims may count different people (one side's own dead, the other side's), so the range
// is "what the claims span", read with the claims next to it.
import { sql, type Kysely } from "kysely";
import type { ClaimCategory, ClaimRank, DatePrecision } from "@db/enums";
import type { Database } from "@db/types";
import { bucketEndOf, bucketOf, incidentWhere, type AnalysisFilters } from "./filters.server";
import type { Bucket } from "./options";

/** Claims that count: live and not deprecated (alias `cl`). */
export const countedClaim = sql<boolean>`cl.deleted_at is null and cl.rank <> 'deprecated'`;

/** Aggregates over claims `cl`: lowest low and highest high, killed and injured. */
export const claimRange = sql`min(cl.killed_low) as killed_low, max(coalesce(cl.killed_high, cl.killed_low)) as killed_high,
  min(cl.injured_low) as injured_low, max(coalesce(cl.injured_high, cl.injured_low)) as injured_high`;

export interface ClaimFigure {
  claimant: { slug: string; name: string };
  category: ClaimCategory;
  rank: Exclude<ClaimRank, "deprecated">;
  killedLow: number | null;
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
  source: { id: number; title: string; publisher: string };
}

/** One claimant's own range: its lowest and highest figure, over its claims in scope. */
export interface ClaimantRange {
  claimant: { slug: string; name: string };
  killedLow: number | null;
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
}

export interface IncidentCasualties {
  id: number;
  title: string;
  occurredOn: string;
  datePrecision: DatePrecision;
  killedLow: number | null;
  killedHigh: number | null;
  injuredLow: number | null;
  injuredHigh: number | null;
  /** Every claim, by claimant name. */
  claims: ClaimFigure[];
  /** Each claimant's range for the incident, by claimant name. */
  claimants: ClaimantRange[];
}

/**
 * Incidents with at least one live, non-deprecated claim, oldest first, at most `limit` of them,
 * and how many there are in all (one query).
 */
export async function casualtiesByIncident(
  db: Kysely<Database>,
  f: AnalysisFilters,
  limit?: number,
): Promise<{ total: number; items: IncidentCasualties[] }> {
  const { rows } = await sql<IncidentCasualties & { total: number }>`
    with ranged as (
      select i.id, ${claimRange},
      json_agg(json_build_object(
        'claimant', json_build_object('slug', a.slug, 'name', a.name),
        'category', cl.category, 'rank', cl.rank,
        'killedLow', cl.killed_low, 'killedHigh', cl.killed_high,
        'injuredLow', cl.injured_low, 'injuredHigh', cl.injured_high,
        'source', json_build_object('id', s.id, 'title', s.title, 'publisher', s.publisher))
        order by a.name, cl.id) as claims
      from incidents i
      join claims cl on cl.incident_id = i.id and ${countedClaim}
      join actors a on a.id = cl.claimant_id
      join sources s on s.id = cl.source_id
      where ${incidentWhere(f)}
      group by i.id
    ),
    by_claimant as (
      select cl.incident_id, a.slug, a.name, ${claimRange}
      from claims cl join actors a on a.id = cl.claimant_id
      where ${countedClaim} and cl.incident_id in (select id from ranged)
      group by cl.incident_id, a.slug, a.name
    ),
    claimants as (
      select incident_id, json_agg(json_build_object(
        'claimant', json_build_object('slug', slug, 'name', name),
        'killedLow', killed_low, 'killedHigh', killed_high, 'injuredLow', injured_low, 'injuredHigh', injured_high)
        order by name) as list
      from by_claimant group by incident_id
    )
    select i.id, i.title, i.occurred_on as "occurredOn", i.date_precision as "datePrecision",
      r.killed_low as "killedLow", r.killed_high as "killedHigh", r.injured_low as "injuredLow", r.injured_high as "injuredHigh",
      r.claims, c.list as claimants, (count(*) over ())::int as total
    from ranged r join incidents i on i.id = r.id join claimants c on c.incident_id = r.id
    order by i.occurred_on, i.id
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`.execute(db);
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _total, ...item }) => item) };
}

/** A claimant's figures in a bucket: per incident its own lowest and highest, summed. */
export interface ClaimantBucket extends ClaimantRange {
  bucketStart: string;
  bucketEnd: string;
  /** Incidents the claimant gave a figure for in the bucket. */
  incidents: number;
}

/** Each claimant's figures per month or week (one query). */
export async function casualtiesByClaimant(db: Kysely<Database>, f: AnalysisFilters, per: Bucket): Promise<ClaimantBucket[]> {
  const { rows } = await sql<ClaimantBucket>`
    with inc as (
      select i.id, ${bucketOf(per, "i.occurred_on")} as bucket from incidents i where ${incidentWhere(f)}
    ),
    per_incident as (
      select inc.bucket, inc.id, cl.claimant_id, ${claimRange}
      from inc join claims cl on cl.incident_id = inc.id and ${countedClaim}
      group by inc.bucket, inc.id, cl.claimant_id
    ),
    grouped as (
      select bucket, claimant_id, count(*)::int as incidents,
        sum(killed_low)::int as killed_low, sum(killed_high)::int as killed_high,
        sum(injured_low)::int as injured_low, sum(injured_high)::int as injured_high
      from per_incident group by bucket, claimant_id
    )
    select g.bucket as "bucketStart", ${bucketEndOf(per, "g.bucket")} as "bucketEnd",
      json_build_object('slug', a.slug, 'name', a.name) as claimant, g.incidents,
      g.killed_low as "killedLow", g.killed_high as "killedHigh", g.injured_low as "injuredLow", g.injured_high as "injuredHigh"
    from grouped g join actors a on a.id = g.claimant_id
    order by g.bucket, a.name`.execute(db);
  return rows;
}
