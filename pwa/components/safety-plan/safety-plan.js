// The safety plan on the page: unlock with the code, tick items, write notes,
// add your own items, print, back up, change the code, set a duress code, erase.
// The key and the open plan live only in memory and are dropped when the plan
// locks: on "lock", on quick exit, when the page is hidden and after idle time.
import { onExit } from "../../js/exit.js";
import { delayFor, hasCode, setCode, verifyCode } from "../../js/lock.js";
import {
  PlanError, backupText, duressHash, erasePlan, isDuress, newSession, openRecord, readRecord,
  recordFromBackup, seal, useSlot, writeRecord,
} from "./plan-store.js";

const MIN_CODE = 4;
const SAVE_DELAY_MS = 400;
const TRIES_KEY = "u:plan-tries";

function emptyPlan() {
  return { v: 1, ticks: {}, notes: {}, custom: {} };
}

function wait(ms) {
  return new Promise((done) => setTimeout(done, ms));
}

export class SafetyPlan {
  constructor(root) {
    this.root = root;
    this.text = root.dataset;
    this.session = null;
    this.plan = null;
    this.saving = Promise.resolve();
    useSlot(root.dataset.slot);
  }

  init() {
    this.root.querySelector("[data-static]")?.setAttribute("hidden", "");
    this.root.querySelector("[data-app]").hidden = false;
    this.root.addEventListener("submit", (event) => this.onSubmit(event));
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.root.addEventListener("change", (event) => this.onChange(event));
    this.root.addEventListener("input", (event) => this.onInput(event));
    this.forget = onExit(() => this.lock(false));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.lock(true);
    });
    this.idleMs = 1000 * Number(this.text.idleSeconds || 300);
    this.showStart();
  }

  // ---- views --------------------------------------------------------------

  view(name) {
    for (const el of this.root.querySelectorAll("[data-view]")) el.hidden = el.dataset.view !== name;
    const heading = this.root.querySelector(`[data-view="${name}"] h2`);
    if (heading && name !== "sheet") {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  async showStart() {
    let known = hasCode();
    try {
      known = known || Boolean(await readRecord());
    } catch {
      known = true;
    }
    this.view(known ? "unlock" : "create");
  }

  say(where, key, kind = "error") {
    const el = this.root.querySelector(`[data-message="${where}"]`);
    if (!el) return;
    el.textContent = key ? this.text[key] : "";
    el.dataset.kind = kind;
  }

  // ---- events -------------------------------------------------------------

  onSubmit(event) {
    const form = event.target.closest("form[data-form]");
    if (!form) return;
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const handlers = {
      unlock: () => this.unlock(data.code),
      create: () => this.create(data.code, data.again),
      add: () => this.addItem(form.dataset.section, data.item, form),
      "change-code": () => this.changeCode(data.code, data.again, form),
      duress: () => this.setDuress(data.code, data.again, form),
      restore: () => this.restore(form.querySelector("input[type=file]").files[0], data.code, form),
    };
    handlers[form.dataset.form]?.().catch((error) => this.fail(error));
  }

  onClick(event) {
    const action = event.target.closest("[data-action]")?.dataset.action;
    const actions = {
      lock: () => this.lock(true),
      print: () => this.print(),
      backup: () => this.backup(),
      "erase-ask": () => { this.root.querySelector("[data-erase-confirm]").hidden = false; },
      "erase-no": () => { this.root.querySelector("[data-erase-confirm]").hidden = true; },
      "erase-yes": () => this.erase(),
      remove: () => this.removeItem(event.target.closest("[data-custom-id]")),
    };
    if (action && actions[action]) {
      event.preventDefault();
      Promise.resolve(actions[action]()).catch((error) => this.fail(error));
    }
  }

  onChange(event) {
    if (!this.plan) return;
    const box = event.target;
    if (box.matches("input[data-item]")) this.plan.ticks[box.dataset.item] = box.checked;
    else if (box.matches("input[data-custom-done]")) {
      const id = box.closest("[data-custom-id]").dataset.customId;
      for (const list of Object.values(this.plan.custom)) {
        for (const item of list) if (item.id === id) item.done = box.checked;
      }
    } else return;
    this.changed();
  }

  onInput(event) {
    if (!this.plan || !event.target.matches("textarea[data-note]")) return;
    this.plan.notes[event.target.dataset.note] = event.target.value;
    this.changed();
  }

  fail(error) {
    const kind = error instanceof PlanError ? error.kind : "storage";
    const key = { full: "full", damaged: "damaged", wrong: "wrong" }[kind] || "storageError";
    const where = this.plan ? "sheet" : this.root.querySelector("[data-view=create]:not([hidden])")
      ? "create" : "unlock";
    this.say(where, key);
  }

  // ---- unlocking ----------------------------------------------------------

  async unlock(code) {
    this.say("unlock", "working", "info");
    const tries = Number(localStorage.getItem(TRIES_KEY)) || 0;
    if (delayFor(tries)) await wait(delayFor(tries));
    let record;
    try {
      record = await readRecord();
    } catch (error) {
      return this.fail(error);
    }
    try {
      if (!record) {
        if (!(await verifyCode(code))) throw new PlanError("wrong");
        return this.open(await newSession(code), emptyPlan(), true);
      }
      if (await isDuress(record, code)) {
        // The duress code: silently erase the real plan and show a new, empty one.
        await erasePlan();
        return this.open(await newSession(code), emptyPlan(), true, null);
      }
      const { plan, session } = await openRecord(record, code);
      localStorage.removeItem(TRIES_KEY);
      return this.open(session, plan, false);
    } catch (error) {
      if (error instanceof PlanError && error.kind === "wrong") {
        localStorage.setItem(TRIES_KEY, String(tries + 1));
      }
      return this.fail(error);
    }
  }

  async create(code, again) {
    if (!/^[0-9]+$/.test(code || "") || code.length < MIN_CODE) return this.say("create", "tooShort");
    if (code !== again) return this.say("create", "mismatch");
    this.say("create", "working", "info");
    if (!hasCode()) await setCode(code);
    else if (!(await verifyCode(code))) return this.say("create", "wrong");
    return this.open(await newSession(code), emptyPlan(), true);
  }

  async open(session, plan, saveNow, duress) {
    this.session = session;
    this.plan = { ...emptyPlan(), ...plan };
    if (saveNow) await this.save(duress);
    this.render();
    this.view("sheet");
    this.say("unlock", "");
    this.say("create", "");
    this.root.querySelector("[data-view=sheet] h2")?.focus();
    this.touch();
  }

  /** Drop the key and the open plan; optionally show the code screen again. */
  lock(show) {
    clearTimeout(this.idleTimer);
    const pending = this.pending;
    if (pending) {
      clearTimeout(pending);
      this.pending = null;
      this.save().catch(() => {});
    }
    this.session = null;
    this.plan = null;
    const sheet = this.root.querySelector("[data-sheet]");
    if (sheet) sheet.replaceChildren();
    for (const field of this.root.querySelectorAll("input.secret")) field.value = "";
    if (show) this.showStart();
  }

  touch() {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.lock(true), this.idleMs);
  }

  // ---- the sheet ----------------------------------------------------------

  render() {
    const sheet = this.root.querySelector("[data-sheet]");
    sheet.replaceChildren(this.root.querySelector("#plan-sheet").content.cloneNode(true));
    for (const box of sheet.querySelectorAll("input[data-item]")) {
      box.checked = Boolean(this.plan.ticks[box.dataset.item]);
    }
    for (const note of sheet.querySelectorAll("textarea[data-note]")) {
      note.value = this.plan.notes[note.dataset.note] || "";
    }
    for (const list of sheet.querySelectorAll("[data-custom]")) {
      for (const item of this.plan.custom[list.dataset.custom] || []) {
        list.append(this.customRow(item));
      }
    }
  }

  customRow(item) {
    const row = this.root.querySelector("#plan-custom-row").content.firstElementChild.cloneNode(true);
    row.dataset.customId = item.id;
    const box = row.querySelector("input[data-custom-done]");
    box.id = `custom-${item.id}`;
    box.checked = Boolean(item.done);
    const label = row.querySelector("label");
    label.htmlFor = box.id;
    label.textContent = item.text;
    return row;
  }

  addItem(section, text, form) {
    const clean = String(text || "").trim();
    if (!this.plan || !clean) return Promise.resolve();
    const item = { id: crypto.randomUUID(), text: clean.slice(0, 500), done: false };
    (this.plan.custom[section] ||= []).push(item);
    this.root.querySelector(`[data-custom="${section}"]`).append(this.customRow(item));
    form.reset();
    this.changed();
    return Promise.resolve();
  }

  removeItem(row) {
    if (!this.plan || !row) return;
    const id = row.dataset.customId;
    for (const [section, list] of Object.entries(this.plan.custom)) {
      this.plan.custom[section] = list.filter((item) => item.id !== id);
    }
    row.remove();
    this.changed();
  }

  changed() {
    this.touch();
    this.say("sheet", "unsaved", "info");
    clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = null;
      this.save().catch((error) => this.fail(error));
    }, SAVE_DELAY_MS);
  }

  /** Encrypt and store the plan; the last good copy stays if this fails. */
  save(duress) {
    const { session, plan } = this;
    if (!session || !plan) return Promise.resolve();
    this.saving = this.saving.catch(() => {}).then(async () => {
      await writeRecord(await seal(session, plan), duress);
      if (this.plan === plan) this.say("sheet", "saved", "ok");
    });
    return this.saving;
  }

  // ---- tools --------------------------------------------------------------

  print() {
    if (!this.plan) return;
    const view = document.createElement("div");
    view.className = "print-view";
    const warning = document.createElement("p");
    warning.textContent = this.text.paperWarning;
    view.append(warning);
    for (const section of this.root.querySelectorAll("[data-sheet] section[data-section]")) {
      const block = document.createElement("section");
      const title = document.createElement("h2");
      title.textContent = section.querySelector("h2").textContent;
      const list = document.createElement("ul");
      for (const row of section.querySelectorAll("li")) {
        const box = row.querySelector("input[type=checkbox]");
        const label = row.querySelector("label, a");
        if (!label) continue;
        const line = document.createElement("li");
        line.textContent = `${box ? (box.checked ? "☑" : "☐") : "•"} ${label.textContent.trim()}`;
        list.append(line);
      }
      block.append(title, list);
      const note = section.querySelector("textarea")?.value.trim();
      if (note) {
        const para = document.createElement("p");
        para.textContent = note;
        block.append(para);
      }
      view.append(block);
    }
    document.body.append(view);
    const cleanUp = () => view.remove();
    addEventListener("afterprint", cleanUp, { once: true });
    onExit(cleanUp);
    window.print();
  }

  async backup() {
    const record = await readRecord();
    if (!record) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([backupText(record)], { type: "text/plain" }));
    link.download = "backup.txt";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.say("sheet", "backedUp", "ok");
  }

  async restore(file, code, form) {
    const where = this.plan ? "sheet" : "unlock";
    if (!file) return this.say(where, "noFile");
    const record = recordFromBackup(await file.text());
    this.say(where, "working", "info");
    try {
      const { plan, session } = await openRecord(record, code);
      await writeRecord(record, null);
      form.reset();
      await this.open(session, plan, false);
      this.say("sheet", "restored", "ok");
    } catch (error) {
      this.say(where, error instanceof PlanError && error.kind === "wrong" ? "wrong" : "damaged");
    }
  }

  async changeCode(code, again, form) {
    if (!this.plan) return;
    if (!/^[0-9]+$/.test(code || "") || code.length < MIN_CODE) return this.say("sheet", "tooShort");
    if (code !== again) return this.say("sheet", "mismatch");
    this.say("sheet", "working", "info");
    const session = await newSession(code);
    await writeRecord(await seal(session, this.plan));
    await setCode(code);
    this.session = session;
    form.reset();
    this.say("sheet", "codeChanged", "ok");
  }

  async setDuress(code, again, form) {
    if (!this.plan) return;
    if (!/^[0-9]+$/.test(code || "") || code.length < MIN_CODE) return this.say("sheet", "tooShort");
    if (code !== again) return this.say("sheet", "mismatch");
    this.say("sheet", "working", "info");
    const record = await readRecord();
    const sameAsReal = (await verifyCode(code))
      || (await openRecord(record, code).then(() => true, () => false));
    if (sameAsReal) return this.say("sheet", "duressSame");
    await writeRecord(await seal(this.session, this.plan), await duressHash(code));
    form.reset();
    this.say("sheet", "duressSet", "ok");
  }

  async erase() {
    await erasePlan();
    localStorage.removeItem(TRIES_KEY);
    this.lock(false);
    this.root.querySelector("[data-erase-confirm]").hidden = true;
    await this.showStart();
    this.say("unlock", "erased", "ok");
    this.say("create", "erased", "ok");
  }
}
