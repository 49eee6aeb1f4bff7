import type { Change, RecordInput, Snapshot } from "~/models/history/engine.server";
import { incidentWindowSchema, PICKER_LIMIT, type DateWindow } from "~/models/lookup.server";
import { parseQuery, searchParamsObject, type ParamError } from "~/utils/query.server";
import { formatDate } from "~/utils/dates";
import { breachSchema, type BreachDefaults, type BreachFixed, type BreachForm, type IncidentWindowProps } from "./breach";
import { GONE_ACTOR } from "./incident.server";
import { FieldError, saveRecord } from "./save.server";
import { assertLive, citationRows } from "./source.server";

/**
 * Refuses a link the status rule would ignore (docs/decisions/0001-commitment-status.md): an
 * incident before the commitment took effect or after it expired cannot have broken it. Also
 * refuses a pair already linked, on the field the editor can change (the unique index stays the
 * guarantee against two editors at once).
 */
async function checkLink(change: Change, commitmentId: number, incidentId: number, breachId: number | undefined, field: "commitment" | "incident") {
  const tx = change.tx;
  const commitment = await tx
    .selectFrom("commitments")
    .select(["takes_effect_on", "takes_effect_precision", "expires_on"])
    .where("id", "=", commitmentId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!commitment) throw new FieldError("commitment", "This commitment has been deleted since the form was opened; choose again.");
  const incident = await tx.selectFrom("incidents").select(["occurred_on", "date_precision"]).where("id", "=", incidentId).where("deleted_at", "is", null).executeTakeFirst();
  if (!incident) throw new FieldError("incident", "This incident has been deleted since the form was opened; choose again.");

  const when = formatDate(incident.occurred_on, incident.date_precision);
  const starts = formatDate(commitment.takes_effect_on, commitment.takes_effect_precision);
  const term = commitment.expires_on ? `from ${starts} to ${formatDate(commitment.expires_on)}` : `from ${starts}, with no expiry`;
  const rule = `Its term runs ${term}, and only an incident within it can break it.`;
  if (incident.occurred_on < commitment.takes_effect_on) {
    throw new FieldError(field, `This incident (${when}) is before the commitment took effect (${starts}). ${rule}`);
  }
  if (commitment.expires_on && incident.occurred_on > commitment.expires_on) {
    throw new FieldError(field, `This incident (${when}) is after the commitment expired (${formatDate(commitment.expires_on)}). ${rule}`);
  }

  let twin = tx.selectFrom("breaches").select("id").where("commitment_id", "=", commitmentId).where("incident_id", "=", incidentId).where("deleted_at", "is", null);
  if (breachId !== undefined) twin = twin.where("id", "<>", breachId);
  const existing = await twin.executeTakeFirst();
  if (existing) throw new FieldError(field, `This incident is already linked to this commitment as a breach (#${existing.id}); edit that link instead.`);
}

async function breachInput(v: BreachForm, change: Change, ends: { commitment?: number; incident?: number }, fixed: BreachFixed, id: number | undefined): Promise<RecordInput> {
  const commitmentId = ends.commitment ?? v.commitment!;
  const incidentId = ends.incident ?? v.incident!;
  await checkLink(change, commitmentId, incidentId, id, fixed === "commitment" ? "incident" : "commitment");
  if (v.responsible) await assertLive(change.tx, "actors", [v.responsible], "responsible", GONE_ACTOR);
  if (v.allegedBy) await assertLive(change.tx, "actors", [v.allegedBy], "allegedBy", GONE_ACTOR);
  return {
    fields: {
      commitment_id: commitmentId,
      incident_id: incidentId,
      responsible_id: v.responsible ?? null,
      alleged_by_id: v.allegedBy ?? null,
      assessment: v.assessment,
      reasoning: v.reasoning,
    },
    children: { citations: await citationRows(change, "breach_id", id, v.sources, v) },
  };
}

/** Where the editor came from, and goes back to: the incident's page or the commitment's. */
export type BreachReturn = "incident" | "commitment";

export function breachReturnPath(to: BreachReturn, breach: { id: number; commitmentId: number; incidentId: number }) {
  return to === "incident" ? `/incidents/${breach.incidentId}#breach-${breach.id}` : `/commitments/${breach.commitmentId}#breach-${breach.id}`;
}

/**
 * Saves a breach. `ends` holds the end(s) the page fixed (from the URL or the record being
 * edited); the form picks the others.
 */
export function saveBreach(request: Request, opts: { fixed: BreachFixed; ends?: { commitment?: number; incident?: number }; id?: number; returnTo: BreachReturn }) {
  const ends = opts.ends ?? {};
  return saveRecord({
    request,
    schema: breachSchema(opts.id === undefined ? "new" : "edit", opts.fixed),
    type: "breach",
    id: opts.id,
    toInput: (v, change) => breachInput(v, change, ends, opts.fixed, opts.id),
    summary: (v) => v.summary || `Linked an incident to a commitment it broke (${v.assessment})`,
    redirectTo: (saved) =>
      breachReturnPath(opts.returnTo, { id: saved.id, commitmentId: saved.fields.commitment_id as number, incidentId: saved.fields.incident_id as number }),
  });
}

/** The edit form's starting values, from the record's snapshot. */
export function breachDefaults(s: Snapshot): BreachDefaults {
  const v = (column: string) => s.fields[column] as string | number | null;
  return {
    commitment: v("commitment_id"),
    incident: v("incident_id"),
    responsible: v("responsible_id"),
    allegedBy: v("alleged_by_id"),
    assessment: v("assessment"),
    reasoning: v("reasoning"),
    sources: s.children.citations.map((c) => String(c.source_id)),
  };
}

/**
 * The incident picker's date window from the page's URL (`incidents_from`, `incidents_to`), or
 * `fallback` for an end not given: from a commitment's page, its term, since only an incident
 * within it can be linked. A bad date is reported beside its field and left out of the window.
 */
export function incidentWindow(request: Request, fallback: DateWindow = {}, keep?: Record<string, string>) {
  const url = new URL(request.url);
  const parsed = parseQuery(url, incidentWindowSchema);
  const window: DateWindow = { from: parsed.query.incidents_from ?? fallback.from, to: parsed.query.incidents_to ?? fallback.to };
  // The fields show what was typed, a bad date included, beside its message.
  const typed = searchParamsObject(url);
  const props: IncidentWindowProps = {
    from: typed.incidents_from ?? window.from,
    to: typed.incidents_to ?? window.to,
    errors: Object.fromEntries(parsed.errors.map((e: ParamError) => [e.parameter, e.message])),
    keep,
    limit: PICKER_LIMIT,
  };
  return { window, props, errors: parsed.errors };
}
