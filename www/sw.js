// planos' service worker: keeps the page's own files so that it opens and works with the
// network cut. It serves only same-origin GET requests, from its cache first; it never sends
// anything anywhere. The build writes the version (a hash of the files) into CACHE.
const CACHE = 'planos-__PLANOS_VERSION__';
// The page is one file; planos.html, its copy for use from disk, is served from it.
const FILES = ['./', './index.html', './manifest.webmanifest', './icon-192.png', './icon-512.png'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  const url = new URL(request.url);
  const key = url.pathname.endsWith('/planos.html') ? './index.html' : request;
  event.respondWith(caches.match(key, { ignoreSearch: true }).then((hit) => hit || fetch(request)));
});
