import { useInfiniteQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { auditReply } from "../../../contracts/audit";
import { apiGet } from "../../api/client";

type AuditReply = z.infer<typeof auditReply>;
export type AuditItem = AuditReply["items"][number];

/** The audit log of the caller's scope, newest first, 50 rows a page. */
export function useAudit(filter: { action?: string; targetType?: string }) {
  return useInfiniteQuery({
    queryKey: ["audit", filter],
    queryFn: ({ pageParam, signal }) => apiGet<AuditReply>("/audit", { ...filter, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
