// A working calculator. Typing the secret code and pressing "=" opens the real
// app; any other input just calculates. Nothing on screen hints at this.
import { openWithCode, shortestCode } from "../../js/lock.js";
import { evaluate, format } from "./engine.js";

const KEYS = { "*": "*", x: "*", "/": "/", ":": "/", "+": "+", "-": "-", ",": ".", ".": "." };
const SHOWN = { "*": "×", "/": "÷", "-": "−" };

export class Calculator {
  constructor(el) {
    this.el = el;
    this.display = el.querySelector("[data-display]");
    this.entry = "";
    this.locale = document.documentElement.lang;
  }

  init() {
    this.el.addEventListener("click", (event) => {
      const key = event.target.closest("button")?.dataset.key;
      if (key) this.press(key);
    });
    document.addEventListener("keydown", (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      // Enter or Space on a focused key presses that key, as with any button.
      if ((event.key === "Enter" || event.key === " ") && event.target.closest("button")) return;
      const key = /^[0-9]$/.test(event.key) ? event.key
        : event.key === "Enter" || event.key === "=" ? "="
          : event.key === "Backspace" ? "back"
            : event.key === "Escape" || event.key === "Delete" ? "clear"
              : KEYS[event.key];
      if (!key) return;
      event.preventDefault();
      this.press(key);
    });
    this.show();
  }

  press(key) {
    this.error = false;
    // After "=", a digit starts a new sum; an operator goes on with the result.
    if (this.done && /[0-9.]/.test(key)) this.entry = "";
    this.done = false;
    if (key === "clear") this.entry = "";
    else if (key === "back") this.entry = this.entry.slice(0, -1);
    else if (key === "=") this.equals();
    else this.entry += key;
    this.show();
  }

  equals() {
    const typed = this.entry;
    if (!typed) return;
    // Only a plain number as long as a code can be is checked (and counted when
    // wrong): sums and short numbers are ordinary use of a calculator.
    if (/^[0-9]+$/.test(typed) && typed.length >= shortestCode()) {
      openWithCode(typed, this.el.dataset.open);
    }
    try {
      const result = evaluate(typed);
      if (Math.abs(result) >= 1e15) throw new RangeError("too large to show");
      this.entry = String(result);
      this.done = true;
    } catch {
      this.entry = "";
      this.error = true;
    }
  }


  show() {
    const decimal = format(1.5, this.locale).charAt(1);
    this.display.textContent = this.error
      ? this.el.dataset.error
      : (this.entry || "0").replace(/[*/\-.]/g, (ch) => (ch === "." ? decimal : SHOWN[ch]));
  }
}
