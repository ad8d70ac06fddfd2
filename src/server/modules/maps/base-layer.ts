import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { BaseLayer, MapFeature } from "../../../contracts/maps";
import { rowsOf, type DbOrTx } from "../../db/client";
import { areas } from "../../db/schema/areas";
import { parsePoint, parsePoints, type LngLat } from "../../db/schema/types";
import type { AuthUser } from "../../platform/context";
import { notFound } from "../../platform/errors";
import { areaInScope, communitiesUnder, homeArea, type AreaRow } from "../../platform/scope";
import { round6 } from "./geometry";

/**
 * The base layer of a community (or of every community under a street or city node): area
 * boundaries, compound outlines, building footprints, streets, the river, water and green areas, and
 * places, as one GeoJSON FeatureCollection in WGS-84 with coordinates rounded to 6 decimals (≈ 0.1 m).
 * No personal data: names of places, compounds, buildings and roads only, never contacts.
 *
 * The answer is versioned by a hash of what it is drawn from (area boundaries, names and counts,
 * the latest geometry edit); the serialised body is kept in memory per version, so a repeated
 * request costs one small aggregate query, and a client holding the version gets 304.
 */

/** Bumped when the answer's shape changes, so that old bodies are not served for a new version. */
const FORMAT = "map-base-1";
const CACHE_SIZE = 16;
const cache = new Map<string, string>();

/** The area whose base layer the caller gets: the node asked for (in scope, or the caller's own community), else the caller's community. */
export async function baseArea(db: DbOrTx, user: AuthUser, areaId?: string): Promise<AreaRow> {
  const own = async () => {
    if (!user.communityId) return null;
    const [row] = await db.select().from(areas).where(eq(areas.id, user.communityId)).limit(1);
    return row ?? null;
  };
  if (areaId) {
    if (areaId === user.communityId) return (await own()) ?? Promise.reject(notFound("area"));
    return areaInScope(db, user, areaId);
  }
  return (await own()) ?? homeArea(db, user);
}

export async function baseVersion(db: DbOrTx, area: AreaRow): Promise<string> {
  const c = communitiesUnder(area);
  const [row] = rowsOf<{ v: string }>(
    await db.execute(sql`
      SELECT md5(concat_ws('|',
        (SELECT string_agg(a.id::text || a.name || coalesce(a.boundary::text, ''), ',' ORDER BY a.id) FROM areas a
          WHERE a.community_id IN ${c} AND a.level IN ('community', 'grid', 'microgrid')),
        (SELECT count(*)::text || coalesce(max(geo_updated_at)::text, '') || coalesce(md5(string_agg(name, ',' ORDER BY id)), '') FROM compounds WHERE community_id IN ${c}),
        (SELECT count(*)::text || coalesce(max(geo_updated_at)::text, '') || coalesce(md5(string_agg(name, ',' ORDER BY id)), '') FROM buildings WHERE community_id IN ${c}),
        (SELECT count(*)::text || coalesce(max(updated_at)::text, '') FROM map_features WHERE community_id IN ${c}),
        (SELECT coalesce(md5(string_agg(id::text || name || kind || coalesce(location::text, ''), ',' ORDER BY id)), '') FROM places WHERE active AND community_id IN ${c})
      )) AS v`),
  );
  return createHash("sha1").update(FORMAT).update(row?.v ?? "").digest("base64url").slice(0, 22);
}

const pos = ([x, y]: LngLat): [number, number] => [round6(x), round6(y)];
const ring = (pts: LngLat[]): Array<[number, number]> => {
  const r = pts.map(pos);
  if (r.length && (r[0][0] !== r[r.length - 1][0] || r[0][1] !== r[r.length - 1][1])) r.push(r[0]);
  return r;
};
const parsePolygon = (v: unknown): LngLat[] => parsePoints(String(v ?? ""));

type Row = Record<string, unknown>;

