// Register the service worker and ask it to keep this language's pages offline.
import { NAMES } from "./names.js";

function codeIsSet() {
  try {
    return Boolean(localStorage.getItem(NAMES.locked) || localStorage.getItem("u:lock"));
  } catch {
    return false;
  }
}

/** Keep the offline copy, except on a decoy page when no code is set; true when it started. */
export async function startOffline(onDecoy) {
  if (onDecoy && !codeIsSet()) return false;
  await registerServiceWorker();
  return true;
}

/** Register /sw.js for the whole site and make sure the current language is saved. */
export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  const ready = await navigator.serviceWorker.ready;
  const worker = ready.active || registration.active;
  worker?.postMessage({ type: "cache-set", set: document.documentElement.lang });
}
