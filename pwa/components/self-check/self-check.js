// The self-check ("Is this violence?"): each sign becomes a yes/no question, and
// "see what you can do now" shows only the next step that fits the answers.
// Without JavaScript the page is a list of signs with every next step.
//
// The answers live in this object only: nothing is written to storage, the URL or
// the history, and nothing is sent. There is no form, so the browser has nothing
// to restore or submit either.

let count = 0;

export class SelfCheck {
  constructor(el) {
    this.el = el;
    this.answers = new Map();
    this.questions = [...el.querySelectorAll("[data-questions] li")];
    this.danger = el.querySelector("[data-danger]");
    this.show = el.querySelector("[data-show]");
    this.again = el.querySelector("[data-again]");
    this.outcomes = el.querySelector("[data-outcomes]");
  }

  init() {
    for (const question of this.questions) this.ask(question);
    this.danger.hidden = false;
    this.show.hidden = false;
    this.outcomes.hidden = true;
    this.show.querySelector("button").addEventListener("click", () => this.reveal());
    this.again.querySelector("button").addEventListener("click", () => this.reset());
  }

  /** Turn one sign into a question with a Yes and a No button. */
  ask(question) {
    count += 1;
    const text = document.createElement("span");
    text.id = `self-check-${count}`;
    text.append(...question.childNodes);
    const group = document.createElement("span");
    group.className = "answer";
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", text.id);
    for (const [value, label] of [["yes", this.el.dataset.yes], ["no", this.el.dataset.no]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button secondary";
      button.textContent = label;
      button.dataset.answer = value;
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", () => this.answer(question, group, value));
      group.append(button);
    }
    question.append(text, group);
  }

  answer(question, group, value) {
    this.answers.set(question, value);
    for (const button of group.querySelectorAll("button")) {
      button.setAttribute("aria-pressed", String(button.dataset.answer === value));
    }
    // A changed answer can change the next step: show it again when asked.
    this.outcomes.hidden = true;
  }

  /** Return the next step that fits: danger now, at least one yes, or none. */
  outcome() {
    const inDanger = [...this.answers].some(([q, v]) => v === "yes" && this.danger.contains(q));
    if (inDanger) return "danger";
    return [...this.answers.values()].includes("yes") ? "yes" : "none";
  }

  reveal() {
    const chosen = this.outcome();
    let shown;
    for (const section of this.outcomes.querySelectorAll("section[data-outcome]")) {
      section.hidden = section.dataset.outcome !== chosen;
      if (!section.hidden) shown = section;
    }
    this.again.hidden = false;
    this.outcomes.hidden = false;
    this.el.dataset.result = chosen;
    // Focus the next step's heading, so a screen reader reads it and the screen shows it.
    const heading = shown.querySelector("h3");
    heading.tabIndex = -1;
    heading.focus();
  }

  reset() {
    this.answers.clear();
    for (const button of this.el.querySelectorAll("[data-answer]")) {
      button.setAttribute("aria-pressed", "false");
    }
    this.outcomes.hidden = true;
    delete this.el.dataset.result;
    this.questions[0]?.querySelector("button")?.focus();
  }
}
