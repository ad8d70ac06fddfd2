import type { FastifyRequest } from "fastify";
import { eq, sql } from "drizzle-orm";
import { patrolPhotos, patrolSubmissions, patrolTasks } from "../../db/schema/patrols";
import type { AppDeps } from "../../platform/deps";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { signedIn } from "../../platform/http";
import { claimPhotos } from "../../platform/uploads";
import { runWrite } from "../../platform/write";
import { addDays, dayStart } from "../../platform/clock";
import { areaPathOf } from "../../platform/scope";
import type { NotificationRow } from "../../platform/notify";
import type { SubmitBody } from "../../../contracts/patrols";
import { checkAnswers } from "./answers";
import { filterTrack, type FilteredTrack } from "./track";
import { loadTask } from "./task-queries";
import { selectItems } from "./template-queries";
import { findByClientId, loadSubmission } from "./submission-queries";
import { openCasesForFailures } from "./open-cases";
import { visits } from "../../db/schema/registry";
import { assertTaskOpenFor, isVisitTarget, linkVisit, settleTask } from "./visit-outcome";
import type { NotificationInput } from "../../platform/notify";

const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Records a filled checklist from the phone, exactly once per clientId: the same clientId again
 * answers with the stored submission and changes nothing. Only the task's assignee may submit; a
 * task given to someone else or already done by another submission answers 409 with the reason,
 * so the phone shows the conflict instead of dropping the form. Answers are checked against the
 * template version of the task; the GPS track is filtered; the task is marked done; each failed
 * item that opens a case becomes a case linked to the submission — all in one write (`runWrite`,
 * which also honours an Idempotency-Key). Photos go through `claimPhotos`.
 */
