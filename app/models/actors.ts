// Pure derivations from actor data, used by pages on the server and in the browser alike
// (a .server module would be stripped from the client bundle).
import type { ParticipantRole } from "@db/enums";
import type { ActorDetail, ActorRound } from "./actors.server";

/**
 * How many records of each kind an actor's page lists, the latest first; it gives the exact count
 * of each and links to the full list. A party to a long conflict is bound by thousands of
 * commitments and named in tens of thousands of incidents, breaches and claims.
 */
export const ACTOR_PAGE_LATEST = 10;

/** Share of commitments broken, or null when there are none to count. */
export function shareBroken(t: { commitments: number; broken: number }): number | null {
  return t.commitments ? t.broken / t.commitments : null;
}

/** Whether the actor's page may be headed as a mediator's: it mediated or hosted a live round. */
export function hasMediated(actor: Pick<ActorDetail, "roundCounts">): boolean {
  return actor.roundCounts.led > 0;
}

/**
 * The latest ACTOR_PAGE_LATEST rounds the actor mediated or hosted, newest first, one row per round
 * with its roles there. Each of them is among the latest mediated or the latest hosted that the
 * page holds, with every role it had, so the merge of the two lists, cut, is exact.
 */
export function roundsLed(actor: Pick<ActorDetail, "rounds">): (ActorRound & { roles: ParticipantRole[] })[] {
  const bySlug = new Map<string, ActorRound & { roles: ParticipantRole[] }>();
  for (const r of actor.rounds) {
    if (r.role !== "mediator" && r.role !== "host") continue;
    const seen = bySlug.get(r.slug);
    if (seen) seen.roles.push(r.role);
    else bySlug.set(r.slug, { ...r, roles: [r.role] });
  }
  return [...bySlug.values()].slice(0, ACTOR_PAGE_LATEST);
}
