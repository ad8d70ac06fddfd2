import { ApiError } from "../../api/api-error";
import { currentLanguage, i18n } from "../../i18n/i18n";
import type { ImportResult } from "./types";

export type ImportMode = ImportResult["mode"];

/** Sends an .xlsx to the import with the chosen mode (multipart: mode first, then the file). */
export async function importFile(file: File, mode: ImportMode): Promise<ImportResult> {
  const form = new FormData();
  form.append("mode", mode);
  form.append("file", file, file.name);
  let response: Response;
  try {
    response = await fetch("/api/registry/import", { method: "POST", body: form, credentials: "same-origin", headers: { Accept: "application/json", "Accept-Language": currentLanguage() } });
  } catch {
    throw new ApiError(0, "NETWORK", i18n.t("errors.NETWORK"));
  }
  const data = (await response.json().catch(() => ({}))) as Partial<ImportResult> & { code?: string; message?: string; details?: unknown };
  if (!response.ok) {
    const code = data.code ?? "UNKNOWN";
    throw new ApiError(response.status, code, data.message ?? i18n.t(`errors.${code}`, { defaultValue: i18n.t("errors.UNKNOWN") }), data.details);
  }
  return data as ImportResult;
}
