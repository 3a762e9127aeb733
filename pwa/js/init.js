// Start every component on the page. Each one is found through data-module,
// loaded on its own and started on its own, so one broken or missing component
// never stops the others. The quick exit is loaded up front: it must work the
// moment the page is there.
import { QuickExit } from "../components/quick-exit/quick-exit.js";
import { registerServiceWorker } from "./offline.js";

const components = {
  "app-nav": () => import("../components/app-nav/app-nav.js").then((m) => m.AppNav),
  calculator: () => import("../components/calculator/calculator.js").then((m) => m.Calculator),
  "disguise-setup": () => import("../components/disguise-setup/disguise-setup.js")
    .then((m) => m.DisguiseSetup),
  erase: () => import("../components/erase/erase.js").then((m) => m.Erase),
  "open-status": () => import("../components/open-status/open-status.js").then((m) => m.OpenStatus),
  "quick-exit": () => Promise.resolve(QuickExit),
  recipes: () => import("../components/recipes/recipes.js").then((m) => m.Recipes),
  "safety-plan": () => import("../components/safety-plan/safety-plan.js").then((m) => m.SafetyPlan),
};

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
function startOffline() {
  registerServiceWorker().catch((error) => console.warn("offline copy not available", error));
}
if (document.readyState === "complete") startOffline();
else addEventListener("load", startOffline, { once: true });
