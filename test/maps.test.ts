import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { as, Client, createTestApp, phoneClient, type TestApp } from "./support/app";
import { rowsOf } from "../src/server/db/client";
import type { BaseLayer, MapFeature, ReverseAddress, SearchItem } from "../src/contracts/maps";

let t: TestApp;
let hkStaff: Client;
let yxqStaff: Client;
let resident: Client;

async function one<T>(q: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await t.database.db.execute(q))[0];
}

beforeAll(async () => {
  t = await createTestApp();
  hkStaff = await as(t, "hk_staff");
  yxqStaff = await as(t, "yxq_staff");
  resident = await phoneClient(t, "13900000001");
});
afterAll(() => t.close());

describe("base layer", () => {
  let base: BaseLayer;
  let etag: string;

  it("draws 红康 with grids, compounds, numbered buildings, streets and 盘龙江, without personal data", async () => {
    const started = performance.now();
    const res = await hkStaff.get("/api/map/base");
    const ms = performance.now() - started;
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["cache-control"]).toBe("private, max-age=300");
    etag = String(res.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    base = res.json();
    console.log(`[maps] base layer of 红康: ${res.body.length} bytes, ${base.features.features.length} features, ${ms.toFixed(0)} ms (first build)`);
    const fs = base.features.features;
    const kinds = (k: string) => fs.filter((f) => f.properties.kind === k);
    expect(kinds("community").map((f) => f.properties.name)).toEqual(["红康社区"]);
    expect(kinds("grid")).toHaveLength(3);
    expect(kinds("microgrid")).toHaveLength(6);
    expect(kinds("compound").map((f) => f.properties.name).sort()).toEqual(["北仓佳园", "康宁花园", "盘江明珠小区", "红云雅苑", "金水湾小区"].sort());
    const buildings = kinds("building");
    const count = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM buildings b JOIN areas a ON a.id = b.community_id WHERE a.name = '红康社区'`);
    expect(buildings).toHaveLength(Number(count.n));
    for (const b of buildings) {
      expect(b.properties.label).toMatch(/^\d+栋$/);
      expect(b.geometry.type).toBe("Polygon");
    }
    expect(buildings.some((b) => b.properties.name === "康宁花园5栋")).toBe(true);
    const roads = kinds("road").map((f) => f.properties.name);
    expect(roads).toEqual(expect.arrayContaining(["红云路", "白塔路", "盘江西路", "江岸路"]));
    expect(kinds("river").map((f) => f.properties.name)).toEqual(["盘龙江"]);
    expect(kinds("water").map((f) => f.properties.name)).toEqual(["盘龙江"]);
    expect(kinds("green").length).toBeGreaterThan(0);
    expect(kinds("place").length).toBeGreaterThan(0);
    expect(kinds("place").every((f) => f.properties.placeKind)).toBe(true);
    // Nothing of 怡心桥.
    expect(fs.some((f) => f.properties.name.includes("怡心"))).toBe(false);
    // Compact: coordinates rounded to 6 decimals; every point in WGS-84 Kunming.
    expect(res.body).not.toMatch(/\d\.\d{7,}/);
    const [w, s, e, n] = base.bbox;
    expect(w).toBeGreaterThan(102.7);
    expect(e).toBeLessThan(102.74);
    expect(s).toBeGreaterThan(25.06);
    expect(n).toBeLessThan(25.08);
    // No personal data: no contact fields, no phone numbers, no residents' names.
    expect(res.body).not.toMatch(/contact|phone|1[3-9]\d{9}/i);
    const names = rowsOf<{ name: string }>(await t.database.db.execute(sql`SELECT name FROM persons WHERE community_id = (SELECT id FROM areas WHERE name = '红康社区') AND length(name) >= 3 LIMIT 200`));
    const leaked = names.filter((p) => res.body.includes(`"${p.name}"`));
    expect(leaked).toEqual([]);
  });

  it("answers 304 to the ETag it gave, and 200 again after an edit", async () => {
    const started = performance.now();
    const again = await hkStaff.request({ method: "GET", url: "/api/map/base", headers: { "if-none-match": etag } });
    console.log(`[maps] base layer revalidation: ${(performance.now() - started).toFixed(0)} ms`);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const road = await hkStaff.request({
      method: "POST",
      url: "/api/map/features",
      payload: { kind: "road", name: "康宁巷", geometry: { type: "LineString", coordinates: [[102.7155, 25.0735], [102.7165, 25.0736], [102.717, 25.0742]] } },
    });
    expect(road.statusCode, road.body).toBe(200);
    const after = await hkStaff.request({ method: "GET", url: "/api/map/base", headers: { "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect((after.json() as BaseLayer).features.features.some((f) => f.properties.name === "康宁巷")).toBe(true);
  });

  it("gives a resident their own community only", async () => {
    const res = await resident.get("/api/map/base");
    expect(res.statusCode).toBe(200);
    const fs = (res.json() as BaseLayer).features.features;
    expect(fs.filter((f) => f.properties.kind === "community").map((f) => f.properties.name)).toEqual(["红康社区"]);
    const yxq = await one<{ id: string }>(sql`SELECT id FROM areas WHERE name = '怡心桥社区'`);
    expect((await resident.get(`/api/map/base?areaId=${yxq.id}`)).statusCode).toBe(404);
    expect((await hkStaff.get(`/api/map/base?areaId=${yxq.id}`)).statusCode).toBe(404);
    const street = await as(t, "qw_street");
    const theirs = await street.get(`/api/map/base?areaId=${yxq.id}`);
    expect(theirs.statusCode).toBe(200);
  });
});

describe("address search", () => {
  it("finds 康宁花园5栋 in the microgrid /api/areas/locate names", async () => {
    const started = performance.now();
    const res = await resident.get(`/api/map/search?q=${encodeURIComponent("康宁花园5栋")}`);
    console.log(`[maps] search 康宁花园5栋: ${(performance.now() - started).toFixed(1)} ms`);
    expect(res.statusCode, res.body).toBe(200);
    const items: SearchItem[] = res.json().items;
    expect(items[0]).toMatchObject({ kind: "building", name: "康宁花园5栋" });
    expect(items[0].detail).toBe("红康社区 · 红康第一网格");
    const [lng, lat] = items[0].location;
    const located = (await resident.get(`/api/areas/locate?lng=${lng}&lat=${lat}`)).json();
    expect(located.microgrid.id).toBe(items[0].areaId);
    expect(located.community.name).toBe("红康社区");
  });

  it("understands short forms, pinyin initials, units, places and streets", async () => {
    const q = async (text: string) => ((await hkStaff.get(`/api/map/search?q=${encodeURIComponent(text)}`)).json().items as SearchItem[]);
    expect((await q("康宁5栋"))[0].name).toBe("康宁花园5栋");
    expect((await q("knhy"))[0]).toMatchObject({ kind: "compound", name: "康宁花园" });
    expect((await q("knhy5d"))[0].name).toBe("康宁花园5栋");
    expect((await q("康宁花园5号楼"))[0].name).toBe("康宁花园5栋");
    expect((await q("康宁花园"))[0]).toMatchObject({ kind: "compound", name: "康宁花园" });
    expect((await q("康宁花园1栋2单元"))[0]).toMatchObject({ kind: "unit", name: "康宁花园1栋2单元" });
    expect((await q("白塔路"))[0]).toMatchObject({ kind: "road", name: "白塔路", areaId: null });
    expect((await q("口腔医院"))[0]).toMatchObject({ kind: "place", name: "昆明市口腔医院" });
    // Scope: 红康 staff find nothing of 怡心桥.
    expect(await q("怡心苑")).toEqual([]);
    expect((await yxqStaff.get(`/api/map/search?q=${encodeURIComponent("怡心苑")}`)).json().items[0].name).toBe("怡心苑");
  });

  it("refuses a 2,000-character query with 400", async () => {
    const res = await hkStaff.get(`/api/map/search?q=${encodeURIComponent("康".repeat(2000))}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe("VALIDATION_FAILED");
    expect((await hkStaff.get("/api/map/search?q=")).statusCode).toBe(400);
    expect((await hkStaff.get("/api/map/search?q=a&limit=21")).statusCode).toBe(400);
  });
});

