// The person's code, checked only on this phone. One place checks every code
// (calculator, recipes, install page, safety plan), with one shared slow-down.
//
// What is stored (IndexedDB, neutral names):
//   k  a random HMAC key made with extractable=false: scripts can use it on this
//      phone, but nobody can read it out, so a copy of the stored values cannot be
//      used to try codes anywhere else (on a GPU, say);
//   l  the code check: iterations, salt and two 32-byte slots in random order.
//      One slot recognises the real code, the other the emergency code, or is
//      random bytes when there is none: both look the same without the code;
//   p, pj  the safety plans (adult, child mode), AES-GCM with a key from the code.
// A code is stretched with PBKDF2-SHA-256 and then mixed with k (HMAC-SHA-256).
// After the emergency code, the plans are emptied and the emergency code becomes
// the real code: the state is then that of a real code with an empty plan.
import { NAMES } from "./names.js";

export const ITERATIONS = 600_000;
export const MIN_ITERATIONS = 600_000;
export const MIN_LENGTH = 6;
const SHORT_LENGTH = 4; // codes made before version 2 may be this short, until changed
const FREE_TRIES = 3;
const MAX_DELAY_MS = 5_000;
const STORE = "s";
const PAD = 1024;
const MARK = { normal: "a", short: "b" };
const OLD = { lock: "u:lock", tries: "u:tries", planTries: "u:plan-tries", dbs: ["u", "u-j"] };
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An empty safety plan. */
export function emptyPlan() {
  return { v: 1, ticks: {}, notes: {}, custom: {} };
}

export class VaultError extends Error {
  constructor(kind, cause) {
    super(kind);
    this.kind = kind; // "damaged", "full", "storage", "wrong"
    this.cause = cause;
  }
}

// ---- storage ----------------------------------------------------------------

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb(name = NAMES.db, create = true) {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    if (create) open.result.createObjectStore(STORE);
    else open.transaction.abort();
  };
  return request(open);
}

async function transact(mode, work, name) {
  let db;
  try {
    db = await openDb(name);
    const tx = db.transaction(STORE, mode);
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    const result = await work(tx.objectStore(STORE));
    await done;
    return result;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw new VaultError(error?.name === "QuotaExceededError" ? "full" : "storage", error);
  } finally {
    db?.close();
  }
}

/** Read stored entries by key: {key: value}; every key is read, present or not. */
export function readEntries(keys) {
  return transact("readonly", async (store) => {
    const out = {};
    for (const key of keys) out[key] = await request(store.get(key));
    return out;
  });
}

/** The keys of the stored plans ("p", "pj"). */
export function planKeys() {
  return transact("readonly", async (store) => (await request(store.getAllKeys()))
    .filter((key) => typeof key === "string" && key.startsWith("p")));
}

/** Write and delete entries in one transaction: all of it happens, or nothing. */
export function writeEntries(puts, deletes = []) {
  return transact("readwrite", async (store) => {
    for (const key of deletes) await request(store.delete(key));
    for (const [key, value] of Object.entries(puts)) await request(store.put(value, key));
  });
}

function deleteDb(name) {
  return new Promise((done) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => done();
  });
}

/** Delete the database and make it again with only `keep`, so no old record stays in it. */
export async function remakeDb(keep) {
  await deleteDb(NAMES.db);
  await writeEntries(keep);
}

function mark(short) {
  try {
    localStorage.setItem(NAMES.locked, short ? MARK.short : MARK.normal);
  } catch {
    // guard.js then does not know a code is set; the code itself is still safe.
  }
}

function readLocal(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

// ---- keys -------------------------------------------------------------------

/** Stretch a code with a salt: PBKDF2-SHA-256, 256 bits. */
export async function stretch(code, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(code), "PBKDF2", false,
    ["deriveBits"]);
  return new Uint8Array(await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, 256));
}

