import type { LngLat } from "./map-crs";

/** A distance in metres as words: "350 米", "1.2 公里". */
export function distanceText(metres: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (metres < 1000) return t("baseMap.meters", { count: Math.max(10, Math.round(metres / 10) * 10) });
  return t("baseMap.kilometers", { count: Math.round(metres / 100) / 10 });
}

/** The distance in metres between two WGS-84 points (haversine). */
export function metresBetween(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
