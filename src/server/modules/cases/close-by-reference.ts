import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { caseCategories, caseEvents, cases } from "../../db/schema/cases";
import type { Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { areaPathOf } from "../../platform/scope";
import { transitionOf, type Relation } from "./workflow";

/** How the reporter is told, by the kind of reference (the part before ":"). */
const SETTLED_BY: Record<string, string> = {
  resolution: "已通过议事协商解决",
};

/** The relation the reference gives its caller to the cases it covers (no user holds it otherwise). */
const BY_REFERENCE: ReadonlySet<Relation> = new Set<Relation>(["referrer"]);

/**
 * Closes cases because something outside the workflow settled them (e.g. a deliberation
 * resolution marked done): the workflow step `settle_by_reference`, checked against the transition
 * table like every other step (from any open state, to closed), as resolved, with
 * `closed_by_ref` = `ref`. Closed cases are skipped. Each closed case gets its version bumped (compare-and-set), a timeline entry
 * the reporter sees, an audit row, and a notification for its reporter (returned, to be published
 * after commit). Authorization is the caller's: the reference is what allows the closing.
 */
export async function closeCasesByReference(
  _deps: AppDeps,
  ctx: SignedInContext,
  tx: Tx,
  caseIds: string[],
  opts: { ref: string; note: string },
): Promise<{ closed: string[]; notify: NotificationInput[] }> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return { closed: [], notify: [] };
  const now = new Date();
  const rows = await tx
    .select({ c: cases, categoryName: caseCategories.name })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .where(inArray(cases.id, ids))
    .orderBy(asc(cases.id))
    .for("update", { of: cases });
  const settled = SETTLED_BY[opts.ref.split(":")[0]] ?? "已解决并办结";
  const step = transitionOf("settle_by_reference");
  if (!step.by.some((r) => BY_REFERENCE.has(r)) || !step.to) throw new Error("settle_by_reference: the transition table does not let a reference close cases");
  const closed: string[] = [];
  const notify: NotificationInput[] = [];
  for (const { c, categoryName } of rows) {
    if (c.status === "closed") continue;
    if (!step.from.includes(c.status)) throw new AppError("INVALID_TRANSITION", { action: step.action, status: c.status, caseId: c.id });
    const set = {
      status: step.to,
      closureKind: "resolved" as const,
      closureNote: opts.note,
      closedByRef: opts.ref,
      closedAt: now,
      timer: "normal" as const,
      delayRequestedHours: null,
      delayReason: null,
      version: c.version + 1,
      updatedAt: now,
    };
    const updated = await tx
      .update(cases)
      .set(set)
      .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
      .returning({ id: cases.id });
    if (updated.length === 0) throw new AppError("CONFLICT", { reason: "the case changed meanwhile", caseId: c.id });
    await tx.insert(caseEvents).values({
      id: uuidv7(),
      caseId: c.id,
      at: now,
      actorId: ctx.user.id,
      actorName: ctx.user.displayName,
      actorRole: ctx.user.role,
      // Shown on the timeline as a closing step (with the reference that settled it).
      action: "close",
      fromStatus: c.status,
      toStatus: step.to,
      level: c.level,
      note: opts.note,
      data: { closureKind: "resolved", closedByRef: opts.ref },
      visibleToReporter: step.visibleToReporter,
    });
    await writeAudit(tx, ctx, {
      action: "case.close_by_reference",
      targetType: "case",
      targetId: c.id,
      areaPath: areaPathOf(sql`${c.areaId}::uuid`),
      before: { status: c.status, level: c.level, version: c.version },
      after: { status: step.to, closureKind: "resolved", closedByRef: opts.ref, version: c.version + 1 },
      reason: opts.note,
    });
    closed.push(c.id);
    if (c.reporterId && c.reporterId !== ctx.user.id) {
      notify.push({
        userId: c.reporterId,
        // One notification per case: the bus keeps one per user and kind within a batch.
        kind: `case.progress:${c.id}`,
        title: `您反映的${categoryName}（${c.number}）${settled}`,
        body: opts.note.slice(0, 200),
        link: `case:${c.id}`,
      });
    }
  }
  return { closed, notify };
}
