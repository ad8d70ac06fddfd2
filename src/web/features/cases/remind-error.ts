import type { TFunction } from "i18next";
import { isApiError } from "../../api/api-error";
import { formatShortDateTime } from "../../lib/format";
import { caseErrorMessage } from "./case-error";

/** The answer to a refused 催办: "already urged today, again after <time>", else the server's message. */
export function remindErrorText(err: unknown, t: TFunction): string {
  if (isApiError(err) && err.status === 409) {
    const d = (err.details ?? {}) as { reason?: string; nextAllowedAt?: string };
    if (d.reason === "urged_today" && d.nextAllowedAt) return t("cases.remindState.urgedToday", { time: formatShortDateTime(d.nextAllowedAt) });
  }
  return caseErrorMessage(err, t);
}
