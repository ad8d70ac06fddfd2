import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost, apiUpload } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import type { ApiKeyItem, ApiKeyPurpose } from "../../../contracts/api-keys";
import type { HotlineImportReport, HotlineOrderItem } from "../../../contracts/hotline";

export type { ApiKeyItem, HotlineImportReport, HotlineOrderItem };

const keys = { apiKeys: ["api-keys"] as const, orders: ["hotline", "orders"] as const };

export function useApiKeys() {
  return useQuery({ queryKey: keys.apiKeys, queryFn: ({ signal }) => apiGet<{ items: ApiKeyItem[]; total: number }>("/api-keys", undefined, signal) });
}

export function useIssueKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; purpose: ApiKeyPurpose; areaId: string; ratePerMinute: number }) => apiPost<{ id: string; key: string; prefix: string }>("/api-keys", input, { "Idempotency-Key": newIdempotencyKey() }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeKey() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (id: string) => apiPost<{ ok: true }>(`/api-keys/${id}/revoke`, {}), onSuccess: () => qc.invalidateQueries({ queryKey: keys.apiKeys }) });
}

export function useHotlineOrders(enabled: boolean) {
  return useQuery({ queryKey: keys.orders, enabled, queryFn: ({ signal }) => apiGet<{ items: HotlineOrderItem[]; total: number }>("/hotline/orders", { limit: "200" }, signal) });
}

export function useHotlineImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => apiUpload<HotlineImportReport>("/hotline/import", file, file.name),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.orders }),
  });
}
