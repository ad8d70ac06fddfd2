import { and, asc, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import { patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import { countCapped } from "../../db/count-capped";
import type { AuthUser } from "../../platform/context";
import { underArea } from "../../platform/scope";
import type { TaskListQuery } from "../../../contracts/patrols";
import { localDay } from "./periods";
import { baseTasks, presentTask, taskVisible, type TaskRow } from "./task-queries";

/**
 * Tasks of the caller's scope for the console (keyset pagination). The open views ("current": due by
 * today, "overdue", "open") go by the last day of the period, the most overdue first; the others
 * newest period first. The total counts the whole filtered list (capped, see countCapped).
 */
export async function listTasks(db: DbOrTx, user: AuthUser, q: TaskListQuery, areaPath: string | null) {
  const today = localDay();
  const status: SQL | undefined =
    q.status === "overdue"
      ? or(eq(patrolTasks.status, "missed"), and(eq(patrolTasks.status, "open"), sql`${patrolTasks.periodEnd} < ${today}`))
      : q.status === "current"
        ? and(eq(patrolTasks.status, "open"), sql`coalesce(${patrolTasks.plannedOn}, ${patrolTasks.periodStart}) <= ${today}`)
        : q.status
          ? eq(patrolTasks.status, q.status)
          : undefined;
  const byDeadline = q.status === "current" || q.status === "overdue" || q.status === "open";
  let after: SQL | undefined;
  if (q.cursor) {
    const [day, id] = q.cursor.split("_");
    after = byDeadline
      ? sql`(${patrolTasks.periodEnd}, ${patrolTasks.id}) > (${day}::date, ${id}::uuid)`
      : sql`(${patrolTasks.periodStart}, ${patrolTasks.id}) < (${day}::date, ${id}::uuid)`;
  }
  const where = and(
    taskVisible(user),
    areaPath ? underArea(patrolTasks.areaId, areaPath) : undefined,
    status,
    q.targetKind ? eq(patrolPlans.targetKind, q.targetKind) : undefined,
    q.assigneeId ? eq(patrolTasks.assigneeId, q.assigneeId) : undefined,
    q.planId ? eq(patrolTasks.planId, q.planId) : undefined,
    q.flagged === "true" ? sql`${patrolTasks.flaggedAt} IS NOT NULL` : q.flagged === "false" ? sql`${patrolTasks.flaggedAt} IS NULL` : undefined,
    q.from ? gte(patrolTasks.periodEnd, q.from) : undefined,
    q.to ? lte(patrolTasks.periodStart, q.to) : undefined,
  );
  const rows = (await baseTasks(db)
    .where(and(where, after))
    .orderBy(...(byDeadline ? [asc(patrolTasks.periodEnd), asc(patrolTasks.id)] : [desc(patrolTasks.periodStart), desc(patrolTasks.id)]))
    .limit(q.limit + 1)) as TaskRow[];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const total = await countCapped(db, db.select({ one: sql`1` }).from(patrolTasks).innerJoin(patrolPlans, eq(patrolPlans.id, patrolTasks.planId)).where(where));
  return {
    items: page.map((r) => presentTask(r, today)),
    nextCursor: more && last ? `${byDeadline ? last.task.periodEnd : last.task.periodStart}_${last.task.id}` : null,
    ...total,
  };
}
