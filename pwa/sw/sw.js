// Uitweg service worker. PLAN (above) is written by the server from the real
// files and pages: the version, the shared files, and the pages of each language.
//
// - install stores everything before this version may take over; if one file
//   fails, the install fails and the old version keeps working;
// - activate deletes only our own older caches;
// - pages: network first with a short time limit, then the saved copy;
// - files under /static/: saved copy first (their names change with their content);
// - POSTs, the erase endpoint and everything on other sites: never touched.

const CACHE = `${PLAN.prefix}precache-${PLAN.version}`;
const SETS_KEY = "/__sets";
const PAGE_PATHS = new Set(Object.values(PLAN.sets).flat());

function isSet(name) {
  return typeof name === "string" && Object.hasOwn(PLAN.sets, name);
}

function setOf(url) {
  const first = new URL(url).pathname.split("/")[1];
  return isSet(first) ? first : null;
}

async function readSets(cache) {
  const saved = await cache.match(SETS_KEY);
  return saved ? saved.json() : [];
}

async function storeSets(cache, names, withShell) {
  const urls = withShell ? [...PLAN.shell] : [];
  for (const name of names) urls.push(...PLAN.sets[name]);
  // Ask the server, never the browser's HTTP cache: a host without Cache-Control
  // could otherwise hand this version pages of the previous one.
  await cache.addAll(urls.map((url) => new Request(url, { cache: "no-cache" })));
  await cache.put(SETS_KEY, new Response(JSON.stringify(names), {
    headers: { "Content-Type": "application/json" },
  }));
}

/** The languages the person uses: from older caches and from open pages. */
async function wantedSets() {
  const names = new Set();
  for (const key of await caches.keys()) {
    if (key.startsWith(PLAN.prefix) && key !== CACHE) {
      for (const name of await readSets(await caches.open(key))) names.add(name);
    }
  }
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    const name = setOf(client.url);
    if (name) names.add(name);
  }
  if (!names.size) names.add(PLAN.defaultSet);
  return [...names].filter(isSet);
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await storeSets(cache, await wantedSets(), true);
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const old = (await caches.keys()).filter((key) => key.startsWith(PLAN.prefix) && key !== CACHE);
    await Promise.all(old.map((key) => caches.delete(key)));
    // The very first version may look after the page that installed it; a newer
    // version waits until every page of the old one is closed.
    if (!old.length) await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "cache-set" && isSet(data.set)) {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      const names = await readSets(cache);
      if (!names.includes(data.set)) await storeSets(cache, [...names, data.set], false);
      event.source?.postMessage({ type: "cached", set: data.set, version: PLAN.version });
    })());
  }
});

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

async function pageFromNetworkOrCache(request, url) {
  try {
    const response = await withTimeout(fetch(request), PLAN.timeoutMs);
    // A broken server or proxy (5xx) is no better than no network: use the saved copy.
    if (response.status >= 500) throw new Error(`server answered ${response.status}`);
    return response;
  } catch (error) {
    const cache = await caches.open(CACHE);
    const saved = await cache.match(url.pathname + url.search)
      // A typed or old address without the last slash: /nl/contact is /nl/contact/.
      || (!url.pathname.endsWith("/") && await cache.match(`${url.pathname}/`));
    if (saved) return saved;
    const start = await cache.match(`/${setOf(url.href) || PLAN.defaultSet}/`);
    if (start) return start;
    return fetch(request);
  }
}

async function fileFromCacheOrNetwork(request) {
  const saved = await caches.match(request, { cacheName: CACHE });
  return saved || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || PLAN.networkOnly.includes(url.pathname)) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(fileFromCacheOrNetwork(request));
  } else if (request.mode === "navigate" || PAGE_PATHS.has(url.pathname + url.search)
             || (request.headers.get("Accept") || "").includes("text/html")) {
    event.respondWith(pageFromNetworkOrCache(request, url));
  }
});
