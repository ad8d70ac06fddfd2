import L from "leaflet";
import { ensurePane } from "./leaflet-areas";
import { toMap, toMapAll, type LngLat } from "./map-crs";
import type { BaseFeature, PlaceKind } from "./use-base-map";

/** Colours of the offline base map (also read by the legends and the e2e pixel check). */
export const BASE_COLOURS = {
  outside: "#e6e3dc",
  land: "#f6f3ec",
  green: "#cfe6bf",
  greenEdge: "#b3d69f",
  water: "#9fcdef",
  waterEdge: "#7fb8e3",
  roadCasing: "#c3bdb2",
  road: "#ffffff",
  compound: "#ede5d6",
  compoundEdge: "#c9b99c",
  building: "#d2c4ad",
  buildingEdge: "#a8957a",
  grid: "#6b7a90",
  microgrid: "#9aa6b6",
} as const;

export const PLACE_STYLE: Record<PlaceKind, { glyph: string; colour: string }> = {
  rider_station: { glyph: "驿", colour: "#fa8c16" },
  public_unit: { glyph: "公", colour: "#1677ff" },
  enterprise: { glyph: "企", colour: "#722ed1" },
  shop: { glyph: "店", colour: "#13a8a8" },
  commercial_centre: { glyph: "商", colour: "#eb2f96" },
};

/** Panes of the base map: shapes on one canvas below the app's overlays, labels above them. */
export const BASE_SHAPES_PANE = "ll-base-shapes";
export const BASE_LABELS_PANE = "ll-base-labels";

function ensurePanes(map: L.Map) {
  ensurePane(map, BASE_SHAPES_PANE, 350);
  ensurePane(map, BASE_LABELS_PANE, 450, true);
}

export interface BaseLayerOptions {
  /**
   * "full": the whole offline map (land, green, water, roads, compounds, buildings, boundaries);
   * "overlay": over a tile provider, only what the provider lacks (compound and building outlines,
   * grid boundaries, their names and our places).
   */
  mode: "full" | "overlay";
  /** Name grids and micro-grids too (maps that do not draw the area tree themselves). */
  areaLabels?: boolean;
}

/** The zoom from which each kind of label may show, and its rank when labels compete for room. */
const LABEL_RULES: Record<string, { minZoom: number; rank: number; font: number; spacing?: number }> = {
  river: { minZoom: 13, rank: 0, font: 13, spacing: 3 },
  grid: { minZoom: 14, rank: 1, font: 14 },
  road: { minZoom: 15, rank: 2, font: 12, spacing: 1 },
  compound: { minZoom: 15, rank: 3, font: 13 },
  "place-major": { minZoom: 16, rank: 4, font: 12 },
  building: { minZoom: 17, rank: 5, font: 12 },
  microgrid: { minZoom: 16, rank: 6, font: 12 },
  water: { minZoom: 14, rank: 7, font: 13, spacing: 3 },
  green: { minZoom: 16, rank: 7, font: 12 },
  "place-minor": { minZoom: 18, rank: 8, font: 12 },
};

/** Places that matter to everyone show earlier than shops and firms; billboards and the like not at all. */
const MAJOR_PLACES = new Set(["rider_station", "public_unit", "commercial_centre"]);
const MINOR_PLACES = new Set(["enterprise", "shop"]);

interface LabelEntry {
  marker: L.Marker;
  at: L.LatLng;
  text: string;
  angle: number;
  rule: { minZoom: number; rank: number; font: number; spacing?: number };
  /** A place: an 18 px icon at the point, its title to the right. */
  place: boolean;
}

type Box = [number, number, number, number];
const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** The screen box of a label's text centred on `p`, turned by `angle` degrees. */
function textBox(p: L.Point, e: LabelEntry): Box {
  const w = e.text.length * (e.rule.font + (e.rule.spacing ?? 0)) + 6;
  const h = e.rule.font + 6;
  const r = (e.angle * Math.PI) / 180;
  const bw = Math.abs(w * Math.cos(r)) + Math.abs(h * Math.sin(r));
  const bh = Math.abs(w * Math.sin(r)) + Math.abs(h * Math.cos(r));
  return [p.x - bw / 2, p.y - bh / 2, p.x + bw / 2, p.y + bh / 2];
}

/**
 * Shows the labels that have room: by rank (river, roads, compounds, main places, buildings …),
 * each one only if its zoom is reached and it overlaps no label already shown. Runs after each zoom.
 */
