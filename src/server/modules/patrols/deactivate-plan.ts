import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { SignedInContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import { areaPathOf } from "../../platform/scope";
import { loadPlan, presentPlan } from "./plan-queries";

/** Takes a target off the list: no more tasks are made and its open tasks are cancelled. History stays. Runs inside `runWrite`. */
export async function deactivatePlan(tx: Tx, ctx: SignedInContext, id: string) {
  const tasksChanged = await (async () => {
    const plan = await loadPlan(tx, ctx.user, id);
    if (!plan) throw notFound("plan");
    if (!plan.plan.active) return 0;
    await tx.update(patrolPlans).set({ active: false }).where(eq(patrolPlans.id, id));
    const cancelled = await tx
      .update(patrolTasks)
      .set({ status: "cancelled", version: sql`${patrolTasks.version} + 1` })
      .where(and(eq(patrolTasks.planId, id), eq(patrolTasks.status, "open")))
      .returning({ id: patrolTasks.id });
    await writeAudit(tx, ctx, {
      action: "patrol.plan_deactivate",
      targetType: "patrol_plan",
      targetId: id,
      areaPath: areaPathOf(plan.plan.areaId),
      before: { active: true },
      after: { active: false, cancelledTasks: cancelled.length },
    });
    return cancelled.length;
  })();
  return { plan: presentPlan((await loadPlan(tx, ctx.user, id))!), tasksChanged };
}
