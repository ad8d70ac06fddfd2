import type { AreaNode } from "../../contracts/areas";

/** A party-red-free palette: distinct, calm colours for neighbouring grids. */
const PALETTE = ["#1677ff", "#13a8a8", "#fa8c16", "#722ed1", "#52c41a", "#eb2f96", "#2f54eb", "#faad14", "#08979c", "#a0d911"];

export interface AreaIndex {
  byId: Map<string, AreaNode>;
  children: Map<string | null, AreaNode[]>;
  roots: AreaNode[];
  /** The colour of each grid; a micro-grid takes the colour of its grid. */
  colourOf: (area: AreaNode) => string;
  /** The grid a node is in (itself for a grid), if any. */
  gridOf: (area: AreaNode) => AreaNode | undefined;
}

/** Indexes the flat list of the tree reply (parents come before children). */
export function indexAreas(items: AreaNode[]): AreaIndex {
  const byId = new Map(items.map((a) => [a.id, a]));
  const children = new Map<string | null, AreaNode[]>();
  const roots: AreaNode[] = [];
  for (const area of items) {
    const parentKey = area.parentId && byId.has(area.parentId) ? area.parentId : null;
    if (parentKey === null) roots.push(area);
    const list = children.get(parentKey) ?? [];
    list.push(area);
    children.set(parentKey, list);
  }
  const gridColours = new Map<string, string>();
  items.filter((a) => a.level === "grid").forEach((g, i) => gridColours.set(g.id, PALETTE[i % PALETTE.length]));
  const gridOf = (area: AreaNode): AreaNode | undefined => {
    if (area.level === "grid") return area;
    if (area.level === "microgrid" && area.parentId) return byId.get(area.parentId);
    return undefined;
  };
  const colourOf = (area: AreaNode) => {
    const grid = gridOf(area);
    return (grid && gridColours.get(grid.id)) ?? "#8c8c8c";
  };
  return { byId, children, roots, colourOf, gridOf };
}

/** The node and every node below it. */
export function subtreeOf(index: AreaIndex, id: string): AreaNode[] {
  const out: AreaNode[] = [];
  const walk = (node: AreaNode) => {
    out.push(node);
    (index.children.get(node.id) ?? []).forEach(walk);
  };
  const start = index.byId.get(id);
  if (start) walk(start);
  return out;
}
