import { useEffect, useMemo, useRef } from "react";
import L from "leaflet";
import type { AreaNode } from "../../../contracts/areas";
import { indexAreas } from "../../lib/area-index";
import { dotMarker, drawAreaBackground } from "../../lib/leaflet-areas";
import { toMap } from "../../lib/map-crs";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import type { LngLat } from "./types";

export const STATION_COLOUR = "#fa8c16";
export const SERVICE_COLOUR = "#389e0d";
export const ME_COLOUR = "#1677ff";

export interface MapPoint {
  id: string;
  at: LngLat;
  kind: "station" | "service";
  title: string;
  lines: string[];
}

/** Escapes text for a Leaflet popup, which takes HTML. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Rider stations and rider services as coloured dots over the community's base map and grids; a tap
 * on a dot opens its name, hours, provider and distance. `me`, when known, is the phone's position.
 */
export function RiderMap({ areas, points, tileUrl, selected, me }: { areas: AreaNode[]; points: MapPoint[]; tileUrl?: string; selected?: string | null; me?: LngLat | null }) {
  const container = useRef<HTMLDivElement>(null);
  const markers = useRef(new Map<string, L.CircleMarker>());
  const index = useMemo(() => indexAreas(areas), [areas]);
  const mapRef = useLeafletMap(container, tileUrl);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const background = drawAreaBackground(map, areas, index, { labels: false });
    const group = L.featureGroup().addTo(map);
    const byId = new Map<string, L.CircleMarker>();
    for (const p of points) {
      const marker = dotMarker(map, p.at, p.kind === "station" ? STATION_COLOUR : SERVICE_COLOUR, p.kind === "station" ? 9 : 7);
      marker.bindPopup(`<div class="m-map-popup"><div class="m-map-popup-head">${esc(p.title)}</div>${p.lines.map((l) => `<div>${esc(l)}</div>`).join("")}</div>`);
      marker.addTo(group);
      byId.set(p.id, marker);
    }
    markers.current = byId;
    const bounds = group.getLayers().length > 0 ? group.getBounds() : background.getLayers().length > 0 ? background.getBounds() : null;
    if (bounds) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 17 });
    return () => {
      group.remove();
      background.remove();
    };
  }, [areas, index, points]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !me) return;
    const halo = L.circleMarker(toMap(map, me), { radius: 16, stroke: false, fillColor: ME_COLOUR, fillOpacity: 0.18, interactive: false }).addTo(map);
    const dot = dotMarker(map, me, ME_COLOUR, 7).addTo(map);
    return () => {
      halo.remove();
      dot.remove();
    };
  }, [me?.[0], me?.[1]]);

  useEffect(() => {
    const marker = selected ? markers.current.get(selected) : undefined;
    if (marker && mapRef.current) {
      mapRef.current.panTo(marker.getLatLng());
      marker.openPopup();
    }
  }, [selected]);

  return <div ref={container} className="pt-m-map" data-testid="rider-map" data-points={points.length} />;
}
