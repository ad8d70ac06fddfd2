import { eq } from "drizzle-orm";
import { meetings, resolutions } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import type { SignedInContext } from "../../platform/context";
import { can } from "../../platform/policy";
import type { MeetingDetail } from "../../../contracts/deliberation";
import { loadMeetingInScope } from "./access";
import { checkinUrl, meetingSelect, partiesPresent, presentMeeting, selectAgenda, selectAttendance, selectOpinions, selectParties } from "./meeting-queries";
import { presentResolution, selectResolutions } from "./resolution-queries";
import { isoInstant } from "../../platform/instants";

/** A meeting of the caller's scope: parties, agenda, sign-ins, opinions, resolutions; the QR code for those who run it. */
export async function getMeeting(db: DbOrTx, ctx: SignedInContext, meetingId: string): Promise<MeetingDetail> {
  await loadMeetingInScope(db, ctx, meetingId);
  const [row] = await meetingSelect(db).where(eq(meetings.id, meetingId)).limit(1);
  const m = row.m;
  const parties = await selectParties(db, meetingId);
  const agenda = await selectAgenda(db, meetingId);
  const attendance = await selectAttendance(db, meetingId);
  const opinions = await selectOpinions(db, meetingId);
  const present = await partiesPresent(db, meetingId);
  const res = await selectResolutions(db, eq(resolutions.meetingId, meetingId));

  const showCode = m.status === "open" && !!m.checkinCode && can(ctx.user.role, "meeting:manage");
  return {
    ...presentMeeting(row),
    minutes: m.minutes,
    parties: parties.map((p) => ({ id: p.id, partyKind: p.partyKind, name: p.name, partnerUnitId: p.partnerUnitId })),
    agenda,
    attendance: attendance.map((a) => ({ id: a.id, userId: a.userId, name: a.name, partyKind: a.partyKind, method: a.method, signedAt: isoInstant(a.signedAt) })),
    partiesPresent: present.kinds,
    fivePartyPresent: present.fiveParty,
    opinions: opinions.map((o) => ({ id: o.id, topicId: o.topicId, partyKind: o.partyKind, speaker: o.speaker, text: o.text, createdAt: isoInstant(o.createdAt) })),
    resolutions: res.map(presentResolution).reverse(),
    checkin: showCode ? { code: m.checkinCode!, url: checkinUrl(m.id, m.checkinCode!) } : null,
  };
}
