import { and, asc, eq, gte, lte } from "drizzle-orm";
import type { CalendarDayItem, SetCalendarDayBody } from "../../../contracts/case-settings";
import { calendarDays } from "../../db/schema/cases";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { AppError, notFound } from "../../platform/errors";
import { reloadCalendar } from "./calendar";

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
 * day is replaced. The running process counts with it at once; clocks already started keep their due time.
 */
export async function setCalendarDay(deps: AppDeps, ctx: SignedInContext, day: string, body: SetCalendarDayBody): Promise<CalendarDayItem> {
  // Monday to Friday already are working days: a 调休 entry only makes sense on a weekend.
  if (body.kind === "workday" && !isWeekend(day)) throw new AppError("VALIDATION_FAILED", [{ path: "/kind", message: "only a Saturday or Sunday can be made a working day" }]);
  const { db } = deps.database;
  const item = { day, kind: body.kind, name: body.name };
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ kind: calendarDays.kind, name: calendarDays.name }).from(calendarDays).where(eq(calendarDays.day, day)).limit(1);
    await tx
      .insert(calendarDays)
      .values(item)
      .onConflictDoUpdate({ target: calendarDays.day, set: { kind: body.kind, name: body.name } });
    await writeAudit(tx, ctx, { action: "case_settings.calendar_set", targetType: "calendar_day", targetId: day, before: before ?? null, after: item });
  });
  await reloadCalendar(db, deps.calendar);
  return item;
}

/** Removes a day from the calendar: it counts as an ordinary weekday or weekend day again. */
export async function removeCalendarDay(deps: AppDeps, ctx: SignedInContext, day: string): Promise<void> {
  const { db } = deps.database;
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
    if (!gone) throw notFound("calendar day");
    await writeAudit(tx, ctx, { action: "case_settings.calendar_remove", targetType: "calendar_day", targetId: day, before: gone });
  });
  await reloadCalendar(db, deps.calendar);
}
