// The offline copy. SETUP (above) is written by the server from the real files
// and pages: the version, the shared files, and the pages of each language.
// The server removes every comment before serving this file.
//
// - install stores everything before this version may take over; if one file
//   fails, the install fails and the old version keeps working; the pages of a
//   language come in one pack (one download, compressed together);
// - activate deletes only our own older caches;
// - pages: network first with a short time limit, then the saved copy; but the
//   decoys' start pages (what the disguised app opens to) come from the saved
//   copy first, so opening the app does not show this site's name on the network;
//   they are refreshed in the background at most once a day;
// - files under /static/: saved copy first (their names change with their content);
// - POSTs, the erase endpoint and everything on other sites: never touched.

// A neutral cache name: a hash of this site's address (as js/names.js), then the version.
function nameFor(what) {
  const text = `${self.location.origin}|${what}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}
const PREFIX = `${nameFor("c")}-`;
const CACHE = `${PREFIX}${SETUP.version}`;
const DECOY_STARTS = new Set(SETUP.decoys);
const REFRESH_MS = 24 * 60 * 60 * 1000;
const SETS_KEY = "/__sets";
const PAGE_PATHS = new Set(Object.values(SETUP.sets).flat());

function isSet(name) {
  return typeof name === "string" && Object.hasOwn(SETUP.sets, name);
}

function setOf(url) {
  const first = new URL(url).pathname.split("/")[1];
  return isSet(first) ? first : null;
}

async function readSets(cache) {
  const saved = await cache.match(SETS_KEY);
  return saved ? saved.json() : [];
}

/** Fetch one language's pack (all its pages in one download) and check it whole. */
async function readPack(name) {
  // Ask the server, never the browser's HTTP cache: a host without Cache-Control
  // could otherwise hand this version pages of the previous one.
  const response = await fetch(new Request(SETUP.packs[name], { cache: "no-cache" }));
  if (!response.ok) throw new Error(`pack ${name}: ${response.status}`);
  const pack = await response.json();
  // Pages of another version (the site changed meanwhile) must not pass as this one's.
  if (pack?.version !== SETUP.version) throw new Error(`pack ${name}: another version`);
  for (const url of SETUP.sets[name]) {
    const page = pack.pages?.[url];
    if (typeof page?.body !== "string" || typeof page.headers !== "object") {
      throw new Error(`pack ${name}: ${url} missing`);
    }
  }
  return { pack, date: response.headers.get("Date") || new Date().toUTCString() };
}

async function storeSets(cache, names, withShell) {
  // Everything is fetched and checked before anything is stored: a broken download
  // leaves what is saved as it was.
  const packs = await Promise.all(names.map(readPack));
  if (withShell) await cache.addAll(SETUP.shell.map((url) => new Request(url, { cache: "no-cache" })));
  for (const [i, name] of names.entries()) {
    const { pack, date } = packs[i];
    await Promise.all(SETUP.sets[name].map((url) => {
      const page = pack.pages[url];
      return cache.put(url, new Response(page.body, { headers: { ...page.headers, Date: date } }));
    }));
  }
  await cache.put(SETS_KEY, new Response(JSON.stringify(names), {
    headers: { "Content-Type": "application/json" },
  }));
}

/** The languages the person uses: from older caches and from open pages. */
async function wantedSets() {
  const names = new Set();
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE) {
      for (const name of await readSets(await caches.open(key))) names.add(name);
    }
  }
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) {
    const name = setOf(client.url);
    if (name) names.add(name);
  }
  if (!names.size) names.add(SETUP.defaultSet);
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
    const old = (await caches.keys()).filter((key) => key.startsWith(PREFIX) && key !== CACHE);
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
      try {
        const cache = await caches.open(CACHE);
        const names = await readSets(cache);
        if (!names.includes(data.set)) await storeSets(cache, [...names, data.set], false);
        event.source?.postMessage({ type: "cached", set: data.set, version: SETUP.version });
      } catch {
        // Offline, or the site changed meanwhile: the next page asks again.
        event.source?.postMessage({ type: "not-cached", set: data.set, version: SETUP.version });
      }
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
    const response = await withTimeout(fetch(request), SETUP.timeoutMs);
    // A broken server or proxy (5xx) is no better than no network: use the saved copy.
    if (response.status >= 500) throw new Error(`server answered ${response.status}`);
    return response;
  } catch (error) {
    const cache = await caches.open(CACHE);
    const saved = await cache.match(url.pathname + url.search)
      // A typed or old address without the last slash: /nl/contact is /nl/contact/.
      || (!url.pathname.endsWith("/") && await cache.match(`${url.pathname}/`));
    if (saved) return saved;
    const start = await cache.match(`/${setOf(url.href) || SETUP.defaultSet}/`);
    if (start) return start;
    return fetch(request);
  }
}

async function decoyFromCacheFirst(event, url) {
  const cache = await caches.open(CACHE);
  const saved = await cache.match(url.pathname);
  if (!saved) return pageFromNetworkOrCache(event.request, url);
  const age = Date.now() - Date.parse(saved.headers.get("Date") || "");
  if (!(age < REFRESH_MS)) {
    event.waitUntil(fetch(url.pathname, { cache: "no-cache" })
      .then((fresh) => (fresh.ok ? cache.put(url.pathname, fresh) : null))
      .catch(() => null));
  }
  return saved;
}

async function fileFromCacheOrNetwork(request) {
  const saved = await caches.match(request, { cacheName: CACHE });
  return saved || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || SETUP.networkOnly.includes(url.pathname)) return;
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(fileFromCacheOrNetwork(request));
  } else if (request.mode === "navigate" && DECOY_STARTS.has(url.pathname) && !url.search) {
    event.respondWith(decoyFromCacheFirst(event, url));
  } else if (request.mode === "navigate" || PAGE_PATHS.has(url.pathname + url.search)
             || (request.headers.get("Accept") || "").includes("text/html")) {
    event.respondWith(pageFromNetworkOrCache(request, url));
  }
});
