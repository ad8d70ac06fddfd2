/**
 * WGS-84 ↔ GCJ-02 (the "Mars" datum of 高德/AMap, Tencent and other maps published in China).
 * Linli stores WGS-84 (what phones' GPS and 天地图's CGCS2000 give, within centimetres); a point shown
 * on a GCJ-02 map is converted on the way out and a point picked on one is converted back, so a pin
 * lands on the same doorway whichever map is used. Pure TypeScript, shared by server and web.
 *
 * The forward transform is the standard published formula (Krasovsky 1940 ellipsoid, as in
 * googollee/eviltransform and wandergis/coordtransform); there is no closed-form inverse, so
 * GCJ-02 → WGS-84 iterates the forward transform until it is within 1e-9 degrees (≈ 0.1 mm).
 * Points outside China's rough box are not shifted by GCJ-02 and come back unchanged.
 */

export type Position = [number, number];

const A = 6378245.0;
const EE = 0.00669342162296594323;

/** The rough box the GCJ-02 shift applies in (the one the published implementations use). */
export function outOfChina(lng: number, lat: number): boolean {
  return !(lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271);
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS-84 [lng, lat] → GCJ-02 [lng, lat]. */
export function wgs84ToGcj02([lng, lat]: Position): Position {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || outOfChina(lng, lat)) return [lng, lat];
  let dLat = transformLat(lng - 105.0, lat - 35.0);
  let dLng = transformLng(lng - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/** GCJ-02 [lng, lat] → WGS-84 [lng, lat], by fixed-point iteration to < 1e-9° (a tenth of a millimetre). */
export function gcj02ToWgs84([lng, lat]: Position): Position {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || outOfChina(lng, lat)) return [lng, lat];
  let w: Position = [lng, lat];
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const dx = g[0] - lng;
    const dy = g[1] - lat;
    w = [w[0] - dx, w[1] - dy];
    if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break;
  }
  return w;
}

export type Crs = "wgs84" | "gcj02";

/** Stored (WGS-84) → the map's datum. */
export function toMapCrs(p: Position, crs: Crs): Position {
  return crs === "gcj02" ? wgs84ToGcj02(p) : p;
}

/** The map's datum → stored (WGS-84). */
export function fromMapCrs(p: Position, crs: Crs): Position {
  return crs === "gcj02" ? gcj02ToWgs84(p) : p;
}

/** Distance in metres between two WGS-84 points (haversine). */
export function distanceMetres(a: Position, b: Position): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLng = (b[0] - a[0]) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
