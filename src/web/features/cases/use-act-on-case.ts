import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { transitionBody } from "../../../contracts/cases";
import { apiPost } from "../../api/client";
import { caseKeys } from "./case-keys";
import { isConflict } from "./case-error";
import type { CaseDetail } from "./types";

export type TransitionInput = z.input<typeof transitionBody>;

/**
 * Acts on a case with the version the page shows, so that a step taken meanwhile by someone else
 * answers 409 instead of acting on a case the user has not seen. The answer is the new detail;
 * lists, counts and figures are refreshed. On a conflict the case is reloaded.
 */
export function useActOnCase(c: Pick<CaseDetail, "id" | "version">) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TransitionInput) => apiPost<CaseDetail>(`/cases/${c.id}/transitions`, { version: c.version, ...input }),
    onSuccess: (detail) => {
      client.setQueryData(caseKeys.detail(detail.id), detail);
      void client.invalidateQueries({ queryKey: caseKeys.all, predicate: (q) => q.queryKey[1] !== "detail" && q.queryKey[1] !== "categories" });
      void client.invalidateQueries({ queryKey: ["notifications"] });
    },
    onError: (error) => {
      if (isConflict(error)) void client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
