"""One page object for three browser engines, so each core test is written once.

The engines themselves (Chromium, Firefox, WebKit) are started in browsers.py.
Every engine gets the same input: pointer clicks at the centre of the element that
a person would tap (found by its label or text, as a person finds it), and real key
presses. Scripts run as `(...args) => value` functions whose result travels as JSON.
"""

from __future__ import annotations

import contextlib
import json
import time

ENGINES = ("chromium", "firefox", "webkit")
# Engines that could not start in this run, with the reason, for the run's summary.
START_FAILURES: dict[str, str] = {}
# What else the summary should say about an engine (a driver that had to be restarted).
NOTES: dict[str, str] = {}
VIEWPORT = {"width": 390, "height": 844}
# How long a page may take to load, and a state to arrive, on a busy 2-core machine.
LOAD_TIMEOUT = 60.0
WAIT_TIMEOUT = 30.0

# Runs in the page: the caller's function, awaited, with its result as JSON.
CALL = "async (argsJson) => JSON.stringify((await (%s)(...JSON.parse(argsJson))) ?? null)"

# Find what a person would find: a visible button, link or field by its words.
LOCATE = r"""
function locate(query) {
  const words = (el) => (el.getAttribute("aria-label") || el.innerText || el.value || "")
    .replace(/\s+/g, " ").trim();
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  let scope = document;
  if (query.within) {
    // A region named by its heading, as a screen reader names it.
    scope = [...document.querySelectorAll("section[aria-labelledby]")].find((section) =>
      words(document.getElementById(section.getAttribute("aria-labelledby"))) === query.within);
    if (!scope) throw new Error(`no region named ${JSON.stringify(query.within)}`);
  }
  const all = (css) => [...scope.querySelectorAll(css)].filter(shown);
  // As a screen reader names them: a link or button is named by all its words.
  const named = (el, name) => words(el) === name || words(el).startsWith(name + " ");
  let found;
  if (query.css) {
    found = all(query.css).slice(0, 1);
  } else if (query.button) {
    found = all("button, summary, [role=button], input[type=submit], input[type=button]")
      .filter((el) => named(el, query.button));
  } else if (query.link) {
    found = all("a[href]").filter((el) => named(el, query.link));
  } else if (query.label) {
    found = all("label").filter((el) => words(el) === query.label);
    if (query.control) found = found.map((el) => el.control).filter(Boolean);
  }
  if (found.length !== 1) {
    throw new Error(`expected one visible match for ${JSON.stringify(query)}, found ${found.length}`
      + ` on ${location.pathname}`);
  }
  return found[0];
}
"""
# The point a finger would tap: the middle of the element's first line (a link that
# wraps has empty space in the middle of its box), once the element is scrolled into
# view, stands still for a frame and is the one that would get the tap; else null.
CENTRE = """(async () => {
  el.scrollIntoView({ block: "center", inline: "center", behavior: "instant" });
  const point = () => {
    const box = el.getClientRects()[0];
    return box ? [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] : null;
  };
  const before = point();
  await new Promise((done) => { requestAnimationFrame(done); setTimeout(done, 100); });
  const after = point();
  if (!before || !after || before[0] !== after[0] || before[1] !== after[1]) return null;
  const hit = document.elementFromPoint(...after);
  const target = hit && (el.contains(hit) || hit.contains(el) || (el.control && el.control === hit));
  return target ? after : null;
})()"""

