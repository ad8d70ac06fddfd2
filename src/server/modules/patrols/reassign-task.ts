import { sql } from "drizzle-orm";
import { patrolTasks } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import type { WriteResult } from "../../platform/write";
import { areaPathOf } from "../../platform/scope";
import { assertAssignable } from "./plan-targets";
import { loadTask, type TaskRow } from "./task-queries";

/** Gives one open (or missed) task to someone else; the plan keeps its assignee. */
export async function reassignTask(tx: Tx, ctx: SignedInContext, id: string, input: { assigneeId: string; version?: number }): Promise<WriteResult<TaskRow>> {
  let notify: NotificationInput[] = [];
  await (async () => {
    const row = await loadTask(tx, ctx.user, id);
    if (!row) throw notFound("task");
    const t = row.task;
    if (input.version !== undefined && input.version !== t.version) throw new AppError("CONFLICT", { reason: "stale", version: t.version });
    if (t.status !== "open" && t.status !== "missed") throw new AppError("INVALID_TRANSITION", { reason: t.status === "done" ? "already_done" : t.status });
    if (t.assigneeId === input.assigneeId) return;
    await assertAssignable(tx, input.assigneeId, t.areaId);
    const [updated] = await tx
      .update(patrolTasks)
      .set({ assigneeId: input.assigneeId, version: sql`${patrolTasks.version} + 1` })
      .where(sql`${patrolTasks.id} = ${id} AND ${patrolTasks.version} = ${t.version}`)
      .returning({ version: patrolTasks.version });
    if (!updated) throw new AppError("CONFLICT", { reason: "stale" });
    await writeAudit(tx, ctx, {
      action: "patrol.task_reassign",
      targetType: "patrol_task",
      targetId: id,
      areaPath: areaPathOf(t.areaId),
      before: { assigneeId: t.assigneeId, version: t.version },
      after: { assigneeId: input.assigneeId, version: updated.version },
    });
    notify = [
      { userId: input.assigneeId, kind: "patrol.assigned", title: `新的巡查任务：${row.targetLabel}`, body: `${t.periodStart} 至 ${t.periodEnd}`, link: `patrol-task:${id}` },
    ];
  })();
  const row = await loadTask(tx, ctx.user, id);
  if (!row) throw notFound("task");
  return { value: row, notify };
}
