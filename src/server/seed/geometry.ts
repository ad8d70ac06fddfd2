import type { LngLat } from "../db/schema/types";
import type { Rng } from "./random";

/**
 * Axis-aligned rectangles in WGS-84 degrees. Splitting a rectangle into a grid of cells gives
 * children that tile their parent exactly (shared edges are computed once), so a point strictly
 * inside resolves to exactly one cell.
 */
export type Rect = { west: number; south: number; east: number; north: number };

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Corners counter-clockwise from the south-west, as [lng, lat]. */
export function rectPolygon(r: Rect): LngLat[] {
  return [
    [r.west, r.south],
    [r.east, r.south],
    [r.east, r.north],
    [r.west, r.north],
  ];
}

export function rectCenter(r: Rect): LngLat {
  return [round6((r.west + r.east) / 2), round6((r.south + r.north) / 2)];
}

/** Cuts a rectangle into `cols` × `rows` cells, listed row by row from the north-west. */
export function splitRect(r: Rect, cols: number, rows: number): Rect[] {
  const xs = Array.from({ length: cols + 1 }, (_, i) =>
    i === 0 ? r.west : i === cols ? r.east : round6(r.west + ((r.east - r.west) * i) / cols),
  );
  const ys = Array.from({ length: rows + 1 }, (_, i) =>
    i === 0 ? r.north : i === rows ? r.south : round6(r.north - ((r.north - r.south) * i) / rows),
  );
  const cells: Rect[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      cells.push({ west: xs[col], east: xs[col + 1], north: ys[row], south: ys[row + 1] });
    }
  }
  return cells;
}

/** A random point strictly inside, keeping `margin` (fraction of each side) away from the edges. */
export function pointIn(rng: Rng, r: Rect, margin = 0.1): LngLat {
  const w = r.east - r.west;
  const h = r.north - r.south;
  const x = r.west + w * (margin + rng.float() * (1 - 2 * margin));
  const y = r.south + h * (margin + rng.float() * (1 - 2 * margin));
  return [round6(x), round6(y)];
}

/** A random point near `p` (within `radius` degrees), clamped to stay inside `r`. */
export function pointNear(rng: Rng, p: LngLat, radius: number, r: Rect, margin = 0.05): LngLat {
  const w = r.east - r.west;
  const h = r.north - r.south;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  const x = clamp(p[0] + (rng.float() * 2 - 1) * radius, r.west + w * margin, r.east - w * margin);
  const y = clamp(p[1] + (rng.float() * 2 - 1) * radius, r.south + h * margin, r.north - h * margin);
  return [round6(x), round6(y)];
}

export function rectContains(r: Rect, p: LngLat): boolean {
  return p[0] > r.west && p[0] < r.east && p[1] > r.south && p[1] < r.north;
}

/** Approximate area in km² (equirectangular, fine at community scale). */
export function rectAreaKm2(r: Rect): number {
  const lat = ((r.north + r.south) / 2) * (Math.PI / 180);
  return (r.east - r.west) * 111.32 * Math.cos(lat) * (r.north - r.south) * 110.57;
}
