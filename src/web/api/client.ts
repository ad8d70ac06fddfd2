import { currentLanguage, i18n } from "../i18n/i18n";
import { ApiError } from "./api-error";
import { FROM_CACHE_HEADER, reportReachable } from "../lib/connectivity";

type Query = Record<string, string | number | boolean | null | undefined>;

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the server says the session is gone; the shell sends the user to its login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** The address of an API path with its query (empty values left out), e.g. for a download link. */
export function apiUrl(path: string, query?: Query): string {
  return urlOf(path, query);
}

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ""}`;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLanguage(), ...options.headers };
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
    reportReachable(false);
    throw new ApiError(0, "NETWORK", i18n.t("errors.NETWORK"));
  }
  reportReachable(!response.headers.has(FROM_CACHE_HEADER));
  return readReply<T>(response.status, await response.text());
}

/** Turns a reply into its data, or throws the API error it carries. */
function readReply<T>(status: number, text: string): T {
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (status < 200 || status >= 300) {
    const body = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    const code = body.code ?? (status >= 500 ? "UNAVAILABLE" : "UNKNOWN");
    const message = body.message ?? i18n.t(`errors.${code}`, { defaultValue: i18n.t("errors.UNKNOWN") });
    const error = new ApiError(status, code, message, body.details);
    if (status === 401 && code === "UNAUTHENTICATED") unauthenticatedListeners.forEach((listener) => listener());
    throw error;
  }
  return data as T;
}

/** GET /api{path}; empty query values are left out. */
export function apiGet<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>("GET", path, { query, signal });
}

/** POST /api{path} with a JSON body (and extra headers, e.g. an Idempotency-Key). */
export function apiPost<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  return request<T>("POST", path, { body: body ?? {}, headers });
}

/** PATCH /api{path} with a JSON body. */
export function apiPatch<T>(path: string, body: unknown): Promise<T> {
  return request<T>("PATCH", path, { body });
}

/** PUT /api{path} with a JSON body. */
export function apiPut<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
  return request<T>("PUT", path, { body, headers });
}

/** DELETE /api{path}. */
export function apiDelete<T>(path: string): Promise<T> {
  return request<T>("DELETE", path);
}

/**
 * POST /api{path} with one file as multipart field `file`, reporting upload progress (0–1).
 * XMLHttpRequest rather than fetch: only it tells how far the upload has got.
 */
export function apiUpload<T>(path: string, file: Blob, fileName: string, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", urlOf(path));
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", currentLanguage());
    xhr.withCredentials = true;
    if (onProgress) xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(readReply<T>(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", i18n.t("errors.NETWORK")));
    const form = new FormData();
    form.append("file", file, fileName);
    xhr.send(form);
  });
}
