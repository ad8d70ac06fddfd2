import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { programmeBody, programmeDetail, programmeItem, recheckBody, recheckReply, rectificationBody, RectificationItem } from "../../../contracts/enterprise";
import { apiGet, apiPost } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";

export type ProgrammeItem = z.infer<typeof programmeItem>;
export type ProgrammeDetail = z.infer<typeof programmeDetail>;
export type { RectificationItem };
type List<T> = { items: T[]; total: number };

/** Query keys; everything under ["inspections"] is refreshed after a write. */
export const inspectionKeys = {
  all: ["inspections"] as const,
  programmes: ["inspections", "programmes"] as const,
  programme: (id: string) => ["inspections", "programme", id] as const,
  rectifications: (filter: object) => ["inspections", "rectifications", filter] as const,
  rectification: (id: string) => ["inspections", "rectification", id] as const,
};

export function useProgrammes() {
  return useQuery({ queryKey: inspectionKeys.programmes, queryFn: ({ signal }) => apiGet<List<ProgrammeItem>>("/inspection-programmes", undefined, signal) });
}

export function useProgramme(id: string) {
  return useQuery({ queryKey: inspectionKeys.programme(id), queryFn: ({ signal }) => apiGet<ProgrammeDetail>(`/inspection-programmes/${id}`, undefined, signal) });
}

export type RectificationFilter = {
  status?: "issued" | "closed" | "escalated";
  programmeId?: string;
  limit?: number;
  /** A work report's drill-down: the area's communities, the period and the date it applies to. */
  areaId?: string;
  from?: string;
  to?: string;
  dated?: "issued" | "closed" | "rechecked";
  recheck?: "passed" | "failed";
};

export function useRectifications(filter: RectificationFilter) {
  return useQuery({ queryKey: inspectionKeys.rectifications(filter), queryFn: ({ signal }) => apiGet<List<RectificationItem>>("/rectifications", filter, signal) });
}

export function useRectification(id: string) {
  return useQuery({ queryKey: inspectionKeys.rectification(id), queryFn: ({ signal }) => apiGet<RectificationItem>(`/rectifications/${id}`, undefined, signal) });
}

function useInspectionWrite<I, O>(run: (input: I, headers: Record<string, string>) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(input, { "Idempotency-Key": newIdempotencyKey() }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: inspectionKeys.all });
      // a re-check that escalates opens a case; an issued notice shows in the enterprise's history
      void client.invalidateQueries({ queryKey: ["enterprise"] });
    },
  });
}

export const useCreateProgramme = () => useInspectionWrite((body: z.input<typeof programmeBody>, h) => apiPost<{ id: string }>("/inspection-programmes", body, h));
export const useIssueRectification = () => useInspectionWrite((body: z.input<typeof rectificationBody>, h) => apiPost<{ id: string }>("/rectifications", body, h));
export const useRecheck = () =>
  useInspectionWrite(({ id, ...body }: z.input<typeof recheckBody> & { id: string }, h) => apiPost<z.infer<typeof recheckReply>>(`/rectifications/${id}/rechecks`, body, h));
