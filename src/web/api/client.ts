import { currentLanguage, i18n } from "../i18n/i18n";
import { ApiError } from "./api-error";

type Query = Record<string, string | number | boolean | null | undefined>;

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server says the session is gone; the shell sends the user to its login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ""}`;
}

async function request<T>(method: string, path: string, options: { query?: Query; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLanguage() };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK", i18n.t("errors.NETWORK"));
  }
  const text = await response.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const body = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    const code = body.code ?? (response.status >= 500 ? "UNAVAILABLE" : "UNKNOWN");
    const message = body.message ?? i18n.t(`errors.${code}`, { defaultValue: i18n.t("errors.UNKNOWN") });
    const error = new ApiError(response.status, code, message, body.details);
    if (response.status === 401 && code === "UNAUTHENTICATED") unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  return data as T;
}

/** GET /api{path}; empty query values are left out. */
export function apiGet<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>("GET", path, { query, signal });
}

/** POST /api{path} with a JSON body. */
export function apiPost<T>(path: string, body?: unknown): Promise<T> {
  return request<T>("POST", path, { body: body ?? {} });
}
