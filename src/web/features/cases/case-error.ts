import type { TFunction } from "i18next";
import { isApiError } from "../../api/api-error";
import { errorMessage } from "../../lib/error-message";

/** The server's message, naming the missing fields of a 400 (its details list their paths, e.g. "/note"). */
export function caseErrorMessage(error: unknown, t: TFunction): string {
  const base = errorMessage(error, t);
  if (!isApiError(error) || error.code !== "VALIDATION_FAILED" || !Array.isArray(error.details)) return base;
  const fields = (error.details as Array<{ path?: string }>)
    .map((d) => d.path?.replace(/^\//, "").split("/")[0])
    .filter((p): p is string => !!p)
    .map((p) => t(`cases.fieldPath.${p}`, { defaultValue: p }));
  return fields.length ? t("cases.missingFields", { message: base, fields: [...new Set(fields)].join(t("cases.listSeparator")) }) : base;
}

/** A conflict (409): the case changed or the step is no longer allowed; the page should reload it. */
export function isConflict(error: unknown): boolean {
  return isApiError(error) && error.status === 409;
}
