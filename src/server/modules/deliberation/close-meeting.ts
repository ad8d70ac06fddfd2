import { eq } from "drizzle-orm";
import { meetings } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { loadMeetingInScope } from "./access";
import { nextMeetingStatus } from "./workflow";

/** Closes a meeting (optionally with its minutes): QR sign-in ends; resolutions can still be written down. */
export async function closeMeeting(ctx: SignedInContext, tx: Tx, meetingId: string, minutes: string | undefined) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  const to = nextMeetingStatus("close", m.status);
  await tx
    .update(meetings)
    .set({ status: to, ...(minutes !== undefined ? { minutes } : {}) })
    .where(eq(meetings.id, m.id));
  await writeAudit(tx, ctx, { action: "meeting.close", targetType: "meeting", targetId: m.id, areaPath: m.path, before: { status: m.status }, after: { status: to, minutes: minutes !== undefined } });
  return { id: m.id, status: to };
}
