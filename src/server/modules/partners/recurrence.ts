import { AppError } from "../../platform/errors";

import { dayAfter, dayStart, localDay } from "../../platform/clock";

const DAY = 86_400_000;
export const MAX_OCCURRENCES = 60;

export type RepeatRule = { every: "week" | "month"; until?: string; count?: number };

/** The `n`th `weekday` of a month (a calendar month, read on UTC dates), falling back to the last one when the month has no 5th. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number | null {
  const first = new Date(Date.UTC(year, month, 1));
  const day = 1 + ((weekday - first.getUTCDay() + 7) % 7) + (n - 1) * 7;
  const inMonth = new Date(Date.UTC(year, month, day)).getUTCMonth() === ((month % 12) + 12) % 12;
  return inMonth ? day : day - 7;
}

/**
 * The start instants of a recurring series: every week on the same weekday and time, or every
 * month on the same weekday of the same week (第二个周六 stays the second Saturday). The first is
 * the given start; the series ends at `until` (a local day, inclusive) or after `count`.
 */
export function occurrences(startsAt: Date, rule: RepeatRule): Date[] {
  if (!rule.until && !rule.count) throw new AppError("VALIDATION_FAILED", [{ path: "/repeat", message: "give until or count" }]);
  const limit = rule.count ?? MAX_OCCURRENCES + 1;
  const untilEnd = rule.until ? dayAfter(rule.until).getTime() : Infinity;
  const start = startsAt.getTime();
  // The Beijing calendar day of the first start, read as a UTC date for calendar arithmetic.
  const firstDay = localDay(startsAt);
  const l = new Date(`${firstDay}T00:00:00Z`);
  const timeOfDay = start - dayStart(firstDay).getTime();
  const weekday = l.getUTCDay();
  const ordinal = Math.ceil(l.getUTCDate() / 7);
  const out: Date[] = [];
  for (let i = 0; out.length < limit; i++) {
    let t: number;
    if (rule.every === "week") t = start + i * 7 * DAY;
    else {
      const y = l.getUTCFullYear() + Math.floor((l.getUTCMonth() + i) / 12);
      const m = (l.getUTCMonth() + i) % 12;
      const d = nthWeekday(y, m, weekday, ordinal)!;
      t = dayStart(new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10)).getTime() + timeOfDay;
    }
    if (t >= untilEnd) break;
    out.push(new Date(t));
    if (out.length > MAX_OCCURRENCES) throw new AppError("VALIDATION_FAILED", [{ path: "/repeat", message: `at most ${MAX_OCCURRENCES} occurrences` }]);
  }
  return out;
}
