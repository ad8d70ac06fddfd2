import { timingSafeEqual } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { meetingAttendance, meetingParties } from "../../db/schema/deliberation";
import { partnerUnits } from "../../db/schema/partners";
import type { Tx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { can } from "../../platform/policy";
import { partyOfRole } from "../../platform/roles";
import { areaPathInScope } from "../../platform/scope";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import type { PartyKind } from "../../../contracts/deliberation";
import { assertMeetingWritable, loadMeetingToAttend, type MeetingRow } from "./access";

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Sign-ins are accepted while the meeting is planned or open and has not ended. */
export function assertSignInOpen(m: MeetingRow, now: Date) {
  assertMeetingWritable(m);
  if (now > m.endsAt) throw new AppError("CONFLICT", { reason: "meeting_over" });
}

/**
 * The party a QR sign-in stands for. It is never what a resident says: staff running the meeting
 * (who may tick anyone as any party) may name it; otherwise it is the invited party the caller
 * represents (a partner unit the meeting invited, whose contact the caller is), else the party of
 * the caller's account role (a resident, rider or volunteer sits as 居民代表; a body's partyKind
 * from them is ignored). So 五方联动 cannot be made up by a few self-declared sign-ins.
 */
export async function partyOfSignIn(tx: Tx, ctx: SignedInContext, m: Pick<MeetingRow, "id" | "areaId">, declared: PartyKind | undefined): Promise<PartyKind> {
  if (declared && can(ctx.user.role, "meeting:manage") && (await areaPathInScope(tx, ctx.user, m.areaId))) return declared;
  const [invited] = await tx
    .select({ partyKind: meetingParties.partyKind })
    .from(meetingParties)
    .innerJoin(partnerUnits, eq(partnerUnits.id, meetingParties.partnerUnitId))
    .where(and(eq(meetingParties.meetingId, m.id), eq(partnerUnits.contactUserId, ctx.user.id)))
    .limit(1);
  return invited?.partyKind ?? partyOfRole(ctx.user.role);
}

export async function attendeeCount(tx: Tx, meetingId: string): Promise<number> {
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
  return Number(n);
}

/**
 * Inserts a sign-in unless the person is already there. A staff tick for the same name and party
 * that has no account yet is claimed by the account that scans; two different people with the
 * same name and party are told apart by a suffix.
 */
export async function insertAttendance(
  tx: Tx,
  row: { meetingId: string; userId: string | null; name: string; partyKind: PartyKind; method: "qr" | "staff" },
): Promise<{ id: string; already: boolean }> {
  if (row.userId) {
    const [mine] = await tx
      .select({ id: meetingAttendance.id })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, row.meetingId), eq(meetingAttendance.userId, row.userId)))
      .limit(1);
    if (mine) return { id: mine.id, already: true };
  }
  for (let n = 1; n < 50; n++) {
    const name = n === 1 ? row.name : `${row.name}（${n}）`;
    const [same] = await tx
      .select({ id: meetingAttendance.id, userId: meetingAttendance.userId })
      .from(meetingAttendance)
      .where(and(eq(meetingAttendance.meetingId, row.meetingId), eq(meetingAttendance.name, name), eq(meetingAttendance.partyKind, row.partyKind)))
      .limit(1);
    if (same) {
      if (!row.userId) return { id: same.id, already: true };
      if (same.userId === null) {
        await tx.update(meetingAttendance).set({ userId: row.userId }).where(and(eq(meetingAttendance.id, same.id), isNull(meetingAttendance.userId)));
        return { id: same.id, already: true };
      }
      continue;
    }
    const id = uuidv7();
    await tx.insert(meetingAttendance).values({ id, meetingId: row.meetingId, userId: row.userId, name, partyKind: row.partyKind, method: row.method });
    return { id, already: false };
  }
  throw new AppError("CONFLICT", { reason: "too many namesakes" });
}

/**
 * Sign-in on the day by the QR code on the phone: a signed-in user with the meeting's current
 * code, while it is open and not over. Signing in twice is harmless: the answer says `already`.
 * A meeting of a community the caller does not see answers 404 whatever its state.
 */
export async function checkIn(ctx: SignedInContext, tx: Tx, meetingId: string, input: { code: string; partyKind?: PartyKind }) {
  const m = await loadMeetingToAttend(tx, ctx, meetingId);
  assertSignInOpen(m, new Date());
  if (m.status !== "open" || !m.checkinCode) throw new AppError("INVALID_TRANSITION", { reason: "not_open" });
  if (!sameCode(m.checkinCode, input.code)) throw new AppError("FORBIDDEN", { reason: "wrong_code" });
  const partyKind = await partyOfSignIn(tx, ctx, m, input.partyKind);
  const r = await insertAttendance(tx, { meetingId: m.id, userId: ctx.user.id, name: ctx.user.displayName, partyKind, method: "qr" });
  if (!r.already) {
    await writeAudit(tx, ctx, { action: "meeting.checkin", targetType: "meeting", targetId: m.id, areaPath: m.path, after: { attendanceId: r.id, partyKind, method: "qr" } });
  }
  return { meetingId: m.id, attendanceId: r.id, already: r.already, attendeeCount: await attendeeCount(tx, m.id) };
}
