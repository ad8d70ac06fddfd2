import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SetTimeLimitBody, TimeLimitsReply } from "../../../contracts/case-settings";
import { apiGet, apiPut } from "../../api/client";
import { settingsKeys } from "./keys";

export type Level = "grid" | "community" | "street" | "department";

/** Time to accept and to handle of every category at every level. */
export function useTimeLimits() {
  return useQuery({
    queryKey: settingsKeys.limits,
    queryFn: ({ signal }) => apiGet<TimeLimitsReply>("/case-settings/time-limits", undefined, signal),
  });
}

/** Sets one category's limits at one level. */
export function useSetTimeLimit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ categoryCode, level, ...body }: SetTimeLimitBody & { categoryCode: string; level: Level }) =>
      apiPut(`/case-settings/time-limits/${encodeURIComponent(categoryCode)}/${level}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: settingsKeys.limits }),
  });
}
