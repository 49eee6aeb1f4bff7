// Pure derivations from actor data, used by pages on the server and in the browser alike
// (a .server module would be stripped from the client bundle).
import type { ParticipantRole } from "@db/enums";
import type { ActorDetail, ActorRound } from "./actors.server";

/** Share of commitments broken, or null when there are none to count. */
export function shareBroken(t: { commitments: number; broken: number }): number | null {
  return t.commitments ? t.broken / t.commitments : null;
}

/** Whether the actor's page may be headed as a mediator's: it mediated or hosted a live round. */
export function hasMediated(actor: Pick<ActorDetail, "rounds">): boolean {
  return actor.rounds.some((r) => r.role === "mediator" || r.role === "host");
}

/** The rounds an actor mediated or hosted, one row per round with its roles there. */
export function roundsLed(actor: Pick<ActorDetail, "rounds">): (ActorRound & { roles: ParticipantRole[] })[] {
  const bySlug = new Map<string, ActorRound & { roles: ParticipantRole[] }>();
  for (const r of actor.rounds) {
    if (r.role !== "mediator" && r.role !== "host") continue;
    const seen = bySlug.get(r.slug);
    if (seen) seen.roles.push(r.role);
    else bySlug.set(r.slug, { ...r, roles: [r.role] });
  }
  return [...bySlug.values()];
}
