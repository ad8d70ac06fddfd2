import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import { meetingParties, meetings, meetingTopics, questionnaires, responses, resolutions, resolutionUpdates, topics, topicSupports } from "../../db/schema/deliberation";
import { persons } from "../../db/schema/places";
import type { DbOrTx } from "../../db/client";
import { countCapped } from "../../db/count-capped";
import type { SignedInContext } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { fileUrls } from "../../platform/uploads";
import { pathWithin } from "../../platform/scope";
import type { PublicTopic, TopicStatus } from "../../../contracts/deliberation";
import { MEETING_KIND_NAMES, PARTY_KIND_NAMES } from "./labels";
import { overdueSql, selectOwners } from "./resolution-queries";
import { presentQuestion, selectQuestions } from "./survey-queries";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";
import { knownNamesIn, publicText } from "../../platform/personal-data";

/**
 * What residents see on the phone about their community's deliberation: upcoming public meetings,
 * topics, resolutions and their progress. Nothing personal: no proposer, speaker or attendee
 * names, no phones; owners appear as parties (a person's name is replaced by their party's).
 * Topics about sensitive cases (family disputes, police matters) are never shown.
 */

/** Topics linked to a sensitive case stay out of the public view. */
const notSensitive = sql`NOT EXISTS (
  SELECT 1 FROM topic_cases tc JOIN cases c ON c.id = tc.case_id JOIN case_categories k ON k.code = c.category_code
  WHERE tc.topic_id = ${topics.id} AND k.sensitive)`;

export async function upcomingMeetings(db: DbOrTx, ctx: SignedInContext) {
  if (!ctx.user.communityId) return [];
  const rows = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.communityId, ctx.user.communityId), eq(meetings.isPublic, true), inArray(meetings.status, ["planned", "open"]), gte(meetings.endsAt, new Date())))
    .orderBy(asc(meetings.startsAt))
    .limit(20);
  if (rows.length === 0) return [];
  const ids = rows.map((m) => m.id);
  const parties = await db.select().from(meetingParties).where(inArray(meetingParties.meetingId, ids)).orderBy(asc(meetingParties.id));
  const agenda = await db
    .select({ meetingId: meetingTopics.meetingId, topicId: topics.id, title: topics.title, seq: meetingTopics.seq })
    .from(meetingTopics)
    .innerJoin(topics, eq(topics.id, meetingTopics.topicId))
    .where(and(inArray(meetingTopics.meetingId, ids), notSensitive))
    .orderBy(asc(meetingTopics.seq));
  return rows.map((m) => ({
    id: m.id,
    kind: m.kind,
    kindName: MEETING_KIND_NAMES[m.kind],
    title: m.title,
    startsAt: isoInstant(m.startsAt),
    endsAt: isoInstant(m.endsAt),
    place: m.place,
    location: m.location,
    status: m.status,
    parties: parties.filter((p) => p.meetingId === m.id).map((p) => ({ partyKind: p.partyKind, name: p.name })),
    agenda: agenda.filter((a) => a.meetingId === m.id).map((a) => ({ topicId: a.topicId, title: a.title })),
  }));
}

async function presentPublicTopics(db: DbOrTx, ctx: SignedInContext, rows: Array<typeof topics.$inferSelect & { caseCount: number }>): Promise<PublicTopic[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((t) => t.id);
  const res = await db
    .select({ r: resolutions, overdue: overdueSql, kind: meetings.kind, meetingTitle: meetings.title, startsAt: meetings.startsAt })
    .from(resolutions)
    .innerJoin(meetings, eq(meetings.id, resolutions.meetingId))
    .where(and(inArray(resolutions.topicId, ids), ne(resolutions.status, "cancelled")))
    .orderBy(asc(resolutions.createdAt));
  const owners = res.length ? await selectOwners(db, res.map((x) => x.r.id)) : [];
  const updates = res.length
    ? await db.select().from(resolutionUpdates).where(inArray(resolutionUpdates.resolutionId, res.map((x) => x.r.id))).orderBy(asc(resolutionUpdates.at))
    : [];
  const mine = await db.select({ topicId: topicSupports.topicId }).from(topicSupports).where(and(inArray(topicSupports.topicId, ids), eq(topicSupports.userId, ctx.user.id)));
  // A topic is read by every resident of the community: phones, ID numbers and the names the
  // registry knows are masked in its title and description, as in the public view of reports.
  const names = await knownNamesIn(db, rows.flatMap((t) => [{ communityId: t.communityId, text: t.title }, { communityId: t.communityId, text: t.description ?? "" }]));
  const masked = (t: (typeof rows)[number], text: string) => publicText(text, names.get(t.communityId) ?? [], 10_000);
  return rows.map((t) => ({
    id: t.id,
    title: masked(t, t.title),
    description: t.description === null ? t.description : masked(t, t.description),
    source: t.source,
    status: t.status,
    supportCount: t.supportCount,
    supportedByMe: mine.some((m) => m.topicId === t.id),
    mine: t.proposerId === ctx.user.id,
    caseCount: Number(t.caseCount),
    affected: t.affected,
    createdAt: isoInstant(t.createdAt),
    settledAt: isoInstantOrNull(t.settledAt),
    resolutions: res
      .filter((x) => x.r.topicId === t.id)
      .map((x) => ({
        id: x.r.id,
        text: x.r.text,
        dueOn: x.r.dueOn,
        status: x.r.status,
        percent: x.r.percent,
        doneAt: isoInstantOrNull(x.r.doneAt),
        overdue: Boolean(x.overdue),
        fiveParty: x.r.fiveParty,
        meeting: { kind: x.kind, kindName: MEETING_KIND_NAMES[x.kind], title: x.meetingTitle, startsAt: isoInstant(x.startsAt) },
        owners: owners.filter((o) => o.resolutionId === x.r.id).map((o) => ({ partyKind: o.partyKind, name: o.userId ? PARTY_KIND_NAMES[o.partyKind] : o.name })),
        updates: updates
          .filter((u) => u.resolutionId === x.r.id)
          .map((u) => ({ text: u.text, percent: u.percent, photoCount: u.photoIds.length, photos: u.photoIds.map((id) => ({ id, ...fileUrls(id) })), at: isoInstant(u.at) })),
      })),
  }));
}

