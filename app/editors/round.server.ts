// Saving the round form: one change that creates the new venue, sources and actors the form
// describes, writes the round, then the commitments made at it — each record with its own
// revision, all sharing the change id, all or nothing.
import type { Kysely } from "kysely";
import type { DatePrecision } from "@db/enums";
import type { Database } from "@db/types";
import { createRecord, snapshot, type Change, type RecordInput, type Snapshot } from "~/models/history/engine.server";
import { pickerOptions } from "~/models/lookup.server";
import { slugify } from "~/utils/slug";
import { hasNewVenue, ROLE_FIELD_NAMES, ROLE_FIELDS, roundSchema, type RoundDefaults, type RoundForm } from "./round";
import { FieldError, recordPath, saveRecord } from "./save.server";
import { venueInput } from "./venue.server";

const unique = <T>(values: T[]) => [...new Set(values)];

/** The choices the round form offers: every process and venue (few), and bounded actor and source lists. */
export async function roundEditorOptions(db: Kysely<Database>, current: { actors: number[]; sources: number[] }) {
  const [processes, venues, actors, sources] = await Promise.all([
    db.selectFrom("processes").where("deleted_at", "is", null).select(["id", "slug", "name"]).orderBy("name").orderBy("id").execute(),
    db.selectFrom("venues").where("deleted_at", "is", null).select(["id", "city", "country"]).orderBy("city").orderBy("id").execute(),
    pickerOptions(db, "actor", current.actors),
    pickerOptions(db, "source", current.sources),
  ]);
  return {
    processes: processes.map((p) => ({ value: String(p.id), label: p.name, slug: p.slug })),
    venues: venues.map((v) => ({ value: String(v.id), label: `${v.city}, ${v.country}` })),
    // Alphabetical, not chosen-first: as checkboxes, each actor keeps its place in every list.
    actors: actors.sort((a, b) => a.label.localeCompare(b.label)),
    sources,
  };
}
export type RoundEditorOptions = Awaited<ReturnType<typeof roundEditorOptions>>;

/** A live round as its edit form starts: the saved values, the version, and its commitments (read-only there). */
export async function roundForEdit(db: Kysely<Database>, slug: string) {
  const row = await db.selectFrom("rounds").select("id").where("slug", "=", slug).where("deleted_at", "is", null).executeTakeFirst();
  if (!row) return null;
  const [snap, commitments] = await Promise.all([
    snapshot(db, "round", row.id),
    db
      .selectFrom("commitments")
      .where("round_id", "=", row.id)
      .where("deleted_at", "is", null)
      .select(["id", "title", "kind", "takes_effect_on as takesEffectOn", "takes_effect_precision as takesEffectPrecision"])
      .orderBy("takes_effect_on")
      .orderBy("id")
      .execute(),
  ]);
  if (!snap) return null;
  const f = snap.fields as Record<string, string | number | null>;
  const participants = snap.children.participants as { actor_id: number; role: string }[];
  const sourceIds = (snap.children.citations as { source_id: number }[]).map((c) => c.source_id);
  const withRole = (role: string) => participants.filter((p) => p.role === role).map((p) => String(p.actor_id));
  const defaultValue: RoundDefaults = {
    title: String(f.title),
    slug: String(f.slug),
    process: String(f.process_id),
    venue: f.venue_id == null ? undefined : String(f.venue_id),
    startDate: String(f.start_date),
    startPrecision: String(f.start_precision),
    endDate: f.end_date == null ? undefined : String(f.end_date),
    endPrecision: f.end_precision == null ? undefined : String(f.end_precision),
    format: String(f.format),
    outcome: String(f.outcome),
    roundSummary: String(f.summary ?? ""),
    ...Object.fromEntries(ROLE_FIELD_NAMES.map((name) => [name, withRole(ROLE_FIELDS[name])])),
    sources: unique(sourceIds).map(String),
  };
  return {
    id: snap.id,
    version: snap.version,
    slug: String(f.slug),
    title: String(f.title),
    defaultValue,
    commitments,
    actorIds: unique(participants.map((p) => p.actor_id)),
    sourceIds: unique(sourceIds),
  };
}

/**
 * Ids from the form must name live records. A form opened before someone deleted one of them would
 * otherwise fail deep in the database instead of next to the field.
 */
