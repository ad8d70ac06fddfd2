import { isApiError } from "../../api/api-error";
import { apiGet } from "../../api/client";

type Query = Record<string, string | number | boolean | null | undefined>;

const PREFIX = "linli.patrols.cache:";
const MAX_ENTRIES = 80;

function keyOf(userId: string, path: string, query?: Query) {
  const q = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  return `${PREFIX}${userId}:${path}?${q}`;
}

/** Keeps the newest entries only: a phone's storage is small and the lists change every day. */
function prune() {
  const keys: Array<{ key: string; at: number }> = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      keys.push({ key, at: (JSON.parse(localStorage.getItem(key)!) as { at: number }).at });
    } catch {
      keys.push({ key, at: 0 });
    }
  }
  keys.sort((a, b) => b.at - a.at).slice(MAX_ENTRIES).forEach((k) => localStorage.removeItem(k.key));
}

/** The copy saved when the request last worked, with when it was saved. */
export function readCached<T>(userId: string, path: string, query?: Query): { data: T; at: number } | null {
  try {
    const raw = localStorage.getItem(keyOf(userId, path, query));
    return raw ? (JSON.parse(raw) as { data: T; at: number }) : null;
  } catch {
    return null;
  }
}

function writeCached(userId: string, path: string, query: Query | undefined, data: unknown) {
  try {
    localStorage.setItem(keyOf(userId, path, query), JSON.stringify({ data, at: Date.now() }));
    prune();
  } catch {
    // A full storage only costs the offline copy.
  }
}

/**
 * A GET that keeps working without network: a successful answer is saved on the phone (per user),
 * and when the network is gone the saved copy answers instead, so a grid worker in a basement still
 * has the day's tasks and checklists.
 */
export async function cachedGet<T>(userId: string, path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  try {
    const data = await apiGet<T>(path, query, signal);
    writeCached(userId, path, query, data);
    return data;
  } catch (err) {
    if (isApiError(err) && err.status === 0) {
      const saved = readCached<T>(userId, path, query);
      if (saved) return saved.data;
    }
    throw err;
  }
}

/** Forgets every saved copy (sign-out on a shared phone). */
export function clearCached() {
  const keys: string[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  keys.forEach((k) => localStorage.removeItem(k));
}
