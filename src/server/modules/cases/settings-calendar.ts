import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { CalendarDayItem, SetCalendarDayBody } from "../../../contracts/case-settings";
import { calendarDays } from "../../db/schema/cases";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { AppError, notFound } from "../../platform/errors";
import { ROOT_AUDIT_PATH } from "../../platform/scope";
import { requireCityWide } from "./settings-time-limits";

/** The holidays and 调休 working days of one year, in date order. */
export async function listCalendarDays(deps: AppDeps, year: number): Promise<{ year: number; items: CalendarDayItem[] }> {
  const items = await deps.database.db
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(and(gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
  return { year, items };
}

const isWeekend = (day: string) => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
};

/**
 * Declares a day a public holiday, or a weekend day a working day (调休); an existing entry for the
 * day is replaced. The route reloads the running calendar after commit; clocks already started keep their due time.
 */
export async function setCalendarDay(tx: Tx, ctx: SignedInContext, day: string, body: SetCalendarDayBody): Promise<CalendarDayItem> {
  requireCityWide(ctx);
  // Monday to Friday already are working days: a 调休 entry only makes sense on a weekend.
  if (body.kind === "workday" && !isWeekend(day)) throw new AppError("VALIDATION_FAILED", [{ path: "/kind", message: "only a Saturday or Sunday can be made a working day" }]);
  const item = { day, kind: body.kind, name: body.name };
  const [before] = await tx.select({ kind: calendarDays.kind, name: calendarDays.name }).from(calendarDays).where(eq(calendarDays.day, day)).limit(1);
  await tx
    .insert(calendarDays)
    .values(item)
    .onConflictDoUpdate({ target: calendarDays.day, set: { kind: body.kind, name: body.name } });
  await writeAudit(tx, ctx, { action: "case_settings.calendar_set", targetType: "calendar_day", targetId: day, areaPath: ROOT_AUDIT_PATH, before: before ?? null, after: item });
  return item;
}

/** Removes a day from the calendar: it counts as an ordinary weekday or weekend day again. */
export async function removeCalendarDay(tx: Tx, ctx: SignedInContext, day: string): Promise<void> {
  requireCityWide(ctx);
  const [gone] = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
  if (!gone) throw notFound("calendar day");
  await writeAudit(tx, ctx, { action: "case_settings.calendar_remove", targetType: "calendar_day", targetId: day, areaPath: ROOT_AUDIT_PATH, before: gone });
}
