import { and, eq, inArray, sql } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import { caseCategories, caseEvents, casePhotos, cases } from "../../db/schema/cases";
import type { DbOrTx, Tx } from "../../db/client";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { CASE_LEVEL_OWNERS, rolesOf } from "../../platform/roles";
import { areaPathOf, areaWithin } from "../../platform/scope";
import { claimPhotos } from "../../platform/uploads";
import type { TransitionBody } from "../../../contracts/cases";
import { areaIsInScope, caseVisible, relationsOf, type CaseRow } from "./access";
import { clockFor } from "./time-limits";
import { levelRank, nextLevel, remindAllowedAt, REOPEN_DAYS, REOPENABLE, transitionOf, type CaseLevel, type CaseStatus } from "./workflow";
import { isoInstant } from "../../platform/instants";
import { ACTION_LABELS } from "./labels";

type Effect = {
  set: Partial<CaseRow>;
  to?: CaseStatus;
  data?: Record<string, unknown>;
  notify?: NotificationInput[];
  photoStage?: "result" | "note";
};

const required = (value: unknown, path: string) => {
  if (value === undefined || value === null || value === "") throw new AppError("VALIDATION_FAILED", [{ path, message: "required" }]);
};

/** Loads a case under the case read rule (scope, or the caller's own report), locked for update; 404 otherwise. */
export async function loadCaseForUpdate(tx: Tx, ctx: SignedInContext, caseId: string) {
  const [row] = await tx
    .select()
    .from(cases)
    .where(and(eq(cases.id, caseId), caseVisible(ctx.user)))
    .for("update")
    .limit(1);
  if (!row) throw notFound("case");
  return { row, inScope: await caseInScope(tx, ctx, row) };
}

/** Whether the case's area lies in the caller's subtree (relations beyond reporting need it). */
export async function caseInScope(db: DbOrTx, ctx: SignedInContext, row: CaseRow): Promise<boolean> {
  return areaIsInScope(db, ctx.user, row.areaId);
}

async function checkHandler(tx: Tx, c: CaseRow, handlerId: string) {
  const [h] = await tx
    .select({ id: users.id, name: users.displayName, role: users.role })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(
      and(
        eq(users.id, handlerId),
        eq(users.status, "active"),
        inArray(users.role, rolesOf("caseHandlers")),
        sql`(${areas.communityId} = ${c.communityId} OR ${areaWithin(sql`${c.areaId}::uuid`, areas.path)})`,
      ),
    )
    .limit(1);
  if (!h) throw new AppError("VALIDATION_FAILED", [{ path: "/handlerId", message: "not a handler of this case's area" }]);
  return h;
}

async function handleClock(deps: AppDeps, tx: Tx, c: CaseRow, level: CaseLevel, from: Date) {
  const clock = await clockFor(tx, deps.calendar, { categoryCode: c.categoryCode, level, kind: "handle", from, imposedDueAt: c.imposedDueAt });
  return { handleDueAt: clock.dueAt, handleWarnAt: clock.warnAt, timer: "normal" as const };
}

/** Users who own a level of the case, to be told it arrived there. */
async function levelOwners(tx: Tx, c: CaseRow, level: CaseLevel, department?: string | null): Promise<string[]> {
  // A grid-level case is the community's to dispatch.
  const roles = CASE_LEVEL_OWNERS[level === "grid" ? "community" : level];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(areas, eq(areas.id, users.areaId))
    .where(
      and(
        inArray(users.role, [...roles]),
        eq(users.status, "active"),
        department ? eq(users.department, department) : undefined,
        areaWithin(sql`${c.areaId}::uuid`, areas.path),
        level === "grid" || level === "community" ? eq(areas.level, "community") : eq(areas.level, "street"),
      ),
    );
  return rows.map((r) => r.id);
}

/** Who works on the case now: its handler, else the owners of its current level. */
async function currentHandlers(tx: Tx, c: CaseRow): Promise<string[]> {
  return c.handlerId ? [c.handlerId] : levelOwners(tx, c, c.level, c.department);
}

