import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../api/client";
import type { LngLat } from "./map-crs";

export type BaseKind = "community" | "grid" | "microgrid" | "compound" | "building" | "road" | "river" | "water" | "green" | "place";
export type PlaceKind = "rider_station" | "public_unit" | "enterprise" | "shop" | "commercial_centre";

export type BaseGeometry = { type: "Polygon"; coordinates: LngLat[][] } | { type: "LineString"; coordinates: LngLat[] } | { type: "Point"; coordinates: LngLat };

export interface BaseFeature {
  type: "Feature";
  geometry: BaseGeometry;
  properties: { id: string; kind: BaseKind; name: string; label?: string | null; placeKind?: PlaceKind | null; areaId?: string | null };
}

/** `GET /api/map/base`: the community's own geography as compact GeoJSON (WGS-84). */
export interface BaseMap {
  version: string;
  bbox: [number, number, number, number];
  features: { type: "FeatureCollection"; features: BaseFeature[] } | BaseFeature[];
}

/** The features of a base answer, whichever way the collection is wrapped. */
export function featuresOf(base: BaseMap): BaseFeature[] {
  return Array.isArray(base.features) ? base.features : (base.features?.features ?? []);
}

/** The base map of the caller's communities (or of one area), cached for the session. */
export function useBaseMap(areaId?: string | null, enabled = true) {
  return useQuery({
    queryKey: ["map", "base", areaId ?? ""],
    queryFn: ({ signal }) => apiGet<BaseMap>("/map/base", { areaId: areaId ?? undefined }, signal),
    enabled,
    staleTime: 5 * 60_000,
    gcTime: 30 * 60_000,
    retry: 1,
  });
}
