// Start every component on the page. Each one is found through data-module and
// started on its own, so one broken component does not stop the others.
import { OpenStatus } from "../components/open-status/open-status.js";

const components = {
  "open-status": OpenStatus,
};

export function initAll(root = document) {
  for (const el of root.querySelectorAll("[data-module]")) {
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

initAll();
