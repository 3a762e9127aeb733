// Pick a disguise and a secret code before installing. Swaps the manifest, the
// icon and the title in place, so "Install" or "Add to Home screen" uses them.
// The current code goes through the one shared check (js/lock.js), so it has
// the same slow-down as everywhere, and the emergency code works here too.
import { changeCode, codeProblem, createCode, enter, hasCode } from "../../js/lock.js";
import { NAMES } from "../../js/names.js";

export class DisguiseSetup {
  constructor(form) {
    this.form = form;
    this.status = form.querySelector("[data-form-status]");
    this.current = form.querySelector("[data-current]");
    this.disguises = JSON.parse(document.getElementById("page-data")?.textContent || "{}").disguises || {};
  }

  init() {
    this.form.hidden = false;
    document.querySelector("[data-needs-script]")?.setAttribute("hidden", "");
    const chosen = localStorage.getItem(NAMES.disguise) || "none";
    const radio = this.form.querySelector(`input[name=disguise][value="${chosen}"]`);
    if (radio) radio.checked = true;
    this.current.hidden = !hasCode();
    this.current.querySelector("input").inputMode = chosen === "calc" ? "numeric" : "text";
    this.keyboard();
    this.form.addEventListener("change", () => this.keyboard());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
  }

  /** A passphrase may have letters, except on the calculator: show the right keyboard. */
  keyboard() {
    const calc = new FormData(this.form).get("disguise") === "calc";
    for (const name of ["code", "again"]) this.form.elements[name].inputMode = calc ? "numeric" : "text";
  }

  say(key, kind = "error") {
    this.status.textContent = this.form.dataset[key];
    this.status.dataset.kind = kind;
    this.status.focus();
  }

  async save() {
    const data = new FormData(this.form);
    const choice = data.get("disguise") || "none";
    const code = String(data.get("code") || "");
    const again = String(data.get("again") || "");
    if (code || choice !== "none") {
      if (codeProblem(code, choice === "calc")) {
        return this.say(choice === "calc" ? "tooShortDigits" : "tooShort");
      }
      if (code !== again) return this.say("mismatch");
    }
    this.say("working", "info");
    let session = null;
    if (hasCode()) {
      const result = await enter(String(data.get("current") || ""));
      if (result.reason === "skipped") return undefined;
      // A damaged code record cannot be checked; a new code replaces it.
      if (!result.ok && result.reason !== "damaged") return this.say("wrongCurrent");
      session = result.session || null;
    }
    try {
      if (code) {
        // One code for everything: saved safety plans move to the new code too.
        if (session) await changeCode(session, code);
        else await createCode(code);
      }
      localStorage.setItem(NAMES.disguise, choice);
    } catch {
      return this.say("storageFull");
    }
    this.apply(choice);
    this.form.reset();
    this.current.hidden = !hasCode();
    this.current.querySelector("input").inputMode = choice === "calc" ? "numeric" : "text";
    this.form.querySelector(`input[name=disguise][value="${choice}"]`).checked = true;
    this.keyboard();
    return this.say(choice === "none" ? "savedPlain"
      : `saved${choice[0].toUpperCase()}${choice.slice(1)}`, "ok");
  }

  apply(choice) {
    const disguise = this.disguises[choice] || this.disguises.none;
    document.title = disguise.title;
    document.querySelector('link[rel="manifest"]').href = disguise.manifest;
    document.querySelector('link[rel="apple-touch-icon"]').href = disguise.icon;
    document.querySelector('link[rel="icon"]').href = disguise.favicon;
    document.querySelector('meta[name="theme-color"]').content = disguise.theme;
    if (choice === "none") delete document.documentElement.dataset.decoyUrl;
    else document.documentElement.dataset.decoyUrl = disguise.start;
  }
}