async function assertLive(change: Change, table: "actors" | "sources" | "venues" | "processes", checks: { field: string; ids: number[] }[], what: string) {
  const ids = unique(checks.flatMap((c) => c.ids));
  if (!ids.length) return;
  const rows = await change.tx.selectFrom(table).select("id").where("id", "in", ids).where("deleted_at", "is", null).execute();
  const live = new Set(rows.map((r) => r.id));
  const stale = checks.find((c) => c.ids.some((id) => !live.has(id)));
  if (stale) throw new FieldError(stale.field, `${what} no longer exists (it was deleted after this form was opened): choose again.`);
}

async function checkReferences(change: Change, v: RoundForm) {
  await assertLive(change, "processes", [{ field: "process", ids: [v.process] }], "This process");
  await assertLive(change, "venues", [{ field: "venue", ids: v.venue === undefined ? [] : [v.venue] }], "This venue");
  await assertLive(
    change,
    "actors",
    [
      ...ROLE_FIELD_NAMES.map((name) => ({ field: name, ids: v[name] })),
      ...v.commitments.map((c, i) => ({ field: `commitments[${i}].boundActors`, ids: c.boundActors })),
    ],
    "One of the chosen actors",
  );
  await assertLive(change, "sources", [{ field: "sources", ids: v.sources }], "One of the chosen sources");
}

async function createVenue(change: Change, v: RoundForm["newVenue"], note: string) {
  const input = venueInput({ city: v.city!, country: v.country!, countryCode: v.countryCode!, latitude: v.latitude!, longitude: v.longitude! });
  const slug = String(input.fields.slug);
  if (!slug) throw new FieldError("newVenue.city", "Enter the city's name in letters.");
  const taken = await change.tx.selectFrom("venues").select(["city", "deleted_at"]).where("slug", "=", slug).executeTakeFirst();
  if (taken) {
    throw new FieldError(
      "newVenue.city",
      taken.deleted_at
        ? `A deleted venue, ${taken.city}, already has this name: restore it from Deleted records, or use another name.`
        : `${taken.city} is already in the Venue list: choose it there instead of adding it again.`,
    );
  }
  return (await createRecord(change, "venue", input, note)).id;
}

/** New sources, except that a pasted address already on record cites the source that has it. */
async function createSources(change: Change, rows: RoundForm["newSources"], note: string) {
  if (!rows.length) return [];
  const urls = unique(rows.flatMap((s) => (s.url ? [s.url] : [])));
  const known = urls.length
    ? await change.tx.selectFrom("sources").select(["id", "url"]).where("url", "in", urls).where("deleted_at", "is", null).orderBy("id").execute()
    : [];
  const byUrl = new Map<string, number>();
  for (const s of known) if (s.url && !byUrl.has(s.url)) byUrl.set(s.url, s.id);
  const ids: number[] = [];
  for (const s of rows) {
    const existing = s.url ? byUrl.get(s.url) : undefined;
    if (existing !== undefined) {
      ids.push(existing);
      continue;
    }
    const saved = await createRecord(
      change,
      "source",
      {
        fields: {
          kind: s.kind,
          title: s.title,
          publisher: s.publisher,
          url: s.url ?? null,
          published_on: s.publishedOn ?? null,
          date_precision: s.publishedOn ? ("day" satisfies DatePrecision) : null,
        },
      },
      note,
    );
    if (s.url) byUrl.set(s.url, saved.id);
    ids.push(saved.id);
  }
  return ids;
}

/** New actors, citing the round's sources (where the editor learnt of them). Ids in row order. */
async function createActors(change: Change, rows: RoundForm["newActors"], sourceIds: number[], note: string) {
  if (!rows.length) return [];
  const slugs = rows.map((a) => slugify(a.name));
  slugs.forEach((slug, i) => {
    if (!slug) throw new FieldError(`newActors[${i}].name`, "Enter a name with letters or digits.");
    if (slugs.indexOf(slug) !== i) throw new FieldError(`newActors[${i}].name`, "This new actor is listed twice.");
  });
  const taken = await change.tx.selectFrom("actors").select(["slug", "name", "deleted_at"]).where("slug", "in", slugs).execute();
  const bySlug = new Map(taken.map((a) => [a.slug, a]));
  const clash = slugs.findIndex((slug) => bySlug.has(slug));
  if (clash >= 0) {
    const other = bySlug.get(slugs[clash])!;
    throw new FieldError(
      `newActors[${clash}].name`,
      other.deleted_at
        ? `A deleted actor, ${other.name}, already has this name: restore it from Deleted records, or use another name.`
        : `${other.name} is already in the lists above: tick it there instead of adding it again.`,
    );
  }
  const ids: number[] = [];
  for (const [i, a] of rows.entries()) {
    const saved = await createRecord(
      change,
      "actor",
      {
        fields: { slug: slugs[i], name: a.name, kind: a.kind, country_code: a.countryCode ?? null, description: "" },
        children: { citations: sourceIds.map((source_id) => ({ source_id, locator: null })) },
      },
      note,
    );
    ids.push(saved.id);
  }
  return ids;
}

