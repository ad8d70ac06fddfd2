import { and, eq, sql, type SQL, type AnyColumn } from "drizzle-orm";
import { areas } from "../db/schema/areas";
import type { DbOrTx } from "../db/client";
import type { AuthUser } from "./context";
import { notFound } from "./errors";

/**
 * Data scope: a user sees the area node they are bound to and its subtree, nothing else.
 * Objects outside the scope are answered as if they did not exist (404, never 403).
 *
 * This file is the only place that knows how the area tree is stored (`areas.path` holds the ids
 * from the root, so a subtree is a prefix match on a `text_pattern_ops` index). Modules build their
 * filters from the functions below and the resource rules in `access.ts`; a test fails on a path
 * match written anywhere else.
 */

/** The empty set of area ids: the scope of a user bound to no area. */
const NO_AREAS: SQL = sql`(SELECT NULL::uuid WHERE false)`;

/** A LIKE pattern matching a path and everything below it (the path's own characters escaped). */
function below(path: string): string {
  return path.replace(/[\\%_]/g, (c) => "\\" + c) + "%";
}

/** The ids of the user's area and its subtree, as a subquery. */
export function subtreeAreaIds(user: AuthUser): SQL {
  if (!user.areaPath) return NO_AREAS;
  return sql`(SELECT ${areas.id} FROM ${areas} WHERE ${areas.path} LIKE ${below(user.areaPath)})`;
}

/** `column IN (ids of the user's subtree)` for a row's area column. */
export function inScope(user: AuthUser, areaColumn: AnyColumn | SQL): SQL {
  return sql`${areaColumn} IN ${subtreeAreaIds(user)}`;
}

/** The ids of an area (given by its path) and its subtree, as a subquery. */
export function areaIdsUnder(path: string): SQL {
  return sql`(SELECT ${areas.id} FROM ${areas} WHERE ${areas.path} LIKE ${below(path)})`;
}

/** `column IN (ids under the area with this path)`: an explicit area filter (after `areaInScope`). */
export function underArea(areaColumn: AnyColumn | SQL, path: string): SQL {
  return sql`${areaColumn} IN ${areaIdsUnder(path)}`;
}

/** SQL: the area path `child` lies at or below the area path `ancestor` (both SQL expressions). */
export function pathWithin(child: AnyColumn | SQL, ancestor: AnyColumn | SQL): SQL {
  return sql`starts_with(${child}, ${ancestor})`;
}

/** SQL: the area with id `childAreaId` lies at or below the area with path `ancestorPath`. */
export function areaWithin(childAreaId: AnyColumn | SQL, ancestorPath: AnyColumn | SQL): SQL {
  return pathWithin(areaPathOf(childAreaId), ancestorPath);
}

/**
 * SQL: the area (by id column) lies at or below the area with this path, or above it (the street or
 * city over a community): the areas whose people take part in what happens there. False without a path.
 */
export function areaAlongPath(areaColumn: AnyColumn | SQL, path: string | null | undefined): SQL {
  if (!path) return sql`false`;
  return sql`(${areaColumn} IN ${areaIdsUnder(path)} OR ${areaColumn} IN (SELECT ${areas.id} FROM ${areas} WHERE starts_with(${path}, ${areas.path})))`;
}

/** SQL: the path of an area, by id (audit rows carry it). */
export function areaPathOf(areaId: AnyColumn | SQL | string): SQL<string> {
  return sql<string>`(SELECT ${areas.path} FROM ${areas} WHERE ${areas.id} = ${areaId})`;
}

/** The audit path of a write that concerns the whole installation (a timer, a city-wide setting). */
export const ROOT_AUDIT_PATH = "/";

/** Whether the user's scope is the whole installation (the root of the area tree). */
export function coversWholeTree(user: AuthUser): boolean {
  return !!user.areaPath && /^\/[^/]+\/$/.test(user.areaPath);
}

/** SQL: an area path column lies at or below the area path given (a prefix match on the path index). */
export function pathUnder(pathColumn: AnyColumn | SQL, path: string): SQL {
  return sql`${pathColumn} LIKE ${below(path)}`;
}

/** SQL for rows that carry an area path (the audit log): those at or below the user's area. */
export function pathInScope(user: AuthUser, pathColumn: AnyColumn | SQL): SQL {
  if (!user.areaPath) return sql`false`;
  return sql`${pathColumn} LIKE ${below(user.areaPath)}`;
}

export type AreaRow = typeof areas.$inferSelect;

/** Loads an area inside the user's scope, or throws NOT_FOUND. */
export async function areaInScope(db: DbOrTx, user: AuthUser, areaId: string): Promise<AreaRow> {
  if (!user.areaPath) throw notFound("area");
  const [row] = await db
    .select()
    .from(areas)
    .where(and(eq(areas.id, areaId), sql`${areas.path} LIKE ${below(user.areaPath)}`))
    .limit(1);
  if (!row) throw notFound("area");
  return row;
}

/** The path of an area if it lies in the user's scope, else null. */
export async function areaPathInScope(db: DbOrTx, user: AuthUser, areaId: string): Promise<string | null> {
  if (!user.areaPath) return null;
  const [a] = await db
    .select({ path: areas.path })
    .from(areas)
    .where(and(eq(areas.id, areaId), sql`${areas.path} LIKE ${below(user.areaPath)}`))
    .limit(1);
  return a?.path ?? null;
}

/** The area the user is bound to; NOT_FOUND for users without one. */
export async function homeArea(db: DbOrTx, user: AuthUser): Promise<AreaRow> {
  if (!user.areaId) throw notFound("area");
  return areaInScope(db, user, user.areaId);
}

/**
 * Communities a user sees community-wide things of (partner units, calls, teams, activities,
 * notices): those in their subtree (street and city staff) and the community their own area lies
 * in (grid workers, residents, riders).
 */
export function visibleCommunityIds(user: AuthUser): SQL {
  if (!user.areaPath) return NO_AREAS;
  return sql`(SELECT a.id FROM areas a WHERE a.level = 'community' AND (a.path LIKE ${below(user.areaPath)} OR a.id = ${user.communityId ?? null}::uuid))`;
}

export function communityVisible(user: AuthUser, column: AnyColumn | SQL): SQL {
  return sql`${column} IN ${visibleCommunityIds(user)}`;
}

/** Community ids under an area node (the community itself when the node is a grid or below). */
export function communitiesUnder(area: { path: string; communityId: string | null; level: string }): SQL {
  if (area.communityId && area.level !== "community") return sql`(SELECT ${area.communityId}::uuid)`;
  return sql`(SELECT a.id FROM areas a WHERE a.level = 'community' AND a.path LIKE ${below(area.path)})`;
}