# Every kind of storage a page can reach, as text, for "nothing readable is kept".
STORAGE = """async () => {
  const text = (value) => {
    if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      const bytes = new Uint8Array(value.buffer || value, value.byteOffset || 0, value.byteLength);
      let chars = "";
      for (let i = 0; i < bytes.length; i += 4096) {
        chars += String.fromCharCode(...bytes.subarray(i, i + 4096));
      }
      return new TextDecoder().decode(bytes) + " " + chars;
    }
    if (value && typeof value === "object") {
      return Object.entries(value).map(([k, v]) => k + " " + text(v)).join(" ");
    }
    return String(value);
  };
  const out = { local: Object.entries(localStorage).flat().join(" "),
                session: Object.entries(sessionStorage).flat().join(" "),
                cookie: document.cookie, idb: [], caches: [] };
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((ok, fail) => {
      const open = indexedDB.open(info.name);
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
    for (const name of db.objectStoreNames) {
      const store = db.transaction(name).objectStore(name);
      const [keys, values] = await Promise.all(["getAllKeys", "getAll"].map((how) =>
        new Promise((ok) => { const r = store[how](); r.onsuccess = () => ok(r.result); })));
      out.idb.push([info.name, name, keys.map(text).join(" "), values.map(text).join(" ")].join(" "));
    }
    db.close();
  }
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const request of await cache.keys()) {
      out.caches.push(request.url + " " + await (await cache.match(request)).text());
    }
  }
  return out;
}"""

# How many elements that match can be seen.
SHOWN = """(css) => [...document.querySelectorAll(css)].filter((el) =>
  el.checkVisibility({ checkVisibilityCSS: true, visibilityProperty: true })).length"""

# WebDriver's key codes, for the keys the tests press.
WEBDRIVER_KEYS = {"Shift": "\ue008", "Enter": "\ue007", "Escape": "\ue00c", "Tab": "\ue004",
                  "Backspace": "\ue003"}


class EngineError(RuntimeError):
    """The engine could not start; the message says why in one line."""


class PageError(AssertionError):
    """A script in the page failed, or a state did not arrive in time."""


def key_actions(keys: list[str]) -> dict:
    """W3C actions (classic and BiDi alike) that press and release each key in turn."""
    steps = []
    for key in keys:
        value = WEBDRIVER_KEYS.get(key, key)
        steps += [{"type": "keyDown", "value": value}, {"type": "keyUp", "value": value}]
    return {"type": "key", "id": "keyboard", "actions": steps}


def click_actions(x: int, y: int) -> dict:
    """W3C actions that move the mouse to a point of the viewport and click there."""
    return {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "x": x, "y": y, "origin": "viewport",
                         "duration": 0},
                        {"type": "pointerDown", "button": 0},
                        {"type": "pointerUp", "button": 0}]}


