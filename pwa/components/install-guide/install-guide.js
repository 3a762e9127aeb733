// The install steps for the phone in hand: its browser's steps first and open,
// the others one tap away. Where the browser offers to install the app itself
// (beforeinstallprompt, kept by init.js until this component has loaded), a real
// Install button.
import { currentInstallOffer, forgetInstallOffer } from "../../js/init.js";

/** Say whose steps fit this browser: ios, android, samsung, firefox, or "" when none does. */
export function browserOf(agent, touchPoints = 0) {
  // iPadOS says it is a Mac; only its touch screen tells them apart.
  if (/iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && touchPoints > 0)) return "ios";
  if (/SamsungBrowser\//.test(agent)) return "samsung";
  if (!/Android/.test(agent)) return "";
  if (/Firefox\//.test(agent)) return "firefox";
  return /Chrome\//.test(agent) ? "android" : "";
}

export class InstallGuide {
  constructor(el) {
    this.el = el;
    this.offerBox = el.querySelector("[data-install]");
    this.status = el.querySelector("[data-install-status]");
  }

  init() {
    const guide = this.el.querySelector(
      `[data-browser="${browserOf(navigator.userAgent, navigator.maxTouchPoints)}"]`);
    if (guide) {
      guide.parentElement.prepend(guide);
      guide.open = true;
    }
    if (matchMedia("(display-mode: standalone)").matches || navigator.standalone) {
      this.say("standalone");
      return;
    }
    this.offerBox.hidden = !currentInstallOffer();
    // The page may stay open while the app shows other pages: act only while it is shown.
    document.addEventListener("app:install-offer", () => {
      if (this.el.isConnected) this.offerBox.hidden = !currentInstallOffer();
    });
    addEventListener("appinstalled", () => {
      forgetInstallOffer();
      if (!this.el.isConnected) return;
      this.offerBox.hidden = true;
      this.say("installed");
    });
    this.offerBox.querySelector("button").addEventListener("click", () => this.install());
  }

  async install() {
    const offer = currentInstallOffer();
    // An offer can prompt once; the browser makes a new one when it can.
    forgetInstallOffer();
    this.offerBox.hidden = true;
    if (!offer) return;
    await offer.prompt();
    const choice = await offer.userChoice;
    if (choice.outcome === "accepted") this.say("installed");
  }

  say(key) {
    this.status.textContent = this.el.dataset[key];
  }
}
