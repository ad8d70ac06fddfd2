import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client";
import { caseKeys } from "./case-keys";
import type { CaseDetail, CaseListReply, CaseSummary } from "./types";

/** One case with its timeline, photos and the actions the caller may take now. */
export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => apiGet<CaseDetail>(`/cases/${id}`, undefined, signal),
    staleTime: 5_000,
  });
}

export interface CaseHandler {
  id: string;
  name: string;
  role: string;
  area: string;
}

/** The people of the case's community it can be dispatched to. */
export function useCaseHandlers(id: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.handlers(id),
    queryFn: ({ signal }) => apiGet<{ items: CaseHandler[] }>(`/cases/${id}/handlers`, undefined, signal),
    select: (reply) => reply.items,
    enabled,
  });
}

/** The case with this number (e.g. HK-20260501-0001) among those the caller may see, if any. */
export async function findCaseByNumber(number: string): Promise<CaseSummary | undefined> {
  const wanted = number.trim().toUpperCase();
  const reply = await apiGet<CaseListReply>("/cases", { q: wanted, limit: 1 });
  return reply.items.find((c) => c.number === wanted);
}
