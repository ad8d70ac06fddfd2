import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiGet, apiPatch, apiPost, apiPut } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import type { ORGANISER_VALUES } from "../../../contracts/party";
import type {
  activityOrganiserReply,
  completeBody,
  completeReply,
  figuresReply,
  jointUnitBody,
  jointUnitsReply,
  FoundBody,
  MemberBody,
  MemberItem,
  milestoneDoneBody,
  MyParty,
  OrgBody,
  organiserRecordReply,
  OrgPatchBody,
  projectBody,
  ProjectDetail,
  ProjectView,
  surveyBody,
  guideBody,
  TreeReply,
  twoNewReply,
  UnmaskReply,
} from "../../../contracts/party";

export type { MemberItem, MyParty, ProjectDetail, ProjectView, TreeReply, UnmaskReply };
export type TwoNewReply = z.infer<typeof twoNewReply>;
export type FiguresReply = z.infer<typeof figuresReply>;
export type OrganiserRecord = z.infer<typeof organiserRecordReply>;
export type JointUnits = z.infer<typeof jointUnitsReply>;
export type ActivityOrganiser = z.infer<typeof activityOrganiserReply>;

export const partyKeys = {
  all: ["party"] as const,
  tree: (c?: string) => ["party", "tree", c ?? ""] as const,
  members: (q: Record<string, string | undefined>) => ["party", "members", q] as const,
  twoNew: (c?: string, period?: Period) => ["party", "two-new", c ?? "", period ?? null] as const,
  projects: (c?: string, period?: Period) => ["party", "projects", c ?? "", period ?? null] as const,
  project: (id: string) => ["party", "project", id] as const,
  figures: (c: string | undefined, from: string, to: string) => ["party", "figures", c ?? "", from, to] as const,
  organisers: (c: string | undefined, from: string, to: string) => ["party", "organisers", c ?? "", from, to] as const,
  me: ["party", "me"] as const,
  joint: (c?: string) => ["party", "joint", c ?? ""] as const,
  publicProjects: ["party", "public-projects"] as const,
  publicProject: (id: string) => ["party", "public-project", id] as const,
};

const idem = () => ({ "Idempotency-Key": newIdempotencyKey() });

export const useTree = (communityId?: string) =>
  useQuery({ queryKey: partyKeys.tree(communityId), queryFn: ({ signal }) => apiGet<TreeReply>("/party/tree", { communityId }, signal) });

/** A work report's period a list is narrowed to (两新 founded in it, projects completed in it). */
export type Period = { from: string; to: string };

export const useMembers = (q: { communityId?: string; orgId?: string; kind?: string; asOf?: string; onRoll?: "true" }) =>
  useQuery({ queryKey: partyKeys.members(q), queryFn: ({ signal }) => apiGet<{ items: MemberItem[]; total: number }>("/party/members", q, signal) });

export const useTwoNew = (communityId?: string, period?: Period) =>
  useQuery({ queryKey: partyKeys.twoNew(communityId, period), queryFn: ({ signal }) => apiGet<TwoNewReply>("/party/two-new", { communityId, ...period }, signal) });

export const useProjects = (communityId?: string, period?: Period) =>
  useQuery({
    queryKey: partyKeys.projects(communityId, period),
    queryFn: ({ signal }) => apiGet<{ items: ProjectView[]; total: number }>("/party/projects", { communityId, ...period }, signal),
  });

export const useProject = (id: string | null) =>
  useQuery({ queryKey: partyKeys.project(id ?? ""), queryFn: ({ signal }) => apiGet<ProjectDetail>(`/party/projects/${id}`, undefined, signal), enabled: !!id });

export const useFigures = (communityId: string | undefined, from: string, to: string) =>
  useQuery({ queryKey: partyKeys.figures(communityId, from, to), queryFn: ({ signal }) => apiGet<FiguresReply>("/party/figures", { communityId, from, to }, signal) });

export const useOrganisers = (communityId: string | undefined, from: string, to: string) =>
  useQuery({ queryKey: partyKeys.organisers(communityId, from, to), queryFn: ({ signal }) => apiGet<OrganiserRecord>("/party/organisers", { communityId, from, to }, signal) });

