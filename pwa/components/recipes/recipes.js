// A working recipe book: the search box filters the recipes. Searching for the
// secret code opens the real app; nothing on screen hints at this.
import { openWithCode, shortestCode } from "../../js/lock.js";

export class Recipes {
  constructor(el) {
    this.el = el;
    this.form = el.querySelector("form");
    this.input = el.querySelector("input[type=search]");
    this.items = [...el.querySelectorAll("[data-recipe]")];
    this.empty = el.querySelector("[data-empty]");
  }

  init() {
    this.input.addEventListener("input", () => this.filter());
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const query = this.input.value.trim();
      // A search that finds recipes is ordinary use: checked, but never counted as wrong.
      const found = this.filter();
      if (query.length >= shortestCode()) {
        openWithCode(query, this.el.dataset.open, { count: found === 0 });
      }
    });
  }

  filter() {
    const words = plain(this.input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const item of this.items) {
      // A recipe is found by its name or an ingredient, not by words in its steps.
      const text = plain([...item.querySelectorAll("h2, [data-ingredients]")]
        .map((el) => el.textContent).join(" "));
      const match = words.every((word) => text.includes(word));
      item.hidden = !match;
      if (match) shown += 1;
    }
    this.empty.textContent = shown > 0 ? "" : this.empty.dataset.text;
    return shown;
  }
}

/** Lower case without accents or vowel marks, so "creme" finds "crème" and "دجاج" finds "دَجاج". */
function plain(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}
