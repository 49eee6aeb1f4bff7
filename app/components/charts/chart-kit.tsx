// What every analysis chart shares: a frame that draws the chart only in the browser (recharts
// renders an empty wrapper on the server) next to its data table, a CSV link, day-number
// conversions for time axes, and figures written out the way the tables show them.
import { useLocation } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import type { BreachAssessment } from "@db/enums";

/** Day number since 1970-01-01 (UTC) of a YYYY-MM-DD date: a time axis that no time zone can shift. */
export function dayNumber(date: string): number {
  return Date.parse(date + "T00:00:00Z") / 86_400_000;
}

const MONTHS_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Oct 2025" or "24 Oct 2025" for a day number on an axis. */
export function dayLabel(day: number, withDay = false): string {
  const d = new Date(day * 86_400_000);
  const month = `${MONTHS_SHORT[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return withDay ? `${d.getUTCDate()} ${month}` : month;
}

/** Ticks at the first of each month between two day numbers, thinned to at most `max`. */
export function monthTicks(from: number, to: number, max = 12): number[] {
  const ticks: number[] = [];
  const d = new Date(from * 86_400_000);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth() + (d.getUTCDate() === 1 ? 0 : 1);
  for (;;) {
    const day = Date.UTC(y, m, 1) / 86_400_000;
    if (day > to) break;
    ticks.push(day);
    m += 1;
  }
  const step = Math.ceil(ticks.length / max);
  return ticks.filter((_, i) => i % step === 0);
}

/** A lowest–highest figure: "3–12", "7", "up to 4"; "—" when nothing is claimed. */
export function formatRange(low: number | null, high: number | null): string {
  if (low == null && high == null) return "—";
  if (low == null) return `up to ${high}`;
  if (high == null || high === low) return String(low);
  return `${low}–${high}`;
}

/** A single claim as stated: a low without a high is a floor ("at least 5"). */
export function formatClaim(low: number | null, high: number | null): string {
  if (low != null && high == null) return `at least ${low}`;
  return formatRange(low, high);
}

export function formatShare(share: number | null): string {
  if (share == null) return "—";
  return `${(share * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Colours with text contrast on white; assessments follow the badges' meaning. */
export const ASSESSMENT_COLOURS: Record<Exclude<BreachAssessment, "rejected">, string> = {
  corroborated: "#a3201b",
  alleged: "#b36b00",
  disputed: "#5b4a8b",
};
export const SERIES_COLOURS = ["#1f3a5f", "#a3201b", "#1e6b35", "#b36b00", "#5b4a8b", "#0f6e7a", "#7a3e1d", "#4a5562"];
export const SERIES_SHAPES = ["circle", "triangle", "square", "diamond", "star", "cross", "wye"] as const;

/** Legend entries in ink colour: a pale series colour would be unreadable as text. */
export function legendText(value: string) {
  return <span style={{ color: "#1b1f24" }}>{value}</span>;
}

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * A chart and, always, its data. The drawing is for sighted mouse users and is hidden from
 * assistive technology; the table (children) carries the same figures and the links.
 */
export function ChartFrame({ chart, height, label, children }: { chart: () => ReactNode; height: number; label: string; children: ReactNode }) {
  const hydrated = useHydrated();
  return (
    <figure className="chart" aria-label={label}>
      {hydrated ? (
        <div className="chart-canvas" aria-hidden="true" style={{ height }}>
          {chart()}
        </div>
      ) : null}
      {children}
    </figure>
  );
}

/** A link to /analysis/<name>.csv with the page's filters. */
export function CsvLink({ name, children }: { name: string; children: ReactNode }) {
  const { search } = useLocation();
  return (
    <a href={`/analysis/${name}.csv${search}`} download>
      {children}
    </a>
  );
}
