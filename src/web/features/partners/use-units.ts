import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost } from "../../api/client";
import { partnerKeys } from "./keys";
import type { AgreementInput, GivingInput, MatchReply, PartnerMeasures, UnitDetail, UnitInput, UnitRecord, UnitSummary } from "./types";

export type UnitFilter = { q?: string; kind?: string; bigCommittee?: "true" | "false" };

/** Partner units of the caller's communities, with the agreement in force today. */
export function useUnits(filter: UnitFilter = {}) {
  return useQuery({
    queryKey: partnerKeys.units(filter),
    queryFn: ({ signal }) => apiGet<{ items: UnitSummary[] }>("/partners/units", filter, signal),
    select: (r) => r.items,
  });
}

export function useUnit(id: string) {
  return useQuery({ queryKey: partnerKeys.unit(id), queryFn: ({ signal }) => apiGet<UnitDetail>(`/partners/units/${id}`, undefined, signal) });
}

/** The unit's yearly record for its annual review. */
export function useUnitRecord(id: string, year: number) {
  return useQuery({ queryKey: partnerKeys.record(id, year), queryFn: ({ signal }) => apiGet<UnitRecord>(`/partners/units/${id}/record`, { year }, signal) });
}

export type MatchFilter = { q?: string; resourceKind?: string; categoryCode?: string };

/** Units whose agreements in force offer what a need asks for (asked only once there is a need). */
export function useMatch(filter: MatchFilter) {
  const asked = !!(filter.q || filter.resourceKind || filter.categoryCode);
  return useQuery({
    queryKey: partnerKeys.match(filter),
    queryFn: ({ signal }) => apiGet<MatchReply>("/partners/match", filter, signal),
    select: (r) => r.items,
    enabled: asked,
  });
}

export function usePartnerMeasures(from: string, to: string) {
  return useQuery({ queryKey: partnerKeys.measures(from, to), queryFn: ({ signal }) => apiGet<PartnerMeasures>("/partners/measures", { from, to }, signal) });
}

/** A write of this feature; afterwards everything under ["partners"] is fetched again. */
export function usePartnerWrite<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: partnerKeys.all }) });
}

export const useCreateUnit = () => usePartnerWrite((body: UnitInput) => apiPost<{ id: string }>("/partners/units", body));
export const useCreateAgreement = (unitId: string) => usePartnerWrite((body: AgreementInput) => apiPost<{ id: string }>(`/partners/units/${unitId}/agreements`, body));
export const useRecordGiving = (unitId: string) => usePartnerWrite((body: GivingInput) => apiPost<{ id: string }>(`/partners/units/${unitId}/givings`, body));

type Category = { code: string; name: string; nameEn: string; groupCode: string; sensitive: boolean };

/** Case categories, for matching a need to what units offer. */
export function useCaseCategories() {
  return useQuery({
    queryKey: ["partners", "case-categories"],
    queryFn: ({ signal }) => apiGet<{ items: Category[] }>("/cases/categories", undefined, signal),
    staleTime: 60 * 60_000,
    select: (r) => r.items,
  });
}
