import { describe, expect, it } from "vitest";
import { distanceMetres, fromMapCrs, gcj02ToWgs84, toMapCrs, wgs84ToGcj02, type Position } from "../src/contracts/coords";

/**
 * Known WGS-84 / GCJ-02 pairs, [lng, lat]:
 * - Shanghai, Shenzhen, Beijing: the test table of googollee/eviltransform (python/tests, TESTS:
 *   wgsLat, wgsLng, gcjLat, gcjLng), also used by larryli/eviltransform's PHP tests.
 * - 116.404, 39.915: wandergis/coordtransform test/app.js (wgs84togcj02 result), also hutool's
 *   CoordinateUtilTest.
 */
const PAIRS: Array<{ name: string; wgs: Position; gcj: Position }> = [
  { name: "Shanghai", wgs: [121.5272106, 31.1774276], gcj: [121.531541859215, 31.17530398364597] },
  { name: "Shenzhen", wgs: [113.912316, 22.543847], gcj: [113.9171764808363, 22.540796131694766] },
  { name: "Beijing", wgs: [116.377817, 39.911954], gcj: [116.38404722455657, 39.91334545536069] },
  { name: "Beijing (coordtransform)", wgs: [116.404, 39.915], gcj: [116.41024449916938, 39.91640428150164] },
];

describe("WGS-84 ↔ GCJ-02", () => {
  for (const p of PAIRS) {
    it(`converts ${p.name} within 1 m both ways`, () => {
      expect(distanceMetres(wgs84ToGcj02(p.wgs), p.gcj)).toBeLessThan(1);
      expect(distanceMetres(gcj02ToWgs84(p.gcj), p.wgs)).toBeLessThan(1);
      // The shift itself is hundreds of metres, so the test would notice a missing conversion.
      expect(distanceMetres(p.wgs, p.gcj)).toBeGreaterThan(100);
    });
  }

  it("round-trips within 0.01 m across China, 红康 included", () => {
    const points: Position[] = [[102.719, 25.0713], [102.695, 25.018], [87.6, 43.8], [126.6, 45.75], [110.3, 20.0], [91.1, 29.65]];
    for (let i = 0; i < 200; i++) points.push([75 + ((i * 37) % 60), 18 + ((i * 13) % 35)]);
    for (const w of points) {
      expect(distanceMetres(gcj02ToWgs84(wgs84ToGcj02(w)), w)).toBeLessThan(0.01);
      expect(distanceMetres(wgs84ToGcj02(gcj02ToWgs84(w)), w)).toBeLessThan(0.01);
    }
  });

  it("leaves points outside China unchanged", () => {
    for (const w of [[2.35, 48.85], [-74, 40.7], [139.7, 35.7], [151.2, -33.9], [100.5, 13.7 - 13]] as Position[]) {
      expect(wgs84ToGcj02(w)).toEqual(w);
      expect(gcj02ToWgs84(w)).toEqual(w);
    }
  });

  it("converts for the map's datum and back", () => {
    const w: Position = [102.719, 25.0713];
    expect(toMapCrs(w, "wgs84")).toEqual(w);
    // A GCJ-02 map shifts the point (else the round trip below would hold for any no-op).
    expect(distanceMetres(toMapCrs(w, "gcj02"), w)).toBeGreaterThan(100);
    expect(distanceMetres(fromMapCrs(toMapCrs(w, "gcj02"), "gcj02"), w)).toBeLessThan(0.01);
  });
});
