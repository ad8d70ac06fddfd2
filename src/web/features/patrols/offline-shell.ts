/**
 * Registers the phone app's service worker (public/m/sw.js), which keeps the app shell and code
 * for use without network, and tells it which code files this page has already loaded (those
 * loaded before the worker took over would otherwise be missing offline). Production builds only:
 * the dev server has no hashed asset files to keep.
 */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register("/m/sw.js", { scope: "/m/" })
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      keepLoadedCode();
      // Pages opened later bring more code (lazy routes): tell the worker again now and then.
      window.setInterval(keepLoadedCode, 60_000);
      document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && keepLoadedCode());
    })
    .catch(() => undefined);
}

/**
 * Asks the service worker to keep every code file this page has loaded so far, and passes the
 * session and configuration answers through it once, so that a start without network finds them
 * (right after signing in the app knows the user without asking, so the worker has not seen them).
 */
export function keepLoadedCode(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const urls = performance
    .getEntriesByType("resource")
    .map((e) => e.name)
    .filter((u) => u.startsWith(`${location.origin}/assets/`));
  void navigator.serviceWorker.ready.then((registration) => {
    registration.active?.postMessage({ type: "cache-assets", urls });
    if (navigator.serviceWorker.controller && navigator.onLine) {
      for (const path of ["/api/auth/session", "/api/config"]) {
        void fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } }).catch(() => undefined);
      }
    }
  });
}
