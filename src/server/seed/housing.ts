import type { LngLat } from "../db/schema/types";
import type { buildings, compounds } from "../db/schema/places";
import type { CommunityAreas } from "./areas";
import type { BuildingStyle } from "./communities";
import { pointIn, pointNear } from "./geometry";
import type { Rng } from "./random";

/**
 * Compounds (小区 / 楼院), their buildings (楼栋) and the occupied rooms: each compound gets a share
 * of the community's households, and buildings are sized so that most (not all) rooms are taken.
 */

export type CompoundRow = typeof compounds.$inferInsert & { id: string };
export type BuildingRow = typeof buildings.$inferInsert & { id: string };

/** An occupied room: where one household lives. */
export type Room = {
  buildingId: string;
  areaId: string;
  compound: number;
  unitNo: number;
  roomNo: string;
  address: string;
};

export type Housing = { compounds: CompoundRow[]; buildings: BuildingRow[]; rooms: Room[] };

/** Splits `total` into integer shares proportional to `weights` (largest remainder). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) shares[order[k % order.length][1]]++;
  return shares;
}

type Shape = { floors: number; units: number; perFloor: number };

const STYLES: Record<BuildingStyle, { floors: [number, number]; units: [number, number]; perFloor: [number, number] }> = {
  highrise: { floors: [18, 32], units: [1, 3], perFloor: [2, 4] },
  midrise: { floors: [8, 16], units: [2, 3], perFloor: [2, 3] },
  walkup: { floors: [5, 7], units: [2, 4], perFloor: [2, 2] },
};

const capacity = (s: Shape) => s.floors * s.units * s.perFloor;

/** Building shapes for `households` households: 3–20 buildings, 80–93 % occupied. */
function designBuildings(rng: Rng, style: BuildingStyle, households: number): Shape[] {
  const st = STYLES[style];
  const needed = Math.ceil(households / (0.8 + rng.float() * 0.13));
  const shapes: Shape[] = [];
  let cap = 0;
  while (shapes.length < 3 || (cap < needed && shapes.length < 20)) {
    const s = { floors: rng.int(...st.floors), units: rng.int(...st.units), perFloor: rng.int(...st.perFloor) };
    shapes.push(s);
    cap += capacity(s);
  }
  // Still short with 20 buildings: grow them (more floors, then more units) until the rooms suffice.
  for (let i = 0; cap < needed; i++) {
    const s = shapes[i % shapes.length];
    cap -= capacity(s);
    if (s.floors < 33) s.floors++;
    else if (s.units < 4) s.units++;
    else s.perFloor++;
    cap += capacity(s);
  }
  return shapes;
}

function compoundAddress(rng: Rng, name: string, roads: string[]): string {
  const m = name.match(/^(.+?\d+号)院$/);
  return m ? m[1] : `${rng.pick(roads)}${rng.int(1, 300)}号`;
}

export function buildHousing(rng: Rng, ca: CommunityAreas, newId: () => string): Housing {
  const { spec } = ca;
  const communityId = ca.community.row.id;
  const shares = apportion(
    spec.households,
    spec.compounds.map((c) => c.weight),
  );
  const compoundRows: CompoundRow[] = [];
  const buildingRows: BuildingRow[] = [];
  const rooms: Room[] = [];

  spec.compounds.forEach((c, ci) => {
    // One cluster centre per microgrid the compound spans; the first is the gate.
    const anchors: LngLat[] = c.microgrids.map((m) => pointIn(rng, ca.microgrids[m].rect, 0.3));
    const gateGrid = ca.microgrids[c.microgrids[0]];
    const compound: CompoundRow = {
      id: newId(),
      communityId,
      areaId: gateGrid.row.id,
      name: c.name,
      kind: spec.compoundKind,
      address: compoundAddress(rng, c.name, spec.roads),
      location: anchors[0],
    };
    compoundRows.push(compound);

    const shapes = designBuildings(rng, c.style, shares[ci]);
    const candidates: Room[] = [];
    shapes.forEach((shape, bi) => {
      const k = bi % c.microgrids.length;
      const mg = ca.microgrids[c.microgrids[k]];
      const name = `${bi + 1}栋`;
      const building: BuildingRow = {
        id: newId(),
        communityId,
        areaId: mg.row.id,
        compoundId: compound.id,
        name,
        floors: shape.floors,
        units: shape.units,
        location: pointNear(rng, anchors[k], 0.0009, mg.rect),
      };
      buildingRows.push(building);
      for (let u = 1; u <= shape.units; u++) {
        for (let f = 1; f <= shape.floors; f++) {
          for (let r = 1; r <= shape.perFloor; r++) {
            const roomNo = `${f}${String(r).padStart(2, "0")}`;
            candidates.push({
              buildingId: building.id,
              areaId: mg.row.id,
              compound: ci,
              unitNo: u,
              roomNo,
              address: `${c.name}${name}${u}单元${roomNo}`,
            });
          }
        }
      }
    });
    // Take a random subset of the rooms, kept in building / unit / room order.
    const taken = rng.shuffle(candidates.map((_, i) => i)).slice(0, shares[ci]).sort((a, b) => a - b);
    for (const i of taken) rooms.push(candidates[i]);
  });

  return { compounds: compoundRows, buildings: buildingRows, rooms };
}
