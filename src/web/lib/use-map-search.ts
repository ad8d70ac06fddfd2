import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiGet } from "../api/client";
import type { LngLat } from "./map-crs";

export type MapSearchKind = "compound" | "building" | "unit" | "place" | "road";

/** One answer of `GET /api/map/search`: a named place with its WGS-84 position. */
export interface MapSearchItem {
  kind: MapSearchKind;
  id: string;
  name: string;
  detail?: string | null;
  location: LngLat;
  areaId?: string | null;
}

interface NamedRef {
  id: string;
  name: string;
}

/** `GET /api/map/reverse`: the nearest address of a point ("康宁花园5栋附近") and the areas it lies in. */
export interface ReverseReply {
  text: string;
  building: NamedRef | null;
  compound: NamedRef | null;
  microgrid: NamedRef | null;
  grid: NamedRef | null;
  community: NamedRef | null;
  distance: number | null;
}

/** A search string is cut to this length before it is sent (names are short). */
const MAX_QUERY = 50;

/** `value`, once it has stayed the same for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Addresses matching what the user types (names or pinyin initials), asked 250 ms after the typing
 * stops; the previous answer stays while the next one comes.
 */
export function useMapSearch(text: string, limit = 10) {
  const q = useDebounced(text.trim().slice(0, MAX_QUERY), 250);
  const query = useQuery({
    queryKey: ["map", "search", q, limit],
    queryFn: ({ signal }) => apiGet<{ items: MapSearchItem[] }>("/map/search", { q, limit }, signal),
    enabled: q.length > 0,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
  return { ...query, q, settled: q === text.trim().slice(0, MAX_QUERY) };
}

/** The nearest address of a point, or nothing while there is no point. */
export function useReverse(at: LngLat | null) {
  return useQuery({
    queryKey: ["map", "reverse", at?.[0], at?.[1]],
    queryFn: ({ signal }) => apiGet<ReverseReply>("/map/reverse", { lng: at![0], lat: at![1] }, signal),
    enabled: !!at,
    staleTime: 30 * 60_000,
    retry: false,
  });
}
