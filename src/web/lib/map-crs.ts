import L from "leaflet";
import { fromMapCrs, toMapCrs, type Crs } from "../../contracts/coords";

export { gcj02ToWgs84, wgs84ToGcj02 } from "../../contracts/coords";

/** A point as Linli stores it: WGS-84 [longitude, latitude]. */
export type LngLat = [number, number];

/** The coordinate system of what a map shows: WGS-84 (offline base, 天地图, OSM) or GCJ-02 (高德). */
export type MapCrs = Crs;

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
  const [x, y] = toMapCrs([lng, lat], mapCrsOf(map));
  return L.latLng(y, x);
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
  const at = fromMapCrs([latlng.lng, latlng.lat], mapCrsOf(map));
  return [round6(at[0]), round6(at[1])];
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
