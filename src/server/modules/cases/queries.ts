import { and, asc, desc, eq, gte, inArray, lt, ne, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { areas } from "../../db/schema/areas";
import { users } from "../../db/schema/accounts";
import { caseCategories, caseEvents, casePhotos, cases } from "../../db/schema/cases";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { dayAfter, dayStart } from "../../platform/clock";
import { inGroup } from "../../platform/roles";
import { subtreeAreaIds, underArea } from "../../platform/scope";
import type { CaseListQuery } from "../../../contracts/cases";
import { caseVisible } from "./access";
import { countCapped } from "../../db/count-capped";
import { communityRule, findVisible } from "../../platform/access";

const community = alias(areas, "community");
const grid = alias(areas, "grid");
const handler = alias(users, "handler");

/** Columns of a case row in lists, with the names joined in. */
const summaryFields = {
  c: cases,
  categoryName: caseCategories.name,
  communityName: community.name,
  gridName: grid.name,
  handlerName: handler.displayName,
};
const categoryJoin = eq(caseCategories.code, cases.categoryCode);
const communityJoin = eq(community.id, cases.communityId);
const gridJoin = eq(grid.id, cases.gridId);
const handlerJoin = eq(handler.id, cases.handlerId);

export function summarySelect(db: DbOrTx) {
  return db.select(summaryFields).from(cases).innerJoin(caseCategories, categoryJoin).leftJoin(community, communityJoin).leftJoin(grid, gridJoin).leftJoin(handler, handlerJoin);
}

/** The list's columns plus the urgent order's deadline as PostgreSQL prints it, which the keyset cursor carries exactly. */
function urgentSelect(db: DbOrTx) {
  return db
    .select({ ...summaryFields, due: sql<string>`(${urgentDue})::text` })
    .from(cases)
    .innerJoin(caseCategories, categoryJoin)
    .leftJoin(community, communityJoin)
    .leftJoin(grid, gridJoin)
    .leftJoin(handler, handlerJoin);
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

/** The queue's order: overdue first, then due soon; new before dispatched before the rest; the oldest first. */
const queueTimer = sql`CASE ${cases.timer} WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END`;
const queueStatus = sql`CASE ${cases.status} WHEN 'reported' THEN 0 WHEN 'dispatched' THEN 1 ELSE 2 END`;
const queueOrder = sql`${queueTimer}, ${queueStatus}, ${cases.createdAt}, ${cases.id}`;

/**
 * The worker's queue: the open cases they handle and (grid roles) the open grid-level cases of their
 * areas. Each part reads its partial index (cases_open_handler_idx, cases_open_grid_area_idx,
 * migration 0025), keyed by the handler or area and then by the queue's order, and carrying every
 * column the queue reads by default, so no row is fetched to choose a page or count one. `filters`
 * (the read rule and the list's filters) stand in both parts; a filter on a column the indexes do not
 * carry makes its part read the rows it tests.
 *
 * `page`: the first `page` cases of each handler and area in the queue's order, to be merged and cut
 * to the page (the first cases of the whole queue are among them); a case both parts hold is the
 * same row in both, and UNION keeps it once. Without `page`: every case once (the area part leaves
 * out what the worker handles), unordered, for a capped count that stops at its cap.
 */
function queueRows(user: AuthUser, filters: SQL | undefined, page?: number): SQL {
  const columns = sql`${cases.id}, ${queueTimer} AS t, ${queueStatus} AS s, ${cases.createdAt} AS created_at`;
  const open = and(ne(cases.status, "closed"), filters);
  const cut = page ? sql` ORDER BY ${queueOrder} LIMIT ${page}` : sql``;
  const mine = sql`(SELECT ${columns} FROM ${cases} WHERE ${cases.handlerId} = ${user.id} AND ${open}${cut})`;
  if (!inGroup(user.role, "gridQueue")) return mine;
  const others = page ? open : and(sql`${cases.handlerId} IS DISTINCT FROM ${user.id}`, open);
  const areaCases = sql`SELECT g.* FROM ${subtreeAreaIds(user)} AS a, LATERAL (SELECT ${columns} FROM ${cases}
    WHERE ${cases.areaId} = a.id AND ${cases.level} = 'grid' AND ${others}${cut}) AS g`;
  return page ? sql`${mine} UNION ${areaCases}` : sql`${mine} UNION ALL ${areaCases}`;
}

export function listFilters(user: AuthUser, q: CaseListQuery, areaPath: string | null): SQL | undefined {
  return and(
    q.scope === "reported" ? eq(cases.reporterId, user.id) : visibleTo(user),
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
 * then the deadline that runs (acceptance while reported, else handling; none last; closed cases
 * -infinity), then the time reported, newest first. cases_urgent_idx (migration 0023) holds exactly
 * these expressions, so a page is read in index order and stops after its rows.
 */
const urgentRank = sql<number>`(CASE WHEN ${cases.status} = 'closed' THEN 2 WHEN ${cases.timer} = 'red' THEN 0 ELSE 1 END)`;
const urgentDue = sql<string>`(CASE WHEN ${cases.status} = 'closed' THEN '-infinity'::timestamptz
  ELSE coalesce(CASE WHEN ${cases.status} = 'reported' THEN ${cases.acceptDueAt} END, ${cases.handleDueAt}, ${cases.acceptDueAt}, 'infinity'::timestamptz) END)`;

/** A deadline as PostgreSQL prints a timestamptz ("2026-12-07 10:00:00+08", fractions, "BC", ±infinity). */
const PRINTED_INSTANT = /^(-?infinity|\d{4,6}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}( BC)?)$/;

function encodeUrgentCursor(rank: number, due: string, createdAt: Date, id: string): string | null {
  if (Number.isNaN(createdAt.getTime())) return null;
  return Buffer.from(`v|${rank}|${due}|${createdAt.toISOString()}|${id}`).toString("base64url");
}
function decodeUrgentCursor(cursor: string): { rank: number; due: string; at: Date; id: string } | null {
  const [v, rank, due, at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const d = new Date(at ?? "");
  if (v !== "v" || !/^[012]$/.test(rank ?? "") || !PRINTED_INSTANT.test(due ?? "") || Number.isNaN(d.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? "")) return null;
  // Month and day in range, so the cast below cannot fail.
  const m = /^\d+-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)/.exec(due!);
  if (m && (+m[1] < 1 || +m[1] > 12 || +m[2] < 1 || +m[2] > 28 + 3 || +m[3] > 23 || +m[4] > 59 || +m[5] > 59)) return null;
  return { rank: Number(rank), due: due!, at: d, id: id! };
}

/** How many cases the list's filters match (capped, see countCapped). */
export function countCases(db: DbOrTx, user: AuthUser, q: CaseListQuery, areaPath: string | null) {
  const where = listFilters(user, q, areaPath);
  if (q.scope === "queue") return countCapped(db, sql`SELECT u.id FROM (${queueRows(user, where)}) AS u`);
  return countCapped(db, db.select({ one: sql`1` }).from(cases).where(where));
}

export async function selectCasePage(db: DbOrTx, user: AuthUser, q: CaseListQuery, areaPath: string | null) {
  const where = listFilters(user, q, areaPath);
  if (q.scope === "queue") {
    // The page's ids are chosen from the indexes (queueRows); only those rows are read and joined to their names.
    const ids = sql`SELECT u.id FROM (${queueRows(user, where, q.limit)}) AS u ORDER BY u.t, u.s, u.created_at, u.id LIMIT ${q.limit}`;
    const rows = await summarySelect(db).where(sql`${cases.id} = ANY (ARRAY(${ids}))`).orderBy(queueOrder);
    return { rows, nextCursor: null };
  }
  if (q.sort === "urgent") {
    const cur = q.cursor ? decodeUrgentCursor(q.cursor) : null;
    // The row comparison repeats the first two keys as a lower bound the index scan starts from.
    const after = cur
      ? sql`(${urgentRank}, ${urgentDue}) >= (${cur.rank}::int, ${cur.due}::timestamptz)
          AND (${urgentRank} > ${cur.rank} OR (${urgentRank} = ${cur.rank} AND (${urgentDue} > ${cur.due}::timestamptz
          OR (${urgentDue} = ${cur.due}::timestamptz AND (${cases.createdAt}, ${cases.id}) < (${cur.at}, ${cur.id})))))`
      : undefined;
    const rows = await urgentSelect(db)
      .where(and(where, after))
      .orderBy(asc(urgentRank), asc(urgentDue), desc(cases.createdAt), desc(cases.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return { rows: page, nextCursor: rows.length > q.limit && last ? encodeUrgentCursor(rankOf(last.c), last.due, last.c.createdAt, last.c.id) : null };
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

/** The urgent rank of a row, as urgentRank computes it in SQL. */
function rankOf(c: typeof cases.$inferSelect): number {
  return c.status === "closed" ? 2 : c.timer === "red" ? 0 : 1;
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