export async function submitPatrol(deps: AppDeps, request: FastifyRequest, taskId: string, body: SubmitBody) {
  const { db } = deps.database;
  const { user } = signedIn(request);
  const filledAt = new Date(body.filledAt);
  if (filledAt.getTime() > Date.now() + CLOCK_SKEW_MS) throw new AppError("VALIDATION_FAILED", [{ path: "/filledAt", message: "in the future" }]);

  const replay = async (earlier: { id: string; taskId: string }) => {
    if (earlier.taskId !== taskId) throw new AppError("CONFLICT", { reason: "client_id_reused", taskId: earlier.taskId });
    return { replayed: true, submissionId: earlier.id, track: null };
  };
  const known = await findByClientId(db, user.id, body.clientId);
  let outcome: { replayed: boolean; submissionId: string; track: FilteredTrack | null };
  let pushed: NotificationRow[] = [];
  if (known) outcome = await replay(known);
  else {
    try {
      outcome = await runWrite<typeof outcome>(deps, request, async (tx, ctx) => {
        // The row lock serialises two copies of one form and a form racing a reassignment.
        await tx.execute(sql`SELECT id FROM patrol_tasks WHERE id = ${taskId} FOR UPDATE`);
        const row = await loadTask(tx, user, taskId);
        if (!row) throw notFound("task");
        const again = await findByClientId(tx, user.id, body.clientId);
        if (again) return { value: await replay(again) };
        const t = row.task;
        await assertTaskOpenFor(tx, row, user.id);
        const outcome = body.outcome;
        if (filledAt < dayStart(addDays(t.periodStart, -1))) throw new AppError("VALIDATION_FAILED", [{ path: "/filledAt", message: `before the task's period (${t.periodStart})` }]);

        const items = await selectItems(tx, t.templateId);
        // Nobody home, refused or moved away: there is no checklist to answer.
        const checked = outcome === "visited" ? checkAnswers(items, body.answers) : { answers: {}, failures: [] as string[], photos: new Map<string, string[]>() };
        const unknownItems = Object.keys(body.itemPhotos).filter((id) => !items.some((i) => i.id === id));
        if (unknownItems.length) {
          throw new AppError("VALIDATION_FAILED", unknownItems.map((id) => ({ path: `/itemPhotos/${id}`, message: "not an item of this checklist", itemId: id })));
        }
        const evidence = Object.entries(body.itemPhotos).flatMap(([itemId, ids]) => ids.map((fileId) => ({ itemId, fileId })));
        const itemPhotos = [...[...checked.photos.entries()].flatMap(([itemId, ids]) => ids.map((fileId) => ({ itemId, fileId }))), ...evidence];
        const general = body.photoIds.filter((id) => !itemPhotos.some((p) => p.fileId === id)).map((fileId) => ({ itemId: null as string | null, fileId }));
        const allPhotos = [...itemPhotos, ...general].filter((p, i, a) => a.findIndex((q) => q.fileId === p.fileId) === i);
        await claimPhotos(tx, user.id, allPhotos.map((p) => p.fileId), "/photoIds");

        const track = body.track ? filterTrack(body.track) : null;
        const lastFix = track && track.points.length ? track.points[track.points.length - 1] : null;
        const location = body.location ?? (lastFix ? ([lastFix[0], lastFix[1]] as [number, number]) : null);
        const submissionId = uuidv7();
        await tx.insert(patrolSubmissions).values({
          id: submissionId,
          clientId: body.clientId,
          taskId,
          communityId: t.communityId,
          areaId: t.areaId,
          submittedBy: user.id,
          filledAt,
          answers: checked.answers,
          failures: checked.failures,
          location,
          track: track ? track.points : null,
          trackMeters: track ? track.meters : null,
          trackSeconds: track ? track.seconds : null,
          companions: body.companions,
          notes: body.notes || null,
          outcome,
        });
        if (allPhotos.length) await tx.insert(patrolPhotos).values(allPhotos.map((p) => ({ submissionId, itemId: p.itemId, fileId: p.fileId })));
        const settled = await settleTask(tx, ctx, row, { outcome, at: filledAt, submissionId, notes: body.notes || null });
        // One visit is one record: a visit to a person or household is the registry's care visit too.
        let visitId: string | null = null;
        if (isVisitTarget(row)) {
          visitId = uuidv7();
          await tx.insert(visits).values({
            id: visitId,
            communityId: t.communityId,
            areaId: t.areaId,
            householdId: row.householdId ?? (row.personId ? sql`(SELECT household_id FROM persons WHERE id = ${row.personId})` : null),
            personId: row.personId,
            visitorId: user.id,
            visitedAt: filledAt,
            notes: body.notes || `${row.templateName}`,
            location,
            outcome,
          });
          await linkVisit(tx, visitId, submissionId, taskId);
        }

        const failed = items.filter((i) => i.opensCase && checked.failures.includes(i.id));
        const opened = await openCasesForFailures(deps, ctx, tx, {
          submissionId,
          taskId,
          targetKind: row.targetKind,
          targetLabel: row.targetLabel,
          address: row.address,
          templateName: row.templateName,
          location: location ?? row.location,
          notes: body.notes || null,
          answers: checked.answers,
          items: failed,
          photos: allPhotos,
        });
        await writeAudit(tx, ctx, {
          action: "patrol.submit",
          targetType: "patrol_task",
          targetId: taskId,
          areaPath: areaPathOf(t.areaId),
          before: { status: t.status, version: t.version },
          after: {
            status: outcome === "not_home" ? t.status : "done",
            outcome,
            retryOn: settled.retryOn,
            flagged: settled.flagged,
            correctionId: settled.correctionId,
            visitId,
            submissionId,
            clientId: body.clientId,
            failures: checked.failures.length,
            cases: opened.created.map((c) => c.number),
            photos: allPhotos.length,
            trackMeters: track?.meters ?? null,
            trackDropped: track?.dropped ?? null,
          },
        });
        // The cases module stored these notifications in this transaction; they are pushed after commit.
        pushed = opened.notified;
        const notify: NotificationInput[] = settled.notify;
        return { value: { replayed: false, submissionId, track }, notify };
      });
    } catch (err) {
      // A copy of the same form won the race (runWrite answers a unique violation as a duplicate): answer with its result.
      if (!(err instanceof AppError && err.code === "CONFLICT" && (err.details as { reason?: string } | undefined)?.reason === "duplicate")) throw err;
      pushed = [];
      const winner = await findByClientId(db, user.id, body.clientId);
      if (!winner) throw err;
      outcome = await replay(winner);
    }
  }
  deps.notifications.publish(pushed);
  const submission = (await loadSubmission(db, outcome.submissionId))!;
  const [task] = await db
    .select({ id: patrolTasks.id, status: patrolTasks.status, version: patrolTasks.version, doneAt: patrolTasks.doneAt })
    .from(patrolTasks)
    .where(eq(patrolTasks.id, submission.taskId));
  return {
    replayed: outcome.replayed,
    submission,
    task: { ...task, doneAt: task.doneAt ? task.doneAt.toISOString() : null },
    track: outcome.track ? { received: outcome.track.received, kept: outcome.track.points.length, dropped: outcome.track.dropped } : null,
  };
}
