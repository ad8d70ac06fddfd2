import type { AreaNode } from "../../../contracts/areas";
import { indexAreas } from "../../lib/area-index";

export interface AreaTreeOption {
  value: string;
  title: string;
  children: AreaTreeOption[];
}

/** The caller's area tree as TreeSelect data, down to the grids (micro-grids are too fine to pick). */
export function areaTreeData(areas: AreaNode[]): AreaTreeOption[] {
  const index = indexAreas(areas);
  const build = (nodes: AreaNode[]): AreaTreeOption[] =>
    nodes.filter((a) => a.level !== "microgrid").map((a) => ({ value: a.id, title: a.name, children: build(index.children.get(a.id) ?? []) }));
  return build(index.roots);
}
