import { and, asc, eq, inArray } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import { areas } from "../../db/schema/areas";
import type { DbOrTx } from "../../db/client";
import type { AuthUser } from "../../platform/context";
import { rolesOf } from "../../platform/roles";
import { areaAlongPath } from "../../platform/scope";
import type { MyCommunity } from "../../../contracts/notices";

/**
 * Whom a resident turns to: the grid they live in (when their account is placed at a grid or
 * micro-grid), its active grid workers by name, and a public service number: the grid's, else
 * the community's. Staff accounts' own phones are personal and never shown; a grid or community
 * without a service number on record gives null, and the phone shows the names only.
 */
export async function myCommunity(db: DbOrTx, user: AuthUser): Promise<MyCommunity> {
  const community = user.communityId
    ? (await db.select({ id: areas.id, name: areas.name, servicePhone: areas.servicePhone }).from(areas).where(eq(areas.id, user.communityId)).limit(1))[0]
    : undefined;
  const placedInGrid = user.areaLevel === "grid" || user.areaLevel === "microgrid";
  const [grid] = placedInGrid
    ? await db
        .select({ id: areas.id, name: areas.name, servicePhone: areas.servicePhone })
        .from(areas)
        .where(and(eq(areas.level, "grid"), areaAlongPath(areas.id, user.areaPath)))
        .limit(1)
    : [];
  const workers = grid
    ? await db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.areaId, grid.id), eq(users.status, "active"), inArray(users.role, rolesOf("gridWorkers"))))
        .orderBy(asc(users.displayName))
        .limit(5)
    : [];
  return {
    community: community ? { id: community.id, name: community.name } : null,
    grid: grid ? { id: grid.id, name: grid.name } : null,
    gridWorkers: workers,
    servicePhone: grid?.servicePhone ?? community?.servicePhone ?? null,
  };
}
