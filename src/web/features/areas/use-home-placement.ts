import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { locateReply } from "../../../contracts/areas";
import type { SessionUser } from "../../../contracts/auth";
import { apiGet } from "../../api/client";
import { useAreaTree } from "./use-area-tree";

type Placement = z.infer<typeof locateReply>;

/**
 * The community, grid and micro-grid that the user's own area lies in. The session names only
 * the user's own node (a resident's is often a micro-grid); its centre, located, names the rest.
 */
export function useHomePlacement(user: SessionUser) {
  const tree = useAreaTree();
  const own = tree.data?.find((a) => a.id === user.area?.id);
  const center = own?.center ?? null;
  return useQuery({
    queryKey: ["areas", "placement", user.area?.id, center],
    queryFn: ({ signal }) => apiGet<Placement>("/areas/locate", { lng: center![0], lat: center![1] }, signal),
    enabled: !!center,
    staleTime: 30 * 60_000,
  });
}
