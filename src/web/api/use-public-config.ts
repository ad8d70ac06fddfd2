import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { publicConfigReply } from "../../contracts/config";
import { apiGet } from "./client";

export type PublicConfig = z.infer<typeof publicConfigReply>;

/** Public settings of the installation: demo mode, map tiles, demo accounts. */
export function usePublicConfig() {
  return useQuery({
    queryKey: ["config"],
    queryFn: () => apiGet<PublicConfig>("/config"),
    staleTime: Infinity,
  });
}
