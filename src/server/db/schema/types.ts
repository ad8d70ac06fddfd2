import { customType } from "drizzle-orm/pg-core";

/** A WGS-84 position: [longitude, latitude]. */
export type LngLat = [number, number];

/** The [lng, lat] pairs of PostgreSQL point or polygon text ("((x,y),…)"), in order. */
export function parsePoints(text: string): LngLat[] {
  const nums = text.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi) ?? [];
  const out: LngLat[] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([Number(nums[i]), Number(nums[i + 1])]);
  return out;
}

/** A point as raw SQL answers it (an {x, y} object or "(x,y)" text), or null. */
export function parsePoint(v: unknown): LngLat | null {
  if (v && typeof v === "object" && "x" in v) {
    const p = v as { x: number; y: number };
    return [p.x, p.y];
  }
  return parsePoints(String(v ?? ""))[0] ?? null;
}

/** PostgreSQL native `polygon` (no PostGIS); x = longitude, y = latitude. */
export const polygon = customType<{ data: LngLat[]; driverData: string }>({
  dataType() {
    return "polygon";
  },
  toDriver(value) {
    return `(${value.map(([x, y]) => `(${x},${y})`).join(",")})`;
  },
  fromDriver(value) {
    return parsePoints(String(value));
  },
});

/** PostgreSQL native `point`; x = longitude, y = latitude. */
export const geoPoint = customType<{ data: LngLat; driverData: string }>({
  dataType() {
    return "point";
  },
  toDriver(value) {
    return `(${value[0]},${value[1]})`;
  },
  fromDriver(value) {
    return parsePoint(value) ?? [0, 0];
  },
});

/** A WGS-84 bounding box: [minLng, minLat, maxLng, maxLat]. */
export type BBox = [number, number, number, number];

/** PostgreSQL native `box` (GiST-indexable, both engines); x = longitude, y = latitude. */
export const geoBox = customType<{ data: BBox; driverData: string }>({
  dataType() {
    return "box";
  },
  toDriver([x1, y1, x2, y2]) {
    return `((${x1},${y1}),(${x2},${y2}))`;
  },
  fromDriver(value) {
    const p = parsePoints(String(value));
    const xs = p.map((q) => q[0]);
    const ys = p.map((q) => q[1]);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
  },
});
