import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import type { MyCommunity, NoticeItem } from "../../../contracts/notices";

export type { MyCommunity, NoticeItem };

export const noticeKeys = {
  all: ["notices"] as const,
  list: (all: boolean) => ["notices", "list", all] as const,
  myCommunity: ["my-community"] as const,
};

/** The community notices the caller may read (pinned first, then newest); writers may include withdrawn and expired. */
export function useNotices(all = false) {
  return useQuery({
    queryKey: noticeKeys.list(all),
    queryFn: ({ signal }) => apiGet<{ items: NoticeItem[]; total: number }>("/notices", all ? { all: "true" } : undefined, signal),
  });
}

export function useMyCommunity() {
  return useQuery({ queryKey: noticeKeys.myCommunity, queryFn: ({ signal }) => apiGet<MyCommunity>("/my-community", undefined, signal), staleTime: 5 * 60_000 });
}

export interface NoticeInput {
  title: string;
  body: string;
  pinned: boolean;
  expiresAt: string | null;
}

function useNoticeWrite<T>(fn: (input: T) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: noticeKeys.all }) });
}

export const useCreateNotice = () => useNoticeWrite((input: NoticeInput) => apiPost<{ id: string }>("/notices", input, { "Idempotency-Key": newIdempotencyKey() }));
export const useUpdateNotice = () => useNoticeWrite(({ id, ...input }: NoticeInput & { id: string }) => apiPatch<{ id: string }>(`/notices/${id}`, input));
export const useWithdrawNotice = () => useNoticeWrite((id: string) => apiPost<{ id: string }>(`/notices/${id}/withdraw`, {}));
