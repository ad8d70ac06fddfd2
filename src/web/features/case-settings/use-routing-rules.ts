import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RoutingRuleItem, RoutingRulesReply, SetRoutingRuleBody } from "../../../contracts/case-settings";
import { apiDelete, apiGet, apiPut } from "../../api/client";
import { settingsKeys } from "./keys";

/** A community's routing rules by category (the caller's own community when none is named). */
export function useRoutingRules(communityId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: settingsKeys.rules(communityId),
    queryFn: ({ signal }) => apiGet<RoutingRulesReply>("/case-settings/routing-rules", { communityId }, signal),
    enabled,
  });
}

/** Sets or resets a category's rule; the list of the community is refreshed. */
export function useRoutingRuleMutations(communityId: string | undefined) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["case-settings", "rules"] });
  const set = useMutation({
    mutationFn: ({ categoryCode, ...body }: SetRoutingRuleBody & { categoryCode: string }) =>
      apiPut<RoutingRuleItem>(`/case-settings/routing-rules/${encodeURIComponent(categoryCode)}`, { ...body, communityId }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (categoryCode: string) =>
      apiDelete<{ ok: true }>(`/case-settings/routing-rules/${encodeURIComponent(categoryCode)}${communityId ? `?communityId=${communityId}` : ""}`),
    onSuccess: refresh,
  });
  return { set, remove };
}
