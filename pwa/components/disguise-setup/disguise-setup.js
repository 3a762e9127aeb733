// Pick a disguise and a secret code before installing. Swaps the manifest, the
// icon and the title in place, so "Install" or "Add to Home screen" uses them.
import { hasCode, LockDataError, setCode, verifyCode } from "../../js/lock.js";
import { rekeyPlan } from "../safety-plan/plan-store.js";

const DISGUISE_KEY = "u:disguise";
const MIN_LENGTH = 4;

export class DisguiseSetup {
  constructor(form) {
    this.form = form;
    this.status = form.querySelector("[data-form-status]");
    this.current = form.querySelector("[data-current]");
    this.disguises = JSON.parse(document.documentElement.dataset.disguises || "{}");
  }

  init() {
    this.form.hidden = false;
    document.querySelector("[data-needs-script]")?.setAttribute("hidden", "");
    const chosen = localStorage.getItem(DISGUISE_KEY) || "none";
    const radio = this.form.querySelector(`input[name=disguise][value="${chosen}"]`);
    if (radio) radio.checked = true;
    this.current.hidden = !hasCode();
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.save();
    });
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
      if (!/^[0-9]+$/.test(code) || code.length < MIN_LENGTH) return this.say("tooShort");
      if (code !== again) return this.say("mismatch");
    }
    this.say("working", "info");
    const current = String(data.get("current") || "");
    let verified = false;
    try {
      verified = hasCode() && await verifyCode(current);
      if (hasCode() && !verified) return this.say("wrongCurrent");
    } catch (error) {
      if (!(error instanceof LockDataError)) throw error;
      // The stored code is damaged: a new one replaces it.
    }
    try {
      if (code) {
        // One code for everything: a saved safety plan moves to the new code too.
        if (verified) await rekeyPlan(current, code).catch(() => false);
        await setCode(code);
      }
      localStorage.setItem(DISGUISE_KEY, choice);
    } catch {
      return this.say("storageFull");
    }
    this.apply(choice);
    this.form.reset();
    this.current.hidden = !hasCode();
    this.form.querySelector(`input[name=disguise][value="${choice}"]`).checked = true;
    this.say(choice === "none" ? "savedPlain" : `saved${choice[0].toUpperCase()}${choice.slice(1)}`, "ok");
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
