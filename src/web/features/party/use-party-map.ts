import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import type { BuildingContacts, PartyMap } from "../../../contracts/party-map";

export type { BuildingContacts, PartyMap };

/** Under the party keys, so that a party write (a new 楼栋长, a 中心户) refreshes the map too. */
const mapKeys = {
  map: (c?: string) => ["party", "map", c ?? ""] as const,
  buildingContacts: (id: string) => ["party", "building-contacts", id] as const,
};

/** 党建地图: a community's buildings with their 楼栋长 and 中心户 coverage. */
export const usePartyMap = (communityId?: string) =>
  useQuery({ queryKey: mapKeys.map(communityId), queryFn: ({ signal }) => apiGet<PartyMap>("/party/map", { communityId }, signal) });

/** A building's 楼栋长 and each household's 中心户 (the console's party map, the grid worker's building on the phone). */
export const useBuildingContacts = (buildingId: string | null, enabled = true) =>
  useQuery({
    queryKey: mapKeys.buildingContacts(buildingId ?? ""),
    queryFn: ({ signal }) => apiGet<BuildingContacts>(`/party/buildings/${buildingId}/contacts`, undefined, signal),
    enabled: !!buildingId && enabled,
  });
