// Casualty claims: competing figures side by side, and the spread between them stated in words.
// Nothing here averages: a reader sees who says what, and how far apart they are. Figures are
// ranged only among claims that count the same people (one category, one side): see ClaimGroup.
import { Link } from "~/components/link";
import type { ReactNode } from "react";
import { CLAIM_CATEGORIES, enumLabel, type ClaimCategory } from "@db/enums";
import type { ActorRef, ClaimGroup, FigureRange, IncidentClaim } from "~/models/incidents.server";

/** "9", "9–200", "200+", "9–200+" (the highest figure only a floor); "—" without figures. */
export function formatRange(range: FigureRange | null): string {
  if (!range) return "—";
  const top = `${range.high}${range.open ? "+" : ""}`;
  return range.low === range.high ? top : `${range.low}–${top}`;
}

/** One claim's own figure as stated: "9", "9–12", "9+" (a floor), "up to 12" (a ceiling). */
export function formatClaimFigure(low: number | null, high: number | null): string {
  if (low == null && high == null) return "—";
  if (high == null) return `${low}+`;
  if (low == null) return `up to ${high}`;
  return low === high ? String(low) : `${low}–${high}`;
}

type Figure = "killed" | "injured";

const PEOPLE: Record<ClaimCategory, string> = {
  civilians: "civilians",
  security_forces: "security forces",
  militants: "militants",
  mixed: "people of mixed status",
  unknown: "people of unknown status",
};

/**
 * Whose casualties, in words: "security forces of Pakistan", "civilians". Civilians are told
 * apart by their category, so a civilian group without a side needs no "side not stated".
 */
export function claimGroupLabel({ category, affected }: ClaimGroup): string {
  if (affected) return `${PEOPLE[category]} of ${affected.name}`;
  return category === "civilians" ? PEOPLE[category] : `${PEOPLE[category]}, side not stated`;
}

/** The same words, capitalised, with a link to the side's actor: for a table cell. */
export function ClaimGroupName({ group }: { group: ClaimGroup }) {
  const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  if (!group.affected) return <>{capitalise(claimGroupLabel(group))}</>;
  return (
    <>
      {capitalise(PEOPLE[group.category])} of <Link to={`/actors/${group.affected.slug}`}>{group.affected.name}</Link>
    </>
  );
}

/** One key per group of claims counting the same people. */
export function claimGroupKey({ category, affected }: ClaimGroup): string {
  return `${category}|${affected?.slug ?? ""}`;
}

export interface Spread extends FigureRange, ClaimGroup {
  claims: number;
  lowBy: ActorRef[];
  highBy: ActorRef[];
}

/**
 * Groups in the order the incidents list picks its one range from (GroupRange in
 * incidents.server.ts): most claims first; then the highest figure, an open one above a closed
 * one; then category and side name.
 */
function claimGroupOrder(a: Spread, b: Spread): number {
  return (
    b.claims - a.claims ||
    b.high - a.high ||
    Number(b.open) - Number(a.open) ||
    CLAIM_CATEGORIES.indexOf(a.category) - CLAIM_CATEGORIES.indexOf(b.category) ||
    Number(!a.affected) - Number(!b.affected) ||
    (a.affected?.name ?? "").localeCompare(b.affected?.name ?? "")
  );
}

/**
 * For each group of claims counting the same people (one category, one side), the lowest and
 * highest figure among its claims not ranked deprecated, and who gives each. Same rule as the
 * list's range: a claim with one bound counts as that figure at both ends, and a figure given only
 * as a floor ("200+") makes the top open when it is the highest. Never a range across groups.
 */
export function figureSpreads(claims: IncidentClaim[], figure: Figure): Spread[] {
  const groups = new Map<string, { group: ClaimGroup; stated: { claimant: ActorRef; low: number; high: number; open: boolean }[] }>();
  for (const c of claims) {
    if (c.rank === "deprecated") continue;
    const low = figure === "killed" ? c.killedLow : c.injuredLow;
    const high = figure === "killed" ? c.killedHigh : c.injuredHigh;
    if (low == null && high == null) continue;
    const key = claimGroupKey(c);
    const entry = groups.get(key) ?? { group: { category: c.category, affected: c.affected }, stated: [] };
    entry.stated.push({ claimant: c.claimant, low: (low ?? high)!, high: (high ?? low)!, open: high == null });
    groups.set(key, entry);
  }
  const distinct = (list: ActorRef[]) => [...new Map(list.map((a) => [a.slug, a])).values()];
  return [...groups.values()]
    .map(({ group, stated }) => {
      const low = Math.min(...stated.map((c) => c.low));
      const high = Math.max(...stated.map((c) => c.high));
      const open = stated.some((c) => c.open && c.high === high);
      return {
        ...group,
        low,
        high,
        open,
        claims: stated.length,
        lowBy: distinct(stated.filter((c) => c.low === low).map((c) => c.claimant)),
        highBy: distinct(stated.filter((c) => c.high === high && c.open === open).map((c) => c.claimant)),
      };
    })
    .sort(claimGroupOrder);
}

