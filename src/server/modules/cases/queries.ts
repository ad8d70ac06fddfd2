import { and, asc, desc, eq, gte, inArray, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { caseCategories, caseEvents, casePhotos, cases } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { dayAfter, dayStart } from "../../platform/clock";
import { inGroup } from "../../platform/roles";
import { inScope, underArea } from "../../platform/scope";
import type { CaseListQuery } from "../../../contracts/cases";
import { caseVisible } from "./access";
import { countCapped } from "../../db/count-capped";
import { communityRule, findVisible } from "../../platform/access";

const community = alias(areas, "community");
const grid = alias(areas, "grid");
const handler = alias(users, "handler");

/** Columns of a case row in lists, with the names joined in. */
export function summarySelect(db: DbOrTx) {
  return db
    .select({
      c: cases,
      categoryName: caseCategories.name,
      communityName: community.name,
      gridName: grid.name,
      handlerName: handler.displayName,
    })
    .from(cases)
    .innerJoin(caseCategories, eq(caseCategories.code, cases.categoryCode))
    .leftJoin(community, eq(community.id, cases.communityId))
    .leftJoin(grid, eq(grid.id, cases.gridId))
    .leftJoin(handler, eq(handler.id, cases.handlerId));
}
export type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>["execute"]>>[number];

/** What the caller may list: the case read rule (cases of their scope, or what they reported). */
export function visibleTo(user: AuthUser): SQL {
  return caseVisible(user);
}

/** A stored time JavaScript cannot read (before 1901, see platform/instants.ts) cannot be a cursor: the list ends there. */
export function encodeCursor(createdAt: Date, id: string): string | null {
  if (Number.isNaN(createdAt.getTime())) return null;
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}
function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const d = new Date(at);
  return Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? "") ? null : { at: d, id };
}

export function listFilters(user: AuthUser, q: CaseListQuery, areaPath: string | null): SQL | undefined {
  return and(
    q.scope === "reported" ? eq(cases.reporterId, user.id) : visibleTo(user),
    q.scope === "queue"
      ? and(ne(cases.status, "closed"), or(eq(cases.handlerId, user.id), inGroup(user.role, "gridQueue") ? and(eq(cases.level, "grid"), inScope(user, cases.areaId)) : sql`false`))
      : undefined,
    q.status === "open" ? ne(cases.status, "closed") : q.status ? eq(cases.status, q.status) : undefined,
    q.categoryCode ? eq(cases.categoryCode, q.categoryCode) : undefined,
    areaPath ? underArea(cases.areaId, areaPath) : undefined,
    q.communityId ? eq(cases.communityId, q.communityId) : undefined,
    q.level ? eq(cases.level, q.level) : undefined,
    q.channel ? eq(cases.channel, q.channel) : undefined,
    q.overdue === "true" ? and(eq(cases.timer, "red"), ne(cases.status, "closed")) : undefined,
    q.closureKind ? eq(cases.closureKind, q.closureKind) : undefined,
    q.groupCode ? sql`${cases.categoryCode} IN (SELECT g.code FROM case_categories g WHERE g.group_code = ${q.groupCode})` : undefined,
    q.categoryCodes ? inArray(cases.categoryCode, q.categoryCodes.split(",")) : undefined,
    q.maxLevel === "beyond" ? inArray(cases.maxLevel, ["street", "department"]) : q.maxLevel ? eq(cases.maxLevel, q.maxLevel) : undefined,
    q.rider === "true" ? eq(cases.mobileReporter, true) : undefined,
    q.from ? gte(cases.createdAt, dayStart(q.from)) : undefined,
    q.to ? lt(cases.createdAt, dayAfter(q.to)) : undefined,
    q.q ? (/^[A-Z]{2,4}-\d{8}-\d{4}$/.test(q.q) ? eq(cases.number, q.q) : sql`${cases.description} LIKE ${"%" + q.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}`) : undefined,
  );
}

/**
 * The "urgent" order of the case list as one key: rank (0 open and overdue, 1 other open, 2 closed),
 * then the deadline that runs (acceptance while reported, else handling; none last) in epoch
 * milliseconds, then the time reported, newest first.
 */
const urgentRank = sql<number>`(CASE WHEN ${cases.status} = 'closed' THEN 2 WHEN ${cases.timer} = 'red' THEN 0 ELSE 1 END)`;
const urgentDue = sql<string>`(CASE WHEN ${cases.status} = 'closed' THEN 0
  ELSE coalesce(floor(extract(epoch FROM coalesce(CASE WHEN ${cases.status} = 'reported' THEN ${cases.acceptDueAt} END, ${cases.handleDueAt}, ${cases.acceptDueAt})) * 1000), 99999999999999) END)::bigint`;

