import { calendarDays } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import { WorkCalendar } from "../../platform/work-calendar";

/** The working calendar from the `calendar_days` table. */
export async function loadCalendar(db: DbOrTx): Promise<WorkCalendar> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  return new WorkCalendar(rows);
}

/** Reads the `calendar_days` table again into the calendar the running process holds. */
export async function reloadCalendar(db: DbOrTx, calendar: WorkCalendar): Promise<void> {
  const rows = await db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
  calendar.replaceDays(rows);
}
