// The quick exit: the "Snel weg" button, and Shift pressed three times.
// Without JavaScript the button is a plain link to the neutral site.
import { leave } from "../../js/exit.js";
import { ShiftCounter } from "./shift-counter.js";

export class QuickExit {
  constructor(el) {
    this.el = el;
    this.status = document.getElementById("exit-status");
  }

  init() {
    this.el.addEventListener("click", (event) => {
      event.preventDefault();
      leave();
    });
    const counter = new ShiftCounter({
      onProgress: (left) => this.say(left === 1 ? "one" : "more", left),
      onExpire: () => this.say("expired"),
      onComplete: () => leave(),
    });
    document.addEventListener("keydown", (event) => counter.keydown(event), true);
    document.addEventListener("keyup", (event) => counter.keyup(event), true);
  }

  say(kind, count) {
    if (!this.status) return;
    const template = this.status.dataset[kind] || "";
    this.status.textContent = template.replace("%(num)s", String(count));
  }
}