function encodeUrgentCursor(rank: number, due: string | number, createdAt: Date, id: string): string | null {
  if (Number.isNaN(createdAt.getTime())) return null;
  return Buffer.from(`u|${rank}|${due}|${createdAt.toISOString()}|${id}`).toString("base64url");
}
function decodeUrgentCursor(cursor: string): { rank: number; due: string; at: Date; id: string } | null {
  const [u, rank, due, at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const d = new Date(at ?? "");
  if (u !== "u" || !/^[012]$/.test(rank ?? "") || !/^-?\d{1,15}$/.test(due ?? "") || Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? "")) return null;
  return { rank: Number(rank), due: due!, at: d, id: id! };
}

/** How many cases the list's filters match (capped, see countCapped). */
export function countCases(db: DbOrTx, user: AuthUser, q: CaseListQuery, areaPath: string | null) {
  return countCapped(db, db.select({ one: sql`1` }).from(cases).where(listFilters(user, q, areaPath)));
}

export async function selectCasePage(db: DbOrTx, user: AuthUser, q: CaseListQuery, areaPath: string | null) {
  const where = listFilters(user, q, areaPath);
  if (q.scope === "queue") {
    // The worker's queue: overdue first, then new, then the oldest.
    const rows = await summarySelect(db)
      .where(where)
      .orderBy(
        sql`CASE ${cases.timer} WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END`,
        sql`CASE ${cases.status} WHEN 'reported' THEN 0 WHEN 'dispatched' THEN 1 ELSE 2 END`,
        asc(cases.createdAt),
      )
      .limit(q.limit);
    return { rows, nextCursor: null };
  }
  if (q.sort === "urgent") {
    const cur = q.cursor ? decodeUrgentCursor(q.cursor) : null;
    const after = cur
      ? sql`(${urgentRank} > ${cur.rank} OR (${urgentRank} = ${cur.rank} AND (${urgentDue} > ${cur.due}::bigint
          OR (${urgentDue} = ${cur.due}::bigint AND (${cases.createdAt}, ${cases.id}) < (${cur.at}, ${cur.id})))))`
      : undefined;
    const rows = await summarySelect(db)
      .where(and(where, after))
      .orderBy(asc(urgentRank), asc(urgentDue), desc(cases.createdAt), desc(cases.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { rows: page, nextCursor: rows.length > q.limit && last ? encodeUrgentCursor(rankOf(last.c), dueOf(last.c), last.c.createdAt, last.c.id) : null };
  }
  const cur = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await summarySelect(db)
    .where(and(where, cur ? sql`(${cases.createdAt}, ${cases.id}) < (${cur.at}, ${cur.id})` : undefined))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.c.createdAt, last.c.id) : null };
}

/** The urgent key of a row, as urgentRank and urgentDue compute it in SQL. */
function rankOf(c: typeof cases.$inferSelect): number {
  return c.status === "closed" ? 2 : c.timer === "red" ? 0 : 1;
}
function dueOf(c: typeof cases.$inferSelect): string {
  if (c.status === "closed") return "0";
  const due = (c.status === "reported" ? c.acceptDueAt : null) ?? c.handleDueAt ?? c.acceptDueAt;
  const ms = due ? Math.floor(due.getTime()) : NaN;
  return Number.isNaN(ms) ? "99999999999999" : String(ms);
}

export function selectTimeline(db: DbOrTx, caseId: string, reporterView: boolean) {
  return db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), reporterView ? eq(caseEvents.visibleToReporter, true) : undefined))
    .orderBy(asc(caseEvents.at), asc(caseEvents.id));
}

export function selectPhotos(db: DbOrTx, caseId: string) {
  return db.select({ fileId: casePhotos.fileId, stage: casePhotos.stage, eventId: casePhotos.eventId }).from(casePhotos).where(eq(casePhotos.caseId, caseId));
}

/** A community filter of the case list: a community the caller sees community-wide things of, else 404. */
export async function visibleCommunity(db: DbOrTx, user: AuthUser, communityId: string): Promise<void> {
  await findVisible(db, areas, areas.id, communityId, and(eq(areas.level, "community"), communityRule(user, { communityId: areas.id }))!, "area");
}
