// Keeps the chats that are open now at the top of a list, also when the page
// stays open for hours or was served from the offline copy (or from the static
// export, which cannot know the time it is read).
import { computeStatus, dutchClock } from "../open-status/open-status.js";

const RANK = { always: 0, open: 0, closed: 2 };

export class OpenFirst {
  constructor(el) {
    this.el = el;
  }

  init() {
    this.sort();
    this.timer = setInterval(() => this.sort(), 30_000);
  }

  /** Rank of one item now: open 0, hours unknown 1, closed 2. */
  rank(item, moment) {
    if (!item.dataset.hours) return 1;
    return RANK[computeStatus(JSON.parse(item.dataset.hours), moment).state] ?? 1;
  }

  sort(now = new Date()) {
    if (!this.el.isConnected) {
      clearInterval(this.timer);
      return;
    }
    const moment = dutchClock(now);
    const items = [...this.el.children];
    const sorted = items
      .map((item, index) => ({ item, index, rank: this.rank(item, moment) }))
      .sort((a, b) => a.rank - b.rank || a.index - b.index)
      .map(({ item }) => item);
    // Only touch the page when the order changes: moving things is a layout shift.
    if (sorted.some((item, i) => item !== items[i])) this.el.append(...sorted);
    this.el.dataset.sorted = "true";
  }
}
