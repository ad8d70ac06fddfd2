import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { meetings } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { loadMeetingInScope } from "./access";
import { checkinUrl } from "./meeting-queries";
import { nextMeetingStatus } from "./workflow";

/** Opens a meeting for sign-in: a fresh secret code goes into the QR shown at the venue. */
export async function openMeeting(ctx: SignedInContext, tx: Tx, meetingId: string) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  const to = nextMeetingStatus("open", m.status);
  const code = randomBytes(12).toString("base64url");
  await tx.update(meetings).set({ status: to, checkinCode: code }).where(eq(meetings.id, m.id));
  await writeAudit(tx, ctx, { action: "meeting.open", targetType: "meeting", targetId: m.id, areaPath: m.path, before: { status: m.status }, after: { status: to } });
  return { id: m.id, status: to, checkin: { code, url: checkinUrl(m.id, code) } };
}
