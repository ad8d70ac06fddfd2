import { useQuery } from "@tanstack/react-query";
import type { Overview } from "../../../contracts/areas";
import { apiGet } from "../../api/client";

/** The counts of an area (default: the caller's own area). */
export function useOverview(areaId?: string | null) {
  return useQuery({
    queryKey: ["overview", areaId ?? "home"],
    queryFn: ({ signal }) => apiGet<Overview>("/overview", { areaId: areaId ?? undefined }, signal),
  });
}
