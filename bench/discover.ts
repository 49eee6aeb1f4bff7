// Finds, in the database being measured, the records and filter values the benchmark asks for.
// Detail pages are measured on the HEAVIEST record of each kind (the round with the most
// commitments, the commitment with the most breaches, …): a target met there is met everywhere.
import { sql } from "kysely";
import type { DB } from "@db/connection";
import { encodeCursor } from "~/utils/keyset.server";

export interface Discovered {
  round: { slug: string; commitments: number };
  commitment: { id: number; breaches: number };
  incident: { id: number; claims: number; breaches: number };
  /** The party alleged responsible for the most breaches. */
  party: { slug: string; breaches: number };
  mediator: { slug: string; rounds: number };
  venue: { slug: string; rounds: number };
  source: { id: number; citations: number };
  breach: { id: number };
  /** The commonest incident kind and province, and the year with the most incidents of them. */
  incidentFilter: { kind: string; province: string; from: string; to: string; matches: number };
  /** A cursor to page `deepPage` of the incidents of `incidentFilter.kind`, newest first. */
  deepIncidents: { kind: string; page: number; cursor: string };
  deepSources: { page: number; cursor: string };
  /** The process with the most rounds, for the analysis page's filter. */
  process: { slug: string };
  counts: Record<string, number>;
}

/** Page size of the lists (their default). */
const PAGE = 25;

async function one<T>(db: DB, query: ReturnType<typeof sql<T>>, what: string): Promise<T> {
  const { rows } = await query.execute(db);
  if (!rows[0]) throw new Error(`The benchmark found no ${what}: is the database empty?`);
  return rows[0];
}

export async function discover(db: DB, deepPage: number): Promise<Discovered> {
  const round = await one(
    db,
    sql<{ slug: string; n: number }>`select r.slug, count(*)::int as n from commitments c join rounds r on r.id = c.round_id
      where c.deleted_at is null and r.deleted_at is null group by r.id order by n desc, r.id limit 1`,
    "round with commitments",
  );
  const commitment = await one(
    db,
    sql<{ id: number; n: number }>`select b.commitment_id as id, count(*)::int as n from breaches b join commitments c on c.id = b.commitment_id
      where b.deleted_at is null and c.deleted_at is null group by b.commitment_id order by n desc, b.commitment_id limit 1`,
    "breached commitment",
  );
  const incident = await one(
    db,
    sql<{ id: number; breaches: number; claims: number }>`with top as (
        select b.incident_id as id, count(*)::int as breaches from breaches b where b.deleted_at is null
        group by b.incident_id order by breaches desc, b.incident_id desc limit 200)
      select top.id, top.breaches, (select count(*)::int from claims c where c.incident_id = top.id and c.deleted_at is null) as claims
      from top order by breaches desc, claims desc, id desc limit 1`,
    "breaching incident",
  );
  const party = await one(
    db,
    sql<{ slug: string; n: number }>`select a.slug, count(*)::int as n from breaches b join actors a on a.id = b.responsible_id
      where b.deleted_at is null and a.deleted_at is null group by a.id order by n desc, a.id limit 1`,
    "party alleged responsible for a breach",
  );
  const mediator = await one(
    db,
    sql<{ slug: string; n: number }>`select a.slug, count(distinct rp.round_id)::int as n from round_participants rp join actors a on a.id = rp.actor_id
      where rp.role = 'mediator' and a.deleted_at is null group by a.id order by n desc, a.id limit 1`,
    "mediator",
  );
  const venue = await one(
    db,
    sql<{ slug: string; n: number }>`select v.slug, count(*)::int as n from rounds r join venues v on v.id = r.venue_id
      where r.deleted_at is null and v.deleted_at is null group by v.id order by n desc, v.id limit 1`,
    "venue with rounds",
  );
  const source = await one(
    db,
    sql<{ id: number; n: number }>`select ct.source_id as id, count(*)::int as n from citations ct join sources s on s.id = ct.source_id
      where s.deleted_at is null group by ct.source_id order by n desc, ct.source_id limit 1`,
    "cited source",
  );
  const breach = await one(
    db,
    sql<{ id: number }>`select b.id from breaches b where b.deleted_at is null order by b.id desc limit 1`,
    "breach",
  );
  // The commonest kind in the commonest named province: the filter combination with the most rows to wade through.
  const place = await one(
    db,
    sql<{ kind: string; province: string }>`select kind, province from incidents
      where deleted_at is null and province is not null group by kind, province order by count(*) desc, kind, province limit 1`,
    "incident with a province",
  );
  const year = await one(
    db,
    sql<{ y: number; n: number }>`select extract(year from occurred_on)::int as y, count(*)::int as n from incidents
      where deleted_at is null and kind = ${place.kind} and province = ${place.province} group by y order by n desc, y desc limit 1`,
    "year of incidents",
  );
  const deepIncident = await cursorAt(
    db,
    sql<{ key: string; id: number }>`select occurred_on as key, id from incidents where deleted_at is null and kind = ${place.kind}
      order by occurred_on desc, id desc offset ${(deepPage - 1) * PAGE - 1} limit 1`,
  );
  const deepSource = await cursorAt(
    db,
    sql<{ key: string; id: number }>`select coalesce(published_on, date '0001-01-01') as key, id from sources where deleted_at is null
      order by coalesce(published_on, date '0001-01-01') desc, id desc offset ${(deepPage - 1) * PAGE - 1} limit 1`,
  );
  const process = await one(
    db,
    sql<{ slug: string }>`select p.slug from rounds r join processes p on p.id = r.process_id where r.deleted_at is null
      group by p.id order by count(*) desc, p.id limit 1`,
    "process with rounds",
  );
  return {
    round: { slug: round.slug, commitments: round.n },
    commitment: { id: commitment.id, breaches: commitment.n },
    incident: { id: incident.id, claims: incident.claims, breaches: incident.breaches },
    party: { slug: party.slug, breaches: party.n },
    mediator: { slug: mediator.slug, rounds: mediator.n },
    venue: { slug: venue.slug, rounds: venue.n },
    source: { id: source.id, citations: source.n },
    breach: { id: breach.id },
    incidentFilter: { kind: place.kind, province: place.province, from: `${year.y}-01-01`, to: `${year.y}-12-31`, matches: year.n },
    deepIncidents: { kind: place.kind, page: deepPage, cursor: encodeCursor({ sort: "date-desc", ...deepIncident }) },
    deepSources: { page: deepPage, cursor: encodeCursor({ sort: "date-desc", ...deepSource }) },
    process,
    counts: await rowCounts(db),
  };
}

/** The cursor a list's "next" link carries after the row the query returns (or the last row, on a small data set). */
async function cursorAt(db: DB, query: ReturnType<typeof sql<{ key: string; id: number }>>) {
  const { rows } = await query.execute(db);
  return rows[0] ?? { key: "9999-12-31", id: 2 ** 31 - 1 };
}

export const COUNTED_TABLES = [
  "incidents",
  "claims",
  "breaches",
  "citations",
  "sources",
  "commitments",
  "rounds",
  "actors",
  "venues",
  "processes",
] as const;

export async function rowCounts(db: DB): Promise<Record<string, number>> {
  const parts = COUNTED_TABLES.map((t) => sql`select ${t} as t, count(*)::int as n from ${sql.table(t)}`);
  const { rows } = await sql<{ t: string; n: number }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const n = new Map(rows.map((r) => [r.t, r.n]));
  return Object.fromEntries(COUNTED_TABLES.map((t) => [t, n.get(t) ?? 0]));
}
