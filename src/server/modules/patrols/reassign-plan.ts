import { and, eq, inArray, sql } from "drizzle-orm";
import { patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import type { WriteResult } from "../../platform/write";
import { areaPathOf } from "../../platform/scope";
import { assertAssignable } from "./plan-targets";
import { loadPlan, presentPlan } from "./plan-queries";

/**
 * Gives a plan to another grid worker or staff member, with its open and missed tasks. A phone
 * that still holds one of them gets a 409 "reassigned" when it syncs, instead of losing the form.
 * Runs inside `runWrite`, which stores and pushes the new assignee's notification.
 */
export async function reassignPlan(tx: Tx, ctx: SignedInContext, id: string, assigneeId: string): Promise<WriteResult<{ plan: ReturnType<typeof presentPlan>; tasksChanged: number }>> {
  let notify: NotificationInput[] = [];
  const tasksChanged = await (async () => {
    const plan = await loadPlan(tx, ctx.user, id);
    if (!plan) throw notFound("plan");
    if (!plan.plan.active) throw new AppError("INVALID_TRANSITION", { reason: "inactive" });
    if (plan.plan.assigneeId === assigneeId) return 0;
    await assertAssignable(tx, assigneeId, plan.plan.areaId);
    await tx.update(patrolPlans).set({ assigneeId }).where(eq(patrolPlans.id, id));
    const moved = await tx
      .update(patrolTasks)
      .set({ assigneeId, version: sql`${patrolTasks.version} + 1` })
      .where(and(eq(patrolTasks.planId, id), inArray(patrolTasks.status, ["open", "missed"])))
      .returning({ id: patrolTasks.id });
    await writeAudit(tx, ctx, {
      action: "patrol.plan_reassign",
      targetType: "patrol_plan",
      targetId: id,
      areaPath: areaPathOf(plan.plan.areaId),
      before: { assigneeId: plan.plan.assigneeId },
      after: { assigneeId, tasks: moved.length },
    });
    notify = [
      { userId: assigneeId, kind: "patrol.assigned", title: `新的巡查对象：${plan.plan.targetLabel}`, body: `${moved.length} 项任务已转给您`, link: `patrol-plan:${id}` },
    ];
    return moved.length;
  })();
  return { value: { plan: presentPlan((await loadPlan(tx, ctx.user, id))!), tasksChanged }, notify };
}
