import { and, eq, like, sql, type SQL, type AnyColumn } from "drizzle-orm";
import { areas } from "../db/schema/areas";
import type { DbOrTx } from "../db/client";
import type { AuthUser } from "./context";
import { notFound } from "./errors";

/**
 * Data scope: a user sees the area node they are bound to and its subtree, nothing else.
 * Objects outside the scope are answered as if they did not exist (404, never 403).
 */
export function subtreeAreaIds(user: AuthUser): SQL {
  if (!user.areaPath) return sql`(SELECT NULL::uuid WHERE false)`;
  return sql`(SELECT ${areas.id} FROM ${areas} WHERE ${areas.path} LIKE ${user.areaPath + "%"})`;
}

/** `column IN (ids of the user's subtree)` for a row's area column. */
export function inScope(user: AuthUser, areaColumn: AnyColumn | SQL): SQL {
  return sql`${areaColumn} IN ${subtreeAreaIds(user)}`;
}

export type AreaRow = typeof areas.$inferSelect;

/** Loads an area inside the user's scope, or throws NOT_FOUND. */
export async function areaInScope(db: DbOrTx, user: AuthUser, areaId: string): Promise<AreaRow> {
  if (!user.areaPath) throw notFound("area");
  const [row] = await db
    .select()
    .from(areas)
    .where(and(eq(areas.id, areaId), like(areas.path, user.areaPath + "%")))
    .limit(1);
  if (!row) throw notFound("area");
  return row;
}

/** The area the user is bound to; NOT_FOUND for users without one. */
export async function homeArea(db: DbOrTx, user: AuthUser): Promise<AreaRow> {
  if (!user.areaId) throw notFound("area");
  return areaInScope(db, user, user.areaId);
}
