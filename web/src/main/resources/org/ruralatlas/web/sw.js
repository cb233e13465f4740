// RuralAtlas service worker, served at /sw.js by the server, which fills in VERSION (made from the
// bytes of the shell's files and of this script) and SHELL (the files index.html loads). It keeps
// the viewer working with no network after one visit:
// - the app shell (HTML, CSS, modules, OpenLayers, manifests, icons) is cached per version at
//   install and answered from that cache; a new release is a new script, whose install fills a
//   new cache and whose activation deletes every older one, so shells never mix;
// - everything else goes to the network first, once (nothing here retries); what the viewer needs
//   to start (catalogue, schemas, configuration, the provinces) and the survey pages visited are
//   kept when they arrive, and when
//   the network fails a request is answered from any cache: that data, or the tiles and features
//   of the areas the viewer saved for offline use (caches 'ruralatlas-area-*', see offline.js).
const VERSION = '__VERSION__';
const SHELL = ['__SHELL__'];
const SHELL_CACHE = 'ruralatlas-shell-' + VERSION;
const DATA_CACHE = 'ruralatlas-data';
/** What the viewer reads at start besides its files: kept from the last answer, for starting offline. */
const STARTUP = ['collections?lang=vi', 'collections?lang=en', 'viewer/config.json', 'collections/provinces/items?limit=100', 'stats/ntm']
  .concat(['communes', 'zones', 'provinces', 'farms', 'tourism'].map((id) => 'collections/' + id + '/schema'));

/** Pages kept from the last visit, for opening offline: a commune's satisfaction survey (answers then wait, survey.js). */
const KEPT_PAGES = /^ntm\/survey\/[^/?]+(\?.*)?$/;

const scope = new URL(self.registration.scope);
const shellUrls = new Set(SHELL.map((p) => new URL(p, scope).href));
const startupUrls = new Set(STARTUP.map((p) => new URL(p, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const shell = await caches.open(SHELL_CACHE);
    // revalidated against the browser's HTTP cache: the files the page just loaded cost a 304, not a second download
    await shell.addAll(SHELL.map((p) => new Request(new URL(p, scope), { cache: 'no-cache' })));
    const data = await caches.open(DATA_CACHE);
    await Promise.all(STARTUP.map((p) => fetch(new URL(p, scope), { headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? data.put(new URL(p, scope).href, r) : null), () => null)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith('ruralatlas-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

/** The viewer itself: the scope's root or index.html, whatever the query (?lang=en) and hash. */
function isViewer(url) {
  return url.href.split(/[?#]/)[0] === scope.href || url.href.split(/[?#]/)[0] === scope.href + 'index.html';
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // the viewer's own saving and updating of areas asks with cache 'no-store': straight to the network, never a saved answer
  if (request.method !== 'GET' || request.cache === 'no-store' || url.origin !== scope.origin || !url.href.startsWith(scope.href)) { return; }
  if (request.mode === 'navigate' && isViewer(url)) {
    event.respondWith(caches.open(SHELL_CACHE).then((c) => c.match(new URL('index.html', scope).href))
      .then((r) => r || fetch(request)));
    return;
  }
  if (shellUrls.has(url.href)) {
    event.respondWith(caches.open(SHELL_CACHE).then((c) => c.match(url.href)).then((r) => r || fetch(request)));
    return;
  }
  event.respondWith(networkThenSaved(request, url));
});

/** The network once; the answer kept when it is start-up data; on failure, whatever a cache holds for it. */
async function networkThenSaved(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok && (startupUrls.has(url.href) || KEPT_PAGES.test(url.href.slice(scope.href.length)))) {
      const copy = response.clone();
      caches.open(DATA_CACHE).then((c) => c.put(url.href, copy));
    }
    return response;
  } catch (e) {
    const saved = await caches.match(url.href);
    if (saved) { return saved; }
    throw e;
  }
}

self.addEventListener('message', (event) => {
  if (event.data === 'version') { event.source.postMessage({ version: VERSION }); }
});
