import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { advanceBody, assignBody, briefingBody, campaignBody, cultivationBody, enterprisePatchBody, eventBody, referNeedBody, visitBody } from "../../../contracts/enterprise";
import { apiGet, apiPatch, apiPost } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import { enterpriseKeys } from "./keys";
import type { BriefingItem, CampaignDetail, CampaignItem, CultivationItem, EnterpriseDetail, EnterpriseItem, EventItem, List, NeedItem, NeedMatches, TargetItem } from "./types";

/** A work report's drill-down: the area's communities and the period (of the date the list's `dated` names). */
export type DrillFilter = { areaId?: string; from?: string; to?: string };

export type EnterpriseFilter = { q?: string; kind?: "enterprise" | "shop"; key?: "true"; stage?: string; limit?: number } & DrillFilter;

export function useEnterprises(filter: EnterpriseFilter) {
  return useQuery({ queryKey: enterpriseKeys.list(filter), queryFn: ({ signal }) => apiGet<List<EnterpriseItem>>("/enterprises", filter, signal) });
}

export function useEnterprise(id: string) {
  return useQuery({ queryKey: enterpriseKeys.detail(id), queryFn: ({ signal }) => apiGet<EnterpriseDetail>(`/enterprises/${id}`, undefined, signal) });
}

export function useCampaigns() {
  return useQuery({ queryKey: enterpriseKeys.campaigns, queryFn: ({ signal }) => apiGet<List<CampaignItem>>("/enterprise-campaigns", undefined, signal) });
}

export function useCampaign(id: string | undefined) {
  return useQuery({ queryKey: enterpriseKeys.campaign(id ?? ""), queryFn: ({ signal }) => apiGet<CampaignDetail>(`/enterprise-campaigns/${id}`, undefined, signal), enabled: !!id });
}

export type TargetFilter = { mine?: "true"; visited?: "true" | "false"; limit?: number };

export function useTargets(id: string | undefined, filter: TargetFilter) {
  return useQuery({
    queryKey: enterpriseKeys.targets(id ?? "", filter),
    queryFn: ({ signal }) => apiGet<List<TargetItem>>(`/enterprise-campaigns/${id}/targets`, filter, signal),
    enabled: !!id,
  });
}

/** The caller's own targets of every running campaign (the grid worker's visit list on the phone). */
export function useMyTargets(campaigns: CampaignItem[]) {
  return useQueries({
    queries: campaigns.map((c) => ({
      queryKey: enterpriseKeys.targets(c.id, { mine: "true" }),
      queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<List<TargetItem>>(`/enterprise-campaigns/${c.id}/targets`, { mine: "true" }, signal),
    })),
  });
}

export type NeedFilter = { status?: NeedItem["status"]; kind?: NeedItem["kind"]; placeId?: string; limit?: number; dated?: "raised" | "settled"; outcome?: "matched" | "referred" } & DrillFilter;

export function useNeeds(filter: NeedFilter) {
  return useQuery({ queryKey: enterpriseKeys.needs(filter), queryFn: ({ signal }) => apiGet<List<NeedItem>>("/enterprise-needs", filter, signal) });
}

export function useNeedMatches(id: string | undefined) {
  return useQuery({ queryKey: enterpriseKeys.matches(id ?? ""), queryFn: ({ signal }) => apiGet<NeedMatches>(`/enterprise-needs/${id}/matches`, undefined, signal), enabled: !!id });
}

export type CultivationFilter = { stage?: CultivationItem["stage"]; dated?: "declared" | "decided" } & DrillFilter;

export function useCultivations(filter: CultivationFilter = {}) {
  return useQuery({ queryKey: [...enterpriseKeys.cultivations, filter], queryFn: ({ signal }) => apiGet<List<CultivationItem>>("/cultivations", filter, signal) });
}

export function useBriefings(filter: DrillFilter = {}) {
  return useQuery({ queryKey: [...enterpriseKeys.briefings, filter], queryFn: ({ signal }) => apiGet<List<BriefingItem>>("/enterprise-briefings", filter, signal) });
}

export function useEvents(filter: DrillFilter = {}) {
  return useQuery({ queryKey: [...enterpriseKeys.events, filter], queryFn: ({ signal }) => apiGet<List<EventItem>>("/business-events", filter, signal) });
}

/** A write of this feature (with an idempotency key); afterwards everything under ["enterprise"] is fetched again. */
function useEnterpriseWrite<I, O>(run: (input: I, key: Record<string, string>) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: (input: I) => run(input, { "Idempotency-Key": newIdempotencyKey() }), onSuccess: () => client.invalidateQueries({ queryKey: enterpriseKeys.all }) });
}

type Id = { id: string };
export const usePatchEnterprise = (id: string) => useEnterpriseWrite((body: z.input<typeof enterprisePatchBody>) => apiPatch<Id>(`/enterprises/${id}`, body));
export const useUnmaskContact = (id: string) => useMutation({ mutationFn: (reason: string) => apiPost<{ contactPhone: string | null }>(`/enterprises/${id}/unmask`, { reason }) });
export const useRecordVisit = () =>
  useEnterpriseWrite(({ placeId, ...body }: z.input<typeof visitBody> & { placeId: string }, h) => apiPost<{ id: string; needIds: string[] }>(`/enterprises/${placeId}/visits`, body, h));
export const useCreateCampaign = () => useEnterpriseWrite((body: z.input<typeof campaignBody>, h) => apiPost<Id>("/enterprise-campaigns", body, h));
export const useAssignTargets = (id: string) => useEnterpriseWrite((body: z.input<typeof assignBody>, h) => apiPost<{ assigned: number }>(`/enterprise-campaigns/${id}/assign`, body, h));
export const useMatchNeed = () => useEnterpriseWrite(({ id, itemId }: { id: string; itemId: string }, h) => apiPost<Id>(`/enterprise-needs/${id}/match`, { itemId }, h));
export const useReferNeed = () =>
  useEnterpriseWrite(({ id, ...body }: z.input<typeof referNeedBody> & { id: string }, h) => apiPost<{ id: string; caseId: string }>(`/enterprise-needs/${id}/refer`, body, h));
export const useSettleNeed = () => useEnterpriseWrite(({ id, settlement }: { id: string; settlement: string }, h) => apiPost<Id>(`/enterprise-needs/${id}/settle`, { settlement }, h));
export const useAddCandidate = () => useEnterpriseWrite((body: z.input<typeof cultivationBody>, h) => apiPost<Id>("/cultivations", body, h));
export const useAdvanceCultivation = () =>
  useEnterpriseWrite(({ placeId, ...body }: z.input<typeof advanceBody> & { placeId: string }, h) => apiPost<Id>(`/cultivations/${placeId}/advance`, body, h));
export const useUpdateDocuments = () =>
  useEnterpriseWrite(({ placeId, documents }: { placeId: string; documents: Record<string, boolean> }, h) => apiPost<Id>(`/cultivations/${placeId}/documents`, { documents }, h));
export const useRecordBriefing = () => useEnterpriseWrite((body: z.input<typeof briefingBody>, h) => apiPost<Id>("/enterprise-briefings", body, h));
export const useRecordEvent = () => useEnterpriseWrite((body: z.input<typeof eventBody>, h) => apiPost<Id>("/business-events", body, h));
