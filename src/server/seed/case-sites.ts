import type { LngLat } from "../db/schema/types";
import type { CommunityAreas, MicrogridNode } from "./areas";
import type { SiteKind } from "./case-texts";
import { pointIn, pointNear } from "./geometry";
import type { BuildingRow, CompoundRow } from "./housing";
import type { PlaceRow } from "./places";
import type { Rng } from "./random";

/**
 * Where a demo case happens: a building, a compound, a shop, a stretch of road or river, a rider
 * station or a commercial centre of the community, as a point inside one microgrid with an address
 * and the words a description needs.
 */

export type Site = { mg: MicrogridNode; location: LngLat; address: string; slots: Record<string, string> };

type Placed = { mg: MicrogridNode; at: LngLat };
type BuildingSite = Placed & { compound: string; building: string; floors: number };
type PlaceSite = Placed & { name: string; address: string };

/** The river beside each community, with the grid it runs along (the east edge of that grid). */
const RIVERS: Record<string, { name: string; grid: number; bank: string }> = {
  hk: { name: "盘龙江红康段", grid: 2, bank: "江岸路" },
  yxq: { name: "怡心桥段河道", grid: 2, bank: "怡心路" },
};

export class SiteBook {
  private readonly byArea: Map<string, MicrogridNode>;
  private readonly buildings: BuildingSite[] = [];
  private readonly compounds: Array<Placed & { name: string }> = [];
  private readonly shops: PlaceSite[] = [];
  private readonly catering: PlaceSite[] = [];
  private readonly stations: PlaceSite[] = [];
  private readonly centres: PlaceSite[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly ca: CommunityAreas,
    compounds: CompoundRow[],
    buildings: BuildingRow[],
    places: PlaceRow[],
  ) {
    this.byArea = new Map(ca.microgrids.map((m) => [m.row.id, m]));
    const communityId = ca.community.row.id;
    const compoundName = new Map<string, string>();
    for (const c of compounds) {
      if (c.communityId !== communityId) continue;
      compoundName.set(c.id, c.name);
      const mg = this.byArea.get(c.areaId!);
      if (mg && c.location) this.compounds.push({ mg, at: c.location, name: c.name });
    }
    for (const b of buildings) {
      const mg = this.byArea.get(b.areaId!);
      if (!mg || !b.location || b.communityId !== communityId) continue;
      this.buildings.push({ mg, at: b.location, compound: compoundName.get(b.compoundId!) ?? "", building: b.name, floors: b.floors ?? 6 });
    }
    for (const p of places) {
      const mg = p.areaId ? this.byArea.get(p.areaId) : undefined;
      if (!mg || !p.location || p.communityId !== communityId) continue;
      const site = { mg, at: p.location, name: p.name, address: p.address ?? "" };
      if (p.kind === "shop") {
        this.shops.push(site);
        if ((p.attrs as { category?: string } | null)?.category === "catering") this.catering.push(site);
      } else if (p.kind === "rider_station") this.stations.push(site);
      else if (p.kind === "commercial_centre") this.centres.push(site);
    }
  }

  /** Whether the community has places of this kind (no rider stations in 红康, for instance), in the given grids if any. */
  has(kind: SiteKind, grids?: readonly number[]): boolean {
    const inGrids = (list: Placed[]) => list.some((p) => !grids || grids.includes(p.mg.grid));
    switch (kind) {
      case "building":
        return inGrids(this.buildings);
      case "compound":
        return inGrids(this.compounds);
      case "shop":
        return inGrids(this.shops);
      case "catering":
        return inGrids(this.catering);
      case "station":
        return inGrids(this.stations);
      case "centre":
        return inGrids(this.centres);
      case "river":
        return !grids || grids.includes(RIVERS[this.ca.spec.key].grid);
      case "road":
        return true;
    }
  }

  microgrid(areaId: string): MicrogridNode | undefined {
    return this.byArea.get(areaId);
  }

  /** A place of `kind`, optionally only in some grids (indexes) or near a given point. */
  pick(kind: SiteKind, grids?: readonly number[]): Site {
    const { rng } = this;
    const ok = (p: Placed) => !grids || grids.includes(p.mg.grid);
    const from = <T extends Placed>(list: T[]): T => {
      const allowed = grids ? list.filter(ok) : list;
      return rng.pick(allowed.length ? allowed : list);
    };
    const near = (p: Placed, r = 0.00015) => pointNear(rng, p.at, r, p.mg.rect);
    const road = () => rng.pick(this.ca.spec.roads);
    switch (kind) {
      case "building": {
        const b = from(this.buildings);
        const floor = String(rng.int(2, Math.max(2, b.floors)));
        const address = `${b.compound}${b.building}${rng.chance(0.5) ? `${rng.int(1, 3)}单元` : ""}`;
        return { mg: b.mg, location: near(b), address, slots: { addr: address, compound: b.compound, building: b.building, floor } };
      }
      case "compound": {
        const c = from(this.compounds);
        const part = rng.pick(["", "", "南门", "北门", "地下车库", "中心花园", "东侧"]);
        const bld = `${rng.int(1, 8)}栋`;
        return { mg: c.mg, location: near(c, 0.0003), address: `${c.name}${part}`, slots: { addr: `${c.name}${part}`, compound: c.name, building: bld } };
      }
      case "shop":
      case "catering":
      case "station":
      case "centre": {
        const list = kind === "shop" ? this.shops : kind === "catering" ? this.catering : kind === "station" ? this.stations : this.centres;
        const p = from(list.length ? list : this.shops);
        const label = kind === "centre" ? `${p.name}${rng.pick(["A座", "B座", "地下一层", "二楼"])}` : p.name;
        return { mg: p.mg, location: near(p, 0.0001), address: p.address, slots: { shop: label, station: p.name, addr: label } };
      }
      case "road": {
        const mgs = grids ? this.ca.microgrids.filter((m) => grids.includes(m.grid)) : this.ca.microgrids;
        const mg = rng.pick(mgs.length ? mgs : this.ca.microgrids);
        const r1 = road();
        let r2 = road();
        if (r2 === r1) r2 = this.ca.spec.roads.find((r) => r !== r1) ?? r1;
        const n = String(rng.int(2, 260));
        const address = rng.chance(0.8) ? `${r1}${n}号附近` : `${r1}与${r2}交叉口`;
        return { mg, location: pointIn(rng, mg.rect, 0.12), address, slots: { road: r1, road2: r2, n, addr: address } };
      }
      case "river": {
        const river = RIVERS[this.ca.spec.key];
        const mgs = this.ca.microgrids.filter((m) => m.grid === river.grid);
        const mg = rng.pick(mgs);
        const w = mg.rect.east - mg.rect.west;
        const h = mg.rect.north - mg.rect.south;
        const location: LngLat = [
          Math.round((mg.rect.east - w * (0.04 + rng.float() * 0.1)) * 1e6) / 1e6,
          Math.round((mg.rect.south + h * (0.1 + rng.float() * 0.8)) * 1e6) / 1e6,
        ];
        const address = `${river.name}（${river.bank}${rng.int(1, 120)}号对面）`;
        return { mg, location, address, slots: { river: river.name, addr: address } };
      }
    }
  }
}
