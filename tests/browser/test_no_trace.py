"""Leave no trace: quick exit, Shift x3, back/forward cache, global history, erase everything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from server.config import Config

from .conftest import (
    CHROMIUM_ARGS,
    chromium_path,
    exit_ready,
    scripts_ready,
    served_by,
    with_sw_deadline,
)
from .pages import NAVIGATION_STEPS

EXIT_URL = Config.EXIT_URL
# A fixed start for the page's clock; it is paused a minute later, once the page is ready.
CLOCK_START = "2026-12-01T09:00:00Z"
CLOCK_PAUSED = "2026-12-01T09:01:00Z"


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


WATCH_COVER = """() => {
  // A bubbling listener on window runs after every other listener of the same key
  // press or click, in the same task: if the content is gone by then, the person
  // holding the phone never sees another frame of it. No clock is involved, so a
  // slow machine cannot make this fail; bench/exit_latency.py measures the times.
  const check = (e) => {
    if (e.type === "keyup" && e.key !== "Shift") return;
    const root = document.documentElement;
    if (root.classList.contains("covered") && !document.querySelector("main")) {
      sessionStorage.setItem("test:covered-in-task", "1");
    }
  };
  addEventListener("keyup", check);
  addEventListener("click", check);
}"""


def watch_cover(page):
    """Note, in the page, whether the last key press or click covered it in the same task."""
    page.evaluate(WATCH_COVER)


def covered_in_same_task(page, base_url) -> bool:
    """Read that note back: session storage of our site outlives the trip to the exit."""
    page.goto(base_url + "/robots.txt")
    return page.evaluate("sessionStorage.getItem('test:covered-in-task')") == "1"


def test_shift_three_times_hides_at_once_then_leaves(page, base_url, exit_stub):
    page.goto(base_url + "/nl/contact/")
    exit_ready(page)
    watch_cover(page)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    assert page.locator("main h1").is_visible()
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL, wait_until="commit")
    assert len(exit_stub.requests) == 1
    assert covered_in_same_task(page, base_url)


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
    watch_cover(page)
    page.locator("#quick-exit").click()
    page.wait_for_url(EXIT_URL)
    assert page.evaluate("history.length") == length_before
    assert len(exit_stub.requests) == 1
    assert "referer" not in exit_stub.requests[0].headers
    assert covered_in_same_task(page, base_url)


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
    page.clock.install(time=CLOCK_START)
    page.goto(base_url + "/nl/")
    exit_ready(page)
    # From here on the page's time moves only when the test moves it: a press that
    # takes long on a busy machine cannot let the 5 s window expire.
    page.clock.pause_at(CLOCK_PAUSED)
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
    scripts_ready(page)
    landing = page.url
    for selector, heading in NAVIGATION_STEPS:
        # The in-app navigation puts in a new <main>: wait for that, not for a heading
        # (two pages in a row may share one).
        page.evaluate("document.querySelector('main').dataset.seen = '1'")
        page.locator(selector).first.click()
        page.wait_for_selector("main:not([data-seen])")
        if heading:
            assert page.locator("main h1").inner_text() == heading
        assert page.url == landing
        assert page.title() == Config.SITE_TITLE
    context.close()

    with sqlite3.connect(Path(profile) / "Default" / "History") as db:
        rows = db.execute("SELECT url, title FROM urls").fetchall()
    ours = [(url, title) for url, title in rows if url.startswith(base_url)]
    assert {url for url, _ in ours} <= {landing, base_url + "/"}
    assert landing in {url for url, _ in ours}
    assert all(title in ("", Config.SITE_TITLE) for url, title in ours if url == landing)


SEED_STORAGE = with_sw_deadline("""async () => {
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
}""")

READ_STORAGE = """async () => ({
  local: localStorage.length,
  cookie: document.cookie,
  dbs: (await indexedDB.databases()).map((d) => d.name),
  caches: await caches.keys(),
  workers: (await navigator.serviceWorker.getRegistrations()).length,
})"""

EMPTY = {"local": 0, "cookie": "", "dbs": [], "caches": [], "workers": 0}


FULL_CLEAR = '"cache", "cookies", "storage"'


def clears_site_data(message) -> str | None:
    """The URL from Chromium's console line about a Clear-Site-Data header it carried out.

    Chromium acts on the header in its network layer and hides it from
    ``response.headers`` (``all_headers()`` still shows it), and says on the
    console what it cleared. That line can come after the page has left, so
    a test waits for it instead of reading a list afterwards.
    """
    text = message.text
    if text.startswith("Clear-Site-Data header on '") and FULL_CLEAR in text:
        return text.split("'")[1]
    return None


def watch_clear_site_data(page) -> list[str]:
    """List the URLs whose Clear-Site-Data header Chromium reports it carried out."""
    cleared: list[str] = []

    def note(message):
        url = clears_site_data(message)
        if url:
            cleared.append(url)

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
    erase = page.get_by_role("button", name="Ja, wis alles")
    if served_by(request) == "app":
        with page.expect_console_message(
                lambda message: clears_site_data(message) == base_url + "/clear"):
            erase.click()
    else:
        erase.click()
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
    page.goto(base_url + "/nl/clear/")
    with page.expect_response(base_url + "/clear") as answer:
        page.get_by_role("button", name="Ja, wis alles").click()
    assert answer.value.status == 303
    headers = answer.value.all_headers()
    assert headers["cache-control"] == "no-store"
    assert headers["clear-site-data"] == FULL_CLEAR
    page.wait_for_url(EXIT_URL)
    # Without JavaScript only the header can have removed the cookie.
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
    assert "clear-site-data" not in answer.value.all_headers()
    assert cleared == []
    assert "Dat mag niet" in page.locator("main h1").inner_text()
    page.goto(base_url + "/nl/")
    assert page.evaluate(READ_STORAGE) == seeded
