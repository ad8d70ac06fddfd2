import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { riderServiceBody } from "../../../contracts/partners";
import { areas } from "../../db/schema/areas";
import { places } from "../../db/schema/places";
import { partnerUnits, riderServices } from "../../db/schema/partners";
import type { DbOrTx, Tx } from "../../db/client";
import type { AuthUser, SignedInContext } from "../../platform/context";
import { AppError } from "../../platform/errors";
import { uuidv7 } from "../../platform/ids";
import { writeAudit } from "../../platform/audit";
import { communityPath, targetCommunity, visibleCommunityIds } from "./community-scope";
import { nameOf, RIDER_SERVICE_NAMES } from "./labels";

/**
 * The rider-friendly community for the phone map: rider stations (温新驿站, places of kind
 * rider_station with amenities and hours) and rider services with the unit that provides them.
 * Both are public facilities with nothing personal, and riders cross community borders all day,
 * so any community may be asked for; without one, the caller's community (or every one in scope).
 */
export async function riderFriendly(db: DbOrTx, user: AuthUser, communityId: string | "everywhere" | undefined) {
  const which: SQL = communityId === "everywhere"
    ? sql`IS NOT NULL`
    : communityId
    ? sql`= ${communityId}::uuid`
    : user.communityId
      ? sql`= ${user.communityId}::uuid`
      : sql`IN ${visibleCommunityIds(user)}`;
  const stations = await db
    .select({ p: places, communityName: areas.name })
    .from(places)
    .innerJoin(areas, eq(areas.id, places.communityId))
    .where(and(eq(places.kind, "rider_station"), eq(places.active, true), sql`${places.communityId} ${which}`))
    .orderBy(asc(places.name));
  const services = await db
    .select({ s: riderServices, unitName: partnerUnits.name, placeName: places.name, placeLocation: places.location })
    .from(riderServices)
    .leftJoin(partnerUnits, eq(partnerUnits.id, riderServices.unitId))
    .leftJoin(places, eq(places.id, riderServices.placeId))
    .where(sql`${riderServices.communityId} ${which}`)
    .orderBy(asc(riderServices.kind), asc(riderServices.name));
  return {
    stations: stations.map(({ p, communityName }) => {
      const attrs = (p.attrs ?? {}) as { amenities?: unknown; hours?: unknown };
      return {
        id: p.id,
        name: p.name,
        address: p.address,
        location: p.location,
        amenities: Array.isArray(attrs.amenities) ? attrs.amenities.map(String) : [],
        hours: typeof attrs.hours === "string" ? attrs.hours : null,
        community: { id: p.communityId, name: communityName },
      };
    }),
    services: services.map(({ s, unitName, placeName, placeLocation }) => ({
      id: s.id,
      kind: s.kind,
      kindName: nameOf(RIDER_SERVICE_NAMES, s.kind),
      name: s.name,
      description: s.description,
      unit: s.unitId && unitName ? { id: s.unitId, name: unitName } : null,
      place: s.placeId && placeName ? { id: s.placeId, name: placeName } : null,
      location: s.location ?? placeLocation ?? null,
    })),
  };
}

export async function createRiderService(ctx: SignedInContext, tx: Tx, body: z.infer<typeof riderServiceBody>): Promise<{ id: string }> {
  const community = await targetCommunity(tx, ctx.user, body.communityId);
  if (body.unitId) {
    const [u] = await tx.select({ id: partnerUnits.id }).from(partnerUnits).where(and(eq(partnerUnits.id, body.unitId), eq(partnerUnits.communityId, community.id))).limit(1);
    if (!u) throw new AppError("VALIDATION_FAILED", [{ path: "/unitId", message: "unknown unit in this community" }]);
  }
  if (body.placeId) {
    const [p] = await tx.select({ id: places.id }).from(places).where(and(eq(places.id, body.placeId), eq(places.communityId, community.id))).limit(1);
    if (!p) throw new AppError("VALIDATION_FAILED", [{ path: "/placeId", message: "unknown place in this community" }]);
  }
  const id = uuidv7();
  await tx.insert(riderServices).values({
    id,
    communityId: community.id,
    kind: body.kind,
    name: body.name,
    description: body.description,
    unitId: body.unitId ?? null,
    placeId: body.placeId ?? null,
    location: body.location ?? null,
  });
  await writeAudit(tx, ctx, { action: "rider_service.create", targetType: "rider_service", targetId: id, areaPath: communityPath(community.id), after: body });
  return { id };
}
