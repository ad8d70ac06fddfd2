import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { VolunteerRecord } from "../../../contracts/partners";
import { caseCategories, cases } from "../../db/schema/cases";
import { activities, pointEntries, redemptions, rewards, signups } from "../../db/schema/partners";
import { rowsOf, type DbOrTx } from "../../db/client";
import { balanceOf } from "./point-ledger";
import type { Role } from "../../db/schema/accounts";
import { inGroup } from "../../platform/roles";
import { nameOf, POINT_ENTRY_NAMES } from "./labels";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

const LIMIT = 100;

/**
 * A volunteer's record: balance, every entry with its reason, the activities signed up to and
 * checked in, redemptions; for riders also what they reported as 流动网格员 (cases flagged
 * mobile_reporter, by category) and the patrols they joined as companions.
 */
export async function volunteerRecordOf(db: DbOrTx, user: { id: string; displayName: string; role: Role }): Promise<VolunteerRecord> {
  const balance = await balanceOf(db, user.id);
  const entries = await db.select().from(pointEntries).where(eq(pointEntries.userId, user.id)).orderBy(desc(pointEntries.createdAt), desc(pointEntries.id)).limit(LIMIT);
  const joined = await db
    .select({ a: activities, s: signups })
    .from(signups)
    .innerJoin(activities, eq(activities.id, signups.activityId))
    .where(eq(signups.userId, user.id))
    .orderBy(desc(activities.startsAt))
    .limit(LIMIT);
  const spent = await db
    .select({ id: redemptions.id, reward: rewards.name, cost: redemptions.cost, createdAt: redemptions.createdAt })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(eq(redemptions.userId, user.id))
    .orderBy(desc(redemptions.createdAt))
    .limit(LIMIT);

  let mobileReports: VolunteerRecord["mobileReports"] = null;
  let patrols: VolunteerRecord["patrols"] = null;
  const mine = and(eq(cases.reporterId, user.id), eq(cases.mobileReporter, true));
  const byCategory = await db
    .select({ code: cases.categoryCode, name: caseCategories.name, count: sql<number>`count(*)::int` })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .where(mine)
    .groupBy(cases.categoryCode, caseCategories.name)
    .orderBy(sql`count(*) DESC`, asc(cases.categoryCode));
  if (inGroup(user.role, "riders") || byCategory.length) {
    const recent = await db
      .select({ id: cases.id, number: cases.number, categoryName: caseCategories.name, status: cases.status, createdAt: cases.createdAt })
      .from(cases)
      .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
      .where(mine)
      .orderBy(desc(cases.createdAt))
      .limit(20);
    mobileReports = {
      total: byCategory.reduce((s, c) => s + Number(c.count), 0),
      byCategory: byCategory.map((c) => ({ code: c.code, name: c.name, count: Number(c.count) })),
      recent: recent.map((r) => ({ ...r, createdAt: isoInstant(r.createdAt) })),
    };
    // Patrol forms list their companions by user id or by name.
    const companions = rowsOf<{ id: string; at: Date | string; target: string }>(
      await db.execute(sql`
        SELECT s.id, s.filled_at AS at, p.target_label AS target
        FROM patrol_submissions s JOIN patrol_tasks t ON t.id = s.task_id JOIN patrol_plans p ON p.id = t.plan_id
        WHERE s.companions @> ${JSON.stringify([user.id])}::jsonb OR s.companions @> ${JSON.stringify([user.displayName])}::jsonb
        ORDER BY s.filled_at DESC LIMIT ${LIMIT}`),
    );
    patrols = { count: companions.length, items: companions.map((c) => ({ id: c.id, at: isoInstant(c.at), target: c.target })) };
  }

  return {
    user: { id: user.id, name: user.displayName },
    hours: balance.hours,
    points: balance.points,
    entries: entries.map((e) => ({ id: e.id, kind: e.kind, kindName: nameOf(POINT_ENTRY_NAMES, e.kind), hours: e.hours, points: e.points, reason: e.reason, refId: e.refId, createdAt: isoInstant(e.createdAt) })),
    activities: joined.map(({ a, s }) => ({
      id: a.id,
      title: a.title,
      kind: a.kind,
      startsAt: isoInstant(a.startsAt),
      signup: s.status,
      position: s.position,
      checkedInAt: isoInstantOrNull(s.checkedInAt),
    })),
    redemptions: spent.map((r) => ({ ...r, createdAt: isoInstant(r.createdAt) })),
    mobileReports,
    patrols,
  };
}
