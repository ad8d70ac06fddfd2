import { and, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import { patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { underArea } from "../../platform/scope";
import type { TaskListQuery } from "../../../contracts/patrols";
import { localDay } from "./periods";
import { baseTasks, presentTask, taskVisible, type TaskRow } from "./task-queries";

/** Tasks of the caller's scope for the console, newest period first (keyset pagination). */
export async function listTasks(db: DbOrTx, user: AuthUser, q: TaskListQuery, areaPath: string | null) {
  const today = localDay();
  const status: SQL | undefined =
    q.status === "overdue"
      ? or(eq(patrolTasks.status, "missed"), and(eq(patrolTasks.status, "open"), sql`${patrolTasks.periodEnd} < ${today}`))
      : q.status
        ? eq(patrolTasks.status, q.status)
        : undefined;
  let after: SQL | undefined;
  if (q.cursor) {
    const [start, id] = q.cursor.split("_");
    after = sql`(${patrolTasks.periodStart}, ${patrolTasks.id}) < (${start}::date, ${id}::uuid)`;
  }
  const rows = (await baseTasks(db)
    .where(
      and(
        taskVisible(user),
        areaPath ? underArea(patrolTasks.areaId, areaPath) : undefined,
        status,
        q.targetKind ? eq(patrolPlans.targetKind, q.targetKind) : undefined,
        q.assigneeId ? eq(patrolTasks.assigneeId, q.assigneeId) : undefined,
        q.planId ? eq(patrolTasks.planId, q.planId) : undefined,
        q.flagged === "true" ? sql`${patrolTasks.flaggedAt} IS NOT NULL` : q.flagged === "false" ? sql`${patrolTasks.flaggedAt} IS NULL` : undefined,
        q.from ? gte(patrolTasks.periodEnd, q.from) : undefined,
        q.to ? lte(patrolTasks.periodStart, q.to) : undefined,
        after,
      ),
    )
    .orderBy(desc(patrolTasks.periodStart), desc(patrolTasks.id))
    .limit(q.limit + 1)) as TaskRow[];
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { items: page.map((r) => presentTask(r, today)), nextCursor: more && last ? `${last.task.periodStart}_${last.task.id}` : null };
}
