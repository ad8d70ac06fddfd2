/**
 * Working-hours arithmetic for time limits. Times are counted in Asia/Shanghai (UTC+8, no DST):
 * working windows 09:00–12:00 and 13:30–17:30 on Monday–Friday, minus public holidays, plus the
 * weekend days declared working days (调休). Calendar days come from the `calendar_days` table.
 */
const TZ_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
/** [start, end) of each working window, in ms after local midnight. */
export const WORK_WINDOWS: ReadonlyArray<readonly [number, number]> = [
  [9 * HOUR_MS, 12 * HOUR_MS],
  [13.5 * HOUR_MS, 17.5 * HOUR_MS],
];
const MAX_DAYS = 3 * 366;

export type CalendarDay = { day: string; kind: "holiday" | "workday" };

export class WorkCalendar {
  private special: Map<string, "holiday" | "workday">;

  constructor(days: CalendarDay[] = []) {
    this.special = new Map(days.map((d) => [d.day, d.kind]));
  }

  /**
   * Replaces the holidays and 调休 days in place, so every holder of this instance (the request
   * handlers, the timer sweep) counts with the edited calendar from the next computation on.
   */
  replaceDays(days: CalendarDay[]): void {
    this.special = new Map(days.map((d) => [d.day, d.kind]));
  }

  /** Is the local day starting at `localMidnight` (ms, shifted to UTC+8) a working day? */
  private isWorkingDay(localMidnight: number): boolean {
    const d = new Date(localMidnight);
    const key = d.toISOString().slice(0, 10);
    const kind = this.special.get(key);
    if (kind) return kind === "workday";
    const dow = d.getUTCDay();
    return dow >= 1 && dow <= 5;
  }

  /** The instant `hours` working hours after `start`. */
  addWorkingHours(start: Date, hours: number): Date {
    let remaining = Math.max(0, hours) * HOUR_MS;
    const local = start.getTime() + TZ_OFFSET_MS;
    let midnight = Math.floor(local / DAY_MS) * DAY_MS;
    let cursor = local;
    for (let i = 0; i < MAX_DAYS; i++, midnight += DAY_MS) {
      if (this.isWorkingDay(midnight)) {
        for (const [ws, we] of WORK_WINDOWS) {
          const s = midnight + ws;
          const e = midnight + we;
          if (cursor >= e) continue;
          const begin = Math.max(cursor, s);
          if (remaining <= e - begin) return new Date(begin + remaining - TZ_OFFSET_MS);
          remaining -= e - begin;
          cursor = e;
        }
      }
      cursor = Math.max(cursor, midnight + DAY_MS);
    }
    throw new Error("time limit beyond the calendar's range");
  }

  /** Working hours between two instants (0 when `to` is before `from`). */
  workingHoursBetween(from: Date, to: Date): number {
    const a = from.getTime() + TZ_OFFSET_MS;
    const b = to.getTime() + TZ_OFFSET_MS;
    if (b <= a) return 0;
    let total = 0;
    for (let midnight = Math.floor(a / DAY_MS) * DAY_MS, i = 0; midnight < b && i < MAX_DAYS; midnight += DAY_MS, i++) {
      if (!this.isWorkingDay(midnight)) continue;
      for (const [ws, we] of WORK_WINDOWS) {
        const s = Math.max(a, midnight + ws);
        const e = Math.min(b, midnight + we);
        if (e > s) total += e - s;
      }
    }
    return total / HOUR_MS;
  }
}