describe("reverse address", () => {
  it("names the building nearest a point with its grid and microgrid", async () => {
    const b = await one<{ lng: number; lat: number }>(sql`
      SELECT (b.location)[0] AS lng, (b.location)[1] AS lat FROM buildings b JOIN compounds c ON c.id = b.compound_id
      WHERE c.name = '康宁花园' AND b.name = '5栋'`);
    const res = await resident.get(`/api/map/reverse?lng=${b.lng}&lat=${b.lat}`);
    expect(res.statusCode, res.body).toBe(200);
    const r: ReverseAddress = res.json();
    expect(r.text).toBe("康宁花园5栋附近");
    expect(r.building?.name).toBe("康宁花园5栋");
    expect(r.compound?.name).toBe("康宁花园");
    expect(r.grid?.name).toBe("红康第一网格");
    expect(r.microgrid?.name).toMatch(/^红康第一网格\d号微网格$/);
    expect(r.community?.name).toBe("红康社区");
    expect(r.distance).toBe(0);
  });

  it("names a street when no building is near", async () => {
    // On 白塔路, the west edge of 红康, 60 m beyond its south-west corner: outside the community's
    // polygon, so nothing at all; inside it along the edge, the street.
    const edge = await one<{ lng: number; lat: number }>(sql`SELECT (center)[1] AS lat, 102.71501 AS lng FROM areas WHERE name = '红康社区'`);
    const r: ReverseAddress = (await hkStaff.get(`/api/map/reverse?lng=${edge.lng}&lat=${edge.lat}`)).json();
    expect(r.community?.name).toBe("红康社区");
    expect(r.text).toMatch(/附近$/);
    expect(r.distance).toBeGreaterThanOrEqual(0);
  });

  it("refuses points outside China and swapped coordinates with their reason; empty outside the installation", async () => {
    const sea = await hkStaff.get("/api/map/reverse?lng=150&lat=20");
    expect(sea.statusCode).toBe(400);
    expect(sea.json()).toMatchObject({ code: "VALIDATION_FAILED", details: { reason: "outside_china" } });
    const swapped = await hkStaff.get("/api/map/reverse?lng=25.0713&lat=102.719");
    expect(swapped.statusCode).toBe(400);
    expect(swapped.json().details.reason).toBe("swapped_coordinates");
    expect((await hkStaff.get("/api/map/reverse?lng=NaN&lat=25")).statusCode).toBe(400);
    const beijing = await hkStaff.get("/api/map/reverse?lng=116.39&lat=39.9");
    expect(beijing.statusCode).toBe(200);
    expect(beijing.json()).toMatchObject({ text: "", building: null, community: null, grid: null, distance: 0 });
  });
});