function declutter(map: L.Map, entries: LabelEntry[]): () => void {
  const sorted = [...entries].sort((a, b) => a.rule.rank - b.rule.rank);
  const run = () => {
    const zoom = map.getZoom();
    const size = map.getSize();
    const placed: Box[] = [];
    const free = (box: Box) => !placed.some((b) => overlaps(b, box));
    for (const e of sorted) {
      const element = e.marker.getElement();
      if (!element) continue;
      let on = false;
      let title = false;
      if (zoom >= e.rule.minZoom - 0.01) {
        const p = map.latLngToContainerPoint(e.at);
        const inView = p.x > -200 && p.y > -50 && p.x < size.x + 200 && p.y < size.y + 50;
        if (inView && e.place) {
          const icon: Box = [p.x - 10, p.y - 10, p.x + 10, p.y + 10];
          if (free(icon)) {
            on = true;
            placed.push(icon);
            const label: Box = [p.x + 11, p.y - 9, p.x + 14 + e.text.length * 12, p.y + 9];
            if (zoom >= e.rule.minZoom + 0.99 && free(label)) {
              title = true;
              placed.push(label);
            }
          }
        } else if (inView) {
          const box = textBox(p, e);
          if (free(box)) {
            on = true;
            placed.push(box);
          }
        }
      }
      element.classList.toggle("ll-on", on);
      element.classList.toggle("ll-on-title", title);
    }
  };
  map.on("zoomend", run);
  map.whenReady(() => setTimeout(run, 0));
  return () => {
    map.off("zoomend", run);
  };
}

/** A text label at a point (optionally turned along a line), drawn as an element, never as HTML. */
function labelMarker(at: L.LatLng, text: string, kind: string, angle = 0): L.Marker {
  const box = document.createElement("div");
  const span = document.createElement("span");
  span.textContent = text;
  if (angle) span.style.setProperty("--ll-angle", `${angle.toFixed(1)}deg`);
  box.appendChild(span);
  const icon = L.divIcon({ html: box, className: `ll-base-label ll-base-label-${kind}`, iconSize: [0, 0] });
  return L.marker(at, { icon, interactive: false, keyboard: false, pane: BASE_LABELS_PANE });
}

/** A small round place icon with its glyph, and its title beside it. */
function placeMarker(at: L.LatLng, name: string, kind: PlaceKind): L.Marker {
  const style = PLACE_STYLE[kind] ?? PLACE_STYLE.shop;
  const box = document.createElement("div");
  const dot = document.createElement("i");
  dot.textContent = style.glyph;
  dot.style.background = style.colour;
  const title = document.createElement("span");
  title.textContent = name;
  box.append(dot, title);
  const icon = L.divIcon({ html: box, className: `ll-base-place ll-base-place-${kind}`, iconSize: [0, 0] });
  return L.marker(at, { icon, interactive: false, keyboard: false, pane: BASE_LABELS_PANE });
}

/** The centre of a ring's bounding box, nudged to the ring's mean (good enough for blocks and buildings). */
function centreOf(ring: LngLat[]): LngLat {
  let sx = 0;
  let sy = 0;
  const n = ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1] ? ring.length - 1 : ring.length;
  for (let i = 0; i < n; i++) {
    sx += ring[i][0];
    sy += ring[i][1];
  }
  return [sx / n, sy / n];
}

/** The point halfway along a line and the direction of the line there (degrees, on screen, kept readable). */
function middleOf(line: Array<[number, number]>): { at: LngLat; angle: number } {
  const k = Math.cos((line[0][1] * Math.PI) / 180);
  const lengths = line.slice(1).map((p, i) => Math.hypot((p[0] - line[i][0]) * k, p[1] - line[i][1]));
  const total = lengths.reduce((a, b) => a + b, 0);
  let walked = 0;
  for (let i = 0; i < lengths.length; i++) {
    if (walked + lengths[i] >= total / 2 && lengths[i] > 0) {
      const t = (total / 2 - walked) / lengths[i];
      const a = line[i];
      const b = line[i + 1];
      let angle = (Math.atan2(-(b[1] - a[1]), (b[0] - a[0]) * k) * 180) / Math.PI;
      if (angle > 90) angle -= 180;
      if (angle < -90) angle += 180;
      return { at: [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t], angle };
    }
    walked += lengths[i];
  }
  return { at: line[0], angle: 0 };
}

const validPoint = (p: unknown): p is LngLat => Array.isArray(p) && p.length >= 2 && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/**
 * Draws the community's own geography on `map` as its base layer: shapes on one canvas (fast,
 * below the app's own polygons and markers), names as small labels that show from a zoom on.
 * Nothing takes clicks: a tap reaches the map beneath. Returns the layer; removing it removes all.
 */
