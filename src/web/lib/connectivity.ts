import { useSyncExternalStore } from "react";

/**
 * Whether the server can be reached, as the phone app sees it. The browser's `navigator.onLine`
 * only knows whether there is a network interface: in a basement a phone keeps its Wi-Fi or
 * mobile data and still reaches nothing. So the app also learns from its own requests. A request
 * that fails on the network, or an answer the service worker takes from its cache because the
 * network failed (it marks those with `x-linli-from-cache`), means "unreachable". Any answer from
 * the server means "reachable". While unreachable, a small request to the health check is tried
 * every few seconds, so the app notices the network coming back even when the browser does not
 * fire `online`.
 */

const PROBE_MS = 5_000;
export const FROM_CACHE_HEADER = "x-linli-from-cache";

let reachable = true;
const listeners = new Set<() => void>();
let probe: number | null = null;

function emit() {
  listeners.forEach((l) => l());
}

/** Called by the API client after each request: whether it reached the server. */
export function reportReachable(ok: boolean): void {
  if (ok === reachable) return;
  reachable = ok;
  emit();
  schedule();
}

function schedule() {
  const want = !reachable && listeners.size > 0;
  if (want && probe === null) {
    probe = window.setInterval(() => {
      if (!navigator.onLine) return;
      void fetch("/api/health/live", { cache: "no-store", credentials: "same-origin" }).then(
        (res) => reportReachable(res.ok || res.status < 500),
        () => reportReachable(false),
      );
    }, PROBE_MS);
  } else if (!want && probe !== null) {
    window.clearInterval(probe);
    probe = null;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // The browser's own signal: going offline is believed at once; coming online is checked by the next request.
  const down = () => emit();
  const up = () => {
    reachable = true;
    emit();
  };
  window.addEventListener("offline", down);
  window.addEventListener("online", up);
  schedule();
  return () => {
    listeners.delete(listener);
    window.removeEventListener("offline", down);
    window.removeEventListener("online", up);
    schedule();
  };
}

/** Whether the app is online: a network interface and the server answering. */
export function isOnline(): boolean {
  return navigator.onLine && reachable;
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, isOnline, () => true);
}
