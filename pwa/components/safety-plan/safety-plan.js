// The safety plan on the page: unlock with the code, tick items, write notes,
// add your own items, print, back up, change the code, set a duress code, erase.
// The key and the open plan live only in memory and are dropped when the plan
// locks: on "lock", on quick exit, when the page is hidden and after idle time.
// Every code goes through enter() in js/lock.js: the emergency code opens an
// empty plan there in exactly the way the real code opens an empty plan here.
import { onExit } from "../../js/exit.js";
import {
  changeCode, codeProblem, createCode, enter, hasCode, setDuress, startAgain,
} from "../../js/lock.js";
import { NAMES } from "../../js/names.js";
import {
  PlanError, backupName, backupText, emptyPlan, erasePlan, loadPlan, newBackupCode,
  planFromBackup, savePlan, useSlot,
} from "./plan-store.js";

const SAVE_DELAY_MS = 400;

function digitsOnly() {
  try {
    return localStorage.getItem(NAMES.disguise) === "calc";
  } catch {
    return false;
  }
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
    // guard.js already hid the no-script checklist before the first paint (html.js),
    // and showed the view a code asks for, so nothing moves here.
    this.root.querySelector("[data-static]")?.setAttribute("hidden", "");
    const app = this.root.querySelector("[data-app]");
    app.hidden = false;
    this.root.addEventListener("submit", (event) => this.onSubmit(event));
    this.root.addEventListener("click", (event) => this.onClick(event));
    this.root.addEventListener("change", (event) => this.onChange(event));
    this.root.addEventListener("input", (event) => this.onInput(event));
    this.forget = onExit(() => this.lock(false));
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.lock(true);
    });
    this.idleMs = 1000 * Number(this.text.idleSeconds || 300);
    // A passphrase may have letters, except with the calculator disguise.
    for (const field of this.root.querySelectorAll("input[data-code]")) {
      field.inputMode = digitsOnly() ? "numeric" : "text";
    }
    // On arrival the page stays where it is: no focus jump, no scroll.
    this.showStart(false);
    app.dataset.ready = "true";
  }

  // ---- views --------------------------------------------------------------

  view(name, focus = true) {
    for (const el of this.root.querySelectorAll("[data-view]")) el.hidden = el.dataset.view !== name;
    const heading = this.root.querySelector(`[data-view="${name}"] h2`);
    if (heading && name !== "sheet" && focus) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  showStart(focus = true) {
    this.view(hasCode() ? "unlock" : "create", focus);
  }

  /** The message line of a view, form or section: "create", "tools", or an element. */
  status(where) {
    if (where instanceof Element) return where;
    return this.root.querySelector(`[data-view]:not([hidden]) [data-message="${where}"]`)
      || this.root.querySelector(`[data-message="${where}"]`);
  }

  /** Show (and announce) a message next to the control that caused it. */
  say(where, key, kind = "error") {
    const el = this.status(where);
    if (!el) return;
    el.textContent = key ? this.text[key] : "";
    el.dataset.kind = kind;
  }

  /** The message line nearest an element: its form's, else its plan section's. */
  near(el) {
    for (let node = el; node && node !== this.root; node = node.parentElement) {
      const line = node.matches("form, section[data-section], [data-backup]")
        && node.querySelector("[data-message]");
      if (line) return line;
    }
    return this.status("tools");
  }

  toggle(button, open = button.getAttribute("aria-expanded") !== "true") {
    button.setAttribute("aria-expanded", String(open));
    const panel = this.root.querySelector(`#${button.getAttribute("aria-controls")}`);
    if (panel) panel.hidden = !open;
  }

  // ---- events -------------------------------------------------------------

  onSubmit(event) {
    const form = event.target.closest("form[data-form]");
    if (!form) return;
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const handlers = {
      unlock: () => this.unlock(data.code, form),
      create: () => this.create(data.code, data.again, form),
      "start-again": () => this.startAgain(data.code, data.again, form),
      add: () => this.addItem(form.dataset.section, data.item, form),
      "change-code": () => this.changeCode(data.code, data.again, form),
      duress: () => this.setDuress(data.code, data.again, form),
      restore: () => this.restore(form.querySelector("input[type=file]").files[0], data, form),
    };
    handlers[form.dataset.form]?.().catch((error) => this.fail(error, this.near(form)));
  }

  onClick(event) {
    const disclosure = event.target.closest("[data-disclosure]");
    if (disclosure) {
      this.toggle(disclosure);
      return;
    }
    const action = event.target.closest("[data-action]")?.dataset.action;
    const actions = {
      lock: () => this.lock(true),
      print: () => this.print(),
      backup: () => this.prepareBackup(),
      "backup-save": () => this.saveBackup(),
      "backup-share": () => this.shareBackup(),
      "backup-cancel": () => this.closeBackup(),
      "erase-ask": () => { this.root.querySelector("[data-erase-confirm]").hidden = false; },
      "erase-no": () => { this.root.querySelector("[data-erase-confirm]").hidden = true; },
      "erase-yes": () => this.erase(),
      remove: () => this.removeItem(event.target.closest("[data-custom-id]")),
    };
    if (action && actions[action]) {
      event.preventDefault();
      Promise.resolve(actions[action]()).catch((error) => this.fail(error, this.near(event.target)));
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
    this.changed(box);
  }

  onInput(event) {
    if (!this.plan || !event.target.matches("textarea[data-note]")) return;
    this.plan.notes[event.target.dataset.note] = event.target.value;
    this.changed(event.target);
  }

  fail(error, where = this.saveStatus || "tools") {
    const kind = error instanceof PlanError ? error.kind : "storage";
    const key = { full: "full", damaged: "damaged", wrong: "wrong" }[kind] || "storageError";
    this.say(where, key);
  }

  where() {
    if (this.plan) return "sheet";
    return this.root.querySelector("[data-view=create]:not([hidden])") ? "create" : "unlock";
  }

  /** Say why a new code cannot be used; true when there is a problem. */
  refuseCode(where, code, again) {
    const problem = codeProblem(code, digitsOnly());
    if (problem) this.say(where, digitsOnly() ? "tooShortDigits" : "tooShort");
    else if (code !== again) this.say(where, "mismatch");
    else return false;
    return true;
  }

  // ---- unlocking ----------------------------------------------------------

  /** Check a code the one shared way; returns the session, or null after saying why not. */
  async enter(where, code) {
    this.say(where, "working", "info");
    const result = await enter(code);
    if (result.ok) return result.session;
    if (result.reason !== "skipped") {
      this.say(where, { damaged: "damaged", full: "full", storage: "storageError" }[result.reason]
        || "wrong");
    }
    return null;
  }

  async unlock(code, form) {
    const where = this.near(form);
    const session = await this.enter(where, code);
    if (!session) return undefined;
    let plan;
    try {
      plan = await loadPlan(session);
    } catch (error) {
      return this.fail(error, where);
    }
    // Saved again on every unlock (a fresh IV), with or without a plan before.
    return this.open(session, plan || emptyPlan(), true);
  }

  async create(code, again, form) {
    const where = this.near(form);
    if (this.refuseCode(where, code, again)) return undefined;
    this.say(where, "working", "info");
    return this.open(await createCode(code), emptyPlan(), true);
  }

  /** A forgotten code: the old plan is erased for good, and a new one starts. */
  async startAgain(code, again, form) {
    const where = this.near(form);
    if (this.refuseCode(where, code, again)) return;
    this.say(where, "working", "info");
    const session = await startAgain(code);
    form.reset();
    await this.open(session, emptyPlan(), true);
    this.say("tools", "startedAgain", "ok");
  }

  async open(session, plan, saveNow) {
    this.session = session;
    this.plan = { ...emptyPlan(), ...plan };
    if (saveNow) await this.save();
    this.render();
    this.view("sheet");
    for (const el of this.root.querySelectorAll("[data-view=create] [data-message], [data-view=unlock] [data-message]")) {
      this.say(el, "");
    }
    this.root.querySelector("[data-view=sheet] h2")?.focus();
    this.touch();
    if (session.short) {
      // A code from before version 2 may be 4 digits: ask for a longer one.
      this.toggle(this.root.querySelector('[aria-controls="change-code-panel"]'), true);
      this.say("change-code", "shortCode", "info");
    }
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
    // Nothing of the last session stays open: an open "Emergency code" panel would tell.
    for (const button of this.root.querySelectorAll("[data-disclosure]")) this.toggle(button, false);
    this.root.querySelector("[data-erase-confirm]").hidden = true;
    for (const el of this.root.querySelectorAll("[data-view=sheet] [data-message]")) this.say(el, "");
    this.saveStatus = null;
    this.closeBackup();
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
    this.changed(form);
    return Promise.resolve();
  }

  removeItem(row) {
    if (!this.plan || !row) return;
    const id = row.dataset.customId;
    for (const [section, list] of Object.entries(this.plan.custom)) {
      this.plan.custom[section] = list.filter((item) => item.id !== id);
    }
    const section = row.closest("section[data-section]");
    row.remove();
    this.changed(section);
  }

  /** Something in the plan changed: save soon, and say so in the section where it changed. */
  changed(control) {
    this.touch();
    const where = this.near(control);
    if (this.saveStatus && this.saveStatus !== where) this.say(this.saveStatus, "");
    this.saveStatus = where;
    this.say(where, "unsaved", "info");
    clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = null;
      this.save().catch((error) => this.fail(error));
    }, SAVE_DELAY_MS);
  }

  /** Encrypt and store the plan; the last good copy stays if this fails. */
  save() {
    const { session, plan } = this;
    if (!session || !plan) return Promise.resolve();
    const where = this.saveStatus;
    this.saving = this.saving.catch(() => {}).then(async () => {
      await savePlan(session, plan);
      // "Saved" only when no newer change is still waiting to be saved.
      if (this.plan === plan && where && !this.pending) this.say(where, "saved", "ok");
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

  // A backup leaves traces (the downloads list, a notification): say so first,
  // and offer to send it straight to someone the person trusts.
  async prepareBackup() {
    if (!this.plan) return;
    await this.save();
    const code = newBackupCode();
    const text = await backupText(this.plan, code);
    this.backupFile = new File([text], backupName(), { type: "text/plain" });
    const panel = this.root.querySelector("[data-backup]");
    panel.querySelector("[data-backup-code]").textContent = code;
    panel.querySelector("[data-action=backup-share]").hidden =
      !navigator.canShare?.({ files: [this.backupFile] });
    panel.hidden = false;
    panel.querySelector("h3")?.focus();
  }

  closeBackup() {
    this.backupFile = null;
    const panel = this.root.querySelector("[data-backup]");
    if (!panel) return;
    panel.hidden = true;
    panel.querySelector("[data-backup-code]").textContent = "";
  }

  saveBackup() {
    const file = this.backupFile;
    if (!file) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(file);
    link.download = file.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    this.say("backup", "backedUp", "ok");
  }

  async shareBackup() {
    const file = this.backupFile;
    if (!file) return;
    try {
      await navigator.share({ files: [file] });
      this.say("backup", "backedUp", "ok");
    } catch {
      // Cancelled, or sharing failed: nothing was sent; saving still works.
    }
  }

  async restore(file, data, form) {
    const view = this.where();
    const where = this.near(form);
    if (!file) return this.say(where, "noFile");
    if (view === "create" && this.refuseCode(where, data.code, data.again)) return undefined;
    this.say(where, "working", "info");
    let plan;
    try {
      plan = await planFromBackup(await file.text(), data.backup);
    } catch (error) {
      // A file that is not ours, or was changed, is about the file: the plan here is untouched.
      return this.say(where, error instanceof PlanError && error.kind === "wrong" ? "wrongBackup"
        : "damagedBackup");
    }
    if (view === "sheet") {
      this.plan = plan;
      await this.save();
      this.render();
      form.reset();
      return this.say(where, "restored", "ok");
    }
    const session = view === "create" ? await createCode(data.code)
      : await this.enter(where, data.code);
    if (!session) return undefined;
    await this.open(session, plan, true);
    form.reset();
    return this.say("tools", "restored", "ok");
  }

  async changeCode(code, again, form) {
    const where = this.near(form);
    if (!this.plan || this.refuseCode(where, code, again)) return;
    this.say(where, "working", "info");
    await this.save();
    this.session = await changeCode(this.session, code);
    form.reset();
    this.say(where, "codeChanged", "ok");
  }

  async setDuress(code, again, form) {
    const where = this.near(form);
    if (!this.plan || this.refuseCode(where, code, again)) return;
    this.say(where, "working", "info");
    if (!(await setDuress(this.session, code))) return this.say(where, "duressSame");
    form.reset();
    this.say(where, "duressSet", "ok");
  }

  async erase() {
    await erasePlan();
    this.lock(false);
    this.root.querySelector("[data-erase-confirm]").hidden = true;
    this.showStart();
    this.say("unlock", "erased", "ok");
    this.say("create", "erased", "ok");
  }
}