/** Builds the FeatureCollection of the communities under an area (no cache). */
export async function buildBaseLayer(db: DbOrTx, area: AreaRow, version: string): Promise<BaseLayer> {
  const c = communitiesUnder(area);
  const q = async (query: ReturnType<typeof sql>) => rowsOf<Row>(await db.execute(query));
  const [areaRows, featureRows, compoundRows, buildingRows, placeRows] = [
    await q(sql`SELECT id, level, name, boundary::text AS boundary FROM areas
      WHERE community_id IN ${c} AND level IN ('community', 'grid', 'microgrid') AND boundary IS NOT NULL ORDER BY depth, code`),
    await q(sql`SELECT id, kind, name, area_id, geometry FROM map_features WHERE community_id IN ${c}
      ORDER BY CASE kind WHEN 'water' THEN 0 WHEN 'green' THEN 1 WHEN 'river' THEN 2 ELSE 3 END, name, id`),
    await q(sql`SELECT id, name, area_id, outline::text AS outline, location::text AS location FROM compounds WHERE community_id IN ${c} ORDER BY name, id`),
    await q(sql`SELECT b.id, b.name, c.name AS compound, b.area_id, b.footprint::text AS footprint, b.location::text AS location
      FROM buildings b JOIN compounds c ON c.id = b.compound_id WHERE b.community_id IN ${c} ORDER BY c.name, length(b.name), b.name, b.id`),
    await q(sql`SELECT id, kind, name, area_id, location::text AS location FROM places
      WHERE active AND location IS NOT NULL AND community_id IN ${c} ORDER BY kind, name, id`),
  ];

  const features: MapFeature[] = [];
  for (const a of areaRows) {
    const pts = parsePolygon(a.boundary);
    if (pts.length < 3) continue;
    features.push({
      type: "Feature",
      geometry: { type: "Polygon", coordinates: [ring(pts)] },
      properties: { id: String(a.id), kind: a.level as "community", name: String(a.name), label: String(a.name), areaId: String(a.id) },
    });
  }
  for (const f of featureRows) {
    const g = f.geometry as MapFeature["geometry"];
    const geometry: MapFeature["geometry"] =
      g.type === "Polygon"
        ? { type: "Polygon", coordinates: g.coordinates.map((r) => r.map((p) => pos(p as LngLat))) }
        : g.type === "LineString"
          ? { type: "LineString", coordinates: g.coordinates.map((p) => pos(p as LngLat)) }
          : { type: "Point", coordinates: pos(g.coordinates as LngLat) };
    features.push({ type: "Feature", geometry, properties: { id: String(f.id), kind: f.kind as "road", name: String(f.name), label: String(f.name), areaId: String(f.area_id) } });
  }
  for (const r of compoundRows) {
    const outline = parsePolygon(r.outline);
    const at = parsePoint(r.location);
    const geometry: MapFeature["geometry"] | null = outline.length >= 3 ? { type: "Polygon", coordinates: [ring(outline)] } : at ? { type: "Point", coordinates: pos(at) } : null;
    if (geometry) features.push({ type: "Feature", geometry, properties: { id: String(r.id), kind: "compound", name: String(r.name), label: String(r.name), areaId: String(r.area_id) } });
  }
  for (const b of buildingRows) {
    const fp = parsePolygon(b.footprint);
    const at = parsePoint(b.location);
    const geometry: MapFeature["geometry"] | null = fp.length >= 3 ? { type: "Polygon", coordinates: [ring(fp)] } : at ? { type: "Point", coordinates: pos(at) } : null;
    if (geometry)
      features.push({ type: "Feature", geometry, properties: { id: String(b.id), kind: "building", name: `${b.compound}${b.name}`, label: String(b.name), areaId: String(b.area_id) } });
  }
  for (const p of placeRows) {
    const at = parsePoint(p.location);
    if (!at) continue;
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: pos(at) },
      properties: { id: String(p.id), kind: "place", name: String(p.name), label: String(p.name), placeKind: p.kind as "shop", areaId: String(p.area_id) },
    });
  }

  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const visit = (p: [number, number]) => {
    if (p[0] < minX) minX = p[0];
    if (p[0] > maxX) maxX = p[0];
    if (p[1] < minY) minY = p[1];
    if (p[1] > maxY) maxY = p[1];
  };
  for (const f of features) {
    const g = f.geometry;
    if (g.type === "Point") visit(g.coordinates);
    else if (g.type === "LineString") g.coordinates.forEach(visit);
    else g.coordinates.forEach((r) => r.forEach(visit));
  }
  const bbox: [number, number, number, number] = features.length ? [minX, minY, maxX, maxY] : [0, 0, 0, 0];
  return { version, bbox, features: { type: "FeatureCollection", features } };
}

/** The serialised base layer of an area for this version, from memory when it was built before. */
export async function baseLayerBody(db: DbOrTx, area: AreaRow, version: string): Promise<string> {
  const key = `${area.id}:${version}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const body = JSON.stringify(await buildBaseLayer(db, area, version));
  cache.set(key, body);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return body;
}
