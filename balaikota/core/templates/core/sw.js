/* Balai Kota Digital's service worker (version {{ version }}).
 *
 * Public pages a visitor without an account opened (the service catalogue, the satisfaction
 * index, the performance figures) stay readable offline: network first, the last copy when
 * the network fails, the offline page otherwise. Static files: cache first (their names carry a
 * hash). Pages of signed-in people are never kept (the server marks what may be:
 * X-Offline-Cacheable), nor is anything but GET. */
"use strict";
const VERSION = "{{ version }}";
const PAGES = "bk-pages-" + VERSION;
const ASSETS = "bk-assets-" + VERSION;
const STATIC_URL = "{{ static_url }}";
const OFFLINE_URL = "{{ offline_url }}";
const PRECACHE_PAGES = [OFFLINE_URL, "{{ catalogue_url }}"];
const PRECACHE_ASSETS = {{ assets|safe }};
const KEPT = [/^\/layanan\//, /^\/ikm\//, /^\/transparansi\//, /^\/$/];
const MAX_PAGES = 80;

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([
      caches.open(PAGES).then((cache) => cache.addAll(PRECACHE_PAGES)),
      caches.open(ASSETS).then((cache) => cache.addAll(PRECACHE_ASSETS)),
    ]).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k !== PAGES && k !== ASSETS).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

async function trim(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PAGES))) {
    await cache.delete(key);
  }
}

async function page(request) {
  const url = new URL(request.url);
  const keep = KEPT.some((pattern) => pattern.test(url.pathname));
  try {
    const response = await fetch(request);
    if (keep && response.ok && response.headers.get("X-Offline-Cacheable") === "1") {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
      trim(cache);
    }
    return response;
  } catch (error) {
    const cached = keep ? await caches.match(request, { cacheName: PAGES }) : undefined;
    return cached || (await caches.match(OFFLINE_URL, { cacheName: PAGES })) || Response.error();
  }
}

async function asset(request) {
  const cached = await caches.match(request, { cacheName: ASSETS });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(ASSETS);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC_URL)) {
    event.respondWith(asset(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(request));
  }
});
