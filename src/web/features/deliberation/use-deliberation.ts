import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiGet, apiPost, apiPut } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import { delibKeys } from "./keys";
import type {
  CandidatesReply,
  Households,
  MeetingDetail,
  MeetingListReply,
  Measures,
  PublicMeeting,
  PublicQuestionnaire,
  PublicTopic,
  QuestionnaireDetail,
  QuestionnaireSummary,
  ResolutionDetail,
  ResolutionSummary,
  Results,
  TopicDetail,
  TopicListReply,
} from "./types";

type Filter = Record<string, string | number | undefined>;

/** Staff lists and details (the caller's scope). */
export function useTopics(filter: Filter) {
  return useQuery({
    queryKey: delibKeys.topics(filter),
    queryFn: ({ signal }) => apiGet<TopicListReply>("/topics", { limit: 100, ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}
export function useTopic(id: string) {
  return useQuery({ queryKey: delibKeys.topic(id), queryFn: ({ signal }) => apiGet<TopicDetail>(`/topics/${id}`, undefined, signal) });
}
export function useCandidates() {
  return useQuery({ queryKey: delibKeys.candidates, queryFn: ({ signal }) => apiGet<CandidatesReply>("/topics/candidates", undefined, signal), select: (r) => r.items });
}
export function useMeetings(filter: Filter) {
  return useQuery({
    queryKey: delibKeys.meetings(filter),
    queryFn: ({ signal }) => apiGet<MeetingListReply>("/meetings", { limit: 100, ...filter }, signal),
    placeholderData: keepPreviousData,
  });
}
export function useMeeting(id: string) {
  return useQuery({ queryKey: delibKeys.meeting(id), queryFn: ({ signal }) => apiGet<MeetingDetail>(`/meetings/${id}`, undefined, signal) });
}
export function useResolutions(filter: Filter) {
  return useQuery({
    queryKey: delibKeys.resolutions(filter),
    queryFn: ({ signal }) => apiGet<{ items: ResolutionSummary[] }>("/resolutions", filter, signal),
    select: (r) => r.items,
    placeholderData: keepPreviousData,
  });
}
export function useResolution(id: string) {
  return useQuery({ queryKey: delibKeys.resolution(id), queryFn: ({ signal }) => apiGet<ResolutionDetail>(`/resolutions/${id}`, undefined, signal) });
}
export function useQuestionnaires(filter: Filter, enabled = true) {
  return useQuery({
    queryKey: delibKeys.questionnaires(filter),
    queryFn: ({ signal }) => apiGet<{ items: QuestionnaireSummary[] }>("/questionnaires", filter, signal),
    select: (r) => r.items,
    enabled,
  });
}
export function useQuestionnaire(id: string) {
  return useQuery({ queryKey: delibKeys.questionnaire(id), queryFn: ({ signal }) => apiGet<QuestionnaireDetail>(`/questionnaires/${id}`, undefined, signal) });
}
export function useResults(id: string, enabled = true) {
  return useQuery({ queryKey: delibKeys.results(id), queryFn: ({ signal }) => apiGet<Results>(`/questionnaires/${id}/results`, undefined, signal), enabled });
}
export function useHouseholds(id: string) {
  return useQuery({
    queryKey: delibKeys.households(id),
    queryFn: ({ signal }) => apiGet<{ items: Households }>(`/questionnaires/${id}/households`, { limit: 1000 }, signal),
    select: (r) => r.items,
  });
}
export function useMeasures(from: string, to: string) {
  return useQuery({
    queryKey: delibKeys.measures(from, to),
    queryFn: ({ signal }) => apiGet<Measures>("/deliberation/measures", { from, to }, signal),
    placeholderData: keepPreviousData,
  });
}

/** What residents see on the phone (their community). */
export function usePublicTopics(filter: { status?: string; q?: string } = {}) {
  return useQuery({
    queryKey: [...delibKeys.publicTopics, filter.status ?? "", filter.q ?? ""],
    queryFn: ({ signal }) => apiGet<{ items: PublicTopic[]; total: number; totalCapped: boolean }>("/community/topics", { status: filter.status, q: filter.q || undefined, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}
export function usePublicTopic(id: string) {
  return useQuery({ queryKey: delibKeys.publicTopic(id), queryFn: ({ signal }) => apiGet<PublicTopic>(`/community/topics/${id}`, undefined, signal) });
}
export function usePublicMeetings() {
  return useQuery({ queryKey: delibKeys.publicMeetings, queryFn: ({ signal }) => apiGet<{ items: PublicMeeting[] }>("/community/meetings", undefined, signal), select: (r) => r.items });
}
export function usePublicQuestionnaires() {
  return useQuery({
    queryKey: delibKeys.publicQuestionnaires,
    queryFn: ({ signal }) => apiGet<{ items: PublicQuestionnaire[] }>("/community/questionnaires", undefined, signal),
    select: (r) => r.items,
  });
}

type Write = { method?: "POST" | "PUT" | "DELETE"; path: string; body?: unknown };

/**
 * Every write of the feature: one request with its own Idempotency-Key (a retry of the same click
 * is replayed, not repeated), then everything deliberation shows is refreshed, and the cases and
 * notifications a resolution may have closed or sent.
 */
export function useDelibWrite<T = { id: string }>() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ method = "POST", path, body }: Write) => {
      const headers = { "Idempotency-Key": newIdempotencyKey() };
      if (method === "PUT") return apiPut<T>(path, body, headers);
      if (method === "DELETE") return apiDelete<T>(path);
      return apiPost<T>(path, body, headers);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: delibKeys.all });
      void client.invalidateQueries({ queryKey: ["cases"] });
      void client.invalidateQueries({ queryKey: ["notifications"] });
    },
  });
}

