import type { LngLat } from "../../db/schema/types";
import { haversine } from "./track";

/**
 * Orders visits by nearest neighbour from a start point: good enough for a walk through one grid
 * (tens to a few hundred stops), and it needs no map service.
 */
export function orderByNearest<T extends { location: LngLat | null }>(stops: T[], start: LngLat | null) {
  const placed = stops.filter((s) => s.location);
  const unplaced = stops.filter((s) => !s.location);
  const left = [...placed];
  const ordered: Array<T & { order: number; legMeters: number }> = [];
  let here = start ?? placed[0]?.location ?? null;
  let total = 0;
  while (left.length && here) {
    let best = 0;
    let bestD = Infinity;
    for (let i = 0; i < left.length; i++) {
      const d = haversine(here, left[i].location!);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    const [next] = left.splice(best, 1);
    const leg = Math.round(bestD);
    total += leg;
    ordered.push({ ...next, order: ordered.length + 1, legMeters: leg });
    here = next.location;
  }
  return { ordered, unplaced, totalMeters: total };
}
