import { WORK_WINDOWS, type WorkCalendar } from "../platform/work-calendar";

/**
 * The working calendar's arithmetic for thousands of generated cases: the same working windows as
 * `WorkCalendar`, which decides once per day whether it is a working day; this only remembers the
 * answer, which makes the many clock computations of the seed several times faster.
 */

const TZ = 8 * 3600_000;
const DAY = 24 * 3600_000;
const HOUR = 3600_000;

export class SeedCalendar {
  private readonly days = new Map<number, boolean>();

  constructor(private readonly cal: WorkCalendar) {}

  /** Is the local day starting at `midnight` (local ms) a working day? */
  private working(midnight: number): boolean {
    let w = this.days.get(midnight);
    if (w === undefined) {
      const utc = midnight - TZ;
      w = this.cal.addWorkingHours(new Date(utc), 0).getTime() < utc + DAY;
      this.days.set(midnight, w);
    }
    return w;
  }

  /** Is the Beijing day starting at `utcMidnight` (ms, i.e. 00:00 +08:00) a working day? */
  isWorkday(utcMidnight: number): boolean {
    return this.working(utcMidnight + TZ);
  }

  /** The instant (ms) `hours` working hours after `start` (ms), as `WorkCalendar.addWorkingHours`. */
  add(start: number, hours: number): number {
    let remaining = Math.max(0, hours) * HOUR;
    const local = start + TZ;
    let midnight = Math.floor(local / DAY) * DAY;
    let cursor = local;
    for (let i = 0; i < 3 * 366; i++, midnight += DAY) {
      if (this.working(midnight)) {
        for (const [ws, we] of WORK_WINDOWS) {
          const s = midnight + ws;
          const e = midnight + we;
          if (cursor >= e) continue;
          const begin = Math.max(cursor, s);
          if (remaining <= e - begin) return begin + remaining - TZ;
          remaining -= e - begin;
          cursor = e;
        }
      }
      cursor = Math.max(cursor, midnight + DAY);
    }
    throw new Error("time limit beyond the calendar's range");
  }

  /** The latest instant (ms) from which `hours` working hours remain until `end` (ms). */
  back(end: number, hours: number): number {
    let remaining = Math.max(0, hours) * HOUR;
    const local = end + TZ;
    let midnight = Math.floor(local / DAY) * DAY;
    let cursor = local;
    for (let i = 0; i < 3 * 366; i++, midnight -= DAY) {
      if (this.working(midnight)) {
        for (let w = WORK_WINDOWS.length - 1; w >= 0; w--) {
          const s = midnight + WORK_WINDOWS[w][0];
          const e = midnight + WORK_WINDOWS[w][1];
          if (cursor <= s) continue;
          const stop = Math.min(cursor, e);
          if (remaining <= stop - s) return stop - remaining - TZ;
          remaining -= stop - s;
          cursor = s;
        }
      }
      cursor = Math.min(cursor, midnight);
    }
    throw new Error("time limit beyond the calendar's range");
  }
}
