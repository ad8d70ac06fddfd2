import { caseTimeLimits } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import type { WorkCalendar } from "../../platform/work-calendar";
import type { CaseLevel } from "./workflow";

type Limits = Map<string, { acceptHours: number; handleHours: number }>;
let cache: { at: number; limits: Limits } | null = null;
const TTL_MS = 60_000;
const FALLBACK = { acceptHours: 4, handleHours: 35 };
/** Share of the time limit after which a case turns yellow. */
export const WARN_SHARE = 0.8;

async function limits(db: DbOrTx): Promise<Limits> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.limits;
  const rows = await db.select().from(caseTimeLimits);
  const map: Limits = new Map(rows.map((r) => [`${r.categoryCode}:${r.level}`, { acceptHours: r.acceptHours, handleHours: r.handleHours }]));
  cache = { at: Date.now(), limits: map };
  return map;
}

/** Forgets the cached limits (after they are edited). */
export function clearTimeLimitCache(): void {
  cache = null;
}

/**
 * Due and warning instants of a clock that starts now, in working hours of the calendar. A time
 * limit imposed from outside (the 12345 hotline's deadline) takes precedence over the category's:
 * handling is due then, with the warning at the same share of the time left.
 */
export async function clockFor(
  db: DbOrTx,
  calendar: WorkCalendar,
  input: { categoryCode: string; level: CaseLevel; kind: "accept" | "handle"; from: Date; imposedDueAt?: Date | null },
): Promise<{ dueAt: Date; warnAt: Date }> {
  const imposed = input.imposedDueAt;
  if (imposed && input.kind === "handle") {
    const left = Math.max(0, imposed.getTime() - input.from.getTime());
    return { dueAt: imposed, warnAt: new Date(input.from.getTime() + left * WARN_SHARE) };
  }
  const l = (await limits(db)).get(`${input.categoryCode}:${input.level}`) ?? FALLBACK;
  const hours = input.kind === "accept" ? l.acceptHours : l.handleHours;
  return {
    dueAt: calendar.addWorkingHours(input.from, hours),
    warnAt: calendar.addWorkingHours(input.from, hours * WARN_SHARE),
  };
}
