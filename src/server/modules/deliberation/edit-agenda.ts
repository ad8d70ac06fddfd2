import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import type { PartyKind } from "../../../contracts/deliberation";
import { assertMeetingWritable, loadMeetingInScope } from "./access";
import { insertParties } from "./create-meeting";
import { scheduleTopics } from "./schedule-topics";
import { nextMeetingStatus } from "./workflow";

/** Adds topics to the agenda of a planned or open meeting. */
export async function addAgenda(ctx: SignedInContext, tx: Tx, meetingId: string, topicIds: string[]) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("edit", m.status);
  const added = await scheduleTopics(ctx, tx, m, topicIds);
  await writeAudit(tx, ctx, { action: "meeting.agenda", targetType: "meeting", targetId: m.id, areaPath: m.path, after: { added } });
  return { id: m.id, added: added.length };
}

/** Invites more parties (by role) to a planned or open meeting. */
export async function addParties(ctx: SignedInContext, tx: Tx, meetingId: string, parties: Array<{ partyKind: PartyKind; name: string; partnerUnitId?: string }>) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("edit", m.status);
  await insertParties(tx, m, parties);
  await writeAudit(tx, ctx, { action: "meeting.parties", targetType: "meeting", targetId: m.id, areaPath: m.path, after: { parties: parties.map((p) => `${p.partyKind}:${p.name}`) } });
  return { id: m.id, added: parties.length };
}
