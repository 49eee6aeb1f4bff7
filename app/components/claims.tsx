// Casualty claims: competing figures side by side, and the spread between them stated in words.
// Nothing here averages: a reader sees who says what, and how far apart they are.
import { Link } from "@remix-run/react";
import { enumLabel } from "@db/enums";
import type { ActorRef, FigureRange, IncidentClaim } from "~/models/incidents.server";

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

export interface Spread extends FigureRange {
  claims: number;
  lowBy: ActorRef[];
  highBy: ActorRef[];
}

/**
 * The lowest and highest figure among the claims not ranked deprecated, and who gives each. Same
 * rule as the list's range: a claim with one bound counts as that figure at both ends, and a
 * figure given only as a floor ("200+") makes the top open when it is the highest.
 */
export function figureSpread(claims: IncidentClaim[], figure: Figure): Spread | null {
  const stated = claims
    .filter((c) => c.rank !== "deprecated")
    .map((c) => {
      const low = figure === "killed" ? c.killedLow : c.injuredLow;
      const high = figure === "killed" ? c.killedHigh : c.injuredHigh;
      return { claimant: c.claimant, low: low ?? high, high: high ?? low, open: high == null };
    })
    .filter((c): c is { claimant: ActorRef; low: number; high: number; open: boolean } => c.low != null);
  if (!stated.length) return null;
  const low = Math.min(...stated.map((c) => c.low));
  const high = Math.max(...stated.map((c) => c.high));
  const open = stated.some((c) => c.open && c.high === high);
  const distinct = (list: typeof stated) => [...new Map(list.map((c) => [c.claimant.slug, c.claimant])).values()];
  return {
    low,
    high,
    open,
    claims: stated.length,
    lowBy: distinct(stated.filter((c) => c.low === low)),
    highBy: distinct(stated.filter((c) => c.high === high && c.open === open)),
  };
}

function names(actors: ActorRef[]) {
  return actors.map((a) => a.name).join(" and ");
}

/** "Claims of killed range from 9 (A) to 200+ (B)." — the spread, never an average. */
export function spreadSentence(spread: Spread, figure: Figure): string {
  const top = `${spread.high}${spread.open ? "+" : ""}`;
  if (spread.claims === 1) return `One claim gives a figure for ${figure}: ${formatRange(spread)} (${names(spread.lowBy)}).`;
  if (spread.low === spread.high) return `All ${spread.claims} claims of ${figure} give ${top} (${names(spread.highBy)}).`;
  return `Claims of ${figure} range from ${spread.low} (${names(spread.lowBy)}) to ${top} (${names(spread.highBy)}).`;
}

export function ClaimSpread({ claims }: { claims: IncidentClaim[] }) {
  const sentences = (["killed", "injured"] as const).flatMap((f) => {
    const spread = figureSpread(claims, f);
    return spread ? [spreadSentence(spread, f)] : [];
  });
  const deprecated = claims.filter((c) => c.rank === "deprecated").length;
  return (
    <div className="prose">
      {sentences.map((s) => (
        <p key={s}>{s}</p>
      ))}
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

export function ClaimsTable({ claims, caption }: { claims: IncidentClaim[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Claimant</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">Killed</th>
            <th scope="col" className="num">Injured</th>
            <th scope="col">Rank</th>
            <th scope="col">Source</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {claims.map((c) => {
            const deprecated = c.rank === "deprecated";
            return (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/actors/${c.claimant.slug}`}>{c.claimant.name}</Link>
                </th>
                <td>{enumLabel(c.category)}</td>
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
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
