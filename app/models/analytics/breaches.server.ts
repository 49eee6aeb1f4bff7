// Breaches by the party alleged responsible, by the kind of commitment broken, by assessment and
// over time: one query. A breach is one link between a commitment and an
// incident (an incident that broke three commitments is three breaches); links assessed
// "rejected" are not breaches and are never counted.
import { sql, type Kysely } from "kysely";
import type { CommitmentKind } from "@db/enums";
import type { Database } from "@db/types";
import { breachWhere, bucketEndOf, bucketOf, summaryPlan, type AnalysisFilters } from "./filters.server";
import { COUNTED_ASSESSMENTS, type Bucket, type CountedAssessment } from "./options";

export interface BreachCounts {
  alleged: number;
  corroborated: number;
  disputed: number;
  total: number;
  /** Distinct incidents behind the breaches. */
  incidents: number;
  /** This row's total over all counted breaches (0 to 1). */
  share: number;
}

export interface BreachBreakdown {
  byParty: (BreachCounts & { party: { slug: string; name: string } | null })[];
  byKind: (BreachCounts & { kind: CommitmentKind })[];
  /** Every counted assessment, in the order alleged, corroborated, disputed, zeros included. */
  byAssessment: (BreachCounts & { assessment: CountedAssessment })[];
  overTime: (BreachCounts & { bucketStart: string; bucketEnd: string })[];
  /** All counted breaches; its per-assessment counts are the "by assessment" view. */
  total: BreachCounts;
}

interface Row extends BreachCounts {
  dim: "party" | "kind" | "assessment" | "period" | "total";
  party_slug: string | null;
  party_name: string | null;
  kind: CommitmentKind | null;
  assessment: CountedAssessment | null;
  bucket: string | null;
  bucket_end: string | null;
}

/**
 * The breakdown in one query. Its cells are counts per view (party, kind, assessment, or all) and
 * key, per bucket: live from the breaches, or, where the filters allow (see summaryPlan), read
 * whole from the buckets the database keeps (migration 1905) with only the partly covered buckets
 * at the ends of a date range live. An incident lies in one bucket, so distinct incidents add up
 * across buckets; each view then sums its cells.
 */
export async function breachBreakdown(db: Kysely<Database>, f: AnalysisFilters, per: Bucket): Promise<BreachBreakdown> {
  const plan = summaryPlan(f, per, "breaches");
  const counts = sql`sum(alleged)::int as alleged, sum(corroborated)::int as corroborated, sum(disputed)::int as disputed,
    sum(breaches)::int as total, sum(incidents)::int as incidents`;
  const { rows } = await sql<Row>`
    with counted as (
      select b.assessment, b.incident_id, c.kind, b.responsible_id, ${bucketOf(per, "b.incident_occurred_on")} as bucket
      from breaches b join commitments c on c.id = b.commitment_id
      where ${plan ? plan.live : breachWhere(f)}
    ),
    cells as (
      select k.dim, k.key, bucket,
        count(*) filter (where assessment = 'alleged') as alleged,
        count(*) filter (where assessment = 'corroborated') as corroborated,
        count(*) filter (where assessment = 'disputed') as disputed,
        count(*) as breaches, count(distinct incident_id) as incidents
      from counted cross join lateral (values ('party', coalesce(responsible_id, 0)::text), ('kind', kind),
        ('assessment', assessment), ('all', '')) k(dim, key)
      group by k.dim, k.key, bucket
      ${plan ? sql`union all
      select s.dim, s.key, s.bucket, s.alleged, s.corroborated, s.disputed, s.breaches, s.incidents
      from analysis_breach_buckets s where ${plan.summary}` : sql``}
    ),
    views as (
      select dim, key, null::date as bucket, ${counts} from cells where dim <> 'all' group by dim, key
      union all
      select 'period', null, bucket, ${counts} from cells where dim = 'all' group by bucket
      union all
      -- Always one row, even when nothing matches.
      select 'total', null, null, ${counts} from cells where dim = 'all'
    ),
    named as (
      -- A party that is no longer live counts as not attributed, as one with none named.
      select v.dim, a.slug as party_slug, a.name as party_name,
        case when v.dim = 'kind' then v.key end as kind, case when v.dim = 'assessment' then v.key end as assessment, v.bucket,
        coalesce(sum(v.alleged), 0)::int as alleged, coalesce(sum(v.corroborated), 0)::int as corroborated,
        coalesce(sum(v.disputed), 0)::int as disputed, coalesce(sum(v.total), 0)::int as total, coalesce(sum(v.incidents), 0)::int as incidents
      from views v left join actors a on v.dim = 'party' and a.id = case when v.dim = 'party' then v.key::int end and a.deleted_at is null
      group by v.dim, a.slug, a.name, 4, 5, v.bucket
    )
    select named.*, ${bucketEndOf(per, "bucket")} as bucket_end,
      coalesce(total::float8 / nullif(sum(total) over (partition by dim), 0), 0) as share
    from named
    order by dim, bucket, total desc, party_name, kind`.execute(db);
  const countsOf = (r: Row): BreachCounts => ({
    alleged: r.alleged,
    corroborated: r.corroborated,
    disputed: r.disputed,
    total: r.total,
    incidents: r.incidents,
    share: r.share,
  });
  return {
    byParty: rows
      .filter((r) => r.dim === "party")
      .map((r) => ({ party: r.party_slug ? { slug: r.party_slug, name: r.party_name! } : null, ...countsOf(r) })),
    byKind: rows.filter((r) => r.dim === "kind").map((r) => ({ kind: r.kind!, ...countsOf(r) })),
    byAssessment: COUNTED_ASSESSMENTS.map((assessment) => {
      const row = rows.find((r) => r.dim === "assessment" && r.assessment === assessment);
      return { assessment, ...(row ? countsOf(row) : { alleged: 0, corroborated: 0, disputed: 0, total: 0, incidents: 0, share: 0 }) };
    }),
    overTime: rows
      .filter((r) => r.dim === "period")
      .map((r) => ({ bucketStart: r.bucket!, bucketEnd: r.bucket_end!, ...countsOf(r) })),
    // The empty grouping set always yields this row, even when nothing matches.
    total: countsOf(rows.find((r) => r.dim === "total")!),
  };
}
