import { eq } from "drizzle-orm";
import { meetings } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { assertMeetingWritable, loadMeetingInScope } from "./access";
import { nextMeetingStatus } from "./workflow";

/** Writes (or rewrites) the minutes of an open or closed meeting. */
export async function recordMinutes(ctx: SignedInContext, tx: Tx, meetingId: string, minutes: string) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("record", m.status);
  await tx.update(meetings).set({ minutes }).where(eq(meetings.id, m.id));
  await writeAudit(tx, ctx, { action: "meeting.minutes", targetType: "meeting", targetId: m.id, areaPath: m.path, before: { minutes: m.minutes }, after: { minutes } });
  return { id: m.id };
}