async function effectOf(deps: AppDeps, ctx: SignedInContext, tx: Tx, c: CaseRow, body: TransitionBody, now: Date): Promise<Effect> {
  const note = body.note ?? null;
  switch (body.action) {
    case "accept":
      return { set: { acceptedAt: now, ...(await handleClock(deps, tx, c, c.level, now)) } };
    case "reject":
      required(note, "/note");
      return { set: { closureKind: "rejected", closureNote: note, closedAt: now, timer: "normal" } };
    case "take":
      return {
        set: {
          handlerId: ctx.user.id,
          acceptedAt: c.acceptedAt ?? now,
          dispatchedAt: now,
          ...(c.handleDueAt ? {} : await handleClock(deps, tx, c, c.level, now)),
        },
        data: { handlerId: ctx.user.id, handlerName: ctx.user.displayName },
      };
    case "dispatch":
    case "reassign": {
      if (c.level === "street" || c.level === "department") {
        required(body.department, "/department");
        return {
          set: { level: "department", maxLevel: "department", department: body.department!, handlerId: null, dispatchedAt: now, ...(await handleClock(deps, tx, c, "department", now)) },
          data: { department: body.department },
          notify: (await levelOwners(tx, c, "department", body.department)).map((userId) => ({ userId, kind: "case.assigned", title: `派遣事件 ${c.number}`, link: `case:${c.id}` })),
        };
      }
      required(body.handlerId, "/handlerId");
      const h = await checkHandler(tx, c, body.handlerId!);
      return {
        set: { handlerId: h.id, dispatchedAt: now },
        data: { handlerId: h.id, handlerName: h.name },
        notify: [{ userId: h.id, kind: "case.assigned", title: `派遣事件 ${c.number}`, body: c.description.slice(0, 80), link: `case:${c.id}` }],
      };
    }
    case "start":
      return { set: { handlerId: c.handlerId ?? ctx.user.id } };
    case "return": {
      required(note, "/note");
      // A grid worker hands a case back to the community dispatcher; others to their level's dispatcher.
      const level: CaseLevel = c.level === "grid" ? "community" : c.level === "department" ? "street" : c.level;
      return {
        // Not yet accepted: the receiving dispatcher accepts it anew.
        to: c.status === "reported" ? "reported" : "accepted",
        set: { handlerId: null, level, maxLevel: levelRank(level) > levelRank(c.maxLevel) ? level : c.maxLevel, department: level === "street" ? null : c.department },
        data: { returnedTo: level },
        notify: (await levelOwners(tx, c, level)).map((userId) => ({ userId, kind: "case.returned", title: `退单 ${c.number}`, body: note ?? "", link: `case:${c.id}` })),
      };
    }
    case "handle":
      required(note, "/note");
      return { set: { resultText: note, handledAt: now }, photoStage: "result" };
    case "verify":
      return { set: { verifiedAt: now } };
    case "rework":
      required(note, "/note");
      return {
        set: { handledAt: null },
        notify: c.handlerId ? [{ userId: c.handlerId, kind: "case.rework", title: `核查未通过，请重新处置 ${c.number}`, body: note ?? "", link: `case:${c.id}` }] : [],
      };
    case "close": {
      required(body.closureKind, "/closureKind");
      if (body.closureKind === "unable") required(note, "/note");
      if (body.closureKind === "not_responsible") required(body.referredTo, "/referredTo");
      return { set: { closureKind: body.closureKind!, closureNote: note, referredTo: body.referredTo ?? null, closedAt: now, timer: "normal" }, data: { closureKind: body.closureKind } };
    }
    case "escalate": {
      required(note, "/note");
      const next = nextLevel(c.level);
      if (!next) throw new AppError("INVALID_TRANSITION", { reason: "already at the top level" });
      if (next === "department") required(body.department, "/department");
      return {
        to: next === "department" ? "dispatched" : "accepted",
        set: {
          level: next,
          maxLevel: levelRank(next) > levelRank(c.maxLevel) ? next : c.maxLevel,
          handlerId: null,
          department: next === "department" ? body.department! : null,
          acceptedAt: c.acceptedAt ?? now,
          dispatchedAt: next === "department" ? now : c.dispatchedAt,
          ...(await handleClock(deps, tx, c, next, now)),
        },
        data: { fromLevel: c.level, toLevel: next, department: body.department ?? null },
        notify: (await levelOwners(tx, c, next, body.department)).map((userId) => ({ userId, kind: "case.escalated", title: `上报事件 ${c.number}`, body: note ?? "", link: `case:${c.id}` })),
      };
    }
    case "request_delay":
      required(body.delayHours, "/delayHours");
      required(note, "/note");
      if (c.delayRequestedHours) throw new AppError("CONFLICT", { reason: "a delay request is pending" });
      return {
        set: { delayRequestedHours: body.delayHours!, delayReason: note },
        data: { delayHours: body.delayHours },
        notify: (await levelOwners(tx, c, c.level === "grid" ? "community" : c.level)).map((userId) => ({ userId, kind: "case.delay", title: `延期申请 ${c.number}`, body: note ?? "", link: `case:${c.id}` })),
      };
    case "approve_delay":
    case "reject_delay": {
      if (!c.delayRequestedHours) throw new AppError("CONFLICT", { reason: "no pending delay request" });
      const approve = body.action === "approve_delay";
      const base = c.handleDueAt ?? now;
      const set: Partial<CaseRow> = { delayRequestedHours: null, delayReason: null };
      if (approve) {
        set.handleDueAt = deps.calendar.addWorkingHours(base, c.delayRequestedHours);
        set.handleWarnAt = deps.calendar.addWorkingHours(base, c.delayRequestedHours * 0.8);
        set.timer = "normal";
      }
      return {
        set,
        data: { delayHours: c.delayRequestedHours, approved: approve },
        notify: c.handlerId ? [{ userId: c.handlerId, kind: "case.delay", title: `${approve ? "延期已批准" : "延期未批准"} ${c.number}`, link: `case:${c.id}` }] : [],
      };
    }
    case "urge":
      return {
        set: { urgeCount: c.urgeCount + 1 },
        notify: c.handlerId ? [{ userId: c.handlerId, kind: "case.urged", title: `督办 ${c.number}`, body: note ?? "请尽快处置", link: `case:${c.id}` }] : (await levelOwners(tx, c, c.level, c.department)).map((userId) => ({ userId, kind: "case.urged", title: `督办 ${c.number}`, body: note ?? "", link: `case:${c.id}` })),
      };
    case "merge": {
      required(body.duplicateOfId, "/duplicateOfId");
      if (body.duplicateOfId === c.id) throw new AppError("VALIDATION_FAILED", [{ path: "/duplicateOfId", message: "a case cannot duplicate itself" }]);
      const [orig] = await tx.select().from(cases).where(and(eq(cases.id, body.duplicateOfId!), caseVisible(ctx.user))).limit(1);
      if (!orig || !(await caseInScope(tx, ctx, orig)) || orig.closureKind === "duplicate") throw notFound("case");
      return { set: { closureKind: "duplicate", duplicateOfId: orig.id, closureNote: note, closedAt: now, timer: "normal" }, data: { duplicateOf: orig.number } };
    }
    case "withdraw":
      return { set: { closureKind: "withdrawn", closureNote: note, closedAt: now, timer: "normal" } };
    case "reopen": {
      required(note, "/note");
      if (!c.closedAt || !REOPENABLE.includes(c.closureKind as (typeof REOPENABLE)[number])) throw new AppError("INVALID_TRANSITION", { reason: "this closure cannot be reopened" });
      if (now.getTime() - c.closedAt.getTime() > REOPEN_DAYS * 24 * 3600_000) throw new AppError("INVALID_TRANSITION", { reason: `more than ${REOPEN_DAYS} days since closure` });
      if (c.rating && c.rating !== "unsatisfied" && c.ratedAt && c.ratedAt >= c.closedAt) throw new AppError("INVALID_TRANSITION", { reason: "rated as satisfied" });
      return {
        set: {
          closureKind: null,
          closureNote: null,
          closedAt: null,
          verifiedAt: null,
          handledAt: null,
          handlerId: null,
          rating: "unsatisfied",
          ratingComment: note,
          ratedAt: now,
          reopenCount: c.reopenCount + 1,
          ...(await handleClock(deps, tx, c, c.level, now)),
        },
        notify: (await levelOwners(tx, c, c.level === "grid" ? "community" : c.level)).map((userId) => ({ userId, kind: "case.reopened", title: `群众不满意，事件重新办理 ${c.number}`, body: note ?? "", link: `case:${c.id}` })),
      };
    }
    case "rate":
      required(body.rating, "/rating");
      if (!REOPENABLE.includes(c.closureKind as (typeof REOPENABLE)[number])) throw new AppError("INVALID_TRANSITION", { reason: "nothing to rate" });
      if (c.ratedAt && c.closedAt && c.ratedAt >= c.closedAt) throw new AppError("CONFLICT", { reason: "already rated" });
      return { set: { rating: body.rating!, ratingComment: note, ratedAt: now }, data: { rating: body.rating } };
    case "note":
      if (!note && body.photoIds.length === 0) required(note, "/note");
      return { set: {}, photoStage: "note" };
    case "remind": {
      const next = remindAllowedAt(c.remindedAt, now);
      if (next) throw new AppError("CONFLICT", { reason: "urged_today", nextAllowedAt: isoInstant(next) });
      const count = c.remindCount + 1;
      return {
        set: { remindCount: count, remindedAt: now },
        data: { remindCount: count },
        notify: (await currentHandlers(tx, c)).map((userId) => ({ userId, kind: "case.reminded", title: `群众催办 ${c.number}（第${count}次）`, body: note ?? c.description.slice(0, 80), link: `case:${c.id}` })),
      };
    }
    case "supplement":
      if (!note && body.photoIds.length === 0) required(note, "/note");
      return {
        set: {},
        photoStage: "note",
        data: { photos: body.photoIds.length },
        notify: (await currentHandlers(tx, c)).map((userId) => ({ userId, kind: "case.supplemented", title: `群众补充说明 ${c.number}`, body: note ?? "补充了照片", link: `case:${c.id}` })),
      };
  }
}