export const useJointUnits = (communityId?: string) =>
  useQuery({ queryKey: partyKeys.joint(communityId), queryFn: ({ signal }) => apiGet<JointUnits>("/party/joint-units", { communityId }, signal) });

export const useMyParty = () => useQuery({ queryKey: partyKeys.me, queryFn: ({ signal }) => apiGet<MyParty>("/party/me", undefined, signal) });

export const usePublicProjects = () =>
  useQuery({ queryKey: partyKeys.publicProjects, queryFn: ({ signal }) => apiGet<{ items: ProjectView[]; total: number }>("/community/projects", undefined, signal) });

export const usePublicProject = (id: string) =>
  useQuery({ queryKey: partyKeys.publicProject(id), queryFn: ({ signal }) => apiGet<ProjectView>(`/community/projects/${id}`, undefined, signal) });

function usePartyWrite<T, R = { id: string }>(fn: (input: T) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: partyKeys.all }) });
}

export const useCreateOrg = () => usePartyWrite((body: OrgBody) => apiPost<{ id: string }>("/party/orgs", body, idem()));
export const useUpdateOrg = () => usePartyWrite(({ id, ...body }: OrgPatchBody & { id: string }) => apiPatch<{ id: string }>(`/party/orgs/${id}`, body));
export const useCreateMember = () => usePartyWrite((body: MemberBody) => apiPost<{ id: string }>("/party/members", body, idem()));
export const useUpdateMember = () => usePartyWrite(({ id, ...body }: { id: string; role?: MemberItem["role"]; groupId?: string | null }) => apiPatch<{ id: string }>(`/party/members/${id}`, body));
export const useSetAnchor = () => usePartyWrite(({ id, householdIds }: { id: string; householdIds: string[] }) => apiPut<{ id: string }>(`/party/members/${id}/anchor`, { householdIds }));
export const useLinkJointUnit = () => usePartyWrite((body: z.input<typeof jointUnitBody>) => apiPost<{ id: string }>("/party/joint-units", body, idem()));
export const useUnmaskMember = () => useMutation({ mutationFn: ({ id, reason }: { id: string; reason: string }) => apiPost<UnmaskReply>(`/party/members/${id}/unmask`, { reason }) });
export const useSurvey = () => usePartyWrite(({ placeId, ...body }: z.infer<typeof surveyBody> & { placeId: string }) => apiPut<{ id: string }>(`/party/two-new/${placeId}`, body));
export const useGuide = () => usePartyWrite(({ placeId, ...body }: z.infer<typeof guideBody> & { placeId: string }) => apiPost<{ id: string }>(`/party/two-new/${placeId}/guide`, body));
export const useFound = () => usePartyWrite(({ placeId, body }: { placeId: string; body: FoundBody }) => apiPost<{ id: string }>(`/party/two-new/${placeId}/found`, body));
export const useCreateProject = () => usePartyWrite((body: z.input<typeof projectBody>) => apiPost<{ id: string }>("/party/projects", body, idem()));
export const usePassMilestone = () =>
  usePartyWrite(({ id, seq, ...body }: z.input<typeof milestoneDoneBody> & { id: string; seq: number }) => apiPost<{ id: string }>(`/party/projects/${id}/milestones/${seq}/done`, body));
export const useCompleteProject = () =>
  usePartyWrite(({ id, ...body }: z.infer<typeof completeBody> & { id: string }) => apiPost<z.infer<typeof completeReply>>(`/party/projects/${id}/complete`, body));
export const useRegisterInService = () => usePartyWrite((body: { workplace: string; commitment: string }) => apiPost<{ id: string }>("/party/me/register", body, idem()));
export const useActivityOrganiser = (activityId: string) =>
  useQuery({ queryKey: [...partyKeys.all, "activity-organiser", activityId], queryFn: ({ signal }) => apiGet<ActivityOrganiser>(`/party/activities/${activityId}/organiser`, undefined, signal) });
export const useSetActivityOrganiser = () =>
  usePartyWrite(({ activityId, ...body }: { activityId: string; organiser: (typeof ORGANISER_VALUES)[number]; orgId?: string }) => apiPut<{ id: string }>(`/party/activities/${activityId}/organiser`, body));
export const useRecordService = () => usePartyWrite((body: { day: string; hours: number; description: string }) => apiPost<{ id: string }>("/party/me/services", body, idem()));