function names(actors: ActorRef[]) {
  return actors.map((a) => a.name).join(" and ");
}

/**
 * "Killed among security forces of Pakistan: 23 (Pakistan) to 58 (Taliban authorities)" — one
 * group's spread, never an average and never across groups.
 */
export function spreadSentence(spread: Spread, figure: Figure): string {
  const top = `${spread.high}${spread.open ? "+" : ""}`;
  const lead = `${figure === "killed" ? "Killed" : "Injured"} among ${claimGroupLabel(spread)}`;
  if (spread.claims === 1) return `${lead}: ${formatRange(spread)} (${names(spread.lowBy)}), the only claim`;
  if (spread.low === spread.high) return `${lead}: ${top} (${names(spread.highBy)}), all ${spread.claims} claims`;
  return `${lead}: ${spread.low} (${names(spread.lowBy)}) to ${top} (${names(spread.highBy)})`;
}

export function ClaimSpread({ claims }: { claims: IncidentClaim[] }) {
  const perFigure = (["killed", "injured"] as const).map((f) => figureSpreads(claims, f).map((s) => spreadSentence(s, f)));
  const sentences = perFigure.filter((list) => list.length).map((list) => `${list.join("; ")}.`);
  const severalGroups = perFigure.some((list) => list.length > 1);
  const deprecated = claims.filter((c) => c.rank === "deprecated").length;
  return (
    <div className="prose">
      {sentences.map((s) => (
        <p key={s}>{s}</p>
      ))}
      {severalGroups ? (
        <p className="muted small">
          Figures are ranged only among claims that count the same people — one category on one side — never one side’s dead
          against the other’s.
        </p>
      ) : null}
      {deprecated ? (
        <p className="muted small">
          {deprecated} deprecated claim{deprecated === 1 ? " is" : "s are"} shown struck through and left out of these ranges.
        </p>
      ) : null}
    </div>
  );
}

function Struck({ when, children }: { when: boolean; children: string }) {
  return when ? <s className="rank-deprecated">{children}</s> : <>{children}</>;
}

/** `actions`: links shown with each claim to signed-in editors (the page decides; rows carry anchors either way). */
export function ClaimsTable({ claims, caption, actions }: { claims: IncidentClaim[]; caption: string; actions?: (claim: IncidentClaim) => ReactNode }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Claimant</th>
            <th scope="col">Category</th>
            <th scope="col">Whose casualties</th>
            <th scope="col" className="num">Killed</th>
            <th scope="col" className="num">Injured</th>
            <th scope="col">Rank</th>
            <th scope="col">Source</th>
            <th scope="col">Notes</th>
            {actions ? <th scope="col">Changes</th> : null}
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => {
            const deprecated = c.rank === "deprecated";
            return (
              <tr key={c.id} id={`claim-${c.id}`}>
                <th scope="row">
                  <Link to={`/actors/${c.claimant.slug}`}>{c.claimant.name}</Link>
                </th>
                <td>{enumLabel(c.category)}</td>
                <td>{c.affected ? <Link to={`/actors/${c.affected.slug}`}>{c.affected.name}</Link> : "Not stated"}</td>
                <td className="num">
                  <Struck when={deprecated}>{formatClaimFigure(c.killedLow, c.killedHigh)}</Struck>
                </td>
                <td className="num">
                  <Struck when={deprecated}>{formatClaimFigure(c.injuredLow, c.injuredHigh)}</Struck>
                </td>
                <td>{deprecated ? <strong>Deprecated</strong> : enumLabel(c.rank)}</td>
                <td>
                  <Link to={`/sources/${c.source.id}`}>{c.source.title}</Link>, {c.source.publisher}
                  {c.locator ? `, ${c.locator}` : ""}
                </td>
                <td>{c.notes ?? "—"}</td>
                {actions ? <td>{actions(c)}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
