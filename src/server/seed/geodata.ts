import type { BBox, LngLat } from "../db/schema/types";
import type { mapFeatures, StoredGeometry } from "../db/schema/maps";
import { bboxOf, convexOverlap, offset, roundPos } from "../modules/maps/geometry";
import { searchTermsOf } from "../modules/maps/terms";
import type { AreaTree, CommunityAreas } from "./areas";
import type { Rect } from "./geometry";
import type { BuildingRow, CompoundRow } from "./housing";
import type { PlaceRow } from "./places";
import { type Rng, seededUuidFactory } from "./random";

/**
 * The base map of the demo communities: a footprint for every building (a rectangle of about
 * 12 × 40 m around its point, turned along its compound's layout, shortened or turned where it would
 * leave its microgrid or overlap a neighbour), an outline for every compound (the box around its
 * buildings plus a yard), and the features the registry does not hold: streets along the community
 * and grid boundaries, a lane around each compound, 盘龙江 (line and water area) east of 红康, a
 * riverside green belt and a square in each community. Search terms are computed here too.
 * Deterministic (its own seeded stream and ids), and cheap: a few milliseconds.
 */

export type MapFeatureRow = typeof mapFeatures.$inferInsert & { id: string };

/** Street names per community: perimeter (north, south, west, east), then the inner lines between grids. */
const STREETS: Record<string, { north: string; south: string; west: string; east: string; inner: string[] }> = {
  hk: { north: "红云路", south: "北仓路", west: "白塔路", east: "盘江西路", inner: ["红康路", "金水湾路"] },
  yxq: { north: "前卫西路", south: "滇池路", west: "日新中路", east: "兴苑路", inner: ["怡心路", "书香巷", "福海巷"] },
};

const line = (coords: LngLat[]): StoredGeometry => ({ type: "LineString", coordinates: coords.map(roundPos) });
const area = (ring: LngLat[]): StoredGeometry => {
  const r = ring.map(roundPos);
  return { type: "Polygon", coordinates: [[...r, r[0]]] };
};
const boxOf = (g: StoredGeometry): BBox => bboxOf(g.type === "Polygon" ? g.coordinates[0] : g.type === "LineString" ? g.coordinates : [g.coordinates]);

/** A rectangle of `length` × `width` metres centred on `c`, its long side turned `angle` radians from east. */
function rectangle(c: LngLat, length: number, width: number, angle: number): LngLat[] {
  const cos = Math.cos(angle), sin = Math.sin(angle);
  return [
    [-length / 2, -width / 2],
    [length / 2, -width / 2],
    [length / 2, width / 2],
    [-length / 2, width / 2],
  ].map(([u, v]) => offset(c, u * cos - v * sin, u * sin + v * cos));
}

function inside(r: Rect, pts: LngLat[]): boolean {
  return pts.every(([x, y]) => x > r.west && x < r.east && y > r.south && y < r.north);
}

function inset(r: Rect, metres: number): Rect {
  const [w, s] = offset([r.west, r.south], metres, metres);
  const [e, n] = offset([r.east, r.north], -metres, -metres);
  return { west: w, south: s, east: e, north: n };
}

function union(rects: Rect[]): Rect {
  return {
    west: Math.min(...rects.map((r) => r.west)),
    south: Math.min(...rects.map((r) => r.south)),
    east: Math.max(...rects.map((r) => r.east)),
    north: Math.max(...rects.map((r) => r.north)),
  };
}

const SIZES: Array<[number, number]> = [
  [40, 12],
  [32, 12],
  [24, 12],
  [16, 11],
];

