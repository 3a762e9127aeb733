// The person's secret code. It is never stored: only a salted PBKDF2 hash is.
// The safety plan derives its own key from the same code with its own salt.

const LOCK_KEY = "u:lock";
const TRIES_KEY = "u:tries";
const OPEN_KEY = "u:open";
export const ITERATIONS = 600_000;
const FREE_TRIES = 3;
const MAX_DELAY_MS = 60_000;
const encoder = new TextEncoder();

export class LockDataError extends Error {}

function toBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Derive 256 bits from a code and a salt with PBKDF2-SHA-256. */
export async function deriveBits(code, salt, iterations = ITERATIONS) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(code), "PBKDF2", false,
    ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256);
  return new Uint8Array(bits);
}

/** Read the stored hash; throws LockDataError when it is damaged. */
export function readLock() {
  const raw = localStorage.getItem(LOCK_KEY);
  if (raw === null) return null;
  try {
    const lock = JSON.parse(raw);
    if (lock.v !== 1 || !lock.salt || !lock.hash || !(lock.iter >= 100_000)) throw new Error();
    return { iter: lock.iter, salt: fromBase64(lock.salt), hash: fromBase64(lock.hash) };
  } catch {
    throw new LockDataError("stored code data is damaged");
  }
}

export function hasCode() {
  try {
    return readLock() !== null;
  } catch {
    return true;
  }
}

/** Store a new code as a salted hash. */
export async function setCode(code) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await deriveBits(code, salt);
  localStorage.setItem(LOCK_KEY, JSON.stringify({
    v: 1, iter: ITERATIONS, salt: toBase64(salt), hash: toBase64(hash),
  }));
  localStorage.removeItem(TRIES_KEY);
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Check a code against the stored hash, without any delay. */
export async function verifyCode(code) {
  const lock = readLock();
  if (!lock) return false;
  return sameBytes(await deriveBits(code, lock.salt, lock.iter), lock.hash);
}

/** How long to wait before the next check, after some wrong tries in a row. */
export function delayFor(wrongTries) {
  if (wrongTries < FREE_TRIES) return 0;
  return Math.min(1000 * 2 ** (wrongTries - FREE_TRIES), MAX_DELAY_MS);
}

function wrongTries() {
  return Number(localStorage.getItem(TRIES_KEY)) || 0;
}

let pending = null;

/** Check a code typed into a decoy; wrong tries in a row make the next check slower.
 * Only one check runs at a time, so the wait cannot be skipped by typing fast. */
export function tryCode(code) {
  if (pending) return Promise.resolve(false);
  pending = checkSlowly(code).finally(() => { pending = null; });
  return pending;
}

async function checkSlowly(code) {
  let lockPresent;
  try {
    lockPresent = readLock() !== null;
  } catch {
    return false;
  }
  if (!lockPresent) return false;
  const wait = delayFor(wrongTries());
  if (wait) await new Promise((done) => setTimeout(done, wait));
  const right = await verifyCode(code);
  if (right) localStorage.removeItem(TRIES_KEY);
  else localStorage.setItem(TRIES_KEY, String(wrongTries() + 1));
  return right;
}

/** Mark this window as opened with the code, now. */
export function markOpen() {
  try {
    sessionStorage.setItem(OPEN_KEY, String(Date.now()));
  } catch {
    // Without session storage the app simply asks for the code again.
  }
}

/** Open the real app at `url` when the code is right; a wrong code does nothing visible. */
export async function openWithCode(code, url) {
  if (await tryCode(code)) {
    markOpen();
    location.replace(url);
  }
}
