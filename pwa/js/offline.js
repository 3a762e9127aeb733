// Register the service worker and ask it to keep this language's pages offline.

/** Register /sw.js for the whole site and make sure the current language is saved. */
export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const ready = await navigator.serviceWorker.ready;
  const worker = ready.active || registration.active;
  worker?.postMessage({ type: "cache-set", set: document.documentElement.lang });
}
