import { useQuery } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import { partnerKeys } from "./keys";
import { usePartnerWrite } from "./use-units";
import type { AccountItem, RedeemReply, RewardItem, RiderFriendly, VolunteerRecord } from "./types";

/** The caller's hours, points, entries and activities (riders: also their reports). */
export function useMyPoints() {
  return useQuery({ queryKey: partnerKeys.myPoints, queryFn: ({ signal }) => apiGet<VolunteerRecord>("/points/me", undefined, signal) });
}

export function useAccounts(q: string) {
  return useQuery({
    queryKey: partnerKeys.accounts(q),
    queryFn: ({ signal }) => apiGet<{ items: AccountItem[] }>("/points/accounts", { q, limit: 200 }, signal),
    select: (r) => r.items,
  });
}

export function useAccount(userId: string | null) {
  return useQuery({
    queryKey: partnerKeys.account(userId ?? ""),
    queryFn: ({ signal }) => apiGet<VolunteerRecord>(`/points/accounts/${userId}`, undefined, signal),
    enabled: !!userId,
  });
}

export function useRewards() {
  return useQuery({ queryKey: partnerKeys.rewards, queryFn: ({ signal }) => apiGet<{ items: RewardItem[] }>("/rewards", undefined, signal), select: (r) => r.items });
}

export function useRiderFriendly() {
  return useQuery({ queryKey: partnerKeys.rider, queryFn: ({ signal }) => apiGet<RiderFriendly>("/riders/friendly", undefined, signal) });
}

export const useCorrectPoints = () =>
  usePartnerWrite((body: { userId: string; hours: number; points: number; reason: string }) => apiPost<{ entryId: string }>("/points/corrections", body));
export const useCreateReward = () => usePartnerWrite((body: { name: string; cost: number; stock: number; unitId?: string }) => apiPost<{ id: string }>("/rewards", body));
export const useUpdateReward = () =>
  usePartnerWrite(({ id, ...body }: { id: string; name?: string; cost?: number; stock?: number; active?: boolean }) => apiPatch(`/rewards/${id}`, body));
/** Spends points; one key per tap, so that a retried request never spends twice. */
export const useRedeem = () => usePartnerWrite((id: string) => apiPost<RedeemReply>(`/rewards/${id}/redeem`, {}, { "Idempotency-Key": newIdempotencyKey() }));
export const useCreateRiderService = () =>
  usePartnerWrite((body: { kind: string; name: string; description: string; unitId?: string }) => apiPost<{ id: string }>("/riders/services", body));
