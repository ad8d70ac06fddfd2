import { eq } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { meetings, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { areaRule, communityRule, findVisible } from "../../platform/access";
import { areaInScope, homeArea, type AreaRow } from "../../platform/scope";

export type TopicRow = typeof topics.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** The area a new topic, meeting or questionnaire belongs to: given or the caller's own, at community level or below. */
export async function areaForNew(db: DbOrTx, ctx: SignedInContext, areaId: string | undefined): Promise<AreaRow & { communityId: string }> {
  const area = areaId ? await areaInScope(db, ctx.user, areaId) : await homeArea(db, ctx.user);
  if (!area.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/areaId", message: "choose a community, grid or microgrid" }]);
  return area as AreaRow & { communityId: string };
}

/** The area path of a row's area, for audit rows. */
export async function pathOf(db: DbOrTx, areaId: string): Promise<string | null> {
  const [a] = await db.select({ path: areas.path }).from(areas).where(eq(areas.id, areaId)).limit(1);
  return a?.path ?? null;
}

/** A topic inside the caller's scope (optionally locked), or NOT_FOUND. */
export async function loadTopicInScope(db: DbOrTx, ctx: SignedInContext, topicId: string, lock = false): Promise<TopicRow & { path: string }> {
  const t = await findVisible<TopicRow>(db, topics, topics.id, topicId, areaRule(ctx.user, { areaId: topics.areaId }), "topic", { lock });
  return { ...t, path: (await pathOf(db, t.areaId)) ?? "" };
}

/** A meeting inside the caller's scope (optionally locked), or NOT_FOUND. */
export async function loadMeetingInScope(db: DbOrTx, ctx: SignedInContext, meetingId: string, lock = false): Promise<MeetingRow & { path: string }> {
  const m = await findVisible<MeetingRow>(db, meetings, meetings.id, meetingId, areaRule(ctx.user, { areaId: meetings.areaId }), "meeting", { lock });
  return { ...m, path: (await pathOf(db, m.areaId)) ?? "" };
}

/**
 * A meeting the caller may sign in to by QR: one of a community they see (their own community, or
 * those of their subtree). Any other meeting answers NOT_FOUND, before its state is looked at.
 */
export async function loadMeetingToAttend(db: DbOrTx, ctx: SignedInContext, meetingId: string): Promise<MeetingRow & { path: string }> {
  const m = await findVisible<MeetingRow>(db, meetings, meetings.id, meetingId, communityRule(ctx.user, { communityId: meetings.communityId }), "meeting", { lock: true });
  return { ...m, path: (await pathOf(db, m.areaId)) ?? "" };
}

/** A closed or cancelled meeting is read-only: nothing more is recorded on it (409 meeting_closed). */
export function assertMeetingWritable(m: Pick<MeetingRow, "status">): void {
  if (m.status === "closed" || m.status === "cancelled") throw new AppError("CONFLICT", { reason: "meeting_closed", status: m.status });
}
