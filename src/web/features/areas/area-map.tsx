import { useEffect, useRef } from "react";
import L from "leaflet";
import { useTranslation } from "react-i18next";
import type { AreaNode } from "../../../contracts/areas";
import { subtreeOf, type AreaIndex } from "../../lib/area-index";
import { ensurePane } from "../../lib/leaflet-areas";
import { toMapAll } from "../../lib/map-crs";
import { useLeafletMap } from "../../lib/use-leaflet-map";
import { LegendRow, MapControl, useMapControl } from "../cases/map-control";
import { COVERAGE_GRADIENT, coverageColour, type GridCoverage } from "./use-grid-coverage";

interface Props {
  items: AreaNode[];
  index: AreaIndex;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Tile URL template; empty: no outside tiles, polygons on a plain background. */
  tileUrl: string;
  /** This month's patrol tasks done and due per grid id (staff who read patrols). */
  coverage?: Map<string, GridCoverage>;
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
export function AreaMap({ items, index, selectedId, onSelect, tileUrl, coverage }: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useLeafletMap(container, tileUrl, { zoomSnap: 0.25 });
  const legendBox = useMapControl(mapRef, "bottomright", "ll-legend");
  const grids = items.filter((a) => a.level === "grid");
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

  // Each grid's worker and this month's patrols, on a card near the top of the grid (where it fits).
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    const pane = workerPane(map);
    const cards: Array<{ marker: L.Marker; layer: L.Polygon }> = [];
    for (const grid of items) {
      const layer = layers.current.get(grid.id);
      if (grid.level !== "grid" || !layer) continue;
      const b = layer.getBounds();
      const at = L.latLng(b.getNorth() - (b.getNorth() - b.getSouth()) * 0.16, b.getCenter().lng);
      const card = workerCard(grid, coverage?.get(grid.id), t);
      const marker = L.marker(at, { pane, interactive: false, keyboard: false, icon: L.divIcon({ className: "ll-area-worker", html: card, iconSize: undefined }) });
      marker.addTo(group);
      cards.push({ marker, layer });
    }
    const refresh = () => {
      for (const { marker, layer } of cards) {
        const b = layer.getBounds();
        const width = Math.abs(map.latLngToContainerPoint(b.getSouthEast()).x - map.latLngToContainerPoint(b.getNorthWest()).x);
        marker.getElement()?.classList.toggle("ll-area-worker-hidden", width < 110);
      }
    };
    map.on("zoomend", refresh);
    refresh();
    return () => {
      map.off("zoomend", refresh);
      group.remove();
    };
  }, [items, index, coverage, t]);

  return (
    <>
      <div ref={container} className="ll-map" data-testid="area-map" />
      <MapControl box={legendBox}>
        <div className="ll-legend-body" data-testid="area-map-legend">
          <div className="ll-legend-title">{t("mapViews.areas.legendGrids")}</div>
          {grids.length <= 24 &&
            grids.map((g) => (
              <LegendRow key={g.id} swatch={<i className="ll-legend-line" style={{ border: `2px solid ${index.colourOf(g)}`, background: `${index.colourOf(g)}38` }} />}>
                {g.name}
                {g.workers && <span className="ll-muted"> · {g.workers.length > 0 ? g.workers.map((w) => w.name).join("、") : t("mapViews.areas.noWorker")}</span>}
              </LegendRow>
            ))}
          {coverage && (
            <div className="ll-legend-heat" data-testid="coverage-legend">
              <div>{t("mapViews.areas.coverage")}</div>
              <i className="ll-legend-ramp" style={{ background: COVERAGE_GRADIENT }} />
              <div className="ll-legend-ramp-ends">
                <span>0%</span>
                <span>100%</span>
              </div>
            </div>
          )}
        </div>
      </MapControl>
    </>
  );
}

/** A pane for the worker cards: above the area names, taking no clicks. */
const workerPane = (map: L.Map): string => ensurePane(map, "ll-area-workers", 655, true);

/** The card of a grid: its worker(s) and this month's patrols done of due, built as elements (never HTML from data). */
function workerCard(grid: AreaNode, coverage: GridCoverage | undefined, t: (key: string, options?: Record<string, unknown>) => string): HTMLElement {
  const box = document.createElement("div");
  box.className = "ll-area-worker-card";
  box.dataset.testid = "grid-card";
  box.dataset.grid = grid.name;
  if (grid.workers) {
    const who = document.createElement("strong");
    who.textContent = grid.workers.length > 0 ? `${t("mapViews.areas.worker")} ${grid.workers.map((w) => w.name).join("、")}` : t("mapViews.areas.noWorker");
    box.append(who);
  }
  if (coverage) {
    const chip = document.createElement("span");
    chip.className = "ll-coverage-chip";
    chip.dataset.testid = "grid-coverage";
    if (coverage.due > 0) {
      chip.textContent = t("mapViews.areas.patrol", { done: coverage.done, due: coverage.due });
      chip.style.background = coverageColour(coverage.coverage ?? 0);
    } else {
      chip.textContent = t("mapViews.areas.patrolNone");
      chip.style.background = "#bfbfbf";
    }
    box.append(chip);
  }
  return box;
}