export function buildGeodata(
  rng: Rng,
  tree: AreaTree,
  compoundRows: CompoundRow[],
  buildingRows: BuildingRow[],
  placeRows: PlaceRow[],
): { features: MapFeatureRow[] } {
  const newId = seededUuidFactory(rng.fork("ids"));
  const features: MapFeatureRow[] = [];
  const add = (ca: CommunityAreas, kind: MapFeatureRow["kind"], name: string, geometry: StoredGeometry, areaId?: string, searchable = false) =>
    features.push({
      id: newId(),
      communityId: ca.community.row.id,
      areaId: areaId ?? ca.community.row.id,
      kind,
      name,
      geometry,
      bbox: boxOf(geometry),
      searchTerms: searchable ? searchTermsOf(name) : [],
    });

  for (const ca of tree.communities) {
    const r = rng.fork(ca.spec.key);
    const communityId = ca.community.row.id;
    const mgRect = new Map(ca.microgrids.map((m) => [m.row.id, m.rect]));
    const placed: LngLat[][] = [];
    const outlines: LngLat[][] = [];
    const compounds = compoundRows.filter((c) => c.communityId === communityId);

    compounds.forEach((c, ci) => {
      const spec = ca.spec.compounds[ci];
      const region = union(spec.microgrids.map((m) => ca.microgrids[m].rect));
      // The compound's layout: its rows run east–west or north–south, turned by a few degrees.
      const angle = ((r.pick([0, 0, 4, -4, 7, -7]) + (r.chance(0.5) ? 90 : 0)) * Math.PI) / 180;
      const own = buildingRows.filter((b) => b.compoundId === c.id);
      const corners: LngLat[] = [];
      for (const b of own) {
        const at = b.location!;
        const room = inset(mgRect.get(b.areaId) ?? region, 4);
        let best: LngLat[] | null = null;
        for (const turn of [0, Math.PI / 2]) {
          for (const [len, wid] of SIZES) {
            const fp = rectangle(at, len, wid, angle + turn);
            if (inside(room, fp) && !placed.some((o) => convexOverlap(o, fp))) {
              best = fp;
              break;
            }
          }
          if (best) break;
        }
        const fp = (best ?? rectangle(at, 12, 10, angle)).map(roundPos);
        b.footprint = fp;
        b.searchTerms = searchTermsOf(`${c.name}${b.name}`);
        placed.push(fp);
        corners.push(...fp);
      }
      // The outline: the box around the buildings in the compound's own frame, plus a 12 m yard.
      const cos = Math.cos(angle), sin = Math.sin(angle);
      const origin = c.location!;
      const local = [...corners, origin].map(([x, y]) => {
        const e = (x - origin[0]) * 111_320 * Math.cos((origin[1] * Math.PI) / 180);
        const n = (y - origin[1]) * 110_574;
        return [e * cos + n * sin, -e * sin + n * cos] as const;
      });
      const u0 = Math.min(...local.map((p) => p[0])) - 12, u1 = Math.max(...local.map((p) => p[0])) + 12;
      const v0 = Math.min(...local.map((p) => p[1])) - 12, v1 = Math.max(...local.map((p) => p[1])) + 12;
      const keep = inset(region, 2);
      const clamp = ([x, y]: LngLat): LngLat => [Math.min(keep.east, Math.max(keep.west, x)), Math.min(keep.north, Math.max(keep.south, y))];
      const at = (u: number, v: number) => clamp(offset(origin, u * cos - v * sin, u * sin + v * cos));
      const outline = [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)].map(roundPos);
      c.outline = outline;
      c.searchTerms = searchTermsOf(c.name);
      outlines.push(outline);
      // A lane just inside the compound's wall, closed on itself.
      const lane = [at(u0 + 5, v0 + 5), at(u1 - 5, v0 + 5), at(u1 - 5, v1 - 5), at(u0 + 5, v1 - 5)];
      add(ca, "road", `${c.name}内部道路`, line([...lane, lane[0]]), c.areaId);
    });

    for (const p of placeRows) if (p.communityId === communityId) p.searchTerms = searchTermsOf(p.name);

    // Streets along the community's edges (running on past the corners) and between its grids.
    const cr = ca.spec.rect;
    const names = STREETS[ca.spec.key] ?? { north: "北路", south: "南路", west: "西路", east: "东路", inner: [] };
    const run = 60;
    const ew = (lat: number): LngLat[] => [offset([cr.west, lat], -run, 0), [(cr.west + cr.east) / 2, lat], offset([cr.east, lat], run, 0)];
    const ns = (lng: number): LngLat[] => [offset([lng, cr.north], 0, run), [lng, (cr.north + cr.south) / 2], offset([lng, cr.south], 0, -run)];
    add(ca, "road", names.north, line(ew(cr.north)), undefined, true);
    add(ca, "road", names.south, line(ew(cr.south)), undefined, true);
    add(ca, "road", names.west, line(ns(cr.west)), undefined, true);
    add(ca, "road", names.east, line(ns(cr.east)), undefined, true);
    const inner = [
      ...[...new Set(ca.grids.map((g) => g.rect.east))].filter((x) => x < cr.east).map((x) => ns(x)),
      ...[...new Set(ca.grids.map((g) => g.rect.south))].filter((y) => y > cr.south).map((y) => ew(y)),
    ];
    inner.forEach((coords, i) => add(ca, "road", names.inner[i] ?? `${ca.spec.name.replace(/社区$/, "")}${i + 1}号巷`, line(coords), undefined, true));

    const free = (ring: LngLat[]) => !placed.some((o) => convexOverlap(o, ring)) && !outlines.some((o) => convexOverlap(o, ring));

    if (ca.spec.key === "hk") {
      // 盘龙江 flows north to south just east of the community, with 江岸路 on its east bank.
      const river: LngLat[] = [];
      const bankW: LngLat[] = [];
      const bankE: LngLat[] = [];
      const north = offset([cr.east, cr.north], 0, 220)[1];
      const south = offset([cr.east, cr.south], 0, -220)[1];
      const steps = 16;
      for (let i = 0; i <= steps; i++) {
        const lat = north + ((south - north) * i) / steps;
        const swing = 9 * Math.sin(i * 0.9);
        river.push(offset([cr.east, lat], 36 + swing, 0));
        bankW.push(offset([cr.east, lat], 18 + swing, 0));
        bankE.push(offset([cr.east, lat], 54 + swing, 0));
      }
      add(ca, "water", "盘龙江", area([...bankW, ...[...bankE].reverse()]));
      add(ca, "river", "盘龙江", line(river));
      add(ca, "road", "江岸路", line(bankE.map((p) => offset(p, 8, 0))), undefined, true);
      // The green belt between 盘江西路 and the river.
      const beltW = [offset([cr.east, cr.north], 5, 0), offset([cr.east, cr.south], 5, 0)];
      add(ca, "green", "盘龙江滨河绿带", area([beltW[1], offset(beltW[1], 8, 0), offset(beltW[0], 8, 0), beltW[0]]));
    }

    // A square and a small park where no building or compound stands.
    const wanted = ca.spec.key === "hk" ? ["红康社区文化广场", "红康街心花园"] : ["怡心桥广场", "怡心公园"];
    const spots: LngLat[] = [];
    for (const m of ca.microgrids) {
      const q = inset(m.rect, 30);
      for (let i = 0; i <= 4; i++) for (let j = 0; j <= 4; j++) spots.push([q.west + ((q.east - q.west) * i) / 4, q.south + ((q.north - q.south) * j) / 4]);
    }
    r.shuffle(spots);
    for (const name of wanted) {
      const spot = spots.find((s) => free(rectangle(s, 48, 36, 0)));
      if (!spot) break;
      const ring = rectangle(spot, 48, 36, 0);
      spots.splice(spots.indexOf(spot), 1);
      outlines.push(ring);
      add(ca, "green", name, area(ring));
    }
  }
  return { features };
}
