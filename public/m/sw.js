/*
 * The phone app's service worker (scope /m/): keeps the app shell, its code and the few answers
 * it needs to start (session, configuration, the grid worker's task lists and checklists) so the
 * app opens and works without network. Filled forms never pass through here: they wait in the
 * app's own outbox (IndexedDB) and are sent by the app when the network returns.
 */
const SHELL_CACHE = "linli-m-shell-v1";
const DATA_CACHE = "linli-m-data-v1";
const SHELL = "/m/";

/** GET answers kept for offline starts: network first, the last good answer without network. */
const DATA_PATHS = [/^\/api\/auth\/session$/, /^\/api\/config$/, /^\/api\/patrols\/my\/tasks$/, /^\/api\/patrols\/tasks\/[0-9a-f-]{36}$/];

const isAsset = (url) => url.origin === self.location.origin && url.pathname.startsWith("/assets/");

async function cacheShell() {
  const cache = await caches.open(SHELL_CACHE);
  const res = await fetch(SHELL, { cache: "no-store", credentials: "same-origin" });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(assets.map((a) => cache.add(a).catch(() => undefined)));
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().catch(() => undefined).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE && k !== DATA_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

/** The page names the code it has loaded (chunks loaded before this worker took over). */
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-assets" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(SHELL_CACHE).then((cache) =>
      Promise.all(
        data.urls
          .map((u) => new URL(u, self.location.origin))
          .filter(isAsset)
          .map((u) => cache.match(u.pathname).then((hit) => hit || cache.add(u.pathname).catch(() => undefined))),
      ),
    ),
  );
});

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(key || request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(key || request);
    if (!hit) throw err;
    // The page learns that the network failed (lib/connectivity.ts): the copy says where it came from.
    const headers = new Headers(hit.headers);
    headers.set("x-linli-from-cache", "1");
    return new Response(hit.body, { status: hit.status, statusText: hit.statusText, headers });
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // Signing in or out: answers kept for the previous user must not be shown to the next one.
    if (request.method === "POST" && /^\/api\/auth\/(login|logout|otp\/verify)$/.test(url.pathname)) {
      event.waitUntil(caches.delete(DATA_CACHE));
    }
    return;
  }
  if (request.mode === "navigate" && (url.pathname === "/m" || url.pathname.startsWith("/m/"))) {
    event.respondWith(networkFirst(request, SHELL_CACHE, SHELL));
    return;
  }
  if (isAsset(url)) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (DATA_PATHS.some((re) => re.test(url.pathname))) {
    event.respondWith(networkFirst(request, DATA_CACHE));
  }
});
