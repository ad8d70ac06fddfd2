import { eq, max } from "drizzle-orm";
import { meetingTopics, topics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { loadTopicInScope, type MeetingRow } from "./access";
import { nextTopicStatus } from "./workflow";

/**
 * Puts topics of the meeting's community on its agenda (in the given order, after what is there)
 * and moves each to on_agenda. Topics already on the agenda are left as they are.
 */
export async function scheduleTopics(ctx: SignedInContext, tx: Tx, meeting: MeetingRow, topicIds: string[]): Promise<string[]> {
  const ids = [...new Set(topicIds)];
  if (ids.length === 0) return [];
  const present = await tx.select({ topicId: meetingTopics.topicId }).from(meetingTopics).where(eq(meetingTopics.meetingId, meeting.id));
  const [{ last }] = await tx.select({ last: max(meetingTopics.seq) }).from(meetingTopics).where(eq(meetingTopics.meetingId, meeting.id));
  let seq = last ?? 0;
  const added: string[] = [];
  for (const id of ids) {
    if (present.some((p) => p.topicId === id)) continue;
    const t = await loadTopicInScope(tx, ctx, id, true);
    if (t.communityId !== meeting.communityId) throw new AppError("VALIDATION_FAILED", [{ path: "/topicIds", message: "a topic of another community" }]);
    const to = nextTopicStatus("schedule", t.status);
    if (to !== t.status) await tx.update(topics).set({ status: to }).where(eq(topics.id, t.id));
    await tx.insert(meetingTopics).values({ meetingId: meeting.id, topicId: t.id, seq: ++seq });
    added.push(t.id);
  }
  return added;
}

