// The one way out of the app. Everything runs in the same task as the click or
// key press: cover, remove the content, forget secrets, then leave.

import { NAMES } from "./names.js";

export const LEFT_KEY = NAMES.left;
const hooks = new Set();

/** Register a function that forgets secrets (keys, decrypted text) on exit. */
export function onExit(fn) {
  hooks.add(fn);
  return () => hooks.delete(fn);
}

/** Where the exit goes: the operator's neutral site, or the decoy in an installed app. */
export function exitTarget() {
  const root = document.documentElement;
  // Hook for the disguise: when the app runs installed (standalone) and a decoy
  // is set up, data-decoy-url points at it and the exit stays inside the app.
  const standalone = window.matchMedia?.("(display-mode: standalone)").matches;
  if (standalone && root.dataset.decoyUrl) return root.dataset.decoyUrl;
  return root.dataset.exitUrl;
}

/** Hide everything, drop what is in memory and leave without a history entry. */
export function leave() {
  const root = document.documentElement;
  // The cover hides everything from the next frame on; the rest of this task
  // removes the content itself, so nothing can come back.
  root.classList.add("covered");
  // Lets tests and bench/exit_latency.py see when the content was hidden.
  performance.mark("exit:hidden");
  document.body.replaceChildren();
  for (const forget of hooks) {
    try {
      forget();
    } catch {
      // Leaving matters more than a hook that failed.
    }
  }
  try {
    sessionStorage.setItem(LEFT_KEY, "1");
  } catch {
    // Storage may be blocked; the page is already empty.
  }
  location.replace(exitTarget());
}
