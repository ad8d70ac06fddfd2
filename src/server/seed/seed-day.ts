import { dayStart, localDay } from "../platform/clock";

/**
 * The day the demo is seeded and its present. The whole history (cases, patrols, deliberation,
 * partners) runs up to this present and what is planned (meetings, activities, visits) lies after
 * it, so a fresh start shows today's reports, this week's visits and next week's meetings. Never
 * before 15 November 2026, the data set's first present. The present is the evening (18:00
 * Beijing) of the seed day, or the last full hour before the seed when that is earlier, so one
 * seed number on one day (and hour, before the evening) always gives the same data.
 */

const H = 3600_000;
/**
 * A present pinned by the environment (ms since the epoch), so that processes started later (the
 * test workers, after the template database was seeded) see the same present as the seed did.
 */
const pinned = Number(process.env.LINLI_SEED_NOW ?? NaN);
const PINNED: number | null = Number.isFinite(pinned) && pinned > 0 ? pinned : null;
/** YYYY-MM-DD (Beijing) of the seed. */
export const SEED_DAY: string = ["2026-11-15", localDay(PINNED === null ? new Date() : new Date(PINNED))].sort()[1];
/** The data set's present (ms). */
export const SEED_NOW: number =
  PINNED !== null && localDay(new Date(PINNED)) === SEED_DAY
    ? PINNED
    : Math.max(
        dayStart(SEED_DAY).getTime(),
        Math.min(dayStart(SEED_DAY).getTime() + 18 * H, Math.floor((Date.now() - 10 * 60_000) / H) * H),
      );
/** Local (Beijing) midnight of the seed day plus `days` days, at `hour` (ms). */
export const seedDayAt = (days: number, hour = 0, minute = 0) => dayStart(SEED_DAY).getTime() + days * 24 * H + hour * H + minute * 60_000;

/** "12月9日" of an instant (Beijing), as notices and meeting titles name a day. */
export const monthDay = (ms: number) => {
  const d = new Date(ms + 8 * H);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
