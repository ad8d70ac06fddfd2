import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import type { InboxCountsReply, InboxReply } from "../../../contracts/inbox";

export const inboxKeys = {
  all: ["inbox"] as const,
  full: ["inbox", "full"] as const,
  counts: ["inbox", "counts"] as const,
};

/** The caller's 待办 inbox (refreshed every minute and whenever a write invalidates "inbox"). */
export function useInbox(enabled = true) {
  return useQuery({ queryKey: inboxKeys.full, queryFn: ({ signal }) => apiGet<InboxReply>("/inbox", undefined, signal), enabled, staleTime: 0, refetchInterval: 60_000 });
}

/** The numbers for the side navigation's badges. */
export function useInboxCounts(enabled = true) {
  return useQuery({ queryKey: inboxKeys.counts, queryFn: ({ signal }) => apiGet<InboxCountsReply>("/inbox/counts", undefined, signal), enabled, staleTime: 0, refetchInterval: 60_000 });
}
