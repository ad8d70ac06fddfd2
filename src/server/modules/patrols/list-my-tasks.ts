import { and, asc, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import { patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import type { MyTasksQuery } from "../../../contracts/patrols";
import { dayStart, addDays, localDay, periodOf } from "./periods";
import { baseTasks, presentTask, walkOrder, type TaskRow } from "./task-queries";

/**
 * The grid worker's phone list. Today: open tasks planned for today (or earlier and still open,
 * rolled forward by the housekeeping), retries after 未遇 due today included, in walking order
 * (compound → building → unit); the count is the whole list, so a long one is never cut silently.
 * This week: tasks whose period overlaps the week (Monday–Sunday), open or done this week.
 * Overdue: missed, or open after their period ended (a late visit can still be recorded).
 */
export async function listMyTasks(db: DbOrTx, user: AuthUser, q: MyTasksQuery, now = new Date()) {
  const today = localDay(now);
  const week = periodOf(today, "weekly");
  const mine = eq(patrolTasks.assigneeId, user.id);
  const kind = q.targetKind ? eq(patrolPlans.targetKind, q.targetKind) : undefined;
  const views: Record<MyTasksQuery["view"], SQL> = {
    today: and(eq(patrolTasks.status, "open"), sql`coalesce(${patrolTasks.plannedOn}, ${patrolTasks.periodStart}) <= ${today}`, gte(patrolTasks.periodEnd, today))!,
    week: and(
      lte(patrolTasks.periodStart, week.end),
      gte(patrolTasks.periodEnd, week.start),
      or(
        and(eq(patrolTasks.status, "open"), gte(patrolTasks.periodEnd, today)),
        and(eq(patrolTasks.status, "done"), gte(patrolTasks.doneAt, dayStart(week.start)), sql`${patrolTasks.doneAt} < ${dayStart(addDays(week.end, 1))}`),
      ),
    )!,
    overdue: or(eq(patrolTasks.status, "missed"), and(eq(patrolTasks.status, "open"), sql`${patrolTasks.periodEnd} < ${today}`))!,
  };
  const from = q.lng !== undefined && q.lat !== undefined ? ([q.lng, q.lat] as [number, number]) : null;
  const near = from ? [asc(sql`${patrolPlans.location} <-> point(${from[0]}, ${from[1]})`)] : [];
  const order =
    q.view === "overdue"
      ? [desc(patrolTasks.periodEnd), ...near]
      : q.view === "today"
        ? [asc(walkOrder), ...near]
        : [asc(patrolTasks.status), asc(patrolTasks.periodEnd), ...near];
  const rows = (await baseTasks(db)
    .where(and(mine, kind, views[q.view]))
    .orderBy(...order, asc(patrolTasks.id))
    .limit(q.limit)) as TaskRow[];

  const count = (where: SQL) => sql<number>`(SELECT count(*)::int FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
    WHERE t.assignee_id = ${user.id}${q.targetKind ? sql` AND p.target_kind = ${q.targetKind}` : sql``} AND ${where})`;
  const t = sql.raw("t");
  const [counts] = await db
    .select({
      today: count(sql`${t}.status = 'open' AND coalesce(${t}.planned_on, ${t}.period_start) <= ${today} AND ${t}.period_end >= ${today}`),
      week: count(sql`${t}.period_start <= ${week.end} AND ${t}.period_end >= ${week.start}
        AND ((${t}.status = 'open' AND ${t}.period_end >= ${today}) OR (${t}.status = 'done' AND ${t}.done_at >= ${dayStart(week.start)} AND ${t}.done_at < ${dayStart(addDays(week.end, 1))}))`),
      overdue: count(sql`(${t}.status = 'missed' OR (${t}.status = 'open' AND ${t}.period_end < ${today}))`),
      doneToday: count(sql`${t}.status = 'done' AND ${t}.done_at >= ${dayStart(today)} AND ${t}.done_at < ${dayStart(addDays(today, 1))}`),
    })
    .from(sql`(SELECT 1) AS one`);
  return {
    today,
    weekStart: week.start,
    weekEnd: week.end,
    counts,
    items: rows.map((r) => presentTask(r, today, from)),
    rows,
  };
}
