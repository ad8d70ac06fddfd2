import { and, asc, desc, eq, gte, lt, ne, or, sql, type SQL } from "drizzle-orm";
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
    q.from ? gte(cases.createdAt, dayStart(q.from)) : undefined,
    q.to ? lt(cases.createdAt, dayAfter(q.to)) : undefined,
    q.q ? (/^[A-Z]{2,4}-\d{8}-\d{4}$/.test(q.q) ? eq(cases.number, q.q) : sql`${cases.description} LIKE ${"%" + q.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}`) : undefined,
  );
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
  const cur = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await summarySelect(db)
    .where(and(where, cur ? sql`(${cases.createdAt}, ${cases.id}) < (${cur.at}, ${cur.id})` : undefined))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.c.createdAt, last.c.id) : null };
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
