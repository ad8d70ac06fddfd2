import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { activities, signups } from "../../db/schema/partners";
import type { AppDeps } from "../../platform/deps";

const WINDOW_MS = 24 * 3600_000;

/**
 * Reminds confirmed volunteers of activities starting within 24 hours, once per sign-up
 * (`reminded_at`). Meant for a timer; returns how many reminders went out.
 */
export async function sendActivityReminders(deps: AppDeps, now: Date = new Date()): Promise<number> {
  const { db } = deps.database;
  const rows = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: signups.id, userId: signups.userId, activityId: activities.id, title: activities.title, place: activities.place, startsAt: activities.startsAt })
      .from(signups)
      .innerJoin(activities, eq(activities.id, signups.activityId))
      .where(and(eq(signups.status, "confirmed"), isNull(signups.remindedAt), inArray(activities.status, ["open", "planned"]), gt(activities.startsAt, now), lte(activities.startsAt, new Date(now.getTime() + WINDOW_MS))))
      .limit(2000)
      .for("update", { of: signups, skipLocked: true });
    if (due.length === 0) return [];
    await tx.update(signups).set({ remindedAt: now }).where(inArray(signups.id, due.map((d) => d.id)));
    const at = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", month: "numeric", day: "numeric", hour: "2-digit", minute: "2-digit" });
    // One call per activity: the bus keeps one notification per user and kind in a call.
    const byActivity = new Map<string, typeof due>();
    for (const d of due) byActivity.set(d.activityId, [...(byActivity.get(d.activityId) ?? []), d]);
    const out = [];
    for (const group of byActivity.values()) {
      out.push(
        ...(await deps.notifications.add(
          tx,
          group.map((d) => ({ userId: d.userId, kind: "activity.reminder", title: `活动提醒：${d.title}`, body: `${at(d.startsAt)} 在${d.place}，请准时到场签到。`, link: `activity:${d.activityId}` })),
        )),
      );
    }
    return out;
  });
  deps.notifications.publish(rows);
  return rows.length;
}
