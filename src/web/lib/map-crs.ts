import L from "leaflet";

/** A point as Linli stores it: WGS-84 [longitude, latitude]. */
export type LngLat = [number, number];

/** The coordinate system of what a map shows: WGS-84 (offline base, 天地图, OSM) or GCJ-02 (高德). */
export type MapCrs = "wgs84" | "gcj02";

const crsByMap = new WeakMap<L.Map, MapCrs>();

/** Sets the coordinate system a map draws in (once, when it is made). */
export function setMapCrs(map: L.Map, crs: MapCrs): void {
  crsByMap.set(map, crs);
}

/** The coordinate system a map draws in. */
export function mapCrsOf(map: L.Map): MapCrs {
  return crsByMap.get(map) ?? "wgs84";
}

/**
 * Where a stored WGS-84 point is drawn on `map`: converted to GCJ-02 on a GCJ-02 map. Every point
 * drawn on a map goes through here (markers, polygons, lines, pans and fits).
 */
export function toMap(map: L.Map, [lng, lat]: LngLat): L.LatLng {
  if (mapCrsOf(map) === "gcj02") {
    const [x, y] = wgs84ToGcj02([lng, lat]);
    return L.latLng(y, x);
  }
  return L.latLng(lat, lng);
}

/** Every point of a ring or line, for `toMap`. */
export function toMapAll(map: L.Map, points: LngLat[]): L.LatLng[] {
  return points.map((p) => toMap(map, p));
}

/**
 * The stored WGS-84 point of a position on `map` (a click, a pick, the centre): converted back from
 * GCJ-02 on a GCJ-02 map, rounded to six decimals (about 10 cm).
 */
export function fromMap(map: L.Map, latlng: L.LatLng): LngLat {
  const at: LngLat = mapCrsOf(map) === "gcj02" ? gcj02ToWgs84([latlng.lng, latlng.lat]) : [latlng.lng, latlng.lat];
  return [round6(at[0]), round6(at[1])];
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

// GCJ-02 ("Mars coordinates"), the published algorithm (Krasovsky 1940 ellipsoid). Outside China
// the offset is not applied, as the official converters do.
const A = 6378245.0;
const EE = 0.006693421622965943;

function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function transformLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

/** WGS-84 → GCJ-02. */
export function wgs84ToGcj02([lng, lat]: LngLat): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let dLat = transformLat(lng - 105, lat - 35);
  let dLng = transformLng(lng - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/** GCJ-02 → WGS-84, by iteration (well under a centimetre after a few steps). */
export function gcj02ToWgs84([lng, lat]: LngLat): LngLat {
  if (outOfChina(lng, lat)) return [lng, lat];
  let x = lng;
  let y = lat;
  for (let i = 0; i < 6; i++) {
    const [gx, gy] = wgs84ToGcj02([x, y]);
    x -= gx - lng;
    y -= gy - lat;
  }
  return [x, y];
}
