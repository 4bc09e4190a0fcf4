// The service worker: after one visit the shop opens and works with no network.
// The version string below is replaced at build time (Trunk.toml hook) so each build gets its own cache
// and a new build is noticed as an update.
const VERSION = 'BUILD_VERSION';
const CACHE = `cqrs-shop-${VERSION}`;
const SHELL = '/index.html';

// Every file index.html links (the hashed wasm, js and css), plus the shell itself.
async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch(SHELL, { cache: 'no-store' });
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const linked = [...html.matchAll(/(?:href|src)="(\/[^"#?]+)"/g)].map((m) => m[1]);
  const extras = ['/manifest.webmanifest', '/icon.svg'];
  await cache.addAll([...new Set([...linked, ...extras])].filter((url) => url !== SHELL));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('cqrs-shop-') && n !== CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Network first, so a new build's page is seen; the cached shell when offline.
    event.respondWith(fetch(request).catch(async () => (await caches.open(CACHE)).match(SHELL)));
    return;
  }
  // Hashed assets never change under one name: the cache answers first.
  event.respondWith((async () => {
    const cached = await caches.match(request);
    return cached ?? fetch(request);
  })());
});
