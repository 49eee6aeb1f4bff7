// Loads a parsed data set in one transaction: all of it or none of it. Every imported record
// gets a "create" revision, so the history of a record starts with where it came from.
import { sql, type Transaction } from "kysely";
import type { DB } from "../connection";
import { RECORD_TYPES, type RecordType } from "../enums";
import { snapshots } from "../../app/models/history/engine.server";
import type { Database } from "../types";
import type { Dataset } from "./schema";

export type LoadResult = { status: "loaded"; counts: Record<string, number> } | { status: "already-loaded" };

type Tx = Transaction<Database>;

export async function loadDataset(db: DB, data: Dataset): Promise<LoadResult> {
  return db.transaction().execute(async (tx) => {
    // Two servers starting on one empty database must not both load it.
    await sql`select pg_advisory_xact_lock(7307001)`.execute(tx);
    const slugs = data.rounds.map((r) => r.slug);
    const present = slugs.length
      ? await tx.selectFrom("rounds").select("slug").where("slug", "in", slugs).execute()
      : [];
    if (slugs.length && present.length === slugs.length) return { status: "already-loaded" };
    if (present.length > 0) {
      throw new Error(
        `The database already holds some of this data set's rounds (${present.map((r) => r.slug).join(", ")}) ` +
          "but not all: refusing to load it twice. Load it into an empty database.",
      );
    }
    return { status: "loaded", counts: await insertAll(tx, data) };
  });
}

