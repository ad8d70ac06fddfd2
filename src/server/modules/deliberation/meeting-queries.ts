import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { meetingAttendance, meetingOpinions, meetingParties, meetings, meetingTopics, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import { countCapped } from "../../db/count-capped";
import type { AuthUser } from "../../platform/context";
import { dayAfter, dayStart } from "../../platform/clock";
import { areaRule } from "../../platform/access";
import { underArea } from "../../platform/scope";
import type { MeetingListQuery, MeetingSummary } from "../../../contracts/deliberation";
import { FIVE_PARTY_KINDS } from "../../../contracts/deliberation";
import { decodeCursor, encodeCursor } from "./cursor";
import { MEETING_KIND_NAMES } from "./labels";
import { isoInstant } from "../../platform/instants";

const convener = alias(users, "convener");

/** The attendee count comes from the sign-ins. */
export const attendeeCountSql = sql<number>`(SELECT count(*)::int FROM meeting_attendance ma WHERE ma.meeting_id = ${meetings.id})`;

export function meetingSelect(db: DbOrTx) {
  return db
    .select({
      m: meetings,
      areaName: areas.name,
      convenerName: convener.displayName,
      attendeeCount: attendeeCountSql,
      topicCount: sql<number>`(SELECT count(*)::int FROM meeting_topics mt WHERE mt.meeting_id = ${meetings.id})`,
    })
    .from(meetings)
    .innerJoin(areas, eq(areas.id, meetings.areaId))
    .leftJoin(convener, eq(convener.id, meetings.convenerId));
}
export type MeetingListRow = Awaited<ReturnType<ReturnType<typeof meetingSelect>["execute"]>>[number];

/** 待补录: a meeting whose time has passed, still planned or open, without minutes (the inbox counts the same). */
export function needsMinutes(m: Pick<MeetingListRow["m"], "status" | "endsAt" | "minutes">, now = new Date()): boolean {
  return (m.status === "planned" || m.status === "open") && m.endsAt.getTime() < now.getTime() && !(m.minutes ?? "").trim();
}

export function presentMeeting(r: MeetingListRow): MeetingSummary {
  const m = r.m;
  return {
    id: m.id,
    kind: m.kind,
    kindName: MEETING_KIND_NAMES[m.kind],
    title: m.title,
    startsAt: isoInstant(m.startsAt),
    endsAt: isoInstant(m.endsAt),
    place: m.place,
    location: m.location,
    status: m.status,
    needsMinutes: needsMinutes(m),
    isPublic: m.isPublic,
    area: { id: m.areaId, name: r.areaName },
    convener: m.convenerId && r.convenerName ? { id: m.convenerId, name: r.convenerName } : null,
    attendeeCount: Number(r.attendeeCount),
    topicCount: Number(r.topicCount),
  };
}

/** Meetings of the caller's scope, latest start first. */
export async function selectMeetingPage(db: DbOrTx, user: AuthUser, q: MeetingListQuery, areaPath: string | null) {
  const cur = decodeCursor(q.cursor);
  const where = and(
    areaRule(user, { areaId: meetings.areaId }),
    areaPath ? underArea(meetings.areaId, areaPath) : undefined,
    q.status ? eq(meetings.status, q.status) : undefined,
    q.kind ? eq(meetings.kind, q.kind) : undefined,
    q.from ? gte(meetings.startsAt, dayStart(q.from)) : undefined,
    q.to ? lt(meetings.startsAt, dayAfter(q.to)) : undefined,
  );
  const rows = await meetingSelect(db)
    .where(and(where, cur ? sql`(${meetings.startsAt}, ${meetings.id}) < (${cur.at}, ${cur.id})` : undefined))
    .orderBy(desc(meetings.startsAt), desc(meetings.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const total = await countCapped(db, db.select({ one: sql`1` }).from(meetings).where(where));
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.m.startsAt, last.m.id) : null, ...total };
}

export function selectParties(db: DbOrTx, meetingId: string) {
  return db.select().from(meetingParties).where(eq(meetingParties.meetingId, meetingId)).orderBy(asc(meetingParties.id));
}

export function selectAgenda(db: DbOrTx, meetingId: string) {
  return db
    .select({ topicId: meetingTopics.topicId, seq: meetingTopics.seq, title: topics.title, status: topics.status })
    .from(meetingTopics)
    .innerJoin(topics, eq(topics.id, meetingTopics.topicId))
    .where(eq(meetingTopics.meetingId, meetingId))
    .orderBy(asc(meetingTopics.seq));
}

export function selectAttendance(db: DbOrTx, meetingId: string) {
  return db.select().from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId)).orderBy(asc(meetingAttendance.signedAt), asc(meetingAttendance.id));
}

export function selectOpinions(db: DbOrTx, meetingId: string) {
  return db.select().from(meetingOpinions).where(eq(meetingOpinions.meetingId, meetingId)).orderBy(asc(meetingOpinions.createdAt), asc(meetingOpinions.id));
}

/** The party kinds that signed in, and whether all five parties of 五方联动 are among them. */
export async function partiesPresent(db: DbOrTx, meetingId: string) {
  const rows = await db.selectDistinct({ kind: meetingAttendance.partyKind }).from(meetingAttendance).where(eq(meetingAttendance.meetingId, meetingId));
  const kinds = rows.map((r) => r.kind).sort();
  return { kinds, fiveParty: FIVE_PARTY_KINDS.every((k) => kinds.includes(k)) };
}

/** The QR content: the phone app's sign-in page for this meeting. */
export const checkinUrl = (meetingId: string, code: string) => `/m/meetings/${meetingId}/checkin?code=${encodeURIComponent(code)}`;
