// In-app navigation that leaves no trace in the browser's history: following a
// link fetches the page and swaps the content, but the address and the title
// never change. The app's own back button replaces the browser's.
import { NAMES } from "../../js/names.js";

// The header keeps its quick exit; its call buttons change (child mode adds
// De Kindertelefoon), and so do the language links, which lead to this same
// page in another language, and the way back from a mode.
const SWAPPED = ["nav.emergency", ".brand", "main", ".footer"];
const MODE_KEY = NAMES.mode;

export class AppNav {
  constructor(el) {
    this.body = el;
    this.current = location.pathname + location.search;
    this.stack = [];
    this.busy = null;
  }

  init() {
    const back = this.backButton();
    // The page may already be gone (a quick exit right after loading).
    if (!back) return;
    document.addEventListener("click", (event) => this.onClick(event));
    document.addEventListener("submit", (event) => this.onSubmit(event));
    back.hidden = true;
    // The browser focused what the page put first (autofocus): below the bar, not under it.
    if (document.activeElement?.hasAttribute("autofocus")) this.reveal(document.activeElement);
  }

  /** Scroll so an element starts at the top of the screen, just below the sticky bar. */
  reveal(el) {
    const bar = document.querySelector(".topbar")?.getBoundingClientRect().bottom || 0;
    window.scrollBy(0, el.getBoundingClientRect().top - bar - 12);
  }

  backButton() {
    return document.querySelector("[data-back]");
  }

  /** Decide whether a click on a link stays inside the app. */
  internalPath(link) {
    const href = link.getAttribute("href");
    if (!href || href.startsWith("#") || link.target || link.hasAttribute("download")) return null;
    if (link.dataset.module === "quick-exit" || link.hasAttribute("data-native")) return null;
    if (link.hasAttribute("data-replace")) return null;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/static/")) return null;
    return url.pathname + url.search;
  }

  onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // The back button is swapped with the rest of the brand bar: listen on the document.
    if (event.target.closest("[data-back]")) {
      this.back();
      return;
    }
    const link = event.target.closest("a[href]");
    if (link?.getAttribute("href").startsWith("#")) {
      // Skip links: move focus without adding "#main" to the address and the history.
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        if (!target.matches("a, button, input, textarea, select, [tabindex]")) target.tabIndex = -1;
        target.focus();
      }
      return;
    }
    if (link?.hasAttribute("data-replace") && !event.defaultPrevented) {
      // Another language: a new page in place of this one, without a history entry.
      event.preventDefault();
      location.replace(link.href);
      return;
    }
    const path = link && this.internalPath(link);
    if (!path) return;
    event.preventDefault();
    // guard.js forgets the mode of a "back to the normal app" link.
    this.go(path, true, link.dataset.focus);
  }

  onSubmit(event) {
    const form = event.target;
    if (event.defaultPrevented || (form.method || "get").toLowerCase() !== "get") return;
    const url = new URL(form.action, location.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    url.search = new URLSearchParams(new FormData(form)).toString();
    this.go(url.pathname + url.search, true);
  }

  back() {
    if (!this.stack.length) return;
    this.go(this.stack.pop(), false);
  }

  async go(path, remember, focus) {
    const ticket = {};
    this.busy = ticket;
    let doc;
    try {
      const response = await fetch(path, { headers: { Accept: "text/html" } });
      const type = response.headers.get("Content-Type") || "";
      if (!type.startsWith("text/html")) throw new Error(`not a page: ${type}`);
      doc = new DOMParser().parseFromString(await response.text(), "text/html");
    } catch {
      if (this.busy === ticket) this.announce(this.body.dataset.navFailed, true);
      return;
    }
    if (this.busy !== ticket || !doc.querySelector("main")) return;
    if (remember) this.stack.push(this.current);
    this.current = path;
    this.swap(doc, focus);
  }

  swap(doc, focus) {
    const root = document.documentElement;
    const mode = doc.documentElement.dataset.mode || "";
    if (mode !== (root.dataset.mode || "")) {
      root.dataset.mode = mode;
      root.classList.remove("mode-j", "mode-xl");
      if (mode) root.classList.add(`mode-${mode}`);
      // The chosen mode is remembered on this phone (never in a cookie).
      try {
        if (mode) localStorage.setItem(MODE_KEY, mode);
      } catch {
        // Without storage the mode is simply not remembered.
      }
    }
    for (const selector of SWAPPED) {
      const fresh = doc.querySelector(selector);
      const old = document.querySelector(selector);
      if (fresh && old) old.replaceWith(document.adoptNode(fresh));
    }
    this.body.dataset.page = doc.body.dataset.page || "";
    const back = this.backButton();
    if (back) back.hidden = this.stack.length === 0;
    const main = document.querySelector("main");
    document.dispatchEvent(new CustomEvent("app:content", { detail: main }));
    // A filter's results, or what the page itself puts first (autofocus), else the page's heading.
    const first = (focus && main.querySelector(`#${CSS.escape(focus)}`))
      || main.querySelector("[autofocus]");
    const heading = first || main.querySelector("h1");
    window.scrollTo(0, 0);
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      // At the top of the screen, with no "#" in the address.
      if (first) this.reveal(heading);
      this.announce(heading.textContent.trim());
    }
  }

  announce(text, visible = false) {
    const region = document.getElementById("nav-status");
    if (!region || !text) return;
    region.textContent = text;
    region.classList.toggle("visually-hidden", !visible);
  }
}