describe("editing map features", () => {
  const post = (c: Client, payload: unknown) => c.request({ method: "POST", url: "/api/map/features", payload: payload as never });

  it("refuses a road that crosses itself, open rings and foreign coordinates", async () => {
    const cross = await post(hkStaff, {
      kind: "road",
      name: "打结路",
      geometry: { type: "LineString", coordinates: [[102.716, 25.07], [102.718, 25.072], [102.718, 25.07], [102.716, 25.072]] },
    });
    expect(cross.statusCode).toBe(400);
    expect(cross.json()).toMatchObject({ code: "VALIDATION_FAILED", details: { reason: "self_intersecting" } });
    const open = await post(hkStaff, {
      kind: "green",
      name: "小绿地",
      geometry: { type: "Polygon", coordinates: [[[102.716, 25.07], [102.717, 25.07], [102.717, 25.071], [102.716, 25.0711]]] },
    });
    expect(open.json().details.reason).toBe("ring_not_closed");
    expect((await post(hkStaff, { kind: "road", name: "海路", geometry: { type: "LineString", coordinates: [[150, 20], [150.1, 20]] } })).statusCode).toBe(400);
    expect((await post(hkStaff, { kind: "road", name: "单点路", geometry: { type: "LineString", coordinates: [[102.716, 25.07]] } })).statusCode).toBe(400);
    const many = Array.from({ length: 5001 }, (_, i) => [102.7 + i * 1e-5, 25.07]);
    expect((await post(hkStaff, { kind: "road", name: "长路", geometry: { type: "LineString", coordinates: many } })).statusCode).toBe(400);
  });

  it("edits within scope, audited; another community's features answer 404; residents may not edit", async () => {
    const created = await post(hkStaff, {
      kind: "green",
      name: "口袋公园",
      geometry: { type: "Polygon", coordinates: [[[102.716, 25.07], [102.7163, 25.07], [102.7163, 25.0702], [102.716, 25.0702], [102.716, 25.07]]] },
    });
    expect(created.statusCode, created.body).toBe(200);
    const f: MapFeature = created.json();
    const audit = await one<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE target_id = ${f.properties.id} AND action = 'map.feature.create'`);
    expect(Number(audit.n)).toBe(1);

    const renamed = await hkStaff.request({ method: "PATCH", url: `/api/map/features/${f.properties.id}`, payload: { name: "红康口袋公园" } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().properties.name).toBe("红康口袋公园");
    // Another community's staff: 404 for reading-by-edit and deleting.
    expect((await yxqStaff.request({ method: "PATCH", url: `/api/map/features/${f.properties.id}`, payload: { name: "x" } })).statusCode).toBe(404);
    expect((await yxqStaff.request({ method: "DELETE", url: `/api/map/features/${f.properties.id}` })).statusCode).toBe(404);
    const yxqRoad = await one<{ id: string }>(sql`SELECT f.id FROM map_features f JOIN areas a ON a.id = f.community_id WHERE a.name = '怡心桥社区' AND f.kind = 'road' LIMIT 1`);
    expect((await hkStaff.request({ method: "DELETE", url: `/api/map/features/${yxqRoad.id}` })).statusCode).toBe(404);
    expect((await resident.request({ method: "DELETE", url: `/api/map/features/${f.properties.id}` })).statusCode).toBe(403);

    const gone = await hkStaff.request({ method: "DELETE", url: `/api/map/features/${f.properties.id}` });
    expect(gone.statusCode).toBe(200);
    const trail = rowsOf<{ action: string }>(await t.database.db.execute(sql`SELECT action FROM audit_log WHERE target_id = ${f.properties.id} ORDER BY id`));
    expect(trail.map((r) => r.action)).toEqual(["map.feature.create", "map.feature.update", "map.feature.delete"]);
  });

  it("redraws a building footprint (geometry only) and the base layer shows it", async () => {
    const b = await one<{ id: string }>(sql`SELECT b.id FROM buildings b JOIN compounds c ON c.id = b.compound_id WHERE c.name = '康宁花园' AND b.name = '1栋'`);
    const ring = [[102.7152, 25.0732], [102.7156, 25.0732], [102.7156, 25.0733], [102.7152, 25.0733], [102.7152, 25.0732]];
    const res = await hkStaff.request({ method: "PATCH", url: `/api/map/features/${b.id}`, payload: { geometry: { type: "Polygon", coordinates: [ring] } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().properties).toMatchObject({ kind: "building", name: "康宁花园1栋", label: "1栋" });
    expect((await hkStaff.request({ method: "PATCH", url: `/api/map/features/${b.id}`, payload: { name: "改名" } })).json().details.reason).toBe("geometry_only");
    expect((await yxqStaff.request({ method: "PATCH", url: `/api/map/features/${b.id}`, payload: { geometry: { type: "Polygon", coordinates: [ring] } } })).statusCode).toBe(404);
    const base: BaseLayer = (await hkStaff.get("/api/map/base")).json();
    const drawn = base.features.features.find((f) => f.properties.id === b.id);
    expect(drawn?.geometry).toEqual({ type: "Polygon", coordinates: [ring] });
  });
});

describe("map provider configuration", () => {
  it("answers offline by default", async () => {
    const res = await new Client(t.app).get("/api/config");
    expect(res.json().map).toEqual({ provider: "offline", crs: "wgs84", tileUrl: "", annotationUrl: null, subdomains: [] });
    expect(res.json().mapTileUrl).toBe("");
  });

  it("configures 高德 (GCJ-02) and 天地图 (vector and imagery), with their hosts in the CSP", async () => {
    const amap = await createTestApp({ MAP_PROVIDER: "amap" });
    try {
      const res = await amap.app.inject({ method: "GET", url: "/api/config" });
      expect(res.json().map).toMatchObject({ provider: "amap", crs: "gcj02", subdomains: ["1", "2", "3", "4"], annotationUrl: null });
      expect(res.json().map.tileUrl).toContain("https://webrd0{s}.is.autonavi.com/appmaptile?");
      expect(res.json().mapTileUrl).toBe(res.json().map.tileUrl);
      expect(res.headers["content-security-policy"]).toContain("img-src 'self' data: blob: https://*.is.autonavi.com");
    } finally {
      await amap.close();
    }
    const tdt = await createTestApp({ MAP_PROVIDER: "tianditu", MAP_KEY: "abc123" });
    try {
      const res = await tdt.app.inject({ method: "GET", url: "/api/config" });
      expect(res.json().map).toMatchObject({
        provider: "tianditu",
        crs: "wgs84",
        tileUrl: "https://t{s}.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc123",
        annotationUrl: "https://t{s}.tianditu.gov.cn/DataServer?T=cva_w&x={x}&y={y}&l={z}&tk=abc123",
        subdomains: ["0", "1", "2", "3", "4", "5", "6", "7"],
      });
      expect(res.headers["content-security-policy"]).toMatch(/connect-src 'self' https:\/\/\*\.tianditu\.gov\.cn/);
    } finally {
      await tdt.close();
    }
    const { loadConfig } = await import("../src/server/config");
    expect(loadConfig({ MAP_PROVIDER: "tianditu", MAP_KEY: "k", MAP_STYLE: "imagery" }).map.tileUrl).toContain("T=img_w");
    expect(() => loadConfig({ MAP_PROVIDER: "tianditu" })).toThrow(/MAP_KEY/);
    expect(loadConfig({ MAP_TILE_URL: "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png" }).map).toMatchObject({ provider: "osm", crs: "wgs84", subdomains: ["a", "b", "c"] });
  });
});
