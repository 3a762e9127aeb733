"""Leave no trace: quick exit, Shift x3, back/forward cache, global history, erase everything."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from server.config import Config

from .conftest import CHROMIUM_ARGS, chromium_path, exit_ready, served_by

EXIT_URL = Config.EXIT_URL
FRAME_MS = 1000 / 60


class ExitStub:
    """Stands in for the operator's neutral site and records what reaches it."""

    def __init__(self, context):
        self.requests = []
        context.route(EXIT_URL + "**", self.handle)

    def handle(self, route):
        self.requests.append(route.request)
        route.fulfill(body="<!doctype html><title>Weer</title><p>Weer</p>",
                      content_type="text/html")


@pytest.fixture
def exit_stub(context):
    return ExitStub(context)


WATCH_HIDDEN = """() => {
  window.__lastShiftUp = 0;
  // Capturing listeners on window run first, when the event is dispatched.
  addEventListener("keyup", (e) => { if (e.key === "Shift") window.__lastShiftUp = performance.now(); }, true);
  addEventListener("click", () => { window.__lastShiftUp = performance.now(); }, true);
  new MutationObserver(() => {
    const hidden = performance.getEntriesByName("exit:hidden")[0];
    if (hidden && !document.querySelector("main")) {
      sessionStorage.setItem("test:hidden-ms", String(hidden.startTime - window.__lastShiftUp));
    }
  }).observe(document.body, { childList: true });
}"""


def watch_hidden(page):
    """Note, in the page, how long after the last key or click the content was hidden."""
    page.evaluate(WATCH_HIDDEN)


def hidden_ms(page, base_url) -> float:
    """Read that time back: session storage of our site outlives the trip to the exit."""
    page.goto(base_url + "/robots.txt")
    return float(page.evaluate("sessionStorage.getItem('test:hidden-ms')"))


def test_shift_three_times_hides_at_once_then_leaves(page, base_url, exit_stub):
    page.goto(base_url + "/nl/contact/")
    exit_ready(page)
    watch_hidden(page)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    start = time.perf_counter()
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL, wait_until="commit")
    left_ms = (time.perf_counter() - start) * 1000
    assert left_ms < 1000
    assert len(exit_stub.requests) == 1
    assert hidden_ms(page, base_url) < FRAME_MS


