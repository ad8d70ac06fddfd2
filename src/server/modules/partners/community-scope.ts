import { and, eq, type SQL } from "drizzle-orm";
import { areas } from "../../db/schema/areas";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { AppError, notFound } from "../../platform/errors";
import { areaPathOf, communityVisible } from "../../platform/scope";

/**
 * Partner units, calls, teams and activities belong to a community, not to a grid: a user sees
 * those of the communities in their subtree (street and city staff) and of the community their
 * own area lies in (grid workers, residents, riders). Anything else answers 404. The scope model
 * is the platform's (`platform/scope.ts`, `communityRule` in `platform/access.ts`); this file only
 * adds what partner writes need on top of it.
 */
export { communitiesUnder, communityVisible, visibleCommunityIds } from "../../platform/scope";

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

/** Audit area path of a community row. */
export function communityPath(communityId: string): SQL {
  return areaPathOf(communityId);
}
