import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../api/client";
import type { BaseLayer, MapFeature, MapFeatureKind } from "../../contracts/maps";

export type BaseMap = BaseLayer;
export type BaseFeature = MapFeature;
export type BaseKind = MapFeatureKind;
/** The place kinds the base map draws with an icon of their own (others get the shop icon). */
export type PlaceKind = "rider_station" | "public_unit" | "enterprise" | "shop" | "commercial_centre";

/** The features of a base answer, whichever way the collection is wrapped. */
export function featuresOf(base: BaseMap): BaseFeature[] {
  return base.features?.features ?? [];
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