async function mix(deviceKey, bits, label) {
  const input = new Uint8Array([...bits, ...encoder.encode(label)]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", deviceKey, input));
}

/** Turn 256 bits into an AES-GCM key that can never be read out. */
export function aesKey(bits) {
  return crypto.subtle.importKey("raw", bits, "AES-GCM", false, ["encrypt", "decrypt"]);
}

function newDeviceKey() {
  return crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256", length: 256 }, false,
    ["sign"]);
}

function random(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

function sameBytes(a, b) {
  if (!(a instanceof Uint8Array) || !(b instanceof Uint8Array) || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i] ^ b[i];
  return diff === 0;
}

function shuffled(a, b) {
  return random(1)[0] & 1 ? [a, b] : [b, a];
}

function checkLock(lock) {
  const fine = lock && lock.v === 2 && Number.isInteger(lock.i) && lock.i >= MIN_ITERATIONS
    && lock.s instanceof Uint8Array && lock.s.length === 16 && Array.isArray(lock.c)
    && lock.c.length === 2 && lock.c.every((slot) => slot instanceof Uint8Array && slot.length === 32);
  if (!fine) throw new VaultError("damaged");
  return lock;
}

function lockRecord(salt, iterations, slots, code) {
  return { v: 2, i: iterations, s: salt, c: slots, n: code.length < MIN_LENGTH };
}

async function session(deviceKey, lock, bits) {
  return {
    deviceKey, lock, real: await mix(deviceKey, bits, "r"),
    plan: await aesKey(await mix(deviceKey, bits, "p")),
    short: Boolean(lock.n),
  };
}

// ---- sealing (the plans) ----------------------------------------------------

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

/** Encode a value as JSON bytes padded with spaces to a multiple of 1 KB. */
export function padded(value) {
  const bytes = encoder.encode(JSON.stringify(value));
  const out = new Uint8Array(Math.ceil((bytes.length + 1) / PAD) * PAD).fill(0x20);
  out.set(bytes);
  return out;
}

/** Encrypt a value with a fresh IV; the size says only how many KB it needs. */
export async function seal(key, value) {
  const iv = random(12);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key,
    padded(value)));
  return { v: 2, iv, d: data, h: await sha256(data) };
}

/** Decrypt a sealed value; throws "damaged" when it was changed, "wrong" for another key. */
export async function unseal(key, record, iv = record?.iv, data = record?.d, digest = record?.h) {
  if (!(iv instanceof Uint8Array) || !(data instanceof Uint8Array)) throw new VaultError("damaged");
  let bytes;
  try {
    bytes = await crypto.subtle.decrypt({ name: "AES-GCM", iv }, key, data);
  } catch {
    // GCM refuses both a wrong key and changed bytes; the digest tells them apart.
    if (digest && !sameBytes(await sha256(data), digest)) throw new VaultError("damaged");
    throw new VaultError("wrong");
  }
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new VaultError("damaged");
  }
}

// ---- the code ---------------------------------------------------------------

/** Is a code set on this phone (now, or in the format before version 2)? */
export function hasCode() {
  return Boolean(readLocal(NAMES.locked) || readLocal(OLD.lock));
}

/** The shortest entry that can be the code: 6, or 4 while an older short code is in use. */
export function shortestCode() {
  const marked = readLocal(NAMES.locked);
  return marked === MARK.short || (!marked && readLocal(OLD.lock)) ? SHORT_LENGTH : MIN_LENGTH;
}

/** Is this a good new code? Digits only where it must work on the calculator. */
export function codeProblem(code, digitsOnly) {
  const text = String(code || "");
  if (digitsOnly && !/^[0-9]+$/.test(text)) return "digits";
  if (text.trim().length < MIN_LENGTH || text !== text.trim()) return "short";
  return null;
}

/** Set the first code on this phone; returns the open session. */
export async function createCode(code) {
  const deviceKey = await newDeviceKey();
  const salt = random(16);
  const bits = await stretch(code, salt, ITERATIONS);
  const lock = lockRecord(salt, ITERATIONS, shuffled(await mix(deviceKey, bits, "r"), random(32)), code);
  await writeEntries({ k: deviceKey, l: lock });
  mark(lock.n);
  clearTries();
  return session(deviceKey, lock, bits);
}

