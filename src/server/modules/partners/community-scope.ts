import { and, eq, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";

/**
 * Partner units, calls, teams and activities belong to a community, not to a grid: a user sees
 * those of the communities in their subtree (street and city staff) and of the community their
 * own area lies in (grid workers, residents, riders). Anything else answers 404.
 */
export function visibleCommunityIds(user: AuthUser): SQL {
  if (!user.areaPath) return sql`(SELECT NULL::uuid WHERE false)`;
  return sql`(SELECT a.id FROM areas a WHERE a.level = 'community' AND (a.path LIKE ${user.areaPath + "%"} OR a.id = ${user.communityId ?? null}::uuid))`;
}

export function communityVisible(user: AuthUser, column: AnyColumn | SQL): SQL {
  return sql`${column} IN ${visibleCommunityIds(user)}`;
}

export type CommunityRow = { id: string; name: string; path: string };

/** The community a write goes to: the one given (if visible) or the caller's own. */
export async function targetCommunity(db: DbOrTx, user: AuthUser, communityId: string | undefined): Promise<CommunityRow> {
  const id = communityId ?? user.communityId;
  if (!id) throw new AppError("VALIDATION_FAILED", [{ path: "/communityId", message: "a community is required" }]);
  const [row] = await db
    .select({ id: areas.id, name: areas.name, path: areas.path })
    .from(areas)
    .where(and(eq(areas.id, id), eq(areas.level, "community"), communityVisible(user, areas.id)))
    .limit(1);
  if (!row) throw notFound("community");
  return row;
}

/** Community ids under an area node (the community itself when the node is a grid or below). */
export function communitiesUnder(area: { path: string; communityId: string | null; level: string }): SQL {
  if (area.communityId && area.level !== "community") return sql`(SELECT ${area.communityId}::uuid)`;
  return sql`(SELECT a.id FROM areas a WHERE a.level = 'community' AND a.path LIKE ${area.path + "%"})`;
}

/** Audit area path of a community row. */
export function communityPath(communityId: string): SQL {
  return sql`(SELECT path FROM areas WHERE id = ${communityId})`;
}
