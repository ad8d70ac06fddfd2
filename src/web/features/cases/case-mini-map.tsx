import { useEffect, useMemo, useRef, useState } from "react";
import L from "leaflet";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { usePublicConfig } from "../../api/use-public-config";
import { indexAreas } from "../../lib/area-index";
import { markerPane } from "../../lib/leaflet-areas";
import { toMap, toMapAll } from "../../lib/map-crs";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import { STATE_COLOURS, stateOf } from "./case-clusters";
import { microgridOf } from "./case-place";
import { LegendRow, MapControl, useMapControl } from "./map-control";
import type { CaseSummary } from "./types";

/** A map pin (a drop with a white centre) in a state's colour; its tip is on the point. */
function pinIcon(colour: string): L.DivIcon {
  const svg =
    `<svg width="28" height="38" viewBox="0 0 28 38" aria-hidden="true"><path d="M14 37C14 37 2 22.5 2 14a12 12 0 0 1 24 0c0 8.5-12 23-12 23z" ` +
    `fill="${colour}" stroke="#1f2329" stroke-opacity="0.55" stroke-width="1.5"/><circle cx="14" cy="14" r="5" fill="#fff"/></svg>`;
  return L.divIcon({ className: "ll-mini-pin", html: svg, iconSize: [28, 38], iconAnchor: [14, 37] });
}

type Handler = "dragging" | "touchZoom" | "doubleClickZoom" | "scrollWheelZoom" | "boxZoom" | "keyboard";
const HANDLERS: Handler[] = ["dragging", "touchZoom", "doubleClickZoom", "scrollWheelZoom", "boxZoom", "keyboard"];

/**
 * A small map of a case: its pin over its grid, the micro-grid it lies in filled. Still until the
 * user unlocks it (so that scrolling the page never moves it); only for a case with a place.
 */
export function CaseMiniMap({ c, areas }: { c: Pick<CaseSummary, "location" | "grid" | "status" | "timer" | "community">; areas: AreaNode[] }) {
  if (!c.location) return null;
  return <MiniMap c={c} at={c.location} areas={areas} />;
}

function MiniMap({ c, at, areas }: { c: Pick<CaseSummary, "grid" | "status" | "timer" | "community" | "location">; at: [number, number]; areas: AreaNode[] }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const container = useRef<HTMLDivElement>(null);
  const fitRef = useRef<() => void>(() => undefined);
  const mapRef = useLeafletMap(container, config.data?.mapTileUrl ?? "", { zoomSnap: 0.25, onSettle: () => fitRef.current() });
  const legendBox = useMapControl(mapRef, "bottomright", "ll-legend ll-legend-compact");
  const [unlocked, setUnlocked] = useState(false);
  const index = useMemo(() => indexAreas(areas), [areas]);
  const grid = c.grid ? index.byId.get(c.grid.id) : undefined;
  const micro = useMemo(() => microgridOf(c, areas), [c, areas]);
  const colour = grid ? index.colourOf(grid) : "#1677ff";

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    for (const h of HANDLERS) (unlocked ? map[h].enable() : map[h].disable());
    map.getContainer().classList.toggle("ll-locked", !unlocked);
  }, [unlocked]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    const outline = (area: AreaNode | undefined, style: L.PathOptions) =>
      area?.boundary && area.boundary.length >= 3 ? L.polygon(toMapAll(map, area.boundary), { ...style, interactive: false }).addTo(group) : null;
    // The grid's other micro-grids faintly, the grid's edge, then the case's micro-grid filled.
    for (const m of grid ? (index.children.get(grid.id) ?? []) : []) {
      if (m.id !== micro?.id) outline(m, { color: colour, weight: 1, opacity: 0.6, fillOpacity: 0.04, dashArray: "4 4" });
    }
    const gridLayer = outline(grid, { color: colour, weight: 3, opacity: 0.95, fillColor: colour, fillOpacity: 0.06, className: "ll-mini-grid" });
    const microLayer = outline(micro, { color: colour, weight: 2, opacity: 1, fillColor: colour, fillOpacity: 0.22, className: "ll-mini-microgrid" });
    const pane = markerPane(map);
    const point = toMap(map, at);
    const stateColour = STATE_COLOURS[stateOf(c)];
    L.circleMarker(point, { radius: 14, color: stateColour, weight: 2, opacity: 0.9, fillColor: stateColour, fillOpacity: 0.18, interactive: false, pane }).addTo(group);
    L.marker(point, { icon: pinIcon(stateColour), interactive: false, keyboard: false, pane }).addTo(group);
    fitRef.current = () => {
      const around = microLayer ?? gridLayer;
      if (around) map.fitBounds(around.getBounds().extend(point), { padding: [20, 20], maxZoom: 18 });
      else map.setView(point, 17);
    };
    fitRef.current();
    return () => {
      fitRef.current = () => undefined;
      group.remove();
    };
  }, [at, grid, micro, index, colour, c.status, c.timer]);

  return (
    <div className="ll-mini-map-wrap">
      <div ref={container} className="ll-map ll-mini-map ll-locked" data-testid="case-mini-map" data-grid={c.grid?.name ?? ""} data-microgrid={micro?.name ?? ""} />
      <button type="button" className="ll-mini-map-toggle" onClick={() => setUnlocked((u) => !u)} data-testid="mini-map-toggle">
        {unlocked ? t("mapViews.mini.lock") : t("mapViews.mini.move")}
      </button>
      <MapControl box={legendBox}>
        <div className="ll-legend-body" data-testid="mini-map-legend">
          <LegendRow swatch={<i className="ll-dot" style={{ background: STATE_COLOURS[stateOf(c)] }} />}>{t("mapViews.mini.pin")}</LegendRow>
          {(micro || grid) && (
            <LegendRow swatch={<i className="ll-legend-line" style={{ border: `2px solid ${colour}`, background: `${colour}33` }} />}>{micro?.name ?? grid!.name}</LegendRow>
          )}
        </div>
      </MapControl>
    </div>
  );
}
