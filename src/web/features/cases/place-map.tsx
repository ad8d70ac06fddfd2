import { useEffect, useMemo, useRef } from "react";
import L from "leaflet";
import type { AreaNode } from "../../../contracts/areas";
import { indexAreas } from "../../lib/area-index";
import { dotMarker, drawAreaBackground, fromMap, toMap } from "../../lib/leaflet-areas";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import type { LngLat } from "./types";

interface Props {
  /** Areas drawn beneath (the caller's tree); the map opens on them. */
  areas: AreaNode[];
  value: LngLat | null;
  onChange: (at: LngLat) => void;
  /** Where to open when there are no areas to show. */
  fallbackCenter?: LngLat | null;
  tileUrl?: string;
  className?: string;
  testId?: string;
  /** Changed to bring the chosen point into close view (e.g. after an address search). */
  focus?: number;
}

const PICKED = "#c8161d";

/**
 * A small map to pick a place by tapping it: the community's base map and the grids beneath, a red
 * dot on the chosen point. Points are stored in WGS-84 whatever the map draws in.
 */
export function PlaceMap({ areas, value, onChange, fallbackCenter, tileUrl, className, testId, focus }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const markerRef = useRef<L.CircleMarker | null>(null);
  const onChangeRef = useRef(onChange);
  const fitRef = useRef<() => void>(() => undefined);
  const valueRef = useRef(value);
  valueRef.current = value;
  const index = useMemo(() => indexAreas(areas), [areas]);
  const mapRef = useLeafletMap(container, tileUrl, { onSettle: () => fitRef.current() });
  // Compared by value: callers often pass a fresh array for the same point.
  const fallbackKey = fallbackCenter ? fallbackCenter.join(",") : "";

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const map = mapRef.current!;
    const pick = (e: L.LeafletMouseEvent) => onChangeRef.current(fromMap(map, e.latlng));
    map.on("click", pick);
    return () => {
      map.off("click", pick);
      markerRef.current = null;
    };
  }, [mapRef]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = drawAreaBackground(map, areas, index, { labels: true });
    fitRef.current = () => {
      // A map opened on a chosen place shows that place close up; else the areas.
      if (valueRef.current) map.setView(toMap(map, valueRef.current), 17);
      else if (group.getLayers().length > 0) map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 18 });
      // Without areas: the caller's home, else the base map's own fit (the community's bbox).
      else if (fallbackKey) map.setView(toMap(map, fallbackKey.split(",").map(Number) as LngLat), 16);
    };
    fitRef.current();
    return () => {
      fitRef.current = () => undefined;
      group.remove();
    };
  }, [areas, index, fallbackKey]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    markerRef.current?.remove();
    markerRef.current = value ? dotMarker(map, value, PICKED, 9).addTo(map) : null;
    if (value && !map.getBounds().contains(toMap(map, value))) map.panTo(toMap(map, value));
  }, [value]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !value || !focus) return;
    map.setView(toMap(map, value), Math.max(map.getZoom(), 17));
  }, [focus]);

  return <div ref={container} className={className} data-testid={testId} />;
}
