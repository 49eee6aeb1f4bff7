import { sql, type Kysely } from "kysely";
import type { CommitmentStatus, DatePrecision, IncidentKind, RoundOutcome } from "@db/enums";
import type { Database } from "@db/types";
import { commitmentFactsQuery } from "./commitment-status.server";

export interface Overview {
  counts: { rounds: number; commitments: number; incidents: number; claims: number; breaches: number; sources: number; actors: number };
  statusCounts: { status: CommitmentStatus; count: number }[];
  latestRounds: { slug: string; title: string; startDate: string; startPrecision: DatePrecision; outcome: RoundOutcome; venueCity: string | null }[];
  latestIncidents: { id: number; title: string; occurredOn: string; datePrecision: DatePrecision; kind: IncidentKind; province: string | null; countryCode: string }[];
  span: { first: string | null; last: string | null };
}

/**
 * What the front page shows: four queries whatever the data size. The big tables' counts come from
 * the tallies the database keeps exact (record_tallies, migration 2026-11-24T1853); the small ones
 * are counted.
 */
export async function getOverview(db: Kysely<Database>, asOf: string): Promise<Overview> {
  const live = (table: keyof Database) => sql`(select count(*) from ${sql.table(table)} where deleted_at is null)`;
  const tally = (table: "incidents" | "claims" | "breaches" | "sources") =>
    sql`coalesce((select n from record_tallies where subject = ${table} and id = 0), 0)`;
  const [counts, statusCounts, latestRounds, latestIncidents] = await Promise.all([
    sql<Overview["counts"] & { first: string | null; last: string | null }>`select
        ${live("rounds")}::int as rounds, ${live("commitments")}::int as commitments,
        ${tally("incidents")}::int as incidents, ${tally("claims")}::int as claims,
        ${tally("breaches")}::int as breaches, ${tally("sources")}::int as sources, ${live("actors")}::int as actors,
        (select min(occurred_on) from incidents where deleted_at is null) as first,
        (select max(occurred_on) from incidents where deleted_at is null) as last`.execute(db),
    db
      .selectFrom(commitmentFactsQuery(db, asOf).as("f"))
      .select(["f.status", sql<number>`count(*)::int`.as("count")])
      .groupBy("f.status")
      .execute(),
    db
      .selectFrom("rounds as r")
      .leftJoin("venues as v", "v.id", "r.venue_id")
      .where("r.deleted_at", "is", null)
      .select(["r.slug", "r.title", "r.start_date as startDate", "r.start_precision as startPrecision", "r.outcome", "v.city as venueCity"])
      .orderBy("r.start_date", "desc")
      .orderBy("r.id", "desc")
      .limit(5)
      .execute(),
    db
      .selectFrom("incidents as i")
      .where("i.deleted_at", "is", null)
      .select(["i.id", "i.title", "i.occurred_on as occurredOn", "i.date_precision as datePrecision", "i.kind", "i.province", "i.country_code as countryCode"])
      .orderBy("i.occurred_on", "desc")
      .orderBy("i.id", "desc")
      .limit(6)
      .execute(),
  ]);
  const { first, last, ...c } = counts.rows[0];
  return { counts: c, statusCounts, latestRounds, latestIncidents, span: { first, last } };
}
