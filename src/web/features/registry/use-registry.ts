import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { correctionBody, moveOutBody, newPersonBody, OwnRecord, setTagBody, updatePersonBody, visitBody } from "../../../contracts/registry";
import { apiDelete, apiGet, apiPatch, apiPost } from "../../api/client";
import { registryKeys } from "./keys";
import type { Building, CareReply, Compound, Correction, HouseholdDetail, HouseholdItem, PersonDetail, Place, TagDefinition, Unmasked } from "./types";

/** The tag dictionary the user may see (restricted tags only for those allowed). */
export function useTagDefinitions() {
  return useQuery({
    queryKey: registryKeys.tags(),
    queryFn: ({ signal }) => apiGet<{ items: TagDefinition[] }>("/registry/tags", undefined, signal),
    select: (r) => r.items,
    staleTime: 10 * 60_000,
  });
}

export function useCompounds() {
  return useQuery({
    queryKey: registryKeys.compounds(),
    queryFn: ({ signal }) => apiGet<{ items: Compound[] }>("/registry/compounds", undefined, signal),
    select: (r) => r.items,
  });
}

export function useBuildings(compoundId: string | undefined) {
  return useQuery({
    queryKey: registryKeys.buildings(compoundId ?? ""),
    queryFn: ({ signal }) => apiGet<{ items: Building[] }>(`/registry/compounds/${compoundId}/buildings`, undefined, signal),
    select: (r) => r.items,
    enabled: !!compoundId,
  });
}

export function useHouseholds(buildingId: string | undefined, archived = false) {
  return useQuery({
    queryKey: registryKeys.households(buildingId ?? "", archived),
    queryFn: ({ signal }) => apiGet<{ items: HouseholdItem[] }>(`/registry/buildings/${buildingId}/households`, { archived: archived ? "true" : undefined }, signal),
    select: (r) => r.items,
    enabled: !!buildingId,
  });
}

export function useHousehold(id: string) {
  return useQuery({ queryKey: registryKeys.household(id), queryFn: ({ signal }) => apiGet<HouseholdDetail>(`/registry/households/${id}`, undefined, signal) });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: registryKeys.person(id), queryFn: ({ signal }) => apiGet<PersonDetail>(`/registry/people/${id}`, undefined, signal) });
}

/** A page of the care list on the phone. */
export const CARE_PAGE = 200;

/** People with care tags in the user's scope, due visits first, page after page ("load more"), with the total. */
export function useCarePeople(tag: string | undefined) {
  return useInfiniteQuery({
    queryKey: registryKeys.care(tag),
    queryFn: ({ pageParam, signal }) => apiGet<CareReply>("/registry/care-people", { tag, offset: pageParam, limit: CARE_PAGE }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
  });
}

export function usePlaces(kind: string | undefined) {
  return useQuery({
    queryKey: registryKeys.places(kind),
    queryFn: ({ signal }) => apiGet<{ items: Place[] }>("/places", { kind }, signal),
    select: (r) => r.items,
  });
}

export function useCorrections(enabled: boolean) {
  return useQuery({
    queryKey: registryKeys.corrections(),
    queryFn: ({ signal }) => apiGet<{ items: Correction[] }>("/registry/corrections", undefined, signal),
    select: (r) => r.items,
    enabled,
  });
}

/** The signed-in resident's own record and correction requests (`person` null when the register has none). */
export function useOwnRecord() {
  return useQuery({ queryKey: registryKeys.own(), queryFn: ({ signal }) => apiGet<OwnRecord>("/me/person", undefined, signal) });
}

/** A write of the registry; afterwards every registry answer (and the people search) is refreshed. */
function useRegistryWrite<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: registryKeys.all });
      void client.invalidateQueries({ queryKey: ["people"] });
    },
  });
}

/** The full ID number and phone, for a typed reason; the server audits every call. Not cached. */
export function useUnmask(personId: string) {
  return useMutation({ mutationFn: (reason: string) => apiPost<Unmasked>(`/registry/people/${personId}/unmask`, { reason }) });
}

export const useSetTag = (personId: string) => useRegistryWrite((body: z.input<typeof setTagBody>) => apiPost<{ id: string }>(`/registry/people/${personId}/tags`, body));
export const useRemoveTag = (personId: string) => useRegistryWrite((code: string) => apiDelete<{ ok: true }>(`/registry/people/${personId}/tags/${encodeURIComponent(code)}`));
export const useUpdatePerson = (personId: string) => useRegistryWrite((body: z.input<typeof updatePersonBody>) => apiPatch<{ id: string }>(`/registry/people/${personId}`, body));
export const useMovePersonOut = (personId: string) => useRegistryWrite((body: z.input<typeof moveOutBody>) => apiPost<{ id: string }>(`/registry/people/${personId}/move-out`, body));
export const useMoveHouseholdOut = (householdId: string) => useRegistryWrite((body: z.input<typeof moveOutBody>) => apiPost<{ id: string }>(`/registry/households/${householdId}/move-out`, body));
export const useAddMember = (householdId: string) => useRegistryWrite((body: z.input<typeof newPersonBody>) => apiPost<{ id: string }>(`/registry/households/${householdId}/members`, body));
export const useRecordVisit = () => useRegistryWrite((body: z.input<typeof visitBody>) => apiPost<{ id: string }>("/registry/visits", body));
export const useSettleCorrection = () => useRegistryWrite((input: { id: string; status: "done" | "rejected" }) => apiPost<{ ok: true }>(`/registry/corrections/${input.id}`, { status: input.status }));
export const useRequestCorrection = () => useRegistryWrite((body: z.input<typeof correctionBody>) => apiPost<{ id: string }>("/me/person/corrections", body));
