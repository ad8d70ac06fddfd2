import { and, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import { meetings, meetingTopics, topics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { loadMeetingInScope } from "./access";
import { nextMeetingStatus, TOPIC_FLOW } from "./workflow";

/** Cancels a planned meeting; its topics that are on no other live agenda go back to proposed. */
export async function cancelMeeting(ctx: SignedInContext, tx: Tx, meetingId: string, reason: string) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  const to = nextMeetingStatus("cancel", m.status);
  await tx.update(meetings).set({ status: to, checkinCode: null }).where(eq(meetings.id, m.id));
  const other = tx
    .select({ one: sql`1` })
    .from(meetingTopics)
    .innerJoin(meetings, eq(meetings.id, meetingTopics.meetingId))
    .where(and(sql`${meetingTopics.topicId} = ${topics.id}`, ne(meetings.id, m.id), ne(meetings.status, "cancelled")));
  const back = await tx
    .update(topics)
    .set({ status: TOPIC_FLOW.unschedule.on_agenda })
    .where(and(eq(topics.status, "on_agenda"), inArray(topics.id, tx.select({ id: meetingTopics.topicId }).from(meetingTopics).where(eq(meetingTopics.meetingId, m.id))), notExists(other)))
    .returning({ id: topics.id });
  await writeAudit(tx, ctx, { action: "meeting.cancel", targetType: "meeting", targetId: m.id, areaPath: m.path, before: { status: m.status }, after: { status: to, topicsBack: back.map((b) => b.id) }, reason });
  return { id: m.id, status: to };
}
