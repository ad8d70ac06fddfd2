import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { checklistItems, checklistTemplates, patrolPlans, patrolTasks } from "../../db/schema/patrols";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { dayAfter } from "../../platform/clock";
import { displayAnswer, isFailure } from "./answers";
import { planVisible } from "./plan-queries";
import { resolveTarget } from "./plan-targets";
import { selectSubmissions } from "./submission-queries";
import { targetAddress } from "./task-queries";

type TargetType = "person" | "household" | "place";

/**
 * The ledger of one target (一户一档 / 一企一档): every visit under every plan it has been on, with
 * the answers read against the template version each visit used, the findings, the cases they
 * opened, and the periods that were missed. Only plans the user may see count (`planVisible`): a
 * 重点人员 is 404 to a role without `person:restricted` unless one of its plans is assigned to them.
 */
export async function targetLedger(db: DbOrTx, user: AuthUser, target: { type: TargetType; id: string }) {
  const column = target.type === "person" ? patrolPlans.personId : target.type === "household" ? patrolPlans.householdId : patrolPlans.placeId;
  const plans = await db
    .select({
      id: patrolPlans.id,
      targetKind: patrolPlans.targetKind,
      targetLabel: patrolPlans.targetLabel,
      frequency: patrolPlans.frequency,
      active: patrolPlans.active,
      startsOn: patrolPlans.startsOn,
      assigneeId: patrolPlans.assigneeId,
      assigneeName: users.displayName,
      address: targetAddress,
      templateName: sql<string>`(SELECT t.name FROM checklist_templates t WHERE t.family_id = ${patrolPlans.templateFamilyId} ORDER BY t.current DESC, t.version DESC LIMIT 1)`,
    })
    .from(patrolPlans)
    .innerJoin(users, eq(users.id, patrolPlans.assigneeId))
    .where(and(eq(column, target.id), planVisible(user)))
    .orderBy(asc(patrolPlans.createdAt));
  let label: string;
  let address: string | null = plans[0]?.address ?? null;
  if (plans.length) label = plans[plans.length - 1].targetLabel;
  else {
    const key = target.type === "person" ? { type: "person" as const, personId: target.id } : target.type === "household" ? { type: "household" as const, householdId: target.id } : { type: "place" as const, placeId: target.id };
    const resolved = await resolveTarget(db, user, key).catch(() => null);
    if (!resolved) throw notFound(target.type);
    label = resolved.label;
    address = null;
  }
  const planIds = plans.map((p) => p.id);
  const tasks = planIds.length
    ? await db
        .select({
          id: patrolTasks.id,
          status: patrolTasks.status,
          periodStart: patrolTasks.periodStart,
          periodEnd: patrolTasks.periodEnd,
          templateId: patrolTasks.templateId,
          templateName: checklistTemplates.name,
          templateVersion: checklistTemplates.version,
        })
        .from(patrolTasks)
        .innerJoin(checklistTemplates, eq(checklistTemplates.id, patrolTasks.templateId))
        .where(inArray(patrolTasks.planId, planIds))
    : [];
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const submissions = tasks.length ? await selectSubmissions(db, sql`s.task_id IN (SELECT id FROM patrol_tasks WHERE plan_id IN (${sql.join(planIds.map((id) => sql`${id}::uuid`), sql`, `)}))`) : [];
  const templateIds = [...new Set(tasks.map((t) => t.templateId))];
  const items = templateIds.length ? await db.select().from(checklistItems).where(inArray(checklistItems.templateId, templateIds)).orderBy(asc(checklistItems.seq)) : [];

  const entries = submissions
    .map((s) => {
      const task = taskById.get(s.taskId)!;
      const answers = items
        .filter((i) => i.templateId === task.templateId)
        .map((i) => {
          const value = s.answers[i.id] ?? null;
          return { itemId: i.id, label: i.label, type: i.type, value, display: displayAnswer(i, value), failed: isFailure(i, value) };
        });
      return {
        submissionId: s.id,
        taskId: s.taskId,
        periodStart: task.periodStart,
        periodEnd: task.periodEnd,
        filledAt: s.filledAt,
        onTime: new Date(s.filledAt) < dayAfter(task.periodEnd),
        template: { id: task.templateId, name: task.templateName, version: task.templateVersion },
        submittedBy: s.submittedBy,
        answers,
        findings: answers.filter((a) => a.failed).map((a) => `${a.label}：${a.display}`),
        notes: s.notes,
        companions: s.companions,
        trackMeters: s.trackMeters,
        trackSeconds: s.trackSeconds,
        photoCount: s.photos.length,
        cases: s.cases,
      };
    })
    .sort((a, b) => (a.filledAt < b.filledAt ? 1 : -1));
  return {
    target: { type: target.type, id: target.id, label, address },
    plans: plans.map((p) => ({
      id: p.id,
      templateName: p.templateName,
      targetKind: p.targetKind,
      frequency: p.frequency,
      assignee: { id: p.assigneeId, name: p.assigneeName },
      active: p.active,
      startsOn: p.startsOn,
    })),
    entries,
    missed: tasks
      .filter((t) => t.status === "missed")
      .sort((a, b) => (a.periodStart < b.periodStart ? 1 : -1))
      .map((t) => ({ taskId: t.id, periodStart: t.periodStart, periodEnd: t.periodEnd })),
  };
}
