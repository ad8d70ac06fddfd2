import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import type { StreetCompareReply, StreetQueueReply } from "../../../contracts/street";

export const streetKeys = {
  compare: (from: string, to: string) => ["street", "compare", from, to] as const,
  queue: (limit: number) => ["street", "queue", limit] as const,
};

/** The communities of the caller's scope side by side for a period. */
export function useStreetCompare(from: string, to: string) {
  return useQuery({
    queryKey: streetKeys.compare(from, to),
    queryFn: ({ signal }) => apiGet<StreetCompareReply>("/street/compare", { from, to }, signal),
    placeholderData: (previous) => previous,
  });
}

/** The street-level queue: escalated and handed-over cases, overdue first. */
export function useStreetQueue(limit = 50) {
  return useQuery({
    queryKey: streetKeys.queue(limit),
    queryFn: ({ signal }) => apiGet<StreetQueueReply>("/street/queue", { limit }, signal),
  });
}
