import { useEffect, useMemo, useRef } from "react";
import L from "leaflet";
import type { AreaNode } from "../../../contracts/areas";
import { indexAreas } from "../../lib/area-index";
import { DEFAULT_CENTER, dotMarker, drawAreaBackground, toLatLng } from "../../lib/leaflet-areas";
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
}

const PICKED = "#c8161d";

/** A small map to pick a place by tapping it: the grids beneath, a red dot on the chosen point. */
export function PlaceMap({ areas, value, onChange, fallbackCenter, tileUrl, className, testId }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const markerRef = useRef<L.CircleMarker | null>(null);
  const onChangeRef = useRef(onChange);
  const fitRef = useRef<() => void>(() => undefined);
  const index = useMemo(() => indexAreas(areas), [areas]);
  const mapRef = useLeafletMap(container, tileUrl, { onSettle: () => fitRef.current() });
  // Compared by value: callers often pass a fresh array for the same point.
  const fallbackKey = fallbackCenter ? fallbackCenter.join(",") : "";

  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const map = mapRef.current!;
    const pick = (e: L.LeafletMouseEvent) => onChangeRef.current([round(e.latlng.lng), round(e.latlng.lat)]);
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
      if (group.getLayers().length > 0) map.fitBounds(group.getBounds(), { padding: [16, 16], maxZoom: 18 });
      else map.setView(toLatLng(fallbackKey ? (fallbackKey.split(",").map(Number) as LngLat) : DEFAULT_CENTER), fallbackKey ? 16 : 13);
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
    if (value && !map.getBounds().contains(toLatLng(value))) map.panTo(toLatLng(value));
  }, [value]);

  return <div ref={container} className={className} data-testid={testId} />;
}

/** Six decimals: about 10 cm, more than a phone's position is worth. */
const round = (v: number) => Math.round(v * 1e6) / 1e6;
