import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPost } from "../../api/client";
import type {
  AssigneeListReply,
  BulkPlansBody,
  BulkPlansReply,
  CoverageReply,
  GenerateReply,
  MonthlyLedger,
  PlanListReply,
  PlanSummary,
  TargetKind,
  TaskListReply,
  TemplateDetail,
  TemplateListReply,
} from "./types";

export type TaskFilter = { areaId?: string; status?: string; targetKind?: string; assigneeId?: string; from?: string; to?: string };
export type PlanFilter = { areaId?: string; targetKind?: string; frequency?: string; assigneeId?: string; active?: string; q?: string };

/** The task board of the console: one page of 50 at a time (cursor); the open views by deadline, the others newest periods first. */
export function useTaskBoard(filter: TaskFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ["patrols", "tasks", filter, cursor ?? null],
    queryFn: ({ signal }) => apiGet<TaskListReply>("/patrols/tasks", { ...filter, cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePlans(filter: PlanFilter, cursor: string | undefined) {
  return useQuery({
    queryKey: ["patrols", "plans", filter, cursor ?? null],
    queryFn: ({ signal }) => apiGet<PlanListReply>("/patrols/plans", { ...filter, cursor, limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTemplates(history = false) {
  return useQuery({
    queryKey: ["patrols", "templates", history],
    queryFn: ({ signal }) => apiGet<TemplateListReply>("/patrols/templates", { history: String(history) }, signal),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: ["patrols", "template", id],
    queryFn: ({ signal }) => apiGet<TemplateDetail>(`/patrols/templates/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCoverage(month: string, areaId?: string, targetKind?: string) {
  return useQuery({
    queryKey: ["patrols", "coverage", month, areaId ?? null, targetKind ?? null],
    queryFn: ({ signal }) => apiGet<CoverageReply>("/patrols/coverage", { month, areaId, targetKind }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMonthlyLedger(month: string, targetKind: TargetKind, areaId?: string) {
  return useQuery({
    queryKey: ["patrols", "ledger", month, targetKind, areaId ?? null],
    queryFn: ({ signal }) => apiGet<MonthlyLedger>("/patrols/ledger/monthly", { month, targetKind, areaId }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAssignees(areaId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ["patrols", "assignees", areaId ?? null],
    queryFn: ({ signal }) => apiGet<AssigneeListReply>("/patrols/assignees", { areaId }, signal),
    select: (r) => r.items,
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useInvalidatePatrols() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ["patrols"] });
}

export function useBulkAssign() {
  const invalidate = useInvalidatePatrols();
  return useMutation({ mutationFn: (body: BulkPlansBody) => apiPost<BulkPlansReply>("/patrols/plans/bulk", body), onSuccess: invalidate });
}

export function useGenerateTasks() {
  const invalidate = useInvalidatePatrols();
  return useMutation({ mutationFn: (body: { until: string; areaId?: string }) => apiPost<GenerateReply>("/patrols/tasks/generate", body), onSuccess: invalidate });
}

export function useReassignPlan() {
  const invalidate = useInvalidatePatrols();
  return useMutation({
    mutationFn: ({ id, assigneeId }: { id: string; assigneeId: string }) => apiPost<{ plan: PlanSummary; tasksChanged: number }>(`/patrols/plans/${id}/reassign`, { assigneeId }),
    onSuccess: invalidate,
  });
}

export function useDeactivatePlan() {
  const invalidate = useInvalidatePatrols();
  return useMutation({ mutationFn: (id: string) => apiPost<{ plan: PlanSummary; tasksChanged: number }>(`/patrols/plans/${id}/deactivate`), onSuccess: invalidate });
}

export function useReassignTask() {
  const invalidate = useInvalidatePatrols();
  return useMutation({
    mutationFn: ({ id, assigneeId, version }: { id: string; assigneeId: string; version: number }) => apiPost(`/patrols/tasks/${id}/reassign`, { assigneeId, version }),
    onSuccess: invalidate,
  });
}
