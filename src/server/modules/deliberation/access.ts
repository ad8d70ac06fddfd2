import { and, eq, like } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { meetings, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { areaInScope, homeArea, type AreaRow } from "../../platform/scope";

export type TopicRow = typeof topics.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** Whether an area lies in the caller's subtree. */
export async function areaPathInScope(db: DbOrTx, ctx: SignedInContext, areaId: string): Promise<string | null> {
  if (!ctx.user.areaPath) return null;
  const [a] = await db
    .select({ path: areas.path })
    .from(areas)
    .where(and(eq(areas.id, areaId), like(areas.path, ctx.user.areaPath + "%")))
    .limit(1);
  return a?.path ?? null;
}

/** The area a new topic, meeting or questionnaire belongs to: given or the caller's own, at community level or below. */
export async function areaForNew(db: DbOrTx, ctx: SignedInContext, areaId: string | undefined): Promise<AreaRow & { communityId: string }> {
  const area = areaId ? await areaInScope(db, ctx.user, areaId) : await homeArea(db, ctx.user);
  if (!area.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "choose a community, grid or microgrid" }]);
  return area as AreaRow & { communityId: string };
}

/** A topic inside the caller's scope (optionally locked), or NOT_FOUND. */
export async function loadTopicInScope(db: DbOrTx, ctx: SignedInContext, topicId: string, lock = false): Promise<TopicRow & { path: string }> {
  const q = db.select().from(topics).where(eq(topics.id, topicId)).limit(1);
  const [t] = lock ? await q.for("update") : await q;
  const path = t ? await areaPathInScope(db, ctx, t.areaId) : null;
  if (!t || !path) throw notFound("topic");
  return { ...t, path };
}

/** A meeting inside the caller's scope (optionally locked), or NOT_FOUND. */
export async function loadMeetingInScope(db: DbOrTx, ctx: SignedInContext, meetingId: string, lock = false): Promise<MeetingRow & { path: string }> {
  const q = db.select().from(meetings).where(eq(meetings.id, meetingId)).limit(1);
  const [m] = lock ? await q.for("update") : await q;
  const path = m ? await areaPathInScope(db, ctx, m.areaId) : null;
  if (!m || !path) throw notFound("meeting");
  return { ...m, path };
}

/** The area path of a row's area, for audit rows. */
export async function pathOf(db: DbOrTx, areaId: string): Promise<string | null> {
  const [a] = await db.select({ path: areas.path }).from(areas).where(eq(areas.id, areaId)).limit(1);
  return a?.path ?? null;
}

/** Today in Beijing time, YYYY-MM-DD. */
export function todayLocal(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A unique-index violation (two writers raced past the pre-check). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}
