// "Erase everything": delete what this site stored on the phone, then tell the
// server (whose answer carries Clear-Site-Data) and leave like the quick exit.
import { leave } from "../../js/exit.js";

const TIME_LIMIT_MS = 2000;

/** Delete every kind of storage this origin can reach from a page. */
export async function wipeLocal() {
  const jobs = [];
  try { localStorage.clear(); } catch { /* storage may be off */ }
  if (window.caches) {
    jobs.push(caches.keys().then((keys) => Promise.all(keys.map((k) => caches.delete(k)))));
  }
  if (window.indexedDB?.databases) {
    jobs.push(indexedDB.databases().then((dbs) => Promise.all(dbs.map((db) => new Promise((done) => {
      const request = indexedDB.deleteDatabase(db.name);
      request.onsuccess = request.onerror = request.onblocked = () => done();
    })))));
  }
  if (navigator.serviceWorker) {
    jobs.push(navigator.serviceWorker.getRegistrations()
      .then((regs) => Promise.all(regs.map((r) => r.unregister()))));
  }
  for (const cookie of document.cookie.split(";")) {
    const name = cookie.split("=")[0].trim();
    if (name) document.cookie = `${name}=; Max-Age=0; path=/`;
  }
  await Promise.allSettled(jobs);
}

export class Erase {
  constructor(form) {
    this.form = form;
  }

  init() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.run();
    });
  }

  async run() {
    const root = document.documentElement;
    root.classList.add("covered");
    const limit = new Promise((done) => setTimeout(done, TIME_LIMIT_MS));
    const server = fetch(this.form.action, {
      method: "POST",
      body: new FormData(this.form),
      redirect: "manual",
      cache: "no-store",
    }).catch(() => null);
    await Promise.race([Promise.allSettled([wipeLocal(), server]), limit]);
    try { sessionStorage.clear(); } catch { /* storage may be off */ }
    leave();
  }
}
