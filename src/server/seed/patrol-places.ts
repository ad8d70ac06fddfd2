import type { places } from "../db/schema/places";
import { pointIn } from "./geometry";
import type { PatrolCommunity } from "./patrol-world";
import type { Rng } from "./random";

/**
 * The places patrols visit that the base demo does not have: outdoor billboards (174 in 红康,
 * 26 in 怡心桥) and the 盘龙江 stretch along 红康's east side that its river chief walks.
 */

export type PatrolPlaceRow = typeof places.$inferInsert & { id: string; areaId: string; location: [number, number] };

/** 红康's 170+ boards of its 2024 survey (户外广告牌安全隐患排查170余块), and 怡心桥's. */
const BILLBOARDS = { hk: 174, yxq: 26 } as const;
const BOARD_TYPES = ["楼顶广告牌", "墙面广告牌", "立柱广告牌", "店招招牌", "LED显示屏", "道旗广告"] as const;
const SIZES = ["6m×3m", "4m×2m", "10m×4m", "3m×1.2m", "8m×2.5m", "2m×0.8m"];
const OWNERS = ["春城传媒", "彩云广告", "滇峰文化传媒", "七彩广告", "金碧传媒", "盘江广告"];

/** The river stretch: its path from the south bridge to the north one, just inside 红康's east edge. */
export function riverPath(c: PatrolCommunity): Array<[number, number]> {
  const east = Math.max(...c.grids.map((g) => g.rect.east));
  const south = Math.min(...c.grids.map((g) => g.rect.south));
  const north = Math.max(...c.grids.map((g) => g.rect.north));
  const steps = 12;
  return Array.from({ length: steps + 1 }, (_, i) => {
    const lat = south + ((north - south) * (0.04 + 0.92 * i)) / steps;
    const lng = east - 0.00035 + 0.00012 * Math.sin(i * 0.9);
    return [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6] as [number, number];
  });
}

export function buildPatrolPlaces(rng: Rng, communities: PatrolCommunity[], newId: () => string, microgridAt: (c: PatrolCommunity, p: [number, number]) => { id: string }) {
  const rows: PatrolPlaceRow[] = [];
  for (const c of communities) {
    const roads = c.spec.roads;
    const numbers = new Set<string>();
    for (let i = 0; i < BILLBOARDS[c.key]; i++) {
      const mg = rng.pick(c.microgrids);
      const location = pointIn(rng, mg.rect, 0.06);
      const type = rng.pick(BOARD_TYPES);
      let address = "";
      do address = `${rng.pick(roads)}${rng.int(1, 320)}号`;
      while (numbers.has(address));
      numbers.add(address);
      rows.push({
        id: newId(),
        communityId: c.id,
        areaId: mg.id,
        kind: "billboard",
        name: `${address}${type}`,
        address,
        location,
        attrs: {
          type,
          size: rng.pick(SIZES),
          owner: `云南${rng.pick(OWNERS)}有限公司`,
          permitNo: `昆城管广〔${rng.int(2021, 2025)}〕${String(rng.int(1, 999)).padStart(3, "0")}号`,
        },
        active: true,
        createdAt: new Date("2023-06-20T09:00:00+08:00"),
      });
    }
    if (c.key === "hk") {
      const path = riverPath(c);
      const mid = path[Math.floor(path.length / 2)];
      rows.push({
        id: newId(),
        communityId: c.id,
        areaId: microgridAt(c, mid).id,
        kind: "river_stretch",
        name: "盘龙江红康段",
        address: "盘龙江西岸（北仓桥至红云桥）",
        location: mid,
        attrs: { river: "盘龙江", lengthMeters: 750, chiefLevel: "社区级河长", path },
        active: true,
        createdAt: new Date("2023-06-20T09:00:00+08:00"),
      });
    }
  }
  return rows;
}
