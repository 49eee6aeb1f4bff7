import type { Kysely } from "kysely";
import type { Database } from "@db/types";
import type { RecordInput } from "~/models/history/engine.server";
import { pickerOptions } from "~/models/lookup.server";
import { commitmentSchema, type CommitmentOptions } from "./commitment";
import { FieldError, recordPath, saveRecord } from "./save.server";
import { assertLive, citationRows } from "./source.server";

export function saveCommitment(request: Request, id?: number) {
  return saveRecord({
    request,
    schema: commitmentSchema(id === undefined ? "new" : "edit"),
    type: "commitment",
    id,
    toInput: async (v, change): Promise<RecordInput> => {
      const tx = change.tx;
      await assertLive(tx, "processes", [v.process], "process", "This process has been deleted since the form was opened; choose another.");
      if (v.round !== undefined) {
        const round = await tx.selectFrom("rounds").select("process_id").where("id", "=", v.round).where("deleted_at", "is", null).executeTakeFirst();
        if (!round) throw new FieldError("round", "This round has been deleted since the form was opened; choose another, or none.");
        // The round's process is the commitment's: lists and scorecards count it under both.
        if (round.process_id !== v.process) throw new FieldError("round", "This round belongs to another process: choose the round’s process above, or another round.");
      }
      await assertLive(tx, "actors", v.actors, "actors", "An actor you chose has been deleted since the form was opened; choose again.");

      const self = v.relations.findIndex((r) => r.commitment === id);
      if (self >= 0) throw new FieldError(`relations[${self}].commitment`, "A commitment cannot relate to itself; choose an earlier one.");
      const related = v.relations.map((r) => r.commitment);
      const live = related.length
        ? new Set((await tx.selectFrom("commitments").select("id").where("id", "in", related).where("deleted_at", "is", null).execute()).map((r) => r.id))
        : new Set<number>();
      const gone = related.findIndex((c) => !live.has(c));
      if (gone >= 0) throw new FieldError(`relations[${gone}].commitment`, "That commitment has been deleted since the form was opened; choose another or remove this row.");

      return {
        fields: {
          process_id: v.process,
          round_id: v.round ?? null,
          title: v.title,
          wording: v.wording,
          kind: v.kind,
          announced_on: v.announcedOn ?? null,
          takes_effect_on: v.takesEffectOn,
          takes_effect_precision: v.takesEffectPrecision,
          expires_on: v.expiresOn ?? null,
          fulfilled_on: v.fulfilledOn ?? null,
          notes: v.notes || null,
        },
        children: {
          parties: [...new Set(v.actors)].map((actor_id) => ({ actor_id })),
          relations: v.relations.map((r) => ({ relation: r.relation, related_commitment_id: r.commitment })),
          citations: await citationRows(change, "commitment_id", id, v.sources, v),
        },
      };
    },
    summary: (v) => v.summary || `Created commitment ${v.title}`,
    redirectTo: (saved) => recordPath("commitment", saved),
  });
}

/** The form's choices, the current values always among them (a fixed number of queries). */
export async function commitmentOptions(
  db: Kysely<Database>,
  current: { id?: number; process?: number; round?: number | null; actors?: number[]; related?: number[]; sources?: number[] } = {},
): Promise<CommitmentOptions> {
  const [processes, rounds, actors, commitments, sources] = await Promise.all([
    pickerOptions(db, "process", current.process ? [current.process] : []),
    pickerOptions(db, "round", current.round ? [current.round] : []),
    pickerOptions(db, "actor", current.actors ?? []),
    pickerOptions(db, "commitment", current.related ?? []),
    pickerOptions(db, "source", current.sources ?? []),
  ]);
  return { processes, rounds, actors, commitments: commitments.filter((o) => o.value !== String(current.id)), sources };
}