/** A forgotten code: delete every plan and the code itself, then start with a new code.
 * The database is deleted (like erasing), and the new code gets a new device key,
 * so nothing of the old plan can ever be read with it. */
export async function startAgain(code) {
  await deleteDb(NAMES.db);
  await Promise.all(OLD.dbs.map(deleteDb));
  for (const key of [NAMES.locked, OLD.lock, OLD.tries, OLD.planTries]) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Storage is off: createCode below fails and says so.
    }
  }
  return createCode(code);
}

/** Move to a new code: the plans are locked again with it, in one step. */
export async function changeCode(open, code) {
  const bits = await stretch(code, open.lock.s, open.lock.i);
  const next = await session(open.deviceKey, open.lock, bits);
  const other = open.lock.c.find((slot) => !sameBytes(slot, open.real)) || random(32);
  const lock = lockRecord(open.lock.s, open.lock.i, shuffled(next.real, other), code);
  const puts = { l: lock };
  for (const key of await planKeys()) {
    const stored = await readEntries([key]);
    puts[key] = await seal(next.plan, await unseal(open.plan, stored[key]));
  }
  await writeEntries(puts);
  mark(lock.n);
  return { ...next, lock, short: lock.n };
}

/** Set (or replace) the emergency code; false when it is the real code. */
export async function setDuress(open, code) {
  const bits = await stretch(code, open.lock.s, open.lock.i);
  if (sameBytes(await mix(open.deviceKey, bits, "r"), open.real)) return false;
  const lock = { ...open.lock, c: shuffled(open.real, await mix(open.deviceKey, bits, "e")) };
  await writeEntries({ l: lock });
  open.lock = lock;
  return true;
}

/** How long to wait before the next check, after some wrong codes in a row. */
export function delayFor(wrongTries) {
  if (wrongTries < FREE_TRIES) return 0;
  return Math.min(1000 * 2 ** (wrongTries - FREE_TRIES), MAX_DELAY_MS);
}

function wrongTries() {
  return Number(readLocal(NAMES.tries)) || 0;
}

function clearTries() {
  try {
    localStorage.removeItem(NAMES.tries);
  } catch {
    // Nothing to clear then.
  }
}

function countWrong() {
  try {
    localStorage.setItem(NAMES.tries, String(wrongTries() + 1));
  } catch {
    // Storage is off: the wait stays short, the code itself is still safe.
  }
}

let running = null;
let waiting = null;

/** Check a code anywhere it is asked for: {ok, session} or {ok: false, reason}.
 * Wrong codes in a row make the next check wait (at most 5 s). Only one check
 * runs at a time; an entry typed meanwhile is checked next, and only the latest. */
export function enter(code, { count = true } = {}) {
  return new Promise((resolve) => {
    if (waiting) waiting.resolve({ ok: false, reason: "skipped" });
    waiting = { code, count, resolve };
    if (!running) running = drain();
  });
}

async function drain() {
  while (waiting) {
    const job = waiting;
    waiting = null;
    job.resolve(await check(job.code, job.count).catch((error) => ({
      ok: false, reason: error instanceof VaultError ? error.kind : "storage",
    })));
  }
  running = null;
}

async function check(code, count) {
  if (!hasCode()) return { ok: false, reason: "none" };
  const wait = delayFor(wrongTries());
  if (wait) await new Promise((done) => setTimeout(done, wait));
  const { k: deviceKey, l: stored } = await readEntries(["k", "l"]);
  let open;
  if (!stored && readLocal(OLD.lock)) {
    open = await enterOldCode(code);
  } else {
    const lock = checkLock(stored);
    if (!deviceKey) throw new VaultError("damaged");
    const bits = await stretch(code, lock.s, lock.i);
    const real = await mix(deviceKey, bits, "r");
    const duress = await mix(deviceKey, bits, "e");
    if (lock.c.some((slot) => sameBytes(slot, real))) {
      open = await session(deviceKey, lock, bits);
    } else if (lock.c.some((slot) => sameBytes(slot, duress))) {
      open = await becomeReal(deviceKey, lock, bits, code);
    }
  }
  if (!open) {
    if (count) countWrong();
    return { ok: false, reason: "wrong" };
  }
  clearTries();
  return { ok: true, session: open };
}