export function drawBaseLayer(map: L.Map, features: BaseFeature[], options: BaseLayerOptions): L.LayerGroup {
  ensurePanes(map);
  const full = options.mode === "full";
  const renderer = L.canvas({ pane: BASE_SHAPES_PANE, padding: 0.3 });
  const group = L.layerGroup();
  const labels = L.layerGroup();
  const entries: LabelEntry[] = [];
  const addLabel = (at: L.LatLng, text: string, kind: string, angle = 0) => {
    const marker = labelMarker(at, text, kind, angle).addTo(labels);
    entries.push({ marker, at, text, angle, rule: LABEL_RULES[kind], place: false });
  };
  const common = { renderer, interactive: false, pane: BASE_SHAPES_PANE } as const;
  const byKind = (kind: string) =>
    features.filter((f) => {
      if (f.properties?.kind !== kind || !f.geometry) return false;
      const g = f.geometry;
      if (g.type === "Point") return validPoint(g.coordinates);
      if (g.type === "LineString") return Array.isArray(g.coordinates) && g.coordinates.length >= 2 && g.coordinates.every(validPoint);
      return Array.isArray(g.coordinates) && g.coordinates.length > 0 && g.coordinates[0].length >= 3 && g.coordinates.every((r) => r.every(validPoint));
    });
  const rings = (f: BaseFeature) => (f.geometry.coordinates as LngLat[][]).map((r) => toMapAll(map, r));
  const nameOf = (f: BaseFeature) => (f.properties.label || f.properties.name || "").trim();
  const polygons = (kind: string, style: L.PathOptions) => {
    for (const f of byKind(kind)) if (f.geometry.type === "Polygon") L.polygon(rings(f), { ...common, ...style }).addTo(group);
  };
  const lines = (kind: string, style: L.PathOptions) => {
    for (const f of byKind(kind)) if (f.geometry.type === "LineString") L.polyline(toMapAll(map, f.geometry.coordinates), { ...common, ...style }).addTo(group);
  };

  // Draw order is paint order on the one canvas: land, green, water, roads, blocks, buildings, boundaries.
  if (full) {
    polygons("community", { stroke: false, fillColor: BASE_COLOURS.land, fillOpacity: 1 });
    polygons("green", { color: BASE_COLOURS.greenEdge, weight: 1, fillColor: BASE_COLOURS.green, fillOpacity: 1 });
    polygons("water", { color: BASE_COLOURS.waterEdge, weight: 1, fillColor: BASE_COLOURS.water, fillOpacity: 1 });
    lines("river", { color: BASE_COLOURS.water, weight: 14, opacity: 1, lineCap: "round", lineJoin: "round" });
    lines("road", { color: BASE_COLOURS.roadCasing, weight: 9, opacity: 1, lineCap: "round", lineJoin: "round" });
    lines("road", { color: BASE_COLOURS.road, weight: 6.5, opacity: 1, lineCap: "round", lineJoin: "round" });
    polygons("compound", { color: BASE_COLOURS.compoundEdge, weight: 1.2, fillColor: BASE_COLOURS.compound, fillOpacity: 1 });
    polygons("building", { color: BASE_COLOURS.buildingEdge, weight: 0.8, fillColor: BASE_COLOURS.building, fillOpacity: 1 });
  } else {
    polygons("compound", { color: "#8c6d3f", weight: 1.5, fill: false, dashArray: "4 3" });
    polygons("building", { color: "#8c6d3f", weight: 1, fillColor: "#8c6d3f", fillOpacity: 0.15 });
  }
  polygons("microgrid", { color: BASE_COLOURS.microgrid, weight: 1, fill: false, dashArray: "3 4" });
  polygons("grid", { color: BASE_COLOURS.grid, weight: 1.6, fill: false, dashArray: "8 5" });

  // Names.
  const labelled = (kind: string) => byKind(kind).filter((f) => nameOf(f));
  if (full) {
    for (const f of labelled("river")) {
      if (f.geometry.type !== "LineString") continue;
      const { at, angle } = middleOf(f.geometry.coordinates);
      addLabel(toMap(map, at), nameOf(f), "river", angle);
    }
    for (const kind of ["water", "green"]) {
      for (const f of labelled(kind)) if (f.geometry.type === "Polygon") addLabel(toMap(map, centreOf(f.geometry.coordinates[0])), nameOf(f), kind);
    }
    // One label per road name (a road may come in several pieces): on its longest piece.
    const longest = new Map<string, { f: BaseFeature; length: number }>();
    for (const f of labelled("road")) {
      if (f.geometry.type !== "LineString") continue;
      const c = f.geometry.coordinates;
      const length = c.slice(1).reduce((s, p, i) => s + Math.hypot(p[0] - c[i][0], p[1] - c[i][1]), 0);
      const seen = longest.get(nameOf(f));
      if (!seen || seen.length < length) longest.set(nameOf(f), { f, length });
    }
    for (const { f } of longest.values()) {
      const { at, angle } = middleOf((f.geometry as { coordinates: LngLat[] }).coordinates);
      addLabel(toMap(map, at), nameOf(f), "road", angle);
    }
  }
  for (const kind of ["compound", "building", ...(options.areaLabels ? ["grid", "microgrid"] : [])]) {
    for (const f of labelled(kind)) if (f.geometry.type === "Polygon") addLabel(toMap(map, centreOf(f.geometry.coordinates[0])), nameOf(f), kind);
  }
  for (const f of labelled("place")) {
    const kind = f.properties.placeKind ?? "shop";
    if (f.geometry.type !== "Point" || !(MAJOR_PLACES.has(kind) || MINOR_PLACES.has(kind))) continue;
    const at = toMap(map, f.geometry.coordinates);
    const marker = placeMarker(at, nameOf(f), kind as PlaceKind).addTo(labels);
    entries.push({ marker, at, text: nameOf(f), angle: 0, rule: LABEL_RULES[MAJOR_PLACES.has(kind) ? "place-major" : "place-minor"], place: true });
  }

  labels.addTo(group);
  group.addTo(map);
  const stop = declutter(map, entries);
  group.on("remove", stop);
  return group;
}