@pytest.mark.export
def test_exit_button_is_safe_before_its_script_has_loaded(context, base_url, exit_stub):
    # The quick exit's module never arrives: guard.js alone must make the exit.
    context.route("**/quick-exit.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url + "/nl/")
    page.goto(base_url + "/nl/contact/")
    length_before = page.evaluate("history.length")
    page.locator("#quick-exit").click()
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == length_before
    assert len(exit_stub.requests) == 1
    # Back lands on a page of ours, which sends the person straight out again.
    page.go_back()
    page.wait_for_url(EXIT_URL)
    assert len(exit_stub.requests) == 2


@pytest.mark.export
def test_exit_button_hides_leaves_without_history_or_referer(page, base_url, exit_stub):
    page.goto(base_url + "/nl/")
    page.get_by_role("link", name="Alle hulp op een rij").first.click()
    page.wait_for_selector("h1:text-is('Alle hulp op een rij')")
    exit_ready(page)
    length_before = page.evaluate("history.length")
    watch_hidden(page)
    page.locator("#quick-exit").click()
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == length_before
    assert len(exit_stub.requests) == 1
    assert "referer" not in exit_stub.requests[0].headers
    assert hidden_ms(page, base_url) < FRAME_MS


def test_exit_button_is_a_plain_safe_link_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/nl/")
    link = page.locator("#quick-exit")
    assert link.get_attribute("href") == EXIT_URL
    assert "noreferrer" in link.get_attribute("rel")
    assert link.get_attribute("aria-label") == "Snel weg: verlaat deze site meteen"
    assert link.inner_text() == "Snel weg"
    context.close()


def exit_status(page) -> str:
    return page.locator("#exit-status").inner_text()


def test_shift_count_announces_progress_and_resets(page, base_url):
    page.clock.install()
    page.goto(base_url + "/nl/")
    exit_ready(page)
    page.keyboard.press("Shift")
    assert exit_status(page) == "Druk nog 2 keer op Shift om weg te gaan"
    page.keyboard.press("Shift")
    assert exit_status(page) == "Druk nog 1 keer op Shift om weg te gaan"
    # Another key in between starts again.
    page.keyboard.press("a")
    page.keyboard.press("Shift")
    assert exit_status(page) == "Druk nog 2 keer op Shift om weg te gaan"
    page.keyboard.press("Shift")
    # Shift used as a modifier does not count, and resets.
    page.keyboard.press("Shift+A")
    page.keyboard.press("Shift")
    assert exit_status(page) == "Druk nog 2 keer op Shift om weg te gaan"
    # Five seconds after the last press the count expires.
    page.clock.run_for(5001)
    assert exit_status(page) == "Snel weg met Shift: verlopen"
    page.keyboard.press("Shift")
    assert exit_status(page) == "Druk nog 2 keer op Shift om weg te gaan"
    page.clock.run_for(4900)
    page.keyboard.press("Shift")
    assert exit_status(page) == "Druk nog 1 keer op Shift om weg te gaan"
    assert page.locator("main h1").is_visible()


def test_left_and_right_shift_mixed_count_together(page, base_url, exit_stub):
    page.goto(base_url + "/nl/")
    exit_ready(page)
    page.keyboard.press("ShiftLeft")
    page.keyboard.press("ShiftRight")
    page.keyboard.press("ShiftLeft")
    page.wait_for_url(EXIT_URL)


@pytest.fixture(scope="module")
def bfcache_browser(playwright):
    """Chromium with the back/forward cache on (Playwright turns it off by default)."""
    browser = playwright.chromium.launch(
        executable_path=chromium_path(), args=CHROMIUM_ARGS,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    yield browser
    browser.close()


PAGESHOW_PROBE = """addEventListener("pageshow", (e) => reportShow({
  persisted: e.persisted,
  visibility: getComputedStyle(document.body).visibility,
}));"""


@pytest.mark.parametrize("use_bfcache", [True, False])
def test_back_after_exit_never_shows_content(request, browser, base_url, use_bfcache):
    chosen = request.getfixturevalue("bfcache_browser") if use_bfcache else browser
    context = chosen.new_context()
    ExitStub(context)
    page = context.new_page()
    shows = []
    page.expose_function("reportShow", lambda info: shows.append(info))
    page.add_init_script(PAGESHOW_PROBE)
    page.goto(base_url + "/nl/")
    page.goto(base_url + "/nl/contact/")
    page.locator("#quick-exit").click()
    page.wait_for_url(EXIT_URL)
    page.go_back(wait_until="commit")
    page.wait_for_url(EXIT_URL)
    page.wait_for_load_state()
    assert page.locator('a[href^="tel:"]').count() == 0
    restored = [s for s in shows if s["persisted"]]
    if use_bfcache:
        # The page really came from the back/forward cache, and came back covered.
        assert restored and all(s["visibility"] == "hidden" for s in restored)
    else:
        assert not restored
    context.close()


def click_and_wait(page, selector: str, heading: str) -> None:
    page.locator(selector).first.click()
    page.wait_for_selector(f"main h1:text-is('{heading}')")


@pytest.mark.export
def test_a_whole_visit_leaves_one_neutral_history_entry(playwright, base_url, tmp_path):
    profile = tmp_path / "profile"
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=chromium_path(), args=CHROMIUM_ARGS,
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(base_url + "/")
    page.wait_for_url(base_url + "/nl/")
    landing = page.url
    steps = [
        ("main a[href='/nl/tips/me/']", "Het gebeurt bij mij"),
        ("[data-back]", "Wat kun je nu doen?"),
        ("main a[href='/nl/tips/others/']", None),
        ("footer a[href='/nl/contact/']", "Alle hulp op een rij"),
        ("main a[href='/nl/contact/young/']", "Alle hulp op een rij"),
        ("main a[href='/nl/contact/older/']", "Alle hulp op een rij"),
        ("footer a[href='/nl/tips/app/']", None),
        ("main a[href='/nl/tips/browser/']", None),
        ("main a[href='/nl/clear/']", "Wis alles wat deze app bewaarde"),
        ("main a[href='/nl/']", "Wat kun je nu doen?"),
        ("main a[href='/nl/tips/call/']", None),
        ("footer a[href='/nl/']", "Wat kun je nu doen?"),
        ("main a[href='/nl/plan/']", "Mijn veiligheidsplan"),
    ]
    for selector, heading in steps:
        before = page.locator("main h1").inner_text()
        page.locator(selector).first.click()
        if heading:
            page.wait_for_selector(f"main h1:text-is('{heading}')")
        else:
            page.wait_for_function("t => document.querySelector('main h1').textContent !== t",
                                   arg=before)
        assert page.url == landing
        assert page.title() == Config.SITE_TITLE
    context.close()

    with sqlite3.connect(Path(profile) / "Default" / "History") as db:
        rows = db.execute("SELECT url, title FROM urls").fetchall()
    ours = [(url, title) for url, title in rows if url.startswith(base_url)]
    assert {url for url, _ in ours} <= {landing, base_url + "/"}
    assert landing in {url for url, _ in ours}
    assert all(title in ("", Config.SITE_TITLE) for url, title in ours if url == landing)


SEED_STORAGE = """async () => {
  localStorage.setItem("note", "something private");
  document.cookie = "seen=1; path=/";
  await new Promise((done) => {
    const open = indexedDB.open("trace-db", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("s");
    open.onsuccess = () => {
      const tx = open.result.transaction("s", "readwrite");
      tx.objectStore("s").put("private", "k");
      tx.oncomplete = () => { open.result.close(); done(); };
    };
  });
  const cache = await caches.open("trace-cache");
  await cache.put("/nl/", new Response("copy"));
  await navigator.serviceWorker.ready;
}"""

READ_STORAGE = """async () => ({
  local: localStorage.length,
  cookie: document.cookie,
  dbs: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
})"""

EMPTY = {"local": 0, "cookie": "", "dbs": [], "caches": [], "workers": 0}


def watch_clear_site_data(page) -> list[str]:
    """List the URLs whose Clear-Site-Data header Chromium reports it carried out.

    Chromium acts on the header in its network layer and hides it from the
    response events, but says on the console what it cleared.
    """
    cleared: list[str] = []

    def note(message):
        text = message.text
        if text.startswith("Clear-Site-Data header on '") and '"cache", "cookies", "storage"' in text:
            cleared.append(text.split("'")[1])

    page.on("console", note)
    return cleared


@pytest.mark.export
def test_erase_everything_wipes_all_storage_and_leaves(request, page, context, base_url,
                                                       exit_stub):
    page.goto(base_url + "/nl/")
    page.evaluate(SEED_STORAGE)
    seeded = page.evaluate(READ_STORAGE)
    assert seeded["local"] and seeded["dbs"] and seeded["workers"] == 1
    assert "trace-cache" in seeded["caches"] and "seen=1" in seeded["cookie"]
    cleared = watch_clear_site_data(page)
    page.locator("footer a[href='/nl/tips/app/']").click()
    click_and_wait(page, "main a[href='/nl/clear/']", "Wis alles wat deze app bewaarde")
    page.get_by_role("button", name="Ja, wis alles").click()
    page.wait_for_url(EXIT_URL)
    # A static host has no erase endpoint: the page wiped everything it can reach itself.
    assert cleared == ([base_url + "/clear"] if served_by(request) == "app" else [])
    # Read the storage from a plain file of the same site: our pages would
    # register the service worker again.
    page.goto(base_url + "/robots.txt")
    assert page.evaluate(READ_STORAGE) == EMPTY
    assert context.cookies() == []


def test_erase_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    ExitStub(context)
    host = base_url.split("//")[1].split(":")[0]
    context.add_cookies([{"name": "seen", "value": "1", "domain": host, "path": "/"}])
    page = context.new_page()
    cleared = watch_clear_site_data(page)
    page.goto(base_url + "/nl/clear/")
    with page.expect_response(base_url + "/clear") as answer:
        page.get_by_role("button", name="Ja, wis alles").click()
    assert answer.value.status == 303
    assert answer.value.headers["cache-control"] == "no-store"
    page.wait_for_url(EXIT_URL)
    assert cleared == [base_url + "/clear"]
    assert context.cookies() == []
    context.close()


def test_a_post_from_another_site_erases_nothing(page, context, base_url):
    page.goto(base_url + "/nl/")
    page.evaluate(SEED_STORAGE)
    seeded = page.evaluate(READ_STORAGE)
    context.route("https://other-site.test/**", lambda route: route.fulfill(
        content_type="text/html",
        body=f'<form method="post" action="{base_url}/clear"><button>go</button></form>'))
    cleared = watch_clear_site_data(page)
    page.goto("https://other-site.test/")
    with page.expect_response(base_url + "/clear") as answer:
        page.get_by_role("button", name="go").click()
    assert answer.value.status == 403
    assert "clear-site-data" not in answer.value.headers
    assert cleared == []
    assert "Dat mag niet" in page.locator("main h1").inner_text()
    page.goto(base_url + "/nl/")
    assert page.evaluate(READ_STORAGE) == seeded
