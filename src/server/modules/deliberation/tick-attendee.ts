import { and, eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { meetingAttendance } from "../../db/schema/deliberation";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { writeAudit } from "../../platform/audit";
import type { PartyKind } from "../../../contracts/deliberation";
import { assertMeetingWritable, loadMeetingInScope } from "./access";
import { attendeeCount, insertAttendance } from "./check-in";
import { nextMeetingStatus } from "./workflow";

/**
 * Staff tick an attendee by name and party (a paper sign-in sheet, a guest without the app). Ticking
 * a user who already signed in corrects the party their sign-in stands for: the party of a sign-in
 * is the invitation's or the staff's word, never the attendee's own.
 */
export async function tickAttendee(ctx: SignedInContext, tx: Tx, meetingId: string, input: { name: string; partyKind: PartyKind; userId?: string }) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("tick", m.status);
  if (input.userId) {
    const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId)).limit(1);
    if (!u) throw new AppError("VALIDATION_FAILED", [{ path: "/userId", message: "unknown user" }]);
    const [signed] = await tx
      .select()
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, m.id), eq(meetingAttendance.userId, u.id)))
      .limit(1);
    if (signed) {
      if (signed.partyKind !== input.partyKind) {
        await tx.update(meetingAttendance).set({ partyKind: input.partyKind }).where(eq(meetingAttendance.id, signed.id));
        await writeAudit(tx, ctx, { action: "meeting.tick", targetType: "meeting", targetId: m.id, areaPath: m.path, before: { attendanceId: signed.id, partyKind: signed.partyKind }, after: { attendanceId: signed.id, partyKind: input.partyKind } });
      }
      return { meetingId: m.id, attendanceId: signed.id, already: true, attendeeCount: await attendeeCount(tx, m.id) };
    }
  }
  const r = await insertAttendance(tx, { meetingId: m.id, userId: input.userId ?? null, name: input.name, partyKind: input.partyKind, method: "staff" });
  if (!r.already) {
    await writeAudit(tx, ctx, { action: "meeting.tick", targetType: "meeting", targetId: m.id, areaPath: m.path, after: { attendanceId: r.id, name: input.name, partyKind: input.partyKind } });
  }
  return { meetingId: m.id, attendanceId: r.id, already: r.already, attendeeCount: await attendeeCount(tx, m.id) };
}

/** Removes a sign-in made by mistake, while the meeting is planned or open. */
export async function untickAttendee(ctx: SignedInContext, tx: Tx, meetingId: string, attendanceId: string) {
  const m = await loadMeetingInScope(tx, ctx, meetingId, true);
  assertMeetingWritable(m);
  nextMeetingStatus("edit", m.status);
  const [gone] = await tx
    .delete(meetingAttendance)
    .where(and(eq(meetingAttendance.id, attendanceId), eq(meetingAttendance.meetingId, m.id)))
    .returning();
  if (!gone) throw notFound("attendance");
  await writeAudit(tx, ctx, { action: "meeting.untick", targetType: "meeting", targetId: m.id, areaPath: m.path, before: { attendanceId, name: gone.name, partyKind: gone.partyKind, method: gone.method } });
  return { meetingId: m.id, attendanceId, already: false, attendeeCount: await attendeeCount(tx, m.id) };
}
