import { and, eq } from "drizzle-orm";
import { signups } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import { communityPath } from "./community-scope";
import { lockActivity, type ActivityRow } from "./activity-queries";
import { sameCode } from "./checkin-code";
import { earningsOf } from "./earning-rule";
import { balanceOf, postEntry } from "./point-ledger";

/** A check-in that pays opens this long before the activity starts … */
const OPENS_BEFORE_MS = 1 * 3600_000;
/** … and closes this long after it ends. */
const CLOSES_AFTER_MS = 2 * 3600_000;

/** When the QR check-in of an activity is accepted: from 1 hour before its start to 2 hours after its end. */
export function checkinWindow(a: Pick<ActivityRow, "startsAt" | "endsAt">): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(a.startsAt.getTime() - OPENS_BEFORE_MS), closesAt: new Date(a.endsAt.getTime() + CLOSES_AFTER_MS) };
}

/**
 * Checks a volunteer in by the QR code shown at the venue. The code must be this activity's (a
 * code of another activity is refused with 400), the caller must hold a confirmed sign-up, and
 * the first check-in earns the activity's hours and points (an entry of kind "checkin" and the
 * balance, under the activity and balance row locks). Scanning again changes nothing and answers
 * `already: true`: phones retry, and a second scan must not pay twice. Check-in pays only at the
 * activity: outside its window (`checkinWindow`) it answers 409 checkin_window and pays nothing.
 */
export async function checkIn(ctx: SignedInContext, tx: Tx, activityId: string, code: string) {
  const a = await lockActivity(tx, ctx.user, activityId);
  if (!sameCode(a.checkinCode, code)) throw new AppError("BAD_REQUEST", { reason: "wrong_code" });
  if (a.status === "cancelled") throw new AppError("INVALID_TRANSITION", { reason: "cancelled" });
  const [s] = await tx.select().from(signups).where(and(eq(signups.activityId, a.id), eq(signups.userId, ctx.user.id))).limit(1).for("update");
  const earned = earningsOf(a);
  if (s?.status === "confirmed" && s.checkedInAt) return { already: true, ...earned, balance: await balanceOf(tx, ctx.user.id) };
  const { opensAt, closesAt } = checkinWindow(a);
  const now = Date.now();
  if (now < opensAt.getTime() || now > closesAt.getTime()) throw new AppError("CONFLICT", { reason: "checkin_window", opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() });
  if (!s || s.status !== "confirmed") throw new AppError("CONFLICT", { reason: s?.status === "waitlisted" ? "waitlisted" : "not_signed_up" });
  await tx.update(signups).set({ checkedInAt: new Date() }).where(eq(signups.id, s.id));
  const { balance } = await postEntry(tx, { userId: ctx.user.id, hours: earned.hours, points: earned.points, kind: "checkin", refId: a.id, reason: a.title });
  await writeAudit(tx, ctx, { action: "activity.check_in", targetType: "activity", targetId: a.id, areaPath: communityPath(a.communityId), after: { ...earned, balance } });
  return { already: false, ...earned, balance };
}
