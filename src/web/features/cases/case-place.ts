import type { AreaNode } from "../../../contracts/areas";
import { pointInRing } from "../../../contracts/geometry";
import type { CaseSummary, LngLat } from "./types";

/** The micro-grid of the case's grid its point lies in, when the caller's area tree holds it. */
export function microgridOf(c: Pick<CaseSummary, "grid" | "location">, areas: AreaNode[]): AreaNode | undefined {
  if (!c.location || !c.grid) return undefined;
  return areas.find((a) => a.level === "microgrid" && a.parentId === c.grid!.id && a.boundary && a.boundary.length >= 3 && pointInRing(c.location!, a.boundary));
}

/**
 * The areas a case lies in, as people name them: community, then the micro-grid (its name carries
 * the grid's: 红康第三网格2号微网格) or else the grid.
 */
export function areaWordsOf(c: Pick<CaseSummary, "community" | "grid" | "location">, areas: AreaNode[]): string {
  const micro = microgridOf(c, areas);
  const inner = micro && c.grid && !micro.name.includes(c.grid.name) ? `${c.grid.name} · ${micro.name}` : (micro?.name ?? c.grid?.name);
  return [c.community?.name, inner].filter(Boolean).join(" · ");
}

/** The stored point as a short secondary line (never the only place text). */
export const coordinatesText = (at: LngLat) => `${at[0].toFixed(5)}, ${at[1].toFixed(5)}`;
