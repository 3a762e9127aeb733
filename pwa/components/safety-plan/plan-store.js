// The safety plan on this phone, sealed with the key of the open session
// (js/lock.js), and the backup file that can go to another phone.
//
// The backup cannot use this phone's device key, so it has its own code: 16
// characters picked at random by the app (80 bits), shown once. Guessing that
// is out of reach even on many GPUs, whatever the person's own code is.
import {
  MIN_ITERATIONS, VaultError, aesKey, emptyPlan, padded, planKeys, readEntries, remakeDb, seal,
  stretch, unseal, writeEntries,
} from "../../js/lock.js";

export { VaultError as PlanError, emptyPlan };

const BACKUP_ITERATIONS = 600_000;
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O or 1/I to mix up
const HEADER = 16 + 12 + 4;
let slotKey = "p";

/** Keep a separate plan, for example the child-mode plan ("j"). */
export function useSlot(slot) {
  slotKey = slot ? `p${slot}` : "p";
}

/** Read this slot's plan with an open session, or null when there is none. */
export async function loadPlan(session) {
  const stored = (await readEntries([slotKey]))[slotKey];
  return stored ? unseal(session.plan, stored) : null;
}

/** Encrypt and store this slot's plan; the last good copy stays if this fails. */
export async function savePlan(session, plan) {
  await writeEntries({ [slotKey]: await seal(session.plan, plan) });
}

/** Erase this slot's plan: the database is made again without it. */
export async function erasePlan() {
  const keys = ["k", "l", ...(await planKeys()).filter((key) => key !== slotKey)];
  const found = await readEntries(keys);
  await remakeDb(Object.fromEntries(Object.entries(found).filter(([, value]) => value)));
}

function random(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** A new random backup code, in groups of four: "7KQ2-MX9P-4HTC-Z3RW". */
export function newBackupCode() {
  const chars = Array.from(random(16), (byte) => ALPHABET[byte & 31]);
  return [0, 4, 8, 12].map((at) => chars.slice(at, at + 4).join("")).join("-");
}

function normalCode(text) {
  return String(text || "").toUpperCase().replace(/[^0-9A-Z]/g, "");
}

/** A neutral file name: eight random letters and digits. */
export function backupName() {
  return `${Array.from(random(8), (byte) => ALPHABET[byte & 31].toLowerCase()).join("")}.txt`;
}

/** The backup file's text: random-looking, locked with the backup code. */
export async function backupText(plan, code) {
  const salt = random(16);
  const iv = random(12);
  const key = await aesKey(await stretch(normalCode(code), salt, BACKUP_ITERATIONS));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key,
    padded(plan)));
  const out = new Uint8Array(HEADER + data.length);
  out.set(salt);
  out.set(iv, 16);
  // The iteration count, mixed with the salt so the file has no fixed bytes.
  new DataView(out.buffer).setUint32(28, BACKUP_ITERATIONS ^ new DataView(salt.buffer).getUint32(0));
  out.set(data, HEADER);
  return toBase64(out);
}

async function oldBackup(raw, code) {
  if (raw.kind !== "backup" || !(raw.iter >= MIN_ITERATIONS)) throw new VaultError("damaged");
  const key = await aesKey(await stretch(String(code || "").trim(), fromBase64(raw.salt), raw.iter));
  return unseal(key, null, fromBase64(raw.iv), fromBase64(raw.data), fromBase64(raw.digest));
}

/** Open a backup file with its code; throws "wrong" or "damaged". Older files use the old code. */
export async function planFromBackup(text, code) {
  const clean = String(text || "").trim();
  let bytes;
  try {
    if (clean.startsWith("{")) return await oldBackup(JSON.parse(clean), code);
    bytes = fromBase64(clean);
  } catch (error) {
    throw error instanceof VaultError ? error : new VaultError("damaged");
  }
  if (bytes.length < HEADER + 16) throw new VaultError("damaged");
  const salt = bytes.slice(0, 16);
  const iterations = new DataView(bytes.buffer).getUint32(28) ^ new DataView(salt.buffer).getUint32(0);
  // A changed file must not make the key weaker: too few iterations is damage.
  if (iterations < MIN_ITERATIONS || iterations > 50_000_000) throw new VaultError("damaged");
  const key = await aesKey(await stretch(normalCode(code), salt, iterations));
  return { ...emptyPlan(), ...(await unseal(key, null, bytes.slice(16, 28), bytes.slice(HEADER))) };
}
