import { AppError } from "../../platform/errors";

const H = 3600_000;
const DAY = 24 * H;
const OFFSET = 8 * H; // Asia/Shanghai, no DST
export const MAX_OCCURRENCES = 60;

export type RepeatRule = { every: "week" | "month"; until?: string; count?: number };

/** Local (Beijing) wall-clock parts of an instant, as a UTC Date for arithmetic. */
const local = (t: number) => new Date(t + OFFSET);

/** The `n`th `weekday` of a month (local), falling back to the last one when the month has no 5th. */
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
  const untilEnd = rule.until ? new Date(`${rule.until}T00:00:00+08:00`).getTime() + DAY : Infinity;
  const start = startsAt.getTime();
  const l = local(start);
  const timeOfDay = start - Date.UTC(l.getUTCFullYear(), l.getUTCMonth(), l.getUTCDate()) + OFFSET;
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
      t = Date.UTC(y, m, d) - OFFSET + timeOfDay;
    }
    if (t >= untilEnd) break;
    out.push(new Date(t));
    if (out.length > MAX_OCCURRENCES) throw new AppError("VALIDATION_FAILED", [{ path: "/repeat", message: `at most ${MAX_OCCURRENCES} occurrences` }]);
  }
  return out;
}
