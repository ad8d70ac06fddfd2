import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import { caseKeys } from "./case-keys";
import type { CaseFilter, CaseListReply } from "./types";

/** Cases of the caller's scope matching the filter, overdue first then due soonest, with keyset "load more" and the total. */
export function useCaseList(filter: CaseFilter, options: { scope?: "all" | "reported"; limit?: number; enabled?: boolean } = {}) {
  const scope = options.scope ?? "all";
  return useInfiniteQuery({
    queryKey: caseKeys.list(scope, filter),
    queryFn: ({ pageParam, signal }) =>
      apiGet<CaseListReply>("/cases", { ...filter, scope, cursor: pageParam, limit: options.limit ?? 30 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

/** The caller's work queue: overdue first, then new, then the oldest. */
export function useCaseQueue() {
  return useQuery({
    queryKey: caseKeys.list("queue", {}),
    queryFn: ({ signal }) => apiGet<CaseListReply>("/cases", { scope: "queue", limit: 100 }, signal),
    select: (reply) => reply.items,
    staleTime: 10_000,
  });
}

/** Cases matching the filter that have a place, for the map (at most 200, newest first). */
export function useOpenCasesOnMap(filter: CaseFilter) {
  return useQuery({
    queryKey: caseKeys.list("map", filter),
    queryFn: ({ signal }) => apiGet<CaseListReply>("/cases", { ...filter, limit: 200 }, signal),
    select: (reply) => reply.items.filter((c) => c.location),
  });
}
