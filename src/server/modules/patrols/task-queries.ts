import { and, eq, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { checklistTemplates, patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { patrolRule } from "../../platform/access";
import type { LngLat } from "../../db/schema/types";
import type { TaskSummary } from "../../../contracts/patrols";
import { haversine } from "./track";
import { isoInstantOrNull } from "../../platform/instants";

/** The address of a plan's target, whichever kind it is. */
export const targetAddress = sql<string | null>`coalesce(
  (SELECT x.address FROM places x WHERE x.id = ${patrolPlans.placeId}),
  (SELECT x.address FROM households x WHERE x.id = ${patrolPlans.householdId}),
  (SELECT h.address FROM persons x JOIN households h ON h.id = x.household_id WHERE x.id = ${patrolPlans.personId}))`;

export function taskColumns() {
  return {
    task: patrolTasks,
    planFrequency: patrolPlans.frequency,
    planActive: patrolPlans.active,
    personId: patrolPlans.personId,
    householdId: patrolPlans.householdId,
    placeId: patrolPlans.placeId,
    targetKind: patrolPlans.targetKind,
    targetLabel: patrolPlans.targetLabel,
    location: patrolPlans.location,
    address: targetAddress,
    templateName: checklistTemplates.name,
    templateVersion: checklistTemplates.version,
    assigneeName: users.displayName,
    areaName: areas.name,
  };
}

export type TaskRow = {
  task: typeof patrolTasks.$inferSelect;
  planFrequency: "weekly" | "monthly" | "quarterly";
  planActive: boolean;
  personId: string | null;
  householdId: string | null;
  placeId: string | null;
  targetKind: TaskSummary["targetKind"];
  targetLabel: string;
  location: LngLat | null;
  address: string | null;
  templateName: string;
  templateVersion: number;
  assigneeName: string;
  areaName: string;
};

export function baseTasks(db: DbOrTx) {
  return db
    .select(taskColumns())
    .from(patrolTasks)
    .innerJoin(patrolPlans, eq(patrolPlans.id, patrolTasks.planId))
    .innerJoin(checklistTemplates, eq(checklistTemplates.id, patrolTasks.templateId))
    .innerJoin(users, eq(users.id, patrolTasks.assigneeId))
    .innerJoin(areas, eq(areas.id, patrolTasks.areaId));
}

/**
 * Who may see a task (rows of `baseTasks`): it lies in their scope (a grid worker: their grid) and
 * its target is not a 重点人员 they may not see (`patrolRule`), or it is theirs.
 */
export function taskVisible(user: AuthUser): SQL {
  const rule = patrolRule(user, { areaId: patrolTasks.areaId, targetKind: patrolPlans.targetKind, personId: patrolPlans.personId, assigneeId: patrolTasks.assigneeId });
  return sql`(${rule} OR ${patrolTasks.assigneeId} = ${user.id})`;
}

/** A task the user may see, or null (answered as 404). */
export async function loadTask(db: DbOrTx, user: AuthUser, id: string): Promise<TaskRow | null> {
  const [row] = await baseTasks(db)
    .where(and(eq(patrolTasks.id, id), taskVisible(user)))
    .limit(1);
  return (row as TaskRow | undefined) ?? null;
}

export function presentTask(r: TaskRow, today: string, from?: LngLat | null): TaskSummary {
  const t = r.task;
  return {
    id: t.id,
    planId: t.planId,
    status: t.status,
    overdue: t.status === "missed" || (t.status === "open" && t.periodEnd < today),
    periodStart: t.periodStart,
    periodEnd: t.periodEnd,
    frequency: r.planFrequency,
    doneAt: isoInstantOrNull(t.doneAt),
    version: t.version,
    targetKind: r.targetKind,
    targetLabel: r.targetLabel,
    address: r.address ?? null,
    location: r.location ?? null,
    template: { id: t.templateId, name: r.templateName, version: r.templateVersion },
    assignee: { id: t.assigneeId, name: r.assigneeName },
    area: { id: t.areaId, name: r.areaName },
    distance: from && r.location ? Math.round(haversine(from, r.location)) : null,
  };
}
