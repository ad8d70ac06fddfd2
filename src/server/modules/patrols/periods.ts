import type { Frequency } from "../../../contracts/patrols";
import { addDays, dayStart, localDay } from "../../platform/clock";

/**
 * Period arithmetic on Beijing calendar days (YYYY-MM-DD): weeks run Monday–Sunday, months and
 * quarters by the calendar. Days and their boundaries come from `platform/clock` (re-exported here
 * for the module's callers); days are handled as UTC dates so no time zone leaks in.
 */
const DAY_MS = 86_400_000;

export { addDays, dayStart, localDay };

export type Period = { start: string; end: string };

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const parse = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** The period of a frequency that contains `day`. */
export function periodOf(day: string, frequency: Frequency): Period {
  const d = new Date(parse(day));
  if (frequency === "weekly") {
    const back = (d.getUTCDay() + 6) % 7;
    const start = iso(d.getTime() - back * DAY_MS);
    return { start, end: addDays(start, 6) };
  }
  const months = frequency === "monthly" ? 1 : 3;
  const m0 = frequency === "monthly" ? d.getUTCMonth() : d.getUTCMonth() - (d.getUTCMonth() % 3);
  const start = Date.UTC(d.getUTCFullYear(), m0, 1);
  const next = Date.UTC(d.getUTCFullYear(), m0 + months, 1);
  return { start: iso(start), end: iso(next - DAY_MS) };
}

/** Every period of a frequency that overlaps [from, to]. */
export function periodsBetween(from: string, to: string, frequency: Frequency): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(from, frequency); p.start <= to; p = periodOf(addDays(p.end, 1), frequency)) out.push(p);
  return out;
}

/** First and last day of a month given as YYYY-MM. */
export function monthRange(month: string): Period {
  const [y, m] = month.split("-").map(Number);
  return { start: iso(Date.UTC(y, m - 1, 1)), end: iso(Date.UTC(y, m, 1) - DAY_MS) };
}

/** "2024年7月" */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return `${y}年${m}月`;
}

/** SQL interval and date_trunc unit of each frequency, for set-based generation. */
export const FREQUENCY_SQL: Record<Frequency, { unit: string; step: string }> = {
  weekly: { unit: "week", step: "1 week" },
  monthly: { unit: "month", step: "1 month" },
  quarterly: { unit: "quarter", step: "3 months" },
};
