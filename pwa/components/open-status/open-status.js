// Keeps "Open now" / "Closed now. Opens ..." correct while the page stays open,
// also offline. Mirrors server/hours.py: times are Dutch wall-clock times.

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const clock = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** Return the weekday (Monday is 0) and minute of the day in Dutch time. */
export function dutchClock(date) {
  const parts = Object.fromEntries(clock.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    weekday: WEEKDAYS.indexOf(parts.weekday),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Work out the state of a schedule at a Dutch weekday and minute. */
export function computeStatus(hours, { weekday, minute }) {
  if (hours.always) return { state: "always" };
  const periods = hours.periods || [];
  if (periods.some((p) => p.days.includes(weekday) && p.start <= minute && minute < p.end)) {
    return { state: "open" };
  }
  for (let offset = 0; offset < 8; offset += 1) {
    const day = (weekday + offset) % 7;
    const starts = periods
      .filter((p) => p.days.includes(day) && (offset > 0 || p.start > minute))
      .sort((a, b) => a.start - b.start);
    if (starts.length) return { state: "closed", offset, day, label: starts[0].label };
  }
  return { state: "closed" };
}

function fill(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, key) => values[key] ?? "");
}

/** Turn a status into the sentence the server would have written. */
export function sentence(status, messages, dayNames) {
  if (status.state === "always") return messages.always;
  if (status.state === "open") return messages.open;
  if (status.offset === undefined) return messages.closed;
  const key = status.offset === 0 ? "today" : status.offset === 1 ? "tomorrow" : "later";
  return fill(messages[key], { time: status.label, day: dayNames[status.day] });
}

// The directory has a dozen of these; they share the page's texts, parsed once.
const parsed = new Map();
function parsedOnce(text) {
  if (!parsed.has(text)) parsed.set(text, JSON.parse(text));
  return parsed.get(text);
}

export class OpenStatus {
  constructor(el) {
    this.el = el;
    this.hours = JSON.parse(el.dataset.hours);
    this.messages = parsedOnce(document.body.dataset.status);
    this.dayNames = parsedOnce(document.body.dataset.days);
  }

  init() {
    this.update();
    this.timer = setInterval(() => this.update(), 30_000);
    this.onVisible = () => {
      if (document.visibilityState === "visible") this.update();
    };
    document.addEventListener("visibilitychange", this.onVisible);
  }

  update(now = new Date()) {
    if (!this.el.isConnected) {
      // In-app navigation replaced this part of the page.
      clearInterval(this.timer);
      document.removeEventListener("visibilitychange", this.onVisible);
      return;
    }
    const status = computeStatus(this.hours, dutchClock(now));
    const text = sentence(status, this.messages, this.dayNames);
    if (this.el.textContent !== text) this.el.textContent = text;
    this.el.dataset.state = status.state;
  }
}
