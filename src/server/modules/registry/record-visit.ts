import { and, eq, sql } from "drizzle-orm";
import { visitPhotos, visits } from "../../db/schema/registry";
import { patrolPhotos, patrolSubmissions } from "../../db/schema/patrols";
import { rowsOf, type Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { claimPhotos } from "../../platform/uploads";
import { localDay } from "../../platform/clock";
import type { WriteResult } from "../../platform/write";
import type { VisitBody } from "../../../contracts/registry";
import { loadTask } from "../patrols/task-queries";
import { assertTaskOpenFor, settleTask } from "../patrols/visit-outcome";
import { loadHouseholdInScope, loadPersonInScope } from "./manage-people";

export type RecordedVisit = { id: string; replayed: boolean; taskId: string | null; outcome: VisitBody["outcome"]; retryOn: string | null; correctionId: string | null };

/**
 * Records a home visit (走访) to a household or person of the caller's scope, with notes and photos.
 * One visit is one record: the caller's open patrol task of that household or person for the
 * visit's period (or the task named in `taskId`) is completed by it in the same transaction, as a
 * submission linked to the visit, and the outcome (未遇, 拒访, 已搬离) acts on the task as a patrol
 * submission would. A task named but given to someone else, done or cancelled answers 409 and
 * nothing is written; the same `clientId` again answers with the stored visit. Runs inside `runWrite`.
 */
export async function recordVisit(tx: Tx, ctx: SignedInContext, input: VisitBody): Promise<WriteResult<RecordedVisit>> {
  if (!input.householdId && !input.personId) throw new AppError("VALIDATION_FAILED", [{ path: "/householdId", message: "a household or a person is required" }]);
  if (input.clientId) {
    const [known] = await tx
      .select({ id: visits.id, taskId: visits.taskId, outcome: visits.outcome })
      .from(visits)
      .where(and(eq(visits.visitorId, ctx.user.id), eq(visits.clientId, input.clientId)))
      .limit(1);
    if (known) return { value: { id: known.id, replayed: true, taskId: known.taskId, outcome: known.outcome, retryOn: null, correctionId: null } };
  }
  const person = input.personId ? await loadPersonInScope(tx, ctx, input.personId) : null;
  const household = input.householdId ? await loadHouseholdInScope(tx, ctx, input.householdId) : person?.householdId ? await loadHouseholdInScope(tx, ctx, person.householdId) : null;
  if (person && household && person.householdId !== household.id) throw new AppError("VALIDATION_FAILED", [{ path: "/personId", message: "not a member of this household" }]);
  const target = household ?? person!;
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : new Date();
  if (visitedAt.getTime() > Date.now() + 5 * 60_000) throw new AppError("VALIDATION_FAILED", [{ path: "/visitedAt", message: "in the future" }]);
  const day = localDay(visitedAt);

  // The patrol task this visit is: the one named, else the caller's open task of the target for the visit's day.
  let taskId = input.taskId ?? null;
  if (!taskId) {
    const [found] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        SELECT t.id FROM patrol_tasks t JOIN patrol_plans p ON p.id = t.plan_id
        WHERE t.assignee_id = ${ctx.user.id} AND t.status = 'open' AND t.period_start <= ${day}::date AND t.period_end >= ${day}::date
          AND (${household ? sql`p.household_id = ${household.id}` : sql`false`} OR ${person ? sql`p.person_id = ${person.id}` : sql`false`})
        ORDER BY t.period_end, t.id LIMIT 1`),
    );
    taskId = found?.id ?? null;
  }
  let task = null;
  if (taskId) {
    // The row lock serialises this visit with a checklist of the same task and with a reassignment.
    await tx.execute(sql`SELECT id FROM patrol_tasks WHERE id = ${taskId} FOR UPDATE`);
    task = await loadTask(tx, ctx.user, taskId);
    if (!task) throw notFound("task");
    const fits = (task.householdId !== null && task.householdId === household?.id) || (task.personId !== null && task.personId === person?.id);
    if (!fits) throw new AppError("VALIDATION_FAILED", [{ path: "/taskId", message: "the task is not for this household or person" }]);
    await assertTaskOpenFor(tx, task, ctx.user.id);
  }

  const photoIds = await claimPhotos(tx, ctx.user.id, input.photoIds, "/photoIds");
  const id = uuidv7();
  await tx.insert(visits).values({
    id,
    communityId: target.communityId,
    areaId: target.areaId,
    householdId: household?.id ?? null,
    personId: person?.id ?? null,
    visitorId: ctx.user.id,
    visitedAt,
    notes: input.notes,
    location: input.location ?? null,
    taskId: task?.task.id ?? null,
    outcome: input.outcome,
    clientId: input.clientId ?? null,
  });
  if (photoIds.length) await tx.insert(visitPhotos).values(photoIds.map((fileId) => ({ visitId: id, fileId })));

  let settled: Awaited<ReturnType<typeof settleTask>> | null = null;
  let submissionId: string | null = null;
  if (task) {
    submissionId = uuidv7();
    await tx.insert(patrolSubmissions).values({
      id: submissionId,
      clientId: `visit-${id}`,
      taskId: task.task.id,
      communityId: task.task.communityId,
      areaId: task.task.areaId,
      submittedBy: ctx.user.id,
      filledAt: visitedAt,
      answers: {},
      failures: [],
      location: input.location ?? null,
      notes: input.notes,
      outcome: input.outcome,
      visitId: id,
    });
    if (photoIds.length) await tx.insert(patrolPhotos).values(photoIds.map((fileId) => ({ submissionId: submissionId!, itemId: null, fileId })));
    settled = await settleTask(tx, ctx, task, { outcome: input.outcome, at: visitedAt, submissionId, notes: input.notes });
  }
  await writeAudit(tx, ctx, {
    action: "visit.create",
    targetType: "visit",
    targetId: id,
    areaPath: target.path,
    after: {
      householdId: household?.id ?? null,
      personId: person?.id ?? null,
      photos: photoIds.length,
      outcome: input.outcome,
      taskId: task?.task.id ?? null,
      submissionId,
      retryOn: settled?.retryOn ?? null,
      flagged: settled?.flagged ?? false,
      correctionId: settled?.correctionId ?? null,
    },
  });
  return {
    value: { id, replayed: false, taskId: task?.task.id ?? null, outcome: input.outcome, retryOn: settled?.retryOn ?? null, correctionId: settled?.correctionId ?? null },
    notify: settled?.notify ?? [],
  };
}
