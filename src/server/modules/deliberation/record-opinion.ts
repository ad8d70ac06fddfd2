import { and, eq } from "drizzle-orm";
import { meetingOpinions, meetingTopics } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { PartyKind } from "../../../contracts/deliberation";
import { assertMeetingWritable, loadMeetingInScope } from "./access";
import { nextMeetingStatus } from "./workflow";

/** Records what one party said on a topic of the agenda (各方意见). */
export async function recordOpinion(ctx: SignedInContext, tx: Tx, meetingId: string, input: { topicId: string; partyKind: PartyKind; speaker: string; text: string }) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("record", m.status);
  const [onAgenda] = await tx
    .select({ seq: meetingTopics.seq })
    .from(meetingTopics)
    .where(and(eq(meetingTopics.meetingId, m.id), eq(meetingTopics.topicId, input.topicId)))
    .limit(1);
  if (!onAgenda) throw new AppError("VALIDATION_FAILED", [{ path: "/topicId", message: "not on the agenda of this meeting" }]);
  const id = uuidv7();
  await tx.insert(meetingOpinions).values({ id, meetingId: m.id, topicId: input.topicId, partyKind: input.partyKind, speaker: input.speaker, text: input.text });
  await writeAudit(tx, ctx, { action: "meeting.opinion", targetType: "meeting", targetId: m.id, areaPath: m.path, after: { topicId: input.topicId, partyKind: input.partyKind, speaker: input.speaker } });
  return { id };
}
