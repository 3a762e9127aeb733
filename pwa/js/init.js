// Start every component on the page. Each one is found through data-module and
// started on its own, so one broken component does not stop the others.
import { AppNav } from "../components/app-nav/app-nav.js";
import { Calculator } from "../components/calculator/calculator.js";
import { DisguiseSetup } from "../components/disguise-setup/disguise-setup.js";
import { Erase } from "../components/erase/erase.js";
import { OpenStatus } from "../components/open-status/open-status.js";
import { QuickExit } from "../components/quick-exit/quick-exit.js";
import { Recipes } from "../components/recipes/recipes.js";
import { SafetyPlan } from "../components/safety-plan/safety-plan.js";
import { registerServiceWorker } from "./offline.js";

const components = {
  "app-nav": AppNav,
  calculator: Calculator,
  "disguise-setup": DisguiseSetup,
  erase: Erase,
  "open-status": OpenStatus,
  "quick-exit": QuickExit,
  recipes: Recipes,
  "safety-plan": SafetyPlan,
};

export function initAll(root = document) {
  const found = [...root.querySelectorAll("[data-module]")];
  if (root.dataset?.module) found.unshift(root);
  for (const el of found) {
    const Component = components[el.dataset.module];
    if (!Component || el.dataset.moduleStarted) continue;
    try {
      new Component(el).init();
      el.dataset.moduleStarted = "true";
    } catch (error) {
      console.error(`component ${el.dataset.module} failed`, error);
    }
  }
}

document.addEventListener("app:content", (event) => initAll(event.detail));
initAll(document.body);
registerServiceWorker().catch((error) => console.warn("offline copy not available", error));
