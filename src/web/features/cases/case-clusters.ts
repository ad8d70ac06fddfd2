import L from "leaflet";
import { ensurePane, markerPane } from "../../lib/leaflet-areas";
import { toMap } from "../../lib/map-crs";
import type { CaseSummary } from "./types";

/** What the map tells apart: overdue (open past its time limit), open, closed. */
export type MapState = "overdue" | "open" | "closed";
export const MAP_STATES: MapState[] = ["overdue", "open", "closed"];
export const STATE_COLOURS: Record<MapState, string> = { overdue: "#f5222d", open: "#fa8c16", closed: "#8c8c8c" };
const RANK: Record<MapState, number> = { closed: 0, open: 1, overdue: 2 };

export const stateOf = (c: Pick<CaseSummary, "status" | "timer">): MapState => (c.status === "closed" ? "closed" : c.timer === "red" ? "overdue" : "open");

/** Cases closer than this on screen (a grid cell, in pixels) are drawn as one circle. */
const CELL = 64;
/** From this zoom on, a circle is not split any further: a click lists its cases. */
const LIST_ZOOM = 18;

interface Options {
  /** The popup of one case (or of several at one spot). */
  popupOf: (cases: CaseSummary[]) => HTMLElement;
}

/** A pane for the counts, above the circles; the counts take no clicks, so a click reaches the circle. */
const countPane = (map: L.Map): string => ensurePane(map, "ll-cluster-counts", 665, true);

/**
 * Draws cases clustered on a grid of screen cells, made again at each zoom level: a case alone is a
 * dot in the colour of its state; several are a circle sized by their number, with the count, in
 * the colour of the most urgent state among them. A click on a circle zooms in until it splits (at
 * the closest zoom it lists its cases); a click on a dot opens its popup. Removing the returned group
 * stops the redrawing.
 */
export function drawCaseClusters(map: L.Map, cases: CaseSummary[], options: Options): L.LayerGroup {
  const group = L.layerGroup().addTo(map);
  const placed = cases.filter((c) => c.location).map((c) => ({ c, at: toMap(map, c.location!), state: stateOf(c) }));
  const pane = markerPane(map);
  const labels = countPane(map);

  const draw = () => {
    group.clearLayers();
    const zoom = map.getZoom();
    const cells = new Map<string, typeof placed>();
    for (const p of placed) {
      const px = map.project(p.at, zoom);
      const key = `${Math.floor(px.x / CELL)}:${Math.floor(px.y / CELL)}`;
      const cell = cells.get(key);
      if (cell) cell.push(p);
      else cells.set(key, [p]);
    }
    // Urgent ones last, so that they lie on top.
    const worst = (members: typeof placed) => members.reduce((w, m) => (RANK[m.state] > RANK[w] ? m.state : w), "closed" as MapState);
    const ordered = [...cells.values()].map((members) => ({ members, state: worst(members) })).sort((a, b) => RANK[a.state] - RANK[b.state]);
    for (const { members, state } of ordered) {
      const colour = STATE_COLOURS[state];
      if (members.length === 1) {
        const { c, at } = members[0];
        const dot = L.circleMarker(at, { radius: state === "overdue" ? 8 : 7, color: "#fff", weight: 2, fillColor: colour, fillOpacity: 0.95, pane, className: `ll-case-dot ll-state-${state}` });
        dot.bindPopup(() => options.popupOf([c]));
        dot.addTo(group);
        continue;
      }
      const bounds = L.latLngBounds(members.map((m) => m.at));
      const centre = bounds.getCenter();
      const radius = Math.min(30, 13 + Math.log2(members.length) * 3.2);
      const circle = L.circleMarker(centre, { radius, color: "#fff", weight: 3, fillColor: colour, fillOpacity: 0.88, pane, className: `ll-cluster ll-state-${state}` });
      const spot = members.every((m) => m.at.equals(members[0].at));
      if (spot || zoom >= LIST_ZOOM) {
        circle.bindPopup(() => options.popupOf(members.map((m) => m.c)));
      } else {
        circle.on("click", () => {
          const target = Math.min(LIST_ZOOM, Math.max(zoom + 1, map.getBoundsZoom(bounds.pad(0.3))));
          map.setView(centre, target);
        });
      }
      circle.addTo(group);
      const count = L.marker(centre, {
        pane: labels,
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "ll-cluster-count", html: String(members.length), iconSize: [radius * 2, radius * 2] }),
      });
      count.addTo(group);
    }
  };

  map.on("zoomend", draw);
  group.on("remove", () => map.off("zoomend", draw));
  draw();
  return group;
}

/** A box around every case drawn, to fit the map to. */
export function boundsOfCases(map: L.Map, cases: CaseSummary[]): L.LatLngBounds | null {
  const points = cases.filter((c) => c.location).map((c) => toMap(map, c.location!));
  return points.length ? L.latLngBounds(points) : null;
}