async function insertAll(tx: Tx, data: Dataset): Promise<Record<string, number>> {
  const summary = `Imported from the data set "${data.name}"`;
  const created_ids = new Map<RecordType, number[]>(RECORD_TYPES.map((t) => [t, []]));
  const created = (type: RecordType, row: { id: number }) => created_ids.get(type)!.push(row.id);

  const sourceIds = new Map<string, number>();
  for (const s of data.sources) {
    const row = await tx
      .insertInto("sources")
      .values({
        kind: s.kind,
        publisher: s.publisher,
        title: s.title,
        author: s.author ?? null,
        published_on: s.publishedOn ?? null,
        date_precision: s.publishedOn ? (s.datePrecision ?? "day") : null,
        url: s.url ?? null,
        notes: s.notes ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    sourceIds.set(s.key, row.id);
    created("source", row);
  }
  const source = (key: string) => sourceIds.get(key)!;
  const citations: Database["citations"] extends infer C ? Array<Partial<Record<keyof C, unknown>>> : never = [];
  const cite = (column: string, id: number, list: { source: string; locator?: string }[]) => {
    for (const c of list) citations.push({ source_id: source(c.source), locator: c.locator ?? null, [column]: id });
  };

  const actorIds = new Map<string, number>();
  for (const a of data.actors) {
    const row = await tx
      .insertInto("actors")
      .values({
        slug: a.slug,
        name: a.name,
        short_name: a.shortName ?? null,
        kind: a.kind,
        country_code: a.country ?? null,
        description: a.description,
        aliases: a.aliases ?? [],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    actorIds.set(a.slug, row.id);
    cite("actor_id", row.id, a.sources);
    created("actor", row);
  }
  const actor = (slug: string | undefined) => (slug ? actorIds.get(slug)! : null);

  const venueIds = new Map<string, number>();
  for (const v of data.venues) {
    const row = await tx
      .insertInto("venues")
      .values({
        slug: v.slug,
        city: v.city,
        country: v.country,
        country_code: v.countryCode,
        latitude: v.latitude,
        longitude: v.longitude,
        description: v.description ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    venueIds.set(v.slug, row.id);
    created("venue", row);
  }

  const processIds = new Map<string, number>();
  for (const p of data.processes) {
    const row = await tx
      .insertInto("processes")
      .values({ slug: p.slug, name: p.name, description: p.description })
      .returningAll()
      .executeTakeFirstOrThrow();
    processIds.set(p.slug, row.id);
    cite("process_id", row.id, p.sources);
    created("process", row);
  }

  const assertions: Database["date_assertions"] extends infer A ? Array<Partial<Record<keyof A, unknown>>> : never = [];
  const assert = (column: string, id: number, list: Dataset["rounds"][number]["alternativeDates"]) => {
    for (const a of list ?? []) {
      assertions.push({ [column]: id, field: a.field, value: a.date, precision: a.precision, source_id: source(a.source), note: a.note });
    }
  };

  const roundIds = new Map<string, number>();
  for (const r of data.rounds) {
    const row = await tx
      .insertInto("rounds")
      .values({
        slug: r.slug,
        process_id: processIds.get(r.process)!,
        venue_id: r.venue ? venueIds.get(r.venue)! : null,
        title: r.title,
        start_date: r.startDate,
        start_precision: r.startPrecision,
        end_date: r.endDate ?? null,
        end_precision: r.endDate ? (r.endPrecision ?? r.startPrecision) : null,
        format: r.format,
        outcome: r.outcome,
        summary: r.summary,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    roundIds.set(r.slug, row.id);
    await tx
      .insertInto("round_participants")
      .values(r.participants.map((p) => ({ round_id: row.id, actor_id: actor(p.actor)!, role: p.role, note: p.note ?? null })))
      .execute();
    cite("round_id", row.id, r.sources);
    assert("round_id", row.id, r.alternativeDates);
    created("round", row);
  }

  const commitmentIds = new Map<string, number>();
  for (const c of data.commitments) {
    const row = await tx
      .insertInto("commitments")
      .values({
        process_id: processIds.get(c.process)!,
        round_id: c.round ? roundIds.get(c.round)! : null,
        title: c.title,
        wording: c.wording,
        kind: c.kind,
        announced_on: c.announcedOn ?? null,
        takes_effect_on: c.takesEffectOn,
        takes_effect_precision: c.takesEffectPrecision,
        expires_on: c.expiresOn ?? null,
        fulfilled_on: c.fulfilledOn ?? null,
        notes: c.notes ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    commitmentIds.set(c.key, row.id);
    await tx
      .insertInto("commitment_parties")
      .values(c.boundActors.map((a) => ({ commitment_id: row.id, actor_id: actor(a)! })))
      .execute();
    cite("commitment_id", row.id, c.sources);
    assert("commitment_id", row.id, c.alternativeDates);
    created("commitment", row);
  }
  const relations = data.commitments.flatMap((c) =>
    (c.relations ?? []).map((r) => ({
      commitment_id: commitmentIds.get(c.key)!,
      relation: r.relation,
      related_commitment_id: commitmentIds.get(r.to)!,
    })),
  );
  if (relations.length) await tx.insertInto("commitment_relations").values(relations).execute();

  const incidentIds = new Map<string, number>();
  for (const i of data.incidents) {
    const row = await tx
      .insertInto("incidents")
      .values({
        title: i.title,
        occurred_on: i.occurredOn,
        date_precision: i.datePrecision,
        ended_on: i.endedOn ?? null,
        kind: i.kind,
        country_code: i.countryCode,
        province: i.province ?? null,
        district: i.district ?? null,
        place_name: i.placeName ?? null,
        latitude: i.latitude ?? null,
        longitude: i.longitude ?? null,
        location_precision: i.locationPrecision,
        perpetrator_id: actor(i.perpetrator),
        summary: i.summary,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    incidentIds.set(i.key, row.id);
    cite("incident_id", row.id, i.sources);
    assert("incident_id", row.id, i.alternativeDates);
    created("incident", row);
  }

  for (const c of data.claims) {
    const row = await tx
      .insertInto("claims")
      .values({
        incident_id: incidentIds.get(c.incident)!,
        claimant_id: actor(c.claimant)!,
        source_id: source(c.source),
        locator: c.locator ?? null,
        category: c.category,
        affected_id: actor(c.affected),
        killed_low: c.killedLow ?? null,
        killed_high: c.killedHigh ?? null,
        injured_low: c.injuredLow ?? null,
        injured_high: c.injuredHigh ?? null,
        rank: c.rank,
        notes: c.notes ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    created("claim", row);
  }

  for (const b of data.breaches) {
    const row = await tx
      .insertInto("breaches")
      .values({
        commitment_id: commitmentIds.get(b.commitment)!,
        incident_id: incidentIds.get(b.incident)!,
        responsible_id: actor(b.responsible),
        alleged_by_id: actor(b.allegedBy),
        assessment: b.assessment,
        reasoning: b.reasoning,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    cite("breach_id", row.id, b.sources);
    created("breach", row);
  }

  if (citations.length) await tx.insertInto("citations").values(citations as never).execute();
  if (assertions.length) await tx.insertInto("date_assertions").values(assertions as never).execute();
  // Each record's history starts with the snapshot the editing engine would have written.
  for (const [type, ids] of created_ids) {
    if (!ids.length) continue;
    const snaps = await snapshots(tx, type, ids);
    await tx
      .insertInto("revisions")
      .values(
        ids.map((id) => ({
          record_type: type,
          record_id: id,
          action: "create" as const,
          user_id: null,
          summary,
          before: null,
          after: JSON.stringify(snaps.get(id)),
        })),
      )
      .execute();
  }

  return {
    sources: data.sources.length,
    actors: data.actors.length,
    venues: data.venues.length,
    processes: data.processes.length,
    rounds: data.rounds.length,
    commitments: data.commitments.length,
    incidents: data.incidents.length,
    claims: data.claims.length,
    breaches: data.breaches.length,
    citations: citations.length,
  };
}