const publicTopicSelect = (db: DbOrTx) =>
  db.select({ t: topics, caseCount: sql<number>`(SELECT count(*)::int FROM topic_cases tc WHERE tc.topic_id = ${topics.id})` }).from(topics);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);
/** At most this many topics are read to filter by words (the words are matched after masking). */
const SEARCH_WINDOW = 300;

/**
 * The community's topics, newest first (dropped ones and sensitive ones left out), by state and by
 * words. The words are matched on what the resident reads, after the names are masked, so that a
 * search cannot tell whose name a topic holds; the total then counts the matches among the newest
 * SEARCH_WINDOW candidates.
 */
export async function communityTopics(
  db: DbOrTx,
  ctx: SignedInContext,
  q: { status?: TopicStatus; q?: string; limit: number },
): Promise<{ items: PublicTopic[]; total: number; totalCapped: boolean }> {
  if (!ctx.user.communityId) return { items: [], total: 0, totalCapped: false };
  const words = q.q?.trim();
  const where = and(
    eq(topics.communityId, ctx.user.communityId),
    q.status ? eq(topics.status, q.status) : ne(topics.status, "dropped"),
    notSensitive,
    words ? sql`(${topics.title} LIKE ${"%" + escapeLike(words) + "%"} OR ${topics.description} LIKE ${"%" + escapeLike(words) + "%"})` : undefined,
  );
  if (!words) {
    const rows = await publicTopicSelect(db).where(where).orderBy(desc(topics.createdAt), desc(topics.id)).limit(q.limit);
    const total = await countCapped(db, db.select({ one: sql`1` }).from(topics).where(where));
    return { items: await presentPublicTopics(db, ctx, rows.map((r) => ({ ...r.t, caseCount: r.caseCount }))), ...total };
  }
  const rows = await publicTopicSelect(db).where(where).orderBy(desc(topics.createdAt), desc(topics.id)).limit(SEARCH_WINDOW + 1);
  const shown = (await presentPublicTopics(db, ctx, rows.slice(0, SEARCH_WINDOW).map((r) => ({ ...r.t, caseCount: r.caseCount })))).filter(
    (t) => t.title.includes(words) || (t.description ?? "").includes(words),
  );
  return { items: shown.slice(0, q.limit), total: shown.length, totalCapped: rows.length > SEARCH_WINDOW };
}

export async function communityTopic(db: DbOrTx, ctx: SignedInContext, topicId: string): Promise<PublicTopic> {
  const [row] = ctx.user.communityId
    ? await publicTopicSelect(db)
        .where(and(eq(topics.id, topicId), eq(topics.communityId, ctx.user.communityId), ne(topics.status, "dropped"), notSensitive))
        .limit(1)
    : [];
  if (!row) throw notFound("topic");
  const [t] = await presentPublicTopics(db, ctx, [{ ...row.t, caseCount: row.caseCount }]);
  return t;
}

/** Open questionnaires of the resident's area, with whether they (or their household) answered. */
export async function communityQuestionnaires(db: DbOrTx, ctx: SignedInContext) {
  if (!ctx.user.areaPath || !ctx.user.communityId) return [];
  const now = new Date();
  const rows = await db
    .select({ q: questionnaires, topicTitle: topics.title })
    .from(questionnaires)
    .innerJoin(areas, eq(areas.id, questionnaires.areaId))
    .leftJoin(topics, eq(topics.id, questionnaires.topicId))
    .where(
      and(
        eq(questionnaires.communityId, ctx.user.communityId),
        eq(questionnaires.status, "open"),
        pathWithin(sql`${ctx.user.areaPath}::text`, areas.path),
        sql`(${questionnaires.closesAt} IS NULL OR ${questionnaires.closesAt} > ${now})`,
      ),
    )
    .orderBy(desc(questionnaires.createdAt));
  const [home] = ctx.user.personId ? await db.select({ householdId: persons.householdId }).from(persons).where(eq(persons.id, ctx.user.personId)).limit(1) : [];
  const out = [];
  for (const { q, topicTitle } of rows) {
    const qs = await selectQuestions(db, q.id);
    const answered = await db.select({ id: responses.id, userId: responses.userId }).from(responses).where(and(eq(responses.questionnaireId, q.id), sql`(${responses.userId} = ${ctx.user.id} OR ${responses.householdId} = ${home?.householdId ?? null})`));
    out.push({
      id: q.id,
      title: q.title,
      round: q.round,
      closesAt: isoInstantOrNull(q.closesAt),
      topic: q.topicId && topicTitle ? { id: q.topicId, title: topicTitle } : null,
      questions: qs.map(presentQuestion),
      answered: answered.some((a) => a.userId === ctx.user.id),
      householdAnswered: answered.some((a) => a.userId !== ctx.user.id),
    });
  }
  return out;
}

