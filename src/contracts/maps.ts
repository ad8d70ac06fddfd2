import { z } from "zod";
import { uuid } from "./common";
import { line, limit, num, queryNum, text } from "./bounded";

/**
 * The base map and the address lookups (`/api/map/*`). Coordinates are WGS-84 [lng, lat]; convert
 * for a GCJ-02 map with `./coords`.
 */

export const MAP_FEATURE_KINDS = ["community", "grid", "microgrid", "compound", "building", "road", "river", "water", "green", "place"] as const;
export const mapFeatureKind = z.enum(MAP_FEATURE_KINDS);
export type MapFeatureKind = z.infer<typeof mapFeatureKind>;

/** The kinds of the places table, as they are. */
export const PLACE_KINDS = ["public_unit", "enterprise", "shop", "commercial_centre", "rider_station", "billboard", "river_stretch"] as const;

/** The kinds staff draw and edit themselves (the others come from the areas and the registry). */
export const EDITABLE_KINDS = ["road", "river", "water", "green"] as const;

const position = z.tuple([z.number(), z.number()]);
export const geometry = z.discriminatedUnion("type", [
  z.object({ type: z.literal("Point"), coordinates: position }),
  z.object({ type: z.literal("LineString"), coordinates: z.array(position) }),
  z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(position)) }),
]);
export type Geometry = z.infer<typeof geometry>;

export const featureProperties = z.object({
  id: z.string(),
  kind: mapFeatureKind,
  name: z.string(),
  /** Short label drawn on the map: "5栋" for a building, the compound's or road's name. */
  label: z.string().optional(),
  placeKind: z.enum(PLACE_KINDS).optional(),
  /** The area the feature lies in (a microgrid or grid; the community for streets). */
  areaId: z.string().optional(),
});
export const mapFeature = z.object({ type: z.literal("Feature"), geometry, properties: featureProperties });
export type MapFeature = z.infer<typeof mapFeature>;

export const baseQuery = z.strictObject({ areaId: uuid.optional() });
export const baseReply = z.object({
  version: z.string(),
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  features: z.object({ type: z.literal("FeatureCollection"), features: z.array(mapFeature) }),
});
export type BaseLayer = z.infer<typeof baseReply>;

export const SEARCH_KINDS = ["compound", "building", "unit", "place", "road"] as const;
export const searchQuery = z.strictObject({
  q: line(50),
  limit: limit(20, 8),
});
export const searchItem = z.object({
  kind: z.enum(SEARCH_KINDS),
  id: z.string(),
  /** Full display text, e.g. "康宁花园5栋". */
  name: z.string(),
  /** e.g. "红康社区 · 红康第一网格". */
  detail: z.string(),
  location: position,
  /** The microgrid or grid it lies in (the community for streets). */
  areaId: z.string().nullable(),
});
export type SearchItem = z.infer<typeof searchItem>;
export const searchReply = z.object({ items: z.array(searchItem) });

/** Any number, so that swapped or foreign coordinates get a clear reason instead of a range error. */
export const reverseQuery = z.strictObject({
  lng: queryNum({ min: -180, max: 180 }),
  lat: queryNum({ min: -180, max: 180 }),
});
const named = z.object({ id: z.string(), name: z.string() }).nullable();
export const reverseReply = z.object({
  /** "康宁花园5栋附近", "白塔路附近", or "" outside the installation's areas. */
  text: z.string(),
  building: named,
  compound: named,
  microgrid: named,
  grid: named,
  community: named,
  /** Metres to the building or road named in `text` (0 when none). */
  distance: z.number(),
});
export type ReverseAddress = z.infer<typeof reverseReply>;

/** China for validation: longitude 73–135, latitude 3–54. */
export const CHINA = { minLng: 73, maxLng: 135, minLat: 3, maxLat: 54 } as const;
export function inChina(lng: number, lat: number): boolean {
  return lng >= CHINA.minLng && lng <= CHINA.maxLng && lat >= CHINA.minLat && lat <= CHINA.maxLat;
}

/** A position of an edit: WGS-84 inside China, finite. */
export const chinaPosition = z.tuple([num({ min: CHINA.minLng, max: CHINA.maxLng }), num({ min: CHINA.minLat, max: CHINA.maxLat })]);
export const MAX_POINTS = 5000;
export const geometryInput = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("LineString"), coordinates: z.array(chinaPosition).min(2).max(MAX_POINTS) }),
  z.strictObject({ type: z.literal("Polygon"), coordinates: z.array(z.array(chinaPosition).min(4).max(MAX_POINTS)).min(1).max(50) }),
]);
export type GeometryInput = z.infer<typeof geometryInput>;

export const createFeatureBody = z.strictObject({
  kind: z.enum(EDITABLE_KINDS),
  name: line(60),
  geometry: geometryInput,
  /** The community (or a grid / microgrid of it) the feature belongs to; default: the caller's area. */
  areaId: uuid.optional(),
});
export const updateFeatureBody = z.strictObject({
  /** Roads, rivers, water and green areas only; a building's or compound's name belongs to the registry. */
  kind: z.enum(EDITABLE_KINDS).optional(),
  name: text({ max: 60 }).optional(),
  /** A building footprint or compound outline takes a Polygon. */
  geometry: geometryInput.optional(),
});
export const featureIdParams = z.strictObject({ id: uuid });
export const featureReply = mapFeature;
export const deletedReply = z.object({ ok: z.literal(true) });
