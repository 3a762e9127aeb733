// The safety plan, kept only on this phone: AES-GCM-256 with a key from the
// person's code (PBKDF2-SHA-256), in IndexedDB. Nothing of the plan is ever
// stored in plain text, and nothing is sent anywhere.
//
// Records: "plan:<id>" holds {v, salt, iv, iter, data, digest}; "head" points at
// the current one. A save writes a new record first and only then moves the
// head, so a failed save (a full phone) leaves the last good copy in place.
import { deriveBits, ITERATIONS } from "../../js/lock.js";

let dbName = "u";
const STORE = "kv";
const SCHEMA = 1;
// Plans are padded to a multiple of this many bytes, so the size of the stored
// data does not tell how many items or how much text a plan holds.
const PAD = 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class PlanError extends Error {
  constructor(kind, cause) {
    super(kind);
    this.kind = kind; // "damaged", "full", "storage"
    this.cause = cause;
  }
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Keep a separate plan, for example the child-mode plan ("j"), in its own database. */
export function useSlot(slot) {
  dbName = slot ? `u-${slot}` : "u";
}

function openDb() {
  const open = indexedDB.open(dbName, SCHEMA);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

async function withStore(mode, work) {
  const db = await openDb();
  try {
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
    if (error?.name === "QuotaExceededError") throw new PlanError("full", error);
    throw error instanceof PlanError ? error : new PlanError("storage", error);
  } finally {
    db.close();
  }
}

async function sha256(bytes) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
}

function equal(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Turn a code and a salt into an AES-GCM key that never leaves memory. */
export async function planKey(code, salt, iterations = ITERATIONS) {
  const bits = await deriveBits(code, salt, iterations);
  return crypto.subtle.importKey("raw", bits, "AES-GCM", false, ["encrypt", "decrypt"]);
}

/** Encrypt a plan into a record with a fresh IV. */
export async function seal(session, plan) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const text = JSON.stringify(plan);
  const padded = text.padEnd(Math.ceil((encoder.encode(text).length + 1) / PAD) * PAD, " ");
  const data = new Uint8Array(await crypto.subtle.encrypt(
    { name: "AES-GCM", iv }, session.key, encoder.encode(padded)));
  return { v: SCHEMA, iter: session.iter, salt: session.salt, iv, data, digest: await sha256(data) };
}

/** Read the current record, or null when there is no plan. */
export async function readRecord() {
  return withStore("readonly", async (store) => {
    const head = await request(store.get("head"));
    if (!head) return null;
    const record = await request(store.get(`plan:${head.id}`));
    if (!record) throw new PlanError("damaged");
    return { ...record, duress: head.duress || null };
  });
}

/** Write a record first, then point the head at it, then drop the old one. */
export async function writeRecord(record, duress) {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(8)),
    (b) => b.toString(16).padStart(2, "0")).join("");
  await withStore("readwrite", (store) => request(store.put(record, `plan:${id}`)));
  await withStore("readwrite", async (store) => {
    const old = await request(store.get("head"));
    const keep = duress === undefined ? old?.duress || null : duress;
    await request(store.put({ id, duress: keep }, "head"));
    if (old && old.id !== id) await request(store.delete(`plan:${old.id}`));
  });
}

/** Erase the plan and everything about it. */
export async function erasePlan() {
  await withStore("readwrite", (store) => request(store.clear()));
}

/** Try to open a record with a code: returns {plan, session}, or throws "wrong"/"damaged". */
export async function openRecord(record, code) {
  if (record.v !== SCHEMA || !(record.data instanceof Uint8Array) || !record.salt || !record.iv) {
    throw new PlanError("damaged");
  }
  const key = await planKey(code, record.salt, record.iter);
  let text;
  try {
    text = decoder.decode(await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: record.iv }, key, record.data));
  } catch {
    // GCM refuses both a wrong key and changed bytes; the digest tells them apart.
    if (record.digest && !equal(await sha256(record.data), record.digest)) {
      throw new PlanError("damaged");
    }
    throw new PlanError("wrong");
  }
  return { plan: JSON.parse(text), session: { key, salt: record.salt, iter: record.iter } };
}

/** Start a fresh session (new salt) for a code. */
export async function newSession(code) {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return { key: await planKey(code, salt), salt, iter: ITERATIONS };
}

/** Hash a duress code so it can be recognised without being stored. */
export async function duressHash(code, salt = crypto.getRandomValues(new Uint8Array(16))) {
  return { salt, hash: await deriveBits(code, salt) };
}

/** Is this code the duress code? */
export async function isDuress(record, code) {
  if (!record?.duress) return false;
  const { hash } = await duressHash(code, record.duress.salt);
  return equal(hash, record.duress.hash);
}

function toBase64(bytes) {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** The encrypted backup file: the current record, still locked with the code. */
export function backupText(record) {
  return JSON.stringify({
    kind: "backup", v: record.v, iter: record.iter, salt: toBase64(record.salt),
    iv: toBase64(record.iv), data: toBase64(record.data), digest: toBase64(record.digest),
  });
}

/** Read a backup file back into a record; throws "damaged" when it is not one. */
export function recordFromBackup(text) {
  try {
    const raw = JSON.parse(text);
    if (raw.kind !== "backup") throw new Error("not a backup");
    return {
      v: raw.v, iter: raw.iter, salt: fromBase64(raw.salt), iv: fromBase64(raw.iv),
      data: fromBase64(raw.data), digest: fromBase64(raw.digest),
    };
  } catch {
    throw new PlanError("damaged");
  }
}

/** Lock an existing plan with a new code (when the code changes elsewhere). */
export async function rekeyPlan(oldCode, newCode) {
  const record = await readRecord();
  if (!record) return false;
  const { plan } = await openRecord(record, oldCode);
  await writeRecord(await seal(await newSession(newCode), plan));
  return true;
}
