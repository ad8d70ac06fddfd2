import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { areaTreeReply } from "../../contracts/areas";
import { apiGet } from "./client";

type AreaTreeReply = z.infer<typeof areaTreeReply>;

/** The caller's area and its whole subtree, parents before children, with boundaries. */
export function useAreaTree() {
  return useQuery({
    queryKey: ["areas", "tree"],
    queryFn: ({ signal }) => apiGet<AreaTreeReply>("/areas/tree", undefined, signal),
    staleTime: 10 * 60_000,
    select: (reply) => reply.items,
  });
}
