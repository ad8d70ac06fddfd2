import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { locateReply } from "../../../contracts/areas";
import { apiGet } from "../../api/client";
import type { LngLat } from "./types";

export type Placement = z.infer<typeof locateReply>;

/** The community, grid and micro-grid a point lies in (all null outside every area). */
export function useLocate(at: LngLat | null) {
  return useQuery({
    queryKey: ["areas", "locate", at?.[0], at?.[1]],
    queryFn: ({ signal }) => apiGet<Placement>("/areas/locate", { lng: at![0], lat: at![1] }, signal),
    enabled: !!at,
    staleTime: 30 * 60_000,
  });
}
