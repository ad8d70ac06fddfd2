import { and, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { activityPatchBody } from "../../../contracts/partners";
import { activities, signups } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import type { NotificationInput } from "../../platform/notify";
import { communityPath } from "./community-scope";
import { lockActivity, type ActivityRow } from "./activity-queries";
import { promoteWaitlist } from "./sign-up";

type Status = ActivityRow["status"];

/** Allowed status changes of an activity; done and cancelled are final. */
export const ACTIVITY_TRANSITIONS: Record<Status, Status[]> = {
  planned: ["open", "done", "cancelled"],
  open: ["planned", "done", "cancelled"],
  done: [],
  cancelled: [],
};

/**
 * Changes an activity's status, capacity or texts under its row lock. More room confirms people
 * from the waiting list; less room than the confirmed sign-ups is refused (409). A cancellation
 * tells everyone signed up.
 */
export async function updateActivity(ctx: SignedInContext, tx: Tx, id: string, body: z.infer<typeof activityPatchBody>): Promise<NotificationInput[]> {
  const a = await lockActivity(tx, ctx.user, id);
  if (Object.values(body).every((v) => v === undefined)) return [];
  if (body.status && body.status !== a.status && !ACTIVITY_TRANSITIONS[a.status].includes(body.status)) {
    throw new AppError("INVALID_TRANSITION", { from: a.status, to: body.status });
  }
  if (body.capacity !== undefined) {
    const [c] = await tx.select({ n: sql<number>`count(*)::int` }).from(signups).where(and(eq(signups.activityId, a.id), eq(signups.status, "confirmed")));
    if (body.capacity < Number(c.n)) throw new AppError("CONFLICT", { reason: "fewer places than confirmed sign-ups", confirmed: Number(c.n) });
  }
  const [next] = await tx.update(activities).set(body).where(eq(activities.id, a.id)).returning();
  await writeAudit(tx, ctx, {
    action: "activity.update",
    targetType: "activity",
    targetId: a.id,
    areaPath: communityPath(a.communityId),
    before: Object.fromEntries(Object.keys(body).map((k) => [k, a[k as keyof ActivityRow]])),
    after: body,
  });
  if (next.status === "cancelled" && a.status !== "cancelled") {
    const people = await tx.select({ userId: signups.userId }).from(signups).where(and(eq(signups.activityId, a.id), inArray(signups.status, ["confirmed", "waitlisted"])));
    return people.map((p) => ({ userId: p.userId, kind: "activity.cancelled", title: `活动取消：${a.title}`, body: "很抱歉，该活动已取消。", link: `activity:${a.id}` }));
  }
  if (next.status === "open" && next.startsAt > new Date()) return promoteWaitlist(tx, next);
  return [];
}