async function roundSlug(change: Change, v: RoundForm, before: Snapshot | null) {
  if (v.slug) return v.slug;
  // Editing keeps the address the round has: pages cite it.
  if (before) return String(before.fields.slug);
  const slug = slugify(v.title);
  if (!slug || slug === "new") throw new FieldError("slug", "Enter a short name for the URL: none can be made from this title.");
  const taken = await change.tx.selectFrom("rounds").select("id").where("slug", "=", slug).executeTakeFirst();
  if (taken) throw new FieldError("slug", `Another round already has the short name “${slug}” made from this title: enter a different one.`);
  return slug;
}

async function roundInput(v: RoundForm, change: Change, id: number | undefined): Promise<RecordInput> {
  const before = id === undefined ? null : await snapshot(change.tx, "round", id, true);
  // The engine will refuse this save (the round is gone, or changed since the form was opened):
  // create nothing that the refused save would leave behind.
  if (id !== undefined && (!before || before.deleted_at || before.version !== v.version)) return { fields: {} };
  await checkReferences(change, v);
  const slug = await roundSlug(change, v, before);
  const note = `Created with round “${v.title}”`;
  const venueId = hasNewVenue(v.newVenue) ? await createVenue(change, v.newVenue, note) : (v.venue ?? null);
  const sourceIds = unique([...v.sources, ...(await createSources(change, v.newSources, note))]);
  const newActorIds = await createActors(change, v.newActors, sourceIds, note);
  // Notes and locators are not in this form: keep the ones already recorded.
  const notes = new Map((before?.children.participants ?? []).map((p) => [`${p.actor_id}:${p.role}`, p.note]));
  const locators = new Map((before?.children.citations ?? []).map((c) => [c.source_id, c.locator]));
  const participants = [
    ...ROLE_FIELD_NAMES.flatMap((name) => unique(v[name]).map((actor_id) => ({ actor_id, role: ROLE_FIELDS[name] }))),
    ...v.newActors.map((a, i) => ({ actor_id: newActorIds[i], role: a.role })),
  ].map((p) => ({ ...p, note: notes.get(`${p.actor_id}:${p.role}`) ?? null }));
  return {
    fields: {
      slug,
      process_id: v.process,
      venue_id: venueId,
      title: v.title,
      start_date: v.startDate,
      start_precision: v.startPrecision,
      end_date: v.endDate ?? null,
      end_precision: v.endDate ? (v.endPrecision ?? "day") : null,
      format: v.format,
      outcome: v.outcome,
      summary: v.roundSummary ?? "",
    },
    children: {
      participants,
      citations: sourceIds.map((source_id) => ({ source_id, locator: locators.get(source_id) ?? null })),
    },
  };
}

/** The new commitments, citing the round's sources; left without bound actors, they bind its parties. */
async function createCommitments(saved: Snapshot, v: RoundForm, change: Change) {
  const sourceIds = unique(saved.children.citations.map((c) => Number(c.source_id)));
  const parties = unique(saved.children.participants.filter((p) => p.role === "party").map((p) => Number(p.actor_id)));
  for (const c of v.commitments) {
    await createRecord(
      change,
      "commitment",
      {
        fields: {
          process_id: saved.fields.process_id,
          round_id: saved.id,
          title: c.title,
          wording: c.wording,
          kind: c.kind,
          takes_effect_on: c.takesEffectOn,
          takes_effect_precision: c.takesEffectPrecision,
          expires_on: c.expiresOn ?? null,
        },
        children: {
          parties: unique(c.boundActors.length ? c.boundActors : parties).map((actor_id) => ({ actor_id })),
          citations: sourceIds.map((source_id) => ({ source_id, locator: null })),
        },
      },
      `Made at round “${v.title}”`,
    );
  }
}

export function saveRound(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: roundSchema(id === undefined ? "new" : "edit"),
    type: "round",
    id,
    toInput: (v, change) => roundInput(v, change, id),
    after: (saved, v, change) => createCommitments(saved, v, change),
    summary: (v) => v.summary || `Created round ${v.title}`,
    redirectTo: (saved) => recordPath("round", saved),
  });
}
