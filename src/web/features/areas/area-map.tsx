import { useEffect, useRef } from "react";
import L from "leaflet";
import type { AreaNode } from "../../../contracts/areas";
import { subtreeOf, type AreaIndex } from "../../lib/area-index";
import { toMapAll } from "../../lib/map-crs";
import { useLeafletMap } from "../../lib/use-leaflet-map";

interface Props {
  items: AreaNode[];
  index: AreaIndex;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Tile URL template; empty: no outside tiles, polygons on a plain background. */
  tileUrl: string;
}

const SELECTED = "#c8161d";
/** A label is shown only when its polygon is at least this wide on screen. */
const MIN_LABEL_WIDTH = 56;

function styleOf(area: AreaNode, colour: string): L.PathOptions {
  switch (area.level) {
    case "microgrid":
      return { color: colour, weight: 1, opacity: 0.9, fillColor: colour, fillOpacity: 0.22, dashArray: undefined };
    case "grid":
      return { color: colour, weight: 2.5, opacity: 1, fillColor: colour, fillOpacity: 0.08, dashArray: undefined };
    default:
      return { color: "#595959", weight: 2, opacity: 0.8, fill: false, dashArray: "6 4" };
  }
}

/**
 * The areas of the tree on a Leaflet map: grids and micro-grids as polygons coloured per grid,
 * higher levels as dashed outlines. No tile layer unless the installation configures one.
 */
export function AreaMap({ items, index, selectedId, onSelect, tileUrl }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useLeafletMap(container, tileUrl, { zoomSnap: 0.25 });
  const layers = useRef(new Map<string, L.Polygon>());
  const onSelectRef = useRef(onSelect);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.featureGroup().addTo(map);
    const drawn = layers.current;
    drawn.clear();
    const withBoundary = new Set(items.filter((a) => a.boundary && a.boundary.length >= 3).map((a) => a.id));
    const isLeaf = (a: AreaNode) => !(index.children.get(a.id) ?? []).some((c) => withBoundary.has(c.id));
    const leafLabels: Array<{ area: AreaNode; layer: L.Polygon }> = [];
    const outerLabels: Array<{ area: AreaNode; layer: L.Polygon }> = [];

    for (const area of items) {
      if (!withBoundary.has(area.id)) continue;
      const interactive = area.level === "grid" || area.level === "microgrid";
      const layer = L.polygon(toMapAll(map, area.boundary!), { ...styleOf(area, index.colourOf(area)), interactive });
      layer.addTo(group);
      drawn.set(area.id, layer);
      if (interactive) layer.on("click", () => onSelectRef.current(area.id));
      const leaf = isLeaf(area);
      if (leaf || area.level === "community") {
        layer.bindTooltip(area.name, {
          permanent: true,
          direction: "center",
          className: `ll-map-label ll-map-label-${area.level}`,
          interactive: false,
        });
        (leaf ? leafLabels : outerLabels).push({ area, layer });
      }
    }

    // Labels that do not fit are hidden; an outer label shows only when none of its inner ones does.
    const widthOf = (layer: L.Polygon) => {
      const b = layer.getBounds();
      return Math.abs(map.latLngToContainerPoint(b.getSouthEast()).x - map.latLngToContainerPoint(b.getNorthWest()).x);
    };
    const refreshLabels = () => {
      const visible = new Set<string>();
      for (const { area, layer } of leafLabels) {
        const show = widthOf(layer) >= MIN_LABEL_WIDTH;
        if (show) visible.add(area.id);
        layer.getTooltip()?.getElement()?.classList.toggle("ll-map-label-hidden", !show);
      }
      for (const { area, layer } of outerLabels) {
        if (leafLabels.some((l) => l.area.id === area.id)) continue;
        const innerShown = subtreeOf(index, area.id).some((n) => n.id !== area.id && visible.has(n.id));
        layer.getTooltip()?.getElement()?.classList.toggle("ll-map-label-hidden", innerShown || widthOf(layer) < MIN_LABEL_WIDTH);
      }
    };
    map.on("zoomend", refreshLabels);

    if (group.getLayers().length > 0) map.fitBounds(group.getBounds(), { padding: [24, 24] });
    refreshLabels();
    return () => {
      map.off("zoomend", refreshLabels);
      group.remove();
      drawn.clear();
    };
  }, [items, index]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    for (const [id, layer] of layers.current) {
      const area = index.byId.get(id)!;
      const base = styleOf(area, index.colourOf(area));
      layer.setStyle(id === selectedId ? { ...base, color: SELECTED, weight: 3.5, opacity: 1, dashArray: undefined } : base);
    }
    if (!selectedId) return;
    const bounds = L.latLngBounds([]);
    for (const node of subtreeOf(index, selectedId)) {
      const layer = layers.current.get(node.id);
      if (layer) bounds.extend(layer.getBounds());
    }
    if (bounds.isValid()) map.flyToBounds(bounds, { padding: [32, 32], duration: 0.4, maxZoom: 18 });
  }, [selectedId, index, items]);

  return <div ref={container} className="ll-map" data-testid="area-map" />;
}
