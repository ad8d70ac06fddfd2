import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { persons } from "../../db/schema/places";
import { correctionRequests, visits } from "../../db/schema/registry";
import { patrolPlans, patrolSubmissions, patrolTasks, type VISIT_OUTCOMES } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { rolesOf } from "../../platform/roles";
import { addDays, localDay } from "../../platform/clock";
import type { NotificationInput } from "../../platform/notify";
import type { TaskRow } from "./task-queries";

export type VisitOutcome = (typeof VISIT_OUTCOMES)[number];

/** Days after a 未遇 the second try is planned for. */
export const RETRY_AFTER_DAYS = 1;

/** Person and household kinds of work are care visits (走访): they are recorded in the registry too. */
export function isVisitTarget(row: Pick<TaskRow, "personId" | "householdId">): boolean {
  return Boolean(row.personId || row.householdId);
}

/**
 * The 409 of a visit for a task the caller may no longer do: given to someone else, already done or
 * cancelled. Nothing is written.
 */
export async function assertTaskOpenFor(tx: Tx, row: TaskRow, userId: string): Promise<void> {
  const t = row.task;
  if (t.assigneeId !== userId) throw new AppError("CONFLICT", { reason: "reassigned", assignee: { id: t.assigneeId, name: row.assigneeName }, version: t.version });
  if (t.status === "done") {
    const [done] = await tx.select({ id: patrolSubmissions.id }).from(patrolSubmissions).where(eq(patrolSubmissions.taskId, t.id)).orderBy(desc(patrolSubmissions.filledAt)).limit(1);
    throw new AppError("CONFLICT", { reason: "already_done", submissionId: done?.id ?? null, doneAt: t.doneAt?.toISOString() ?? null, outcome: t.outcome ?? null });
  }
  if (t.status === "cancelled") throw new AppError("CONFLICT", { reason: "cancelled" });
}

/**
 * What a visit's outcome does to its task (locked by the caller), in the caller's transaction:
 * 已走访 and 拒访 finish it; 未遇 keeps it open with a second try planned `RETRY_AFTER_DAYS` later,
 * and a second 未遇 in a row for the same target flags it and tells the community secretary;
 * 已搬离 finishes it, ends the plan's later tasks and proposes the move-out to staff as a
 * correction request of the register.
 */
export async function settleTask(
  tx: Tx,
  ctx: SignedInContext,
  row: TaskRow,
  input: { outcome: VisitOutcome; at: Date; submissionId: string; notes?: string | null },
): Promise<{ notify: NotificationInput[]; retryOn: string | null; flagged: boolean; correctionId: string | null }> {
  const t = row.task;
  const day = localDay(input.at);
  const notify: NotificationInput[] = [];
  if (input.outcome === "not_home") {
    const retryOn = addDays(day < localDay() ? localDay() : day, RETRY_AFTER_DAYS);
    // The visit before this one of the same target (any period): a 未遇 too makes two in a row.
    const [previous] = await tx
      .select({ outcome: patrolSubmissions.outcome })
      .from(patrolSubmissions)
      .innerJoin(patrolTasks, eq(patrolTasks.id, patrolSubmissions.taskId))
      .where(and(eq(patrolTasks.planId, t.planId), ne(patrolSubmissions.id, input.submissionId)))
      .orderBy(desc(patrolSubmissions.filledAt), desc(patrolSubmissions.id))
      .limit(1);
    const flagged = previous?.outcome === "not_home";
    await tx
      .update(patrolTasks)
      .set({
        outcome: "not_home",
        attempts: sql`${patrolTasks.attempts} + 1`,
        retryOn,
        plannedOn: retryOn,
        rolledFrom: null,
        flaggedAt: flagged ? (t.flaggedAt ?? input.at) : t.flaggedAt,
        version: sql`${patrolTasks.version} + 1`,
      })
      .where(eq(patrolTasks.id, t.id));
    if (flagged && !t.flaggedAt) {
      const secretaries = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.areaId, t.communityId), inArray(users.role, rolesOf("patrolEscalation")), eq(users.status, "active")));
      for (const s of secretaries) {
        notify.push({ userId: s.id, kind: "patrol.unreachable", title: `连续两次走访未遇：${row.targetLabel}`, body: `${row.assigneeName} 两次上门未遇，请协调联系`, link: `patrol-task:${t.id}` });
      }
    }
    return { notify, retryOn, flagged, correctionId: null };
  }

  await tx
    .update(patrolTasks)
    .set({ status: "done", doneAt: input.at, outcome: input.outcome, attempts: sql`${patrolTasks.attempts} + 1`, retryOn: null, version: sql`${patrolTasks.version} + 1` })
    .where(eq(patrolTasks.id, t.id));
  let correctionId: string | null = null;
  if (input.outcome === "moved_away") {
    // The plan's later tasks end; the register is changed by staff, who accept the proposal.
    await tx.update(patrolPlans).set({ active: false }).where(eq(patrolPlans.id, t.planId));
    await tx
      .update(patrolTasks)
      .set({ status: "cancelled", version: sql`${patrolTasks.version} + 1` })
      .where(and(eq(patrolTasks.planId, t.planId), eq(patrolTasks.status, "open"), ne(patrolTasks.id, t.id)));
    const personId =
      row.personId ??
      (row.householdId
        ? (
            await tx
              .select({ id: persons.id })
              .from(persons)
              .where(and(eq(persons.householdId, row.householdId), eq(persons.status, "active")))
              .orderBy(sql`${persons.relation} = 'head' DESC`, persons.id)
              .limit(1)
          )[0]?.id
        : undefined);
    if (personId) {
      correctionId = uuidv7();
      await tx.insert(correctionRequests).values({
        id: correctionId,
        personId,
        userId: ctx.user.id,
        field: "residence",
        proposed: "已搬离",
        note: `网格员走访发现已搬离（${day}，${row.targetLabel}）${input.notes ? `：${input.notes}` : ""}`.slice(0, 500),
      });
    }
  }
  return { notify, retryOn: null, flagged: false, correctionId };
}

/** Links a visit and the submission that is the same visit. */
export async function linkVisit(tx: Tx, visitId: string, submissionId: string, taskId: string) {
  await tx.update(patrolSubmissions).set({ visitId }).where(eq(patrolSubmissions.id, submissionId));
  await tx.update(visits).set({ taskId }).where(eq(visits.id, visitId));
}
