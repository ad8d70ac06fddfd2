import { useRef } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { reportCaseBody } from "../../../contracts/cases";
import { isApiError } from "../../api/api-error";
import { apiPost } from "../../api/client";
import { newIdempotencyKey } from "../../lib/idempotency-key";
import { caseKeys } from "./case-keys";

export type ReportInput = z.input<typeof reportCaseBody>;
export interface ReportReply {
  id: string;
  number: string;
  replayed: boolean;
}

/** Failures worth trying again with the same key: no answer at all, or a gateway that gave up. */
const retryable = (err: unknown) => isApiError(err) && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504);
const RETRY_DELAYS_MS = [800, 2000, 4000];

/**
 * Reports a case with an Idempotency-Key. A network failure is retried with the same key, and so is
 * a second tap on "submit" with unchanged content, so that a report that did reach the server
 * is never filed twice; changed content gets a new key.
 */
export function useReportCase(options: { onRetry?: (attempt: number) => void } = {}) {
  const client = useQueryClient();
  const pending = useRef<{ key: string; body: string } | null>(null);
  return useMutation({
    mutationFn: async (input: ReportInput) => {
      const body = JSON.stringify(input);
      if (!pending.current || pending.current.body !== body) pending.current = { key: newIdempotencyKey(), body };
      const key = pending.current.key;
      for (let attempt = 0; ; attempt++) {
        try {
          return await apiPost<ReportReply>("/cases", input, { "Idempotency-Key": key });
        } catch (err) {
          if (!retryable(err) || attempt >= RETRY_DELAYS_MS.length) throw err;
          options.onRetry?.(attempt + 1);
          await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
        }
      }
    },
    onSuccess: () => {
      pending.current = null;
      void client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}
