import { useMutation, useQuery } from "@tanstack/react-query";
import { apiGet, apiPost } from "../../api/client";
import { partnerKeys } from "./keys";
import { usePartnerWrite } from "./use-units";
import type { ApplicationInput, ApplicationItem, AssignmentItem, CallInput, CallItem, DecisionReply, PublicCall, TalentItem, TeamDetail, TeamItem } from "./types";

export function useCalls() {
  return useQuery({ queryKey: partnerKeys.calls, queryFn: ({ signal }) => apiGet<{ items: CallItem[] }>("/talent/calls", undefined, signal), select: (r) => r.items });
}

export type ApplicationFilter = { callId?: string; status?: "pending" | "approved" | "rejected" };

export function useApplications(filter: ApplicationFilter) {
  return useQuery({
    queryKey: partnerKeys.applications(filter),
    queryFn: ({ signal }) => apiGet<{ items: ApplicationItem[] }>("/talent/applications", { ...filter, limit: 200 }, signal),
    select: (r) => r.items,
  });
}

export type TalentFilter = { q?: string; category?: string; teamId?: string; areaId?: string; from?: string; to?: string; dated?: string };

export function useTalents(filter: TalentFilter) {
  return useQuery({
    queryKey: partnerKeys.talents(filter),
    queryFn: ({ signal }) => apiGet<{ items: TalentItem[]; total: number }>("/talent/talents", { ...filter, limit: 200 }, signal),
  });
}

export function useTeams() {
  return useQuery({ queryKey: partnerKeys.teams, queryFn: ({ signal }) => apiGet<{ items: TeamItem[] }>("/talent/teams", undefined, signal), select: (r) => r.items });
}

export function useTeam(id: string | null) {
  return useQuery({
    queryKey: partnerKeys.team(id ?? ""),
    queryFn: ({ signal }) => apiGet<TeamDetail>(`/talent/teams/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The caller's own teams and what was handed to them. */
export function useMyTalent() {
  return useQuery({
    queryKey: partnerKeys.myTalent,
    queryFn: ({ signal }) => apiGet<{ talents: TalentItem[]; assignments: AssignmentItem[] }>("/talent/me", undefined, signal),
  });
}

export const useCreateCall = () => usePartnerWrite((body: CallInput) => apiPost<{ id: string; slug: string; signupUrl: string }>("/talent/calls", body));
export const useDecide = () =>
  usePartnerWrite(({ id, ...body }: { id: string; decision: "approve" | "reject"; teamId?: string; note?: string }) =>
    apiPost<DecisionReply>(`/talent/applications/${id}/decision`, body),
  );
export const useCreateTeam = () =>
  usePartnerWrite((body: { name: string; kind: string; leaderTalentId?: string; memberTalentIds?: string[] }) => apiPost<{ id: string }>("/talent/teams", body));
export const useAddTeamMember = (teamId: string) => usePartnerWrite((talentId: string) => apiPost(`/talent/teams/${teamId}/members`, { talentId }));

/** The public page of a recruitment call (no session needed). */
export function usePublicCall(slug: string) {
  return useQuery({ queryKey: partnerKeys.publicCall(slug), queryFn: ({ signal }) => apiGet<PublicCall>(`/public/recruitment/${slug}`, undefined, signal), retry: false });
}

export function useApply(slug: string) {
  return useMutation({ mutationFn: (body: ApplicationInput) => apiPost<{ received: true }>(`/public/recruitment/${slug}/applications`, body) });
}
