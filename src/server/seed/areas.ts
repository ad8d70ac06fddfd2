import type { areas } from "../db/schema/areas";
import { CITY, COMMUNITIES, DISTRICTS, STREETS, type CommunitySpec, type UpperArea } from "./communities";
import { rectCenter, rectPolygon, splitRect, type Rect } from "./geometry";

/**
 * The area tree 市 > 区 > 街道 > 社区 > 四级网格 > 五级网格 as rows of `areas`, with the rectangles kept
 * beside them so the other generators can place things inside a microgrid.
 */

export type AreaRow = typeof areas.$inferInsert & { id: string; path: string };
export type AreaNode = { row: AreaRow; rect: Rect };
export type MicrogridNode = AreaNode & { grid: number };

export type CommunityAreas = {
  spec: CommunitySpec;
  community: AreaNode;
  grids: AreaNode[];
  microgrids: MicrogridNode[];
};

export type AreaTree = {
  rows: AreaRow[];
  city: AreaNode;
  districts: AreaNode[];
  streets: AreaNode[];
  communities: CommunityAreas[];
};

type Level = AreaRow["level"];

export function buildAreaTree(newId: () => string): AreaTree {
  const rows: AreaRow[] = [];
  const node = (
    level: Level,
    name: string,
    code: string,
    rect: Rect,
    parent: AreaRow | null,
    extra: Partial<AreaRow> = {},
  ): AreaNode => {
    const id = newId();
    const row: AreaRow = {
      id,
      parentId: parent?.id ?? null,
      level,
      name,
      code,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? (parent.depth ?? 0) + 1 : 0,
      communityId: level === "community" ? id : (parent?.communityId ?? null),
      boundary: rectPolygon(rect),
      center: rectCenter(rect),
      shortCode: null,
      ...extra,
    };
    rows.push(row);
    return { row, rect };
  };

  const upper = (level: Level, a: UpperArea, parent: AreaRow | null) => node(level, a.name, a.code, a.rect, parent);
  const city = upper("city", CITY, null);
  const districts = DISTRICTS.map((d) => upper("district", d, city.row));
  const streets = STREETS.map((s) => upper("street", s, districts[s.district].row));

  const communities = COMMUNITIES.map((spec): CommunityAreas => {
    const community = node("community", spec.name, spec.code, spec.rect, streets[spec.street].row, {
      shortCode: spec.shortCode,
      // The community's public service desk (a landline made from its code): what residents may call.
      servicePhone: `0871-6${spec.code.slice(-7)}`,
    });
    const gridRects = splitRect(spec.rect, spec.gridCols, spec.gridRows);
    const grids: AreaNode[] = [];
    const microgrids: MicrogridNode[] = [];
    gridRects.forEach((rect, g) => {
      const code = spec.code + String(g + 1).padStart(2, "0");
      const grid = node("grid", spec.gridNames[g], code, rect, community.row);
      grids.push(grid);
      const halves = spec.microSplit === "ns" ? splitRect(rect, 1, 2) : splitRect(rect, 2, 1);
      halves.forEach((half, k) => {
        const mg = node("microgrid", `${spec.gridNames[g]}${k + 1}号微网格`, `${code}${String(k + 1).padStart(2, "0")}`, half, grid.row);
        microgrids.push({ ...mg, grid: g });
      });
    });
    return { spec, community, grids, microgrids };
  });

  return { rows, city, districts, streets, communities };
}
