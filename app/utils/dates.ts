import type { DatePrecision } from "@db/enums";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Writes a YYYY-MM-DD date no more precisely than it is known: "19 October 2025", "October 2025", "2025". */
export function formatDate(date: string | null | undefined, precision: DatePrecision | null = "day"): string {
  if (!date) return "—";
  const [y, m, d] = date.split("-").map(Number);
  switch (precision) {
    case "year":
      return String(y);
    case "month":
      return `${MONTHS[m - 1]} ${y}`;
    case "week":
      return `week of ${d} ${MONTHS[m - 1]} ${y}`;
    default:
      return `${d} ${MONTHS[m - 1]} ${y}`;
  }
}

export function formatDateRange(
  start: string,
  startPrecision: DatePrecision,
  end: string | null,
  endPrecision: DatePrecision | null,
): string {
  if (!end || end === start) return formatDate(start, startPrecision);
  return `${formatDate(start, startPrecision)} – ${formatDate(end, endPrecision ?? startPrecision)}`;
}

/** Whole days from a to b (YYYY-MM-DD), independent of the server's time zone. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86_400_000);
}

/** Today's date in UTC as YYYY-MM-DD: the "as of" date for derived statuses. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
