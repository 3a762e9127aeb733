// Start every component on the page. Each one is found through data-module,
// loaded on its own and started on its own, so one broken or missing component
// never stops the others. Every component, the quick exit too, is loaded with
// import(): those downloads do not hold up the first screen (the budget is one
// round trip). Until the quick exit has loaded, its button is a plain link to
// the neutral site, so it works from the first frame.
const components = {
  "app-nav": () => import("../components/app-nav/app-nav.js").then((m) => m.AppNav),
  calculator: () => import("../components/calculator/calculator.js").then((m) => m.Calculator),
  "disguise-setup": () => import("../components/disguise-setup/disguise-setup.js")
    .then((m) => m.DisguiseSetup),
  erase: () => import("../components/erase/erase.js").then((m) => m.Erase),
  "open-first": () => import("../components/open-first/open-first.js").then((m) => m.OpenFirst),
  "open-status": () => import("../components/open-status/open-status.js").then((m) => m.OpenStatus),
  "quick-exit": () => import("../components/quick-exit/quick-exit.js").then((m) => m.QuickExit),
  recipes: () => import("../components/recipes/recipes.js").then((m) => m.Recipes),
  "safety-plan": () => import("../components/safety-plan/safety-plan.js").then((m) => m.SafetyPlan),
  "install-guide": () => import("../components/install-guide/install-guide.js")
    .then((m) => m.InstallGuide),
  "self-check": () => import("../components/self-check/self-check.js").then((m) => m.SelfCheck),
};

// The browser offers installing once per page load, maybe before the install page's
// component has loaded or while the app shows another page. Keep the offer for that
// page, instead of a browser banner that installs before a disguise is chosen.
let installOffer = null;
addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault();
  installOffer = event;
  document.dispatchEvent(new CustomEvent("app:install-offer"));
});

/** Return the browser's install offer, or null when there is none (or it was used). */
export function currentInstallOffer() {
  return installOffer;
}

/** Forget the install offer once it was used: each one can prompt only once. */
export function forgetInstallOffer() {
  installOffer = null;
}

export function initAll(root = document) {
  const found = [...root.querySelectorAll("[data-module]")];
  if (root.dataset?.module) found.unshift(root);
  for (const el of found) {
    const load = components[el.dataset.module];
    if (!load || el.dataset.moduleStarted) continue;
    el.dataset.moduleStarted = "true";
    load()
      .then((Component) => new Component(el).init())
      .then(() => { el.dataset.moduleReady = "true"; })
      .catch((error) => console.error(`component ${el.dataset.module} failed`, error));
  }
}

document.addEventListener("app:content", (event) => initAll(event.detail));
initAll(document.body);
// The offline copy downloads after the page has loaded, so it never slows the first screen.
// A decoy (what the disguised app opens to) keeps it only while a code is set: after
// "erase everything" nothing is downloaded again until the person uses the app again.
function startOffline() {
  import("./offline.js")
    .then(async (m) => {
      const started = await m.startOffline(document.body.classList.contains("decoy"));
      performance.mark(started ? "offline:started" : "offline:skipped");
    })
    .catch((error) => console.warn("not available", error));
}
if (document.readyState === "complete") startOffline();
else addEventListener("load", startOffline, { once: true });
