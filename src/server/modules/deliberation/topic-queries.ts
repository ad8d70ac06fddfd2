import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { caseCategories, cases } from "../../db/schema/cases";
import { meetings, meetingTopics, topicCases, topics } from "../../db/schema/deliberation";
import type { DbOrTx } from "../../db/client";
import { countCapped } from "../../db/count-capped";
import type { AuthUser } from "../../platform/context";
import { areaRule } from "../../platform/access";
import { underArea } from "../../platform/scope";
import type { TopicListQuery, TopicSummary } from "../../../contracts/deliberation";
import { decodeCursor, encodeCursor } from "./cursor";
import { drillPeriod, inPeriod } from "../reports/drill-filter";
import { isoInstant, isoInstantOrNull } from "../../platform/instants";

const community = alias(areas, "community");
const proposer = alias(users, "proposer");

/** Linked cases of a topic, counted in SQL. */
export const caseCountSql = sql<number>`(SELECT count(*)::int FROM topic_cases tc WHERE tc.topic_id = ${topics.id})`;

/** A topic with the names a list shows. */
export function topicSelect(db: DbOrTx) {
  return db
    .select({ t: topics, areaName: areas.name, communityName: community.name, proposerName: proposer.displayName, caseCount: caseCountSql })
    .from(topics)
    .innerJoin(areas, eq(areas.id, topics.areaId))
    .innerJoin(community, eq(community.id, topics.communityId))
    .leftJoin(proposer, eq(proposer.id, topics.proposerId));
}
export type TopicListRow = Awaited<ReturnType<ReturnType<typeof topicSelect>["execute"]>>[number];

export function presentTopic(r: TopicListRow): TopicSummary {
  const t = r.t;
  return {
    id: t.id,
    title: t.title,
    description: t.description,
    source: t.source,
    status: t.status,
    area: { id: t.areaId, name: r.areaName },
    community: { id: t.communityId, name: r.communityName },
    supportCount: t.supportCount,
    caseCount: Number(r.caseCount),
    affected: t.affected,
    fiveParty: t.fiveParty,
    proposer: t.proposerId && r.proposerName ? { id: t.proposerId, name: r.proposerName } : null,
    settledAt: isoInstantOrNull(t.settledAt),
    createdAt: isoInstant(t.createdAt),
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => "\\" + c);

/** A page of the topics of the caller's scope, newest first. */
export async function selectTopicPage(db: DbOrTx, user: AuthUser, q: TopicListQuery, areaPath: string | null) {
  const cur = decodeCursor(q.cursor);
  // A report's drill-down: settled topics by the day settled (and the meeting kind whose resolution
  // settled them, as deliberation/measures.ts counts them), other lists by the day raised.
  const period = drillPeriod(q);
  const dated = q.status === "settled" ? sql`(${topics.settledAt} AT TIME ZONE 'Asia/Shanghai')::date` : sql`(${topics.createdAt} AT TIME ZONE 'Asia/Shanghai')::date`;
  const where = and(
    period ? inPeriod(dated, period) : undefined,
    q.settledBy
      ? sql`${topics.status} = 'settled' AND (SELECT m.kind FROM resolutions r JOIN meetings m ON m.id = r.meeting_id
          WHERE r.topic_id = ${topics.id} AND r.status = 'done' ORDER BY r.done_at DESC LIMIT 1) = ${q.settledBy}`
      : undefined,
    areaRule(user, { areaId: topics.areaId }),
    areaPath ? underArea(topics.areaId, areaPath) : undefined,
    q.status ? eq(topics.status, q.status) : undefined,
    q.source ? eq(topics.source, q.source) : undefined,
    q.q ? sql`(${topics.title} LIKE ${"%" + escapeLike(q.q) + "%"} OR ${topics.description} LIKE ${"%" + escapeLike(q.q) + "%"})` : undefined,
  );
  const rows = await topicSelect(db)
    .where(and(where, cur ? sql`(${topics.createdAt}, ${topics.id}) < (${cur.at}, ${cur.id})` : undefined))
    .orderBy(desc(topics.createdAt), desc(topics.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const total = await countCapped(db, db.select({ one: sql`1` }).from(topics).where(where));
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.t.createdAt, last.t.id) : null, ...total };
}

const caseArea = alias(areas, "case_area");

/** Columns of a case as a topic shows it. */
export function linkedCaseSelect(db: DbOrTx) {
  return db
    .select({
      id: cases.id,
      number: cases.number,
      categoryCode: cases.categoryCode,
      categoryName: caseCategories.name,
      sensitive: caseCategories.sensitive,
      status: cases.status,
      level: cases.level,
      maxLevel: cases.maxLevel,
      description: cases.description,
      address: cases.address,
      area: caseArea.name,
      areaId: cases.areaId,
      createdAt: cases.createdAt,
      closedAt: cases.closedAt,
      closedByRef: cases.closedByRef,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .leftJoin(caseArea, eq(caseArea.id, cases.areaId));
}
export type LinkedCaseRow = Awaited<ReturnType<ReturnType<typeof linkedCaseSelect>["execute"]>>[number];

export function presentLinkedCase(c: LinkedCaseRow) {
  return {
    id: c.id,
    number: c.number,
    categoryCode: c.categoryCode,
    categoryName: c.categoryName,
    status: c.status,
    level: c.level,
    description: c.description.slice(0, 200),
    address: c.address,
    area: c.area,
    createdAt: isoInstant(c.createdAt),
    closedAt: isoInstantOrNull(c.closedAt),
    closedByRef: c.closedByRef,
  };
}

/** The cases on a topic that `visible` (the reader's case rule) lets through. */
export function selectTopicCases(db: DbOrTx, topicId: string, visible?: SQL) {
  return linkedCaseSelect(db)
    .where(and(inArray(cases.id, db.select({ id: topicCases.caseId }).from(topicCases).where(eq(topicCases.topicId, topicId))), visible))
    .orderBy(asc(cases.createdAt));
}

export function selectTopicMeetings(db: DbOrTx, topicId: string) {
  return db
    .select({ id: meetings.id, kind: meetings.kind, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
    .from(meetingTopics)
    .innerJoin(meetings, eq(meetings.id, meetingTopics.meetingId))
    .where(eq(meetingTopics.topicId, topicId))
    .orderBy(asc(meetings.startsAt));
}