/** The emergency code: empty every plan and make this code the real one, like a new start. */
async function becomeReal(deviceKey, lock, bits, code) {
  const next = lockRecord(lock.s, lock.i, shuffled(await mix(deviceKey, bits, "r"), random(32)), code);
  const open = await session(deviceKey, next, bits);
  const keep = { k: deviceKey, l: next };
  for (const key of await planKeys()) keep[key] = await seal(open.plan, emptyPlan());
  await remakeDb(keep);
  mark(next.n);
  return open;
}

// ---- codes and plans from before version 2 ---------------------------------

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function readOldDb(name) {
  let db;
  try {
    db = await openDb(name, false);
  } catch {
    return null; // it does not exist (and was not made by looking)
  }
  try {
    const store = db.transaction(db.objectStoreNames[0]).objectStore(db.objectStoreNames[0]);
    const head = await request(store.get("head"));
    const record = head ? await request(store.get(`plan:${head.id}`)) : null;
    return { head, record };
  } catch {
    return null;
  } finally {
    db.close();
  }
}

async function openOldPlan(code, record) {
  if (!record || !(record.iter >= MIN_ITERATIONS) || !(record.salt instanceof Uint8Array)) {
    throw new VaultError("damaged");
  }
  const key = await aesKey(await stretch(code, record.salt, record.iter));
  return unseal(key, record, record.iv, record.data, record.digest);
}

/** Check a code stored the old way; when right, store it (and the plans) the new way. */
async function enterOldCode(code) {
  let old;
  try {
    old = JSON.parse(readLocal(OLD.lock));
  } catch {
    throw new VaultError("damaged");
  }
  if (!old || !(old.iter >= MIN_ITERATIONS) || !old.salt || !old.hash) throw new VaultError("damaged");
  const plans = { p: await readOldDb(OLD.dbs[0]), pj: await readOldDb(OLD.dbs[1]) };
  let duress = false;
  if (!sameBytes(await stretch(code, fromBase64(old.salt), old.iter), fromBase64(old.hash))) {
    const marked = plans.p?.head?.duress;
    duress = Boolean(marked?.salt && marked?.hash)
      && sameBytes(await stretch(code, marked.salt, ITERATIONS), marked.hash);
    if (!duress) return null;
  }
  const open = await createCode(code);
  const puts = {};
  const gone = [];
  for (const [key, found] of Object.entries(plans)) {
    if (!found?.head) continue;
    try {
      puts[key] = await seal(open.plan, duress ? emptyPlan() : await openOldPlan(code, found.record));
      gone.push(OLD.dbs[key === "p" ? 0 : 1]);
    } catch {
      // A plan that cannot be opened stays where it was: nothing is thrown away.
    }
  }
  await writeEntries(puts);
  await Promise.all(gone.map(deleteDb));
  for (const key of [OLD.lock, OLD.tries, OLD.planTries]) localStorage.removeItem(key);
  return open;
}

// ---- the disguises ----------------------------------------------------------

/** Mark this window as opened with the code, now. */
export function markOpen() {
  try {
    sessionStorage.setItem(NAMES.open, String(Date.now()));
  } catch {
    // Without session storage the app simply asks for the code again.
  }
}

/** Open the real app at `url` when the code is right; a wrong code does nothing visible. */
export async function openWithCode(code, url, options) {
  const result = await enter(code, options);
  if (result.ok) {
    markOpen();
    location.replace(url);
  }
  return result;
}
