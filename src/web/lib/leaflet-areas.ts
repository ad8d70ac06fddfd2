import L from "leaflet";
import type { AreaNode } from "../../contracts/areas";
import type { AreaIndex } from "./area-index";
import { toMap, toMapAll } from "./map-crs";

export { fromMap, toMap, toMapAll } from "./map-crs";

/** Kunming city centre: where a map with nothing to show starts. */
export const DEFAULT_CENTER: [number, number] = [102.71, 25.04];

function styleOf(area: AreaNode, colour: string): L.PathOptions {
  switch (area.level) {
    case "microgrid":
      // Light fills: the base map beneath (streets, buildings) stays readable.
      return { color: colour, weight: 1, opacity: 0.9, fillColor: colour, fillOpacity: 0.07 };
    case "grid":
      return { color: colour, weight: 2.5, opacity: 1, fillColor: colour, fillOpacity: 0.03 };
    default:
      return { color: "#595959", weight: 2, opacity: 0.8, fill: false, dashArray: "6 4" };
  }
}

/** A label shows only when its polygon is at least this wide on screen. */
const MIN_LABEL_WIDTH = 84;

/**
 * Draws the areas that have a boundary as background polygons (grids and micro-grids coloured per
 * grid, higher levels as dashed outlines). They take no clicks, so that a click reaches the map
 * below. With `labels`, the innermost areas are named where their polygon is wide enough on
 * screen; where none of a grid's micro-grids has room, the grid is named instead.
 * Returns the layer group; removing it also stops the label updates.
 */
export function drawAreaBackground(map: L.Map, items: AreaNode[], index: AreaIndex, options: { labels?: boolean } = {}): L.FeatureGroup {
  const group = L.featureGroup().addTo(map);
  const withBoundary = items.filter((a) => a.boundary && a.boundary.length >= 3);
  const hasInner = new Set(withBoundary.map((a) => a.parentId));
  const labelled: Array<{ area: AreaNode; layer: L.Polygon; leaf: boolean }> = [];
  for (const area of withBoundary) {
    const layer = L.polygon(toMapAll(map, area.boundary!), { ...styleOf(area, index.colourOf(area)), interactive: false });
    layer.addTo(group);
    const leaf = !hasInner.has(area.id);
    if (options.labels && (leaf || area.level === "grid")) {
      layer.bindTooltip(area.name, { permanent: true, direction: "center", className: `ll-map-label ll-map-label-${area.level}`, interactive: false });
      labelled.push({ area, layer, leaf });
    }
  }
  if (labelled.length === 0) return group;

  const widthOf = (layer: L.Polygon) => {
    const b = layer.getBounds();
    return Math.abs(map.latLngToContainerPoint(b.getSouthEast()).x - map.latLngToContainerPoint(b.getNorthWest()).x);
  };
  const refresh = () => {
    const shown = new Set<string>();
    for (const { area, layer, leaf } of labelled) {
      if (!leaf) continue;
      const show = widthOf(layer) >= MIN_LABEL_WIDTH;
      if (show) shown.add(area.id);
      layer.getTooltip()?.getElement()?.classList.toggle("ll-map-label-hidden", !show);
    }
    for (const { area, layer, leaf } of labelled) {
      if (leaf) continue;
      const innerShown = labelled.some((l) => l.area.parentId === area.id && shown.has(l.area.id));
      layer.getTooltip()?.getElement()?.classList.toggle("ll-map-label-hidden", innerShown || widthOf(layer) < MIN_LABEL_WIDTH);
    }
  };
  map.on("zoomend resize", refresh);
  group.on("remove", () => map.off("zoomend resize", refresh));
  // Once the map has a view (the caller fits it right after drawing).
  map.whenReady(() => setTimeout(refresh, 0));
  return group;
}

/** The map's pane `name` at `zIndex`, made on first use; `clickThrough`: its content takes no clicks. */
export function ensurePane(map: L.Map, name: string, zIndex: number, clickThrough = false): string {
  if (!map.getPane(name)) {
    const pane = map.createPane(name);
    pane.style.zIndex = String(zIndex);
    if (clickThrough) pane.style.pointerEvents = "none";
  }
  return name;
}

/** A pane above the area labels (tooltips), so that the labels never hide a marker. */
export const markerPane = (map: L.Map): string => ensurePane(map, "ll-markers", 660);

/** A round marker (no image files to load), in a colour, drawn above the area labels. */
export function dotMarker(map: L.Map, at: [number, number], colour: string, radius = 8): L.CircleMarker {
  return L.circleMarker(toMap(map, at), { radius, color: "#fff", weight: 2, fillColor: colour, fillOpacity: 0.95, pane: markerPane(map) });
}

/**
 * Keeps a map's size right while its container changes (drawers, popups, tabs opening). While the
 * container is still settling (a modal or popup animating open), `onSettle` runs after each change,
 * e.g. to fit the view again.
 */
export function watchSize(map: L.Map, element: HTMLElement, onSettle?: () => void): () => void {
  const since = Date.now();
  const observer = new ResizeObserver(() => {
    map.invalidateSize();
    if (onSettle && Date.now() - since < 1500) onSettle();
  });
  observer.observe(element);
  return () => observer.disconnect();
}
