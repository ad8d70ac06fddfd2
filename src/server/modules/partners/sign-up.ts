import { and, asc, eq, gt, sql } from "drizzle-orm";
import { signups } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { communityPath } from "./community-scope";
import { lockActivity, type ActivityRow } from "./activity-queries";

type Status = "confirmed" | "waitlisted";

async function countConfirmed(tx: Tx, activityId: string): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(signups).where(and(eq(signups.activityId, activityId), eq(signups.status, "confirmed")));
  return Number(r.n);
}

async function nextPosition(tx: Tx, activityId: string): Promise<number> {
  const [r] = await tx.select({ p: sql<number>`coalesce(max(${signups.position}), 0)::int` }).from(signups).where(and(eq(signups.activityId, activityId), eq(signups.status, "waitlisted")));
  return Number(r.p) + 1;
}

/**
 * Confirms waitlisted sign-ups, first come first served, while there is room; the rest move up.
 * Must run under the activity's row lock.
 */
export async function promoteWaitlist(tx: Tx, a: ActivityRow): Promise<NotificationInput[]> {
  let room = a.capacity - (await countConfirmed(tx, a.id));
  const notify: NotificationInput[] = [];
  while (room > 0) {
    const [first] = await tx.select().from(signups).where(and(eq(signups.activityId, a.id), eq(signups.status, "waitlisted"))).orderBy(asc(signups.position), asc(signups.createdAt)).limit(1);
    if (!first) break;
    await tx.update(signups).set({ status: "confirmed", position: null }).where(eq(signups.id, first.id));
    await tx.update(signups).set({ position: sql`${signups.position} - 1` }).where(and(eq(signups.activityId, a.id), eq(signups.status, "waitlisted"), gt(signups.position, first.position ?? 0)));
    notify.push({ userId: first.userId, kind: "activity.promoted", title: `候补成功：${a.title}`, body: `您已从候补转为正式报名，活动时间 ${a.startsAt.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}`, link: `activity:${a.id}` });
    room--;
  }
  return notify;
}

/**
 * Signs the caller up. The activity row is locked while the confirmed sign-ups are counted, so
 * concurrent sign-ups never overbook: beyond capacity one joins the waiting list with a position.
 * Signing up again answers the current state (`already: true`); after a cancellation it re-queues.
 */
export async function signUp(ctx: SignedInContext, tx: Tx, activityId: string): Promise<{ status: Status; position: number | null; already: boolean }> {
  const a = await lockActivity(tx, ctx.user, activityId);
  if (a.status !== "open") throw new AppError("INVALID_TRANSITION", { reason: "sign-up is not open", status: a.status });
  if (a.startsAt <= new Date()) throw new AppError("INVALID_TRANSITION", { reason: "the activity has started" });
  const [existing] = await tx.select().from(signups).where(and(eq(signups.activityId, a.id), eq(signups.userId, ctx.user.id))).limit(1);
  if (existing && existing.status !== "cancelled") return { status: existing.status, position: existing.position, already: true };

  const confirmed = await countConfirmed(tx, a.id);
  const status: Status = confirmed < a.capacity ? "confirmed" : "waitlisted";
  const position = status === "waitlisted" ? await nextPosition(tx, a.id) : null;
  const now = new Date();
  if (existing) await tx.update(signups).set({ status, position, createdAt: now, checkedInAt: null, remindedAt: null }).where(eq(signups.id, existing.id));
  else await tx.insert(signups).values({ id: uuidv7(), activityId: a.id, userId: ctx.user.id, status, position, createdAt: now });
  await writeAudit(tx, ctx, { action: "activity.sign_up", targetType: "activity", targetId: a.id, areaPath: communityPath(a.communityId), after: { status, position } });
  return { status, position, already: false };
}

/** Cancels the caller's sign-up; a freed place goes to the first on the waiting list, who is told. */
export async function cancelSignup(ctx: SignedInContext, tx: Tx, activityId: string): Promise<NotificationInput[]> {
  const a = await lockActivity(tx, ctx.user, activityId);
  const [s] = await tx.select().from(signups).where(and(eq(signups.activityId, a.id), eq(signups.userId, ctx.user.id))).limit(1);
  if (!s || s.status === "cancelled") throw notFound("sign-up");
  if (s.checkedInAt) throw new AppError("INVALID_TRANSITION", { reason: "already checked in" });
  await tx.update(signups).set({ status: "cancelled", position: null }).where(eq(signups.id, s.id));
  if (s.status === "waitlisted") {
    await tx.update(signups).set({ position: sql`${signups.position} - 1` }).where(and(eq(signups.activityId, a.id), eq(signups.status, "waitlisted"), gt(signups.position, s.position ?? 0)));
  }
  await writeAudit(tx, ctx, { action: "activity.cancel_sign_up", targetType: "activity", targetId: a.id, areaPath: communityPath(a.communityId), before: { status: s.status, position: s.position } });
  return s.status === "confirmed" && a.status === "open" && a.startsAt > new Date() ? promoteWaitlist(tx, a) : [];
}
