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

/** The household a plan's target lives in (itself, or the person's). */
const targetHousehold = sql`coalesce(${patrolPlans.householdId}, (SELECT x.household_id FROM persons x WHERE x.id = ${patrolPlans.personId}))`;

/** Compound, building and unit of a household target (null for places), for grouping today's list. */
export const targetWalk = sql<{ compound: string | null; building: string | null; unit: string | null } | null>`(
  SELECT json_build_object('compound', c.name, 'building', b.name, 'unit', h.unit_no::text || '单元')
  FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id WHERE h.id = ${targetHousehold})`;

/**
 * Walking order: compound, building (by its number), unit, room; places by their address after the
 * homes of the same compound-less group.
 */
export const walkOrder = sql<string>`coalesce((
  SELECT c.name || '|' || lpad(coalesce(substring(b.name from '[0-9]+'), '0'), 4, '0') || b.name || '|' || lpad(h.unit_no::text, 2, '0') || '|' || lpad(coalesce(substring(h.room_no from '[0-9]+'), '0'), 5, '0')
  FROM households h JOIN buildings b ON b.id = h.building_id JOIN compounds c ON c.id = b.compound_id WHERE h.id = ${targetHousehold}),
  '~' || coalesce(${targetAddress}, ${patrolPlans.targetLabel}))`;

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
    walk: targetWalk,
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
  walk?: { compound: string | null; building: string | null; unit: string | null } | null;
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
    plannedOn: t.plannedOn ?? null,
    rolledFrom: t.rolledFrom ?? null,
    retryOn: t.retryOn ?? null,
    outcome: t.outcome ?? null,
    attempts: t.attempts ?? 0,
    flagged: Boolean(t.flaggedAt),
    walk: r.walk ?? null,
  };
}