class Page:
    """A fresh tab with its own storage, driven the same way in every engine."""

    def __init__(self, engine: str, backend):
        self.engine = engine
        self.backend = backend
        self.problems_seen: list[str] = []

    # Navigation
    def goto(self, url: str) -> None:
        """Open an address and wait until the page has loaded."""
        self.collect_problems()
        self.backend.navigate(url)

    def reload(self) -> None:
        """Reload the page and wait until it has loaded."""
        self.collect_problems()
        self.backend.reload()

    def back(self) -> None:
        """Go one step back in the tab's history."""
        self.collect_problems()
        self.backend.back()

    # Scripts
    def evaluate(self, source: str, *args):
        """Run `(...args) => value` in the page (awaited) and return the value."""
        answer = self.backend.call(CALL % source, json.dumps(args))
        return json.loads(answer)

    def wait_for(self, source: str, *args, timeout: float = WAIT_TIMEOUT, what: str = ""):
        """Wait until `(...args) => value` returns something truthy, and return it."""
        deadline = time.monotonic() + timeout
        last = None
        # An element found counts as a yes (as JSON it would be an empty object).
        check = f"async (...args) => {{ const v = await ({source})(...args); return v instanceof Node || v; }}"
        while True:
            try:
                value = self.evaluate(check, *args)
                if value:
                    return value
                last = value
            # A page between two documents answers nothing yet, in each library's own way.
            except Exception as error:  # noqa: BLE001
                last = error
            if time.monotonic() > deadline:
                where = "unknown"
                with contextlib.suppress(Exception):  # only for the message
                    where = self.evaluate("() => location.href")
                raise PageError(f"{self.engine}: waited {timeout:.0f} s for {what or source}"
                                f" (last answer: {str(last)[:300]}; page: {where})")
            time.sleep(0.05)

    def wait_for_url(self, url: str, timeout: float = WAIT_TIMEOUT) -> None:
        """Wait until the tab shows this address."""
        self.wait_for("(url) => location.href === url", url, timeout=timeout,
                      what=f"the address {url}")

    @property
    def url(self) -> str:
        """Return the address the tab shows."""
        return self.evaluate("() => location.href")

    @property
    def title(self) -> str:
        """Return the page's title."""
        return self.evaluate("() => document.title")

    # Input
    def click(self, **query) -> None:
        """Click what a person would click: button=, link=, label= (its words) or css=.

        within= narrows the search to the region with that heading.
        """
        self.collect_problems()
        x, y = self._centre(query)
        self.backend.click_at(x, y)

    def check(self, label: str) -> None:
        """Tick a checkbox or radio button by tapping its label, and wait until it is ticked."""
        self.click(label=label)
        self.wait_for(f"(q) => {{ {LOCATE} return locate(q).checked; }}", field(label),
                      what=f"'{label}' to be ticked")

    def checked(self, label: str, within: str | None = None) -> bool:
        """Say whether the checkbox with this label is ticked."""
        return self.on(field(label, within), "el.checked")

    def value(self, label: str, within: str | None = None) -> str:
        """Return what is typed in the field with this label."""
        return self.on(field(label, within), "el.value")

    def fill(self, label: str, text: str, within: str | None = None) -> None:
        """Tap the field with this label, empty it and type the text, key by key."""
        self.click(**field(label, within))
        self.on(field(label, within), "el.select()")
        self.backend.press(["Backspace"])
        self.type(text)

    def on(self, query: dict, expression: str):
        """Wait for one visible element, found as a person finds it (see click); return `el.…`."""
        found = f"(q) => {{ {LOCATE} let el; try {{ el = locate(q); }} catch {{ return null; }}" \
                f" return {{ found: true, value: {expression} }}; }}"
        try:
            return self.wait_for(found, query, what=f"one visible {query}").get("value")
        except PageError:
            # Say what was found instead.
            self.evaluate(f"(q) => {{ {LOCATE} locate(q); }}", query)
            raise

    def press(self, key: str, times: int = 1) -> None:
        """Press and release a key (a name like "Shift" or one character)."""
        self.backend.press([key] * times)

    def type(self, text: str) -> None:
        """Type text into the focused field, key by key."""
        self.backend.press(list(text))

    # Reading the page
    def text(self, css: str) -> str:
        """Return the visible text of the first element that matches."""
        return self.evaluate("(css) => document.querySelector(css)?.innerText ?? null", css)

    def shown(self, css: str) -> int:
        """Count the elements that match and can be seen (not hidden in any way CSS hides)."""
        return self.evaluate(SHOWN, css)

    def storage(self) -> dict:
        """Return everything this origin stores, as text."""
        return self.evaluate(STORAGE)

    def collect_problems(self) -> None:
        """Take the errors and CSP violations that the probe noted in the current page."""
        with contextlib.suppress(Exception):  # a page that is not ours, or no page yet
            self.problems_seen += self.evaluate("() => (window.__problems || []).splice(0)")

    def problems(self) -> list[str]:
        """Return every error and CSP violation seen in this tab so far."""
        self.collect_problems()
        return list(self.problems_seen)

    def close(self) -> None:
        """Close the tab and throw its storage away."""
        self.backend.close()

    def _centre(self, query: dict) -> tuple[int, int]:
        found = f"async (q) => {{ {LOCATE} let el; try {{ el = locate(q); }} catch {{ return null; }}" \
                f" return await {CENTRE}; }}"
        try:
            return tuple(self.wait_for(found, query, what=f"{query} to be shown, still and on top"))
        except PageError:
            self.evaluate(f"(q) => {{ {LOCATE} locate(q); }}", query)  # say what was found instead
            raise


def field(label: str, within: str | None = None) -> dict:
    """The query for the form field that a label names (in the region with that heading)."""
    return {"label": label, "control": True, **({"within": within} if within else {})}
