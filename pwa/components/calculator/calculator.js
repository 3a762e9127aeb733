// A working calculator. Typing the secret code and pressing "=" opens the real
// app; any other input just calculates. Nothing on screen hints at this.
import { openWithCode, shortestCode } from "../../js/lock.js";
import { display, entryFor, evaluate, format } from "./engine.js";

const KEYS = { "*": "*", x: "*", "/": "/", ":": "/", "+": "+", "-": "-", ",": ".", ".": "." };

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
    // After "=", a digit starts a new sum and delete clears the result; an operator
    // goes on with the result.
    if (this.done && /^([0-9.]|back)$/.test(key)) this.entry = "";
    this.done = false;
    if (key === "clear") this.entry = "";
    // A result in exponent form goes as a whole, not digit by digit.
    else if (key === "back") this.entry = this.entry.replace(/[0-9.]+e[+-][0-9]+$|.$/, "");
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
      this.entry = entryFor(evaluate(typed));
      this.done = true;
    } catch {
      this.entry = "";
      this.error = true;
    }
  }

  show() {
    const decimal = format(1.5, this.locale).charAt(1);
    const text = this.error ? this.el.dataset.error : display(this.entry || "0", decimal);
    this.display.textContent = text;
    // Long numbers get smaller, so they stay on one line (CSS reads --chars).
    this.display.style.setProperty("--chars", Math.max(text.length, 8));
  }
}
