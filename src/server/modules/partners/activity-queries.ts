import { and, asc, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { activities, teams } from "../../db/schema/partners";
import type { DbOrTx } from "../../db/client";
import { countCapped } from "../../db/count-capped";
import type { AuthUser } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { communityVisible } from "./community-scope";
import { dayAfter, dayStart } from "../../platform/clock";

export type ActivityRow = typeof activities.$inferSelect;

/** Activities with community and team names, sign-up counts and the caller's own sign-up. */
export function selectActivities(db: DbOrTx, userId: string) {
  return db
    .select({
      a: activities,
      communityName: areas.name,
      teamName: teams.name,
      confirmed: sql<number>`(SELECT count(*)::int FROM signups s WHERE s.activity_id = "activities"."id" AND s.status = 'confirmed')`,
      waitlisted: sql<number>`(SELECT count(*)::int FROM signups s WHERE s.activity_id = "activities"."id" AND s.status = 'waitlisted')`,
      mine: sql<{ status: "confirmed" | "waitlisted" | "cancelled"; position: number | null; checkedIn: boolean } | null>`(
        SELECT json_build_object('status', s.status, 'position', s.position, 'checkedIn', s.checked_in_at IS NOT NULL)
        FROM signups s WHERE s.activity_id = "activities"."id" AND s.user_id = ${userId})`,
    })
    .from(activities)
    .innerJoin(areas, eq(areas.id, activities.communityId))
    .leftJoin(teams, eq(teams.id, activities.teamId));
}
export type ActivityListRow = Awaited<ReturnType<ReturnType<typeof selectActivities>["execute"]>>[number];

export type ActivityFilters = {
  communityId?: string;
  kind?: ActivityRow["kind"];
  status?: ActivityRow["status"];
  seriesId?: string;
  from?: string;
  to?: string;
  upcoming?: "true" | "false";
  mine?: "true" | "false";
  limit: number;
};

export async function listActivities(db: DbOrTx, user: AuthUser, q: ActivityFilters) {
  const where: SQL | undefined = and(
    communityVisible(user, activities.communityId),
    q.communityId ? eq(activities.communityId, q.communityId) : undefined,
    q.kind ? eq(activities.kind, q.kind) : undefined,
    q.status ? eq(activities.status, q.status) : undefined,
    q.seriesId ? eq(activities.seriesId, q.seriesId) : undefined,
    q.from ? gte(activities.startsAt, dayStart(q.from)) : undefined,
    q.to ? lt(activities.startsAt, dayAfter(q.to)) : undefined,
    q.upcoming === "true" ? gte(activities.endsAt, new Date()) : undefined,
    q.mine === "true" ? sql`${activities.id} IN (SELECT activity_id FROM signups WHERE user_id = ${user.id})` : undefined,
  );
  // Upcoming lists read forward in time; history reads backward.
  const order = q.upcoming === "true" ? [asc(activities.startsAt), asc(activities.id)] : [desc(activities.startsAt), desc(activities.id)];
  const rows = await selectActivities(db, user.id).where(where).orderBy(...order).limit(q.limit);
  return { rows, ...(await countCapped(db, db.select({ one: sql`1` }).from(activities).where(where))) };
}

/** One activity the user may see (with the caller's sign-up), or NOT_FOUND. */
export async function loadActivityRow(db: DbOrTx, user: AuthUser, id: string): Promise<ActivityListRow> {
  const [row] = await selectActivities(db, user.id).where(and(eq(activities.id, id), communityVisible(user, activities.communityId))).limit(1);
  if (!row) throw notFound("activity");
  return row;
}

/** Locks an activity row (`FOR UPDATE`): every sign-up, cancellation and check-in of it goes one at a time. */
export async function lockActivity(db: DbOrTx, user: AuthUser, id: string): Promise<ActivityRow> {
  const [row] = await db.select().from(activities).where(and(eq(activities.id, id), communityVisible(user, activities.communityId))).limit(1).for("update");
  if (!row) throw notFound("activity");
  return row;
}
