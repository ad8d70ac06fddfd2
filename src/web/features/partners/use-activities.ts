import { useQuery } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost } from "../../api/client";
import { partnerKeys } from "./keys";
import { usePartnerWrite } from "./use-units";
import type { ActivityDetail, ActivityInput, ActivitySummary, CheckinReply, CreateActivitiesReply, SignupItem, SignupReply } from "./types";

export type ActivityFilter = { kind?: string; status?: string; from?: string; to?: string; upcoming?: "true"; mine?: "true"; seriesId?: string };

export function useActivities(filter: ActivityFilter) {
  return useQuery({
    queryKey: partnerKeys.activities(filter),
    queryFn: ({ signal }) => apiGet<{ items: ActivitySummary[] }>("/activities", { ...filter, limit: 300 }, signal),
    select: (r) => r.items,
  });
}

export function useActivity(id: string) {
  return useQuery({ queryKey: partnerKeys.activity(id), queryFn: ({ signal }) => apiGet<ActivityDetail>(`/activities/${id}`, undefined, signal) });
}

/** The roster: confirmed first, then the waiting list in order. */
export function useSignups(id: string) {
  return useQuery({ queryKey: partnerKeys.signups(id), queryFn: ({ signal }) => apiGet<{ items: SignupItem[] }>(`/activities/${id}/signups`, undefined, signal), select: (r) => r.items });
}

/** What the venue's QR code carries (asked only when the code is to be shown). */
export function useCheckinCode(id: string, enabled: boolean) {
  return useQuery({
    queryKey: partnerKeys.checkinCode(id),
    queryFn: ({ signal }) => apiGet<{ code: string; url: string }>(`/activities/${id}/checkin-code`, undefined, signal),
    enabled,
  });
}

export const useCreateActivities = () => usePartnerWrite((body: ActivityInput) => apiPost<CreateActivitiesReply>("/activities", body));
export const useUpdateActivity = (id: string) =>
  usePartnerWrite((body: { status?: string; capacity?: number; title?: string; place?: string; description?: string }) => apiPatch<ActivityDetail>(`/activities/${id}`, body));
export const useSignUp = (id: string) => usePartnerWrite(() => apiPost<SignupReply>(`/activities/${id}/signups`));
export const useCancelSignup = (id: string) => usePartnerWrite(() => apiPost(`/activities/${id}/signups/cancel`));
export const useCheckIn = (id: string) => usePartnerWrite((code: string) => apiPost<CheckinReply>(`/activities/${id}/checkin`, { code }));
export const useRecordOutputs = (id: string) =>
  usePartnerWrite((body: { outputs?: Record<string, number>; photoIds?: string[] }) => apiPost<ActivityDetail>(`/activities/${id}/outputs`, body));
export const useAddBooth = (id: string) => usePartnerWrite((body: { name: string; unitId?: string; teamId?: string }) => apiPost(`/activities/${id}/booths`, body));
export const useAddActivityUnit = (id: string) => usePartnerWrite((unitId: string) => apiPost(`/activities/${id}/units`, { unitId }));
