import type { AreaLevel } from "../../../contracts/common";
import type { Overview } from "../../../contracts/areas";

export type CountKey = keyof Overview["counts"];

const DEPTH: Record<AreaLevel, number> = { city: 0, district: 1, street: 2, community: 3, grid: 4, microgrid: 5 };

/**
 * The counts worth showing for an area, in groups. Counts of levels at or above the area itself
 * ("1 community" on a community's page) say nothing and are left out.
 */
export function countGroupsFor(level: AreaLevel): Array<{ group: string; keys: CountKey[] }> {
  const depth = DEPTH[level];
  const areaKeys: CountKey[] = [];
  if (depth < DEPTH.community) areaKeys.push("communities");
  if (depth < DEPTH.grid) areaKeys.push("grids");
  if (depth < DEPTH.microgrid) areaKeys.push("microgrids");
  return [
    { group: "areas", keys: areaKeys },
    { group: "housing", keys: ["compounds", "buildings", "households", "residents"] },
    { group: "places", keys: ["publicUnits", "commercialCentres", "enterprises", "riderStations"] },
    { group: "party", keys: ["partyCommittees", "partyBranches", "partyMembers"] },
  ].filter((g) => g.keys.length > 0) as Array<{ group: string; keys: CountKey[] }>;
}

/** The headline figures of the phone home: few, the ones a grid worker thinks in. */
export const HEADLINE_KEYS: CountKey[] = ["households", "residents", "buildings", "compounds", "microgrids", "publicUnits", "enterprises", "partyMembers"];
