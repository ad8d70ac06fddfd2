import { pointInRing } from "../../../contracts/geometry";
import type { BBox, LngLat } from "../../db/schema/types";

/**
 * Plane geometry at community scale (a few kilometres): WGS-84 degrees projected to local metres
 * (equirectangular), which is accurate to well under a metre over such distances.
 */

export const M_PER_DEG_LAT = 110_574;
export const metresPerDegLng = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

export const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
export const roundPos = (p: LngLat): LngLat => [round6(p[0]), round6(p[1])];

/** Moves a point by metres east and north. */
export function offset([lng, lat]: LngLat, east: number, north: number): LngLat {
  return [lng + east / metresPerDegLng(lat), lat + north / M_PER_DEG_LAT];
}

/** Distance in metres between two points. */
export function distanceM(a: LngLat, b: LngLat): number {
  const k = metresPerDegLng((a[1] + b[1]) / 2);
  return Math.hypot((a[0] - b[0]) * k, (a[1] - b[1]) * M_PER_DEG_LAT);
}

/** Distance in metres from a point to the segment a–b. */
export function distanceToSegmentM(p: LngLat, a: LngLat, b: LngLat): number {
  const k = metresPerDegLng(p[1]);
  const ax = (a[0] - p[0]) * k, ay = (a[1] - p[1]) * M_PER_DEG_LAT;
  const bx = (b[0] - p[0]) * k, by = (b[1] - p[1]) * M_PER_DEG_LAT;
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Distance in metres from a point to a line (0 on it). */
export function distanceToLineM(p: LngLat, line: LngLat[]): number {
  if (line.length === 1) return distanceM(p, line[0]);
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) best = Math.min(best, distanceToSegmentM(p, line[i], line[i + 1]));
  return best;
}

/** Distance in metres from a point to a polygon's outer ring (0 inside). */
export function distanceToPolygonM(p: LngLat, ring: LngLat[]): number {
  if (ring.length >= 3 && pointInRing(p, ring)) return 0;
  const closed = ring.length && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1]) ? [...ring, ring[0]] : ring;
  return distanceToLineM(p, closed);
}

export function bboxOf(points: Iterable<LngLat>): BBox {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

function orient(a: LngLat, b: LngLat, c: LngLat): number {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(v) < 1e-18 ? 0 : Math.sign(v);
}

function onSegment(a: LngLat, b: LngLat, p: LngLat): boolean {
  return Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1]);
}

/** Whether segments p1–p2 and q1–q2 meet (touching counts). */
export function segmentsIntersect(p1: LngLat, p2: LngLat, q1: LngLat, q2: LngLat): boolean {
  const o1 = orient(p1, p2, q1), o2 = orient(p1, p2, q2), o3 = orient(q1, q2, p1), o4 = orient(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, p2, q2)) return true;
  if (o3 === 0 && onSegment(q1, q2, p1)) return true;
  if (o4 === 0 && onSegment(q1, q2, p2)) return true;
  return false;
}

/**
 * Whether a line crosses or touches itself (segments that are not neighbours meet; a closed line,
 * whose last point is its first, may meet there). Segments are sorted by their west end so that
 * only those whose x-ranges overlap are compared: fast for the 5,000 points an edit may carry.
 */
export function selfIntersects(line: LngLat[]): boolean {
  const n = line.length - 1;
  if (n < 2) return false;
  const closed = n >= 3 && line[0][0] === line[n][0] && line[0][1] === line[n][1];
  // Repeated consecutive points make a zero-length segment that "touches" its neighbours' neighbours.
  for (let i = 0; i < n; i++) if (line[i][0] === line[i + 1][0] && line[i][1] === line[i + 1][1]) return true;
  const segs = Array.from({ length: n }, (_, i) => ({ i, lo: Math.min(line[i][0], line[i + 1][0]), hi: Math.max(line[i][0], line[i + 1][0]) }));
  segs.sort((a, b) => a.lo - b.lo);
  for (let s = 0; s < segs.length; s++) {
    const a = segs[s];
    for (let t = s + 1; t < segs.length && segs[t].lo <= a.hi; t++) {
      const b = segs[t];
      const i = Math.min(a.i, b.i), j = Math.max(a.i, b.i);
      if (j === i + 1) continue;
      if (closed && i === 0 && j === n - 1) continue;
      if (segmentsIntersect(line[i], line[i + 1], line[j], line[j + 1])) return true;
    }
  }
  return false;
}

/** Whether two convex polygons overlap (separating axis test; touching edges do not count). */
export function convexOverlap(a: LngLat[], b: LngLat[]): boolean {
  for (const poly of [a, b]) {
    for (let i = 0; i < poly.length; i++) {
      const p = poly[i];
      const q = poly[(i + 1) % poly.length];
      const nx = q[1] - p[1];
      const ny = p[0] - q[0];
      const proj = (pts: LngLat[]) => pts.map(([x, y]) => x * nx + y * ny);
      const pa = proj(a), pb = proj(b);
      if (Math.max(...pa) <= Math.min(...pb) || Math.max(...pb) <= Math.min(...pa)) return false;
    }
  }
  return true;
}
