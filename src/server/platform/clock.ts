/**
 * The one clock of the product: Beijing calendar days (Asia/Shanghai, UTC+8 all year, no DST).
 * Every "today", day boundary and local date-time text is computed here; nothing else adds 8 hours.
 * Days are YYYY-MM-DD strings; arithmetic on them is done on UTC dates so no machine time zone leaks in.
 */
const DAY_MS = 86_400_000;
const OFFSET_MS = 8 * 3600_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parseDay = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The Beijing calendar day of an instant (today by default), YYYY-MM-DD. */
export function localDay(at: Date = new Date()): string {
  return isoDay(at.getTime() + OFFSET_MS);
}

/** The instant a Beijing calendar day starts. */
export function dayStart(day: string): Date {
  return new Date(parseDay(day) - OFFSET_MS);
}

/** The instant the Beijing calendar day after `day` starts (the exclusive end of `day`). */
export function dayAfter(day: string): Date {
  return new Date(parseDay(day) + DAY_MS - OFFSET_MS);
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  return isoDay(parseDay(day) + n * DAY_MS);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY_MS);
}

/** Beijing local date and time of an instant, "YYYY-MM-DD HH:mm" (for files and printed ledgers). */
export function localDateTime(at: Date | string | null | undefined): string {
  if (at === null || at === undefined) return "";
  const ms = (typeof at === "string" ? new Date(at) : at).getTime();
  if (!Number.isFinite(ms)) return "";
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** The Beijing calendar day of an instant as YYYYMMDD (case numbers). */
export function compactDay(at: Date = new Date()): string {
  return localDay(at).replace(/-/g, "");
}

/** A JavaScript Date (from a spreadsheet cell, say) read as a Beijing calendar day. */
export function localDayOfDate(d: Date): string {
  return localDay(d);
}