/**
 * One guarded status change: checks the caller's relation and the current state against the
 * workflow table, then writes the case (compare-and-set on its version), the timeline entry, the
 * photos and the audit row in the caller's transaction. Notifications are returned for publishing
 * after commit.
 */
export async function actOnCase(
  deps: AppDeps,
  ctx: SignedInContext,
  tx: Tx,
  caseId: string,
  body: TransitionBody,
): Promise<{ caseId: string; version: number; notify: NotificationInput[] }> {
  const now = new Date();
  const { row: c, inScope } = await loadCaseForUpdate(tx, ctx, caseId);
  const t = transitionOf(body.action);
  const rel = relationsOf(ctx.user, c, inScope);
  if (!t.by.some((r) => rel.has(r))) throw new AppError("FORBIDDEN", { action: body.action });
  if (!t.from.includes(c.status)) throw new AppError("INVALID_TRANSITION", { action: body.action, status: c.status });
  if (body.version !== undefined && body.version !== c.version) throw new AppError("CONFLICT", { expected: body.version, actual: c.version });

  const effect = await effectOf(deps, ctx, tx, c, body, now);
  const to = effect.to ?? t.to ?? c.status;

  if (body.photoIds.length && !effect.photoStage) throw new AppError("VALIDATION_FAILED", [{ path: "/photoIds", message: "this action takes no photos" }]);
  const photoIds = await claimPhotos(tx, ctx.user.id, body.photoIds);

  const updated = await tx
    .update(cases)
    .set({ ...effect.set, status: to, version: c.version + 1, updatedAt: now })
    .where(and(eq(cases.id, c.id), eq(cases.version, c.version)))
    .returning({ version: cases.version });
  if (updated.length === 0) throw new AppError("CONFLICT", { reason: "the case changed meanwhile" });

  const eventId = uuidv7();
  await tx.insert(caseEvents).values({
    id: eventId,
    caseId: c.id,
    at: now,
    actorId: ctx.user.id,
    actorName: ctx.user.displayName,
    actorRole: ctx.user.role,
    action: body.action,
    fromStatus: c.status,
    toStatus: to,
    level: (effect.set.level as string | undefined) ?? c.level,
    note: body.note ?? null,
    data: effect.data ?? null,
    visibleToReporter: t.visibleToReporter,
  });
  if (photoIds.length) {
    await tx.insert(casePhotos).values(photoIds.map((fileId) => ({ caseId: c.id, fileId, stage: effect.photoStage!, eventId })));
  }
  await writeAudit(tx, ctx, {
    action: `case.${body.action}`,
    targetType: "case",
    targetId: c.id,
    areaPath: areaPathOf(sql`${c.areaId}::uuid`),
    before: { status: c.status, level: c.level, handlerId: c.handlerId, version: c.version },
    after: { status: to, ...effect.set, version: c.version + 1 },
    reason: body.note ?? null,
  });

  const notify = [...(effect.notify ?? [])].filter((n) => n.userId !== ctx.user.id);
  if (t.visibleToReporter && c.reporterId && c.reporterId !== ctx.user.id) {
    const [cat] = await tx.select({ name: caseCategories.name }).from(caseCategories).where(eq(caseCategories.code, c.categoryCode)).limit(1);
    notify.push({
      userId: c.reporterId,
      kind: "case.progress",
      title: `您反映的${cat?.name ?? "问题"}（${c.number}）${ACTION_LABELS[body.action]}`,
      body: body.note ?? "",
      link: `case:${c.id}`,
    });
  }
  return { caseId: c.id, version: c.version + 1, notify };
}
