// Breaches by the party alleged responsible, by the kind of commitment broken, by assessment and
// over time: one query with grouping sets. A breach is one link between a commitment and an
// incident (an incident that broke three commitments is three breaches); links assessed
// "rejected" are not breaches and are never counted.
import { sql, type Kysely } from "kysely";
import type { CommitmentKind } from "@db/enums";
import type { Database } from "@db/types";
import { breachWhere, bucketEndOf, bucketOf, type AnalysisFilters } from "./filters.server";
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

export async function breachBreakdown(db: Kysely<Database>, f: AnalysisFilters, per: Bucket): Promise<BreachBreakdown> {
  const { rows } = await sql<Row>`
    with counted as (
      select b.id, b.assessment, b.incident_id, c.kind, a.slug as party_slug, a.name as party_name,
        ${bucketOf(per, "i.occurred_on")} as bucket
      from breaches b
      join incidents i on i.id = b.incident_id
      join commitments c on c.id = b.commitment_id
      left join actors a on a.id = b.responsible_id and a.deleted_at is null
      where ${breachWhere(f)}
    ),
    grouped as (
      select
        case when grouping(party_slug, party_name) = 0 then 'party' when grouping(kind) = 0 then 'kind'
          when grouping(assessment) = 0 then 'assessment' when grouping(bucket) = 0 then 'period' else 'total' end as dim,
        party_slug, party_name, kind, assessment, bucket,
        (count(*) filter (where counted.assessment = 'alleged'))::int as alleged,
        (count(*) filter (where counted.assessment = 'corroborated'))::int as corroborated,
        (count(*) filter (where counted.assessment = 'disputed'))::int as disputed,
        count(*)::int as total,
        count(distinct incident_id)::int as incidents
      from counted
      group by grouping sets ((party_slug, party_name), (kind), (assessment), (bucket), ())
    )
    select grouped.*, ${bucketEndOf(per, "bucket")} as bucket_end,
      coalesce(total::float8 / nullif(sum(total) over (partition by dim), 0), 0) as share
    from grouped
    order by dim, bucket, total desc, party_name, kind`.execute(db);
  const counts = (r: Row): BreachCounts => ({
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
      .map((r) => ({ party: r.party_slug ? { slug: r.party_slug, name: r.party_name! } : null, ...counts(r) })),
    byKind: rows.filter((r) => r.dim === "kind").map((r) => ({ kind: r.kind!, ...counts(r) })),
    byAssessment: COUNTED_ASSESSMENTS.map((assessment) => {
      const row = rows.find((r) => r.dim === "assessment" && r.assessment === assessment);
      return { assessment, ...(row ? counts(row) : { alleged: 0, corroborated: 0, disputed: 0, total: 0, incidents: 0, share: 0 }) };
    }),
    overTime: rows
      .filter((r) => r.dim === "period")
      .map((r) => ({ bucketStart: r.bucket!, bucketEnd: r.bucket_end!, ...counts(r) })),
    // The empty grouping set always yields this row, even when nothing matches.
    total: counts(rows.find((r) => r.dim === "total")!),
  };
}
