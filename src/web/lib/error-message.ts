import type { TFunction } from "i18next";
import { isApiError } from "../api/api-error";

/** The text to show for a failed request: the server's own (already translated) message when there is one. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) return error.message || t(`errors.${error.code}`, { defaultValue: t("errors.UNKNOWN") });
  return t("errors.UNKNOWN");
}
