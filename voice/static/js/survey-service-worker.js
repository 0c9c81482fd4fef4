// Keeps the survey start pages and their files so a tablet still shows a survey when the wifi
// drops. Static files: cache first. Start pages: network first, falling back to the last copy.
// Question and check pages are never cached: they hold a young person's answers, and a shared
// tablet must not show them to the next person.
var CACHE = "voice-survey-v1";
var START_PAGE = /^\/s\/\d+$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) { event.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  var isStatic = new URL(request.url).pathname.indexOf("/static/") === 0;
  if (isStatic) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) { cache.put(request, response.clone()); }
          return response;
        });
      });
    }));
    return;
  }
  if (!START_PAGE.test(new URL(request.url).pathname)) {
    return;
  }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request);
  }));
});
