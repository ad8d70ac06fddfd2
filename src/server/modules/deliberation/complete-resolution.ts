import { and, eq, ne } from "drizzle-orm";
import { resolutions, resolutionUpdates, topicCases, topics } from "../../db/schema/deliberation";
import { caseLinks } from "../../db/schema/patrols";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { closeCasesByReference } from "../cases/close-by-reference";
import { loadResolutionAccess } from "./resolution-access";
import { checkPhotos } from "./photos";
import { nextTopicStatus } from "./workflow";

/**
 * Marks a resolution done (by an owner; anyone else gets 403). In the same transaction: the last
 * progress entry (100%), every case linked to the topic closed with a reference to the resolution
 * (their reporters are told), and the topic settled once none of its resolutions is still open.
 */
export async function completeResolution(
  deps: AppDeps,
  ctx: SignedInContext,
  tx: Tx,
  resolutionId: string,
  input: { text: string; photoIds: string[]; version?: number },
): Promise<{ value: { id: string; closedCases: string[]; topicStatus: string }; notify: NotificationInput[] }> {
  const a = await loadResolutionAccess(tx, ctx, resolutionId, true);
  if (a.r.status !== "open") throw new AppError("INVALID_TRANSITION", { action: "complete", status: a.r.status });
  if (!a.canComplete) throw new AppError("FORBIDDEN", { reason: "not_owner" });
  if (input.version !== undefined && input.version !== a.r.version) throw new AppError("CONFLICT", { expected: input.version, actual: a.r.version });
  const photoIds = await checkPhotos(tx, ctx, input.photoIds);
  const now = new Date();
  const updated = await tx
    .update(resolutions)
    .set({ status: "done", percent: 100, doneAt: now, version: a.r.version + 1 })
    .where(and(eq(resolutions.id, a.r.id), eq(resolutions.version, a.r.version)))
    .returning({ id: resolutions.id });
  if (updated.length === 0) throw new AppError("CONFLICT", { reason: "the resolution changed meanwhile" });
  await tx.insert(resolutionUpdates).values({ id: uuidv7(), resolutionId: a.r.id, authorId: ctx.user.id, text: input.text, percent: 100, photoIds, at: now });

  const ref = `resolution:${a.r.id}`;
  const linked = await tx.select({ caseId: topicCases.caseId }).from(topicCases).where(eq(topicCases.topicId, a.topic.id));
  const closing = await closeCasesByReference(deps, ctx, tx, linked.map((l) => l.caseId), { ref, note: `议事协商决议已落实：${a.r.text}`.slice(0, 2000) });
  if (closing.closed.length) {
    await tx.insert(caseLinks).values(closing.closed.map((caseId) => ({ caseId, kind: "resolution" as const, refId: a.r.id }))).onConflictDoNothing();
  }

  const [stillOpen] = await tx
    .select({ id: resolutions.id })
    .from(resolutions)
    .where(and(eq(resolutions.topicId, a.topic.id), eq(resolutions.status, "open"), ne(resolutions.id, a.r.id)))
    .limit(1);
  let topicStatus: string = a.topic.status;
  if (!stillOpen) {
    topicStatus = nextTopicStatus("settle", a.topic.status);
    await tx.update(topics).set({ status: topicStatus as "settled", settledAt: now }).where(eq(topics.id, a.topic.id));
  }
  await writeAudit(tx, ctx, {
    action: "resolution.complete",
    targetType: "resolution",
    targetId: a.r.id,
    areaPath: a.path,
    before: { status: a.r.status, percent: a.r.percent, version: a.r.version },
    after: { status: "done", percent: 100, version: a.r.version + 1, closedCases: closing.closed, topicStatus },
    reason: input.text,
  });
  const notify = [...closing.notify];
  if (a.topic.source === "proposal" && a.topic.proposerId && topicStatus === "settled") {
    notify.push({ userId: a.topic.proposerId, kind: `topic.settled:${a.topic.id}`, title: `您提出的议题“${a.topic.title.slice(0, 30)}”已落实`, body: a.r.text.slice(0, 80), link: `topic:${a.topic.id}` });
  }
  return { value: { id: a.r.id, closedCases: closing.closed, topicStatus }, notify };
}
