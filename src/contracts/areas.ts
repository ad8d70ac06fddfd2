import { z } from "zod";
import { areaLevel, lngLat, uuid } from "./common";
import { queryLatitude, queryLongitude } from "./bounded";

export const areaNode = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  level: areaLevel,
  name: z.string(),
  code: z.string(),
  communityId: uuid.nullable(),
  boundary: z.array(lngLat).nullable(),
  center: lngLat.nullable(),
  /** Grids and micro-grids, for staff: the active grid workers whose own area this is. */
  workers: z.array(z.object({ id: uuid, name: z.string() })).optional(),
});
export type AreaNode = z.infer<typeof areaNode>;
export const areaTreeReply = z.object({ items: z.array(areaNode) });

export const areaIdParams = z.strictObject({ id: uuid });

export const locateQuery = z.strictObject({
  lng: queryLongitude,
  lat: queryLatitude,
});
const located = z.object({ id: uuid, name: z.string(), code: z.string() }).nullable();
export const locateReply = z.object({
  community: located,
  grid: located,
  microgrid: located,
});

/** The community (or any node) at a glance: every count is a query. */
export const overviewQuery = z.strictObject({ areaId: uuid.optional() });
export const overviewReply = z.object({
  area: z.object({ id: uuid, name: z.string(), level: areaLevel }),
  counts: z.object({
    communities: z.number(),
    grids: z.number(),
    microgrids: z.number(),
    compounds: z.number(),
    buildings: z.number(),
    households: z.number(),
    residents: z.number(),
    publicUnits: z.number(),
    commercialCentres: z.number(),
    riderStations: z.number(),
    enterprises: z.number(),
    partyCommittees: z.number(),
    partyBranches: z.number(),
    partyMembers: z.number(),
  }),
});
export type Overview = z.infer<typeof overviewReply>;

export const placeItem = z.object({
  id: uuid,
  kind: z.enum(["public_unit", "enterprise", "shop", "commercial_centre", "rider_station", "billboard", "river_stretch"]),
  name: z.string(),
  address: z.string(),
  location: lngLat.nullable(),
  attrs: z.record(z.string(), z.unknown()),
  /** Unified social credit code (统一社会信用代码) of enterprises and shops. */
  creditCode: z.string().nullable(),
  /** The grid the place lies in. */
  gridName: z.string().nullable(),
  /** Contact person and phone (always masked); null for callers who are not staff. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
});
export const placesQuery = z.strictObject({
  kind: z.enum(["public_unit", "enterprise", "shop", "commercial_centre", "rider_station", "billboard", "river_stretch"]).optional(),
  areaId: uuid.optional(),
});
export const placesReply = z.object({ items: z.array(placeItem) });
