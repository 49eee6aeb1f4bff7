// Dates as whole days since 1970-01-01 (UTC): cheap to draw and compare, turned into ISO
// strings through a cache because millions of rows share a few thousand distinct dates.

export const FIRST_DAY = toDay("2015-01-01");
export const LAST_DAY = toDay("2025-12-31");

export function toDay(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

const cache = new Map<number, string>();

export function iso(day: number): string {
  let s = cache.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10);
    cache.set(day, s);
  }
  return s;
}

export function yearOf(day: number): number {
  return Number(iso(day).slice(0, 4));
}

export function firstOfMonth(day: number): number {
  return toDay(`${iso(day).slice(0, 7)}-01`);
}

export function firstOfYear(day: number): number {
  return toDay(`${iso(day).slice(0, 4)}-01-01`);
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "March 2019" */
export function monthYear(day: number): string {
  const s = iso(day);
  return `${MONTHS[Number(s.slice(5, 7)) - 1]} ${s.slice(0, 4)}`;
}
