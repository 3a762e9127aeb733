"""Offline, install and disguise, in a real browser against the real server."""

from __future__ import annotations

import json
import shutil
import struct
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from server import create_app
from server.offline import page_urls

from .conftest import (
    CHROMIUM_ARGS,
    ROOT,
    chromium_path,
    exit_ready,
    free_port,
    freeze_and_serve,
    poll,
    scripts_ready,
    start_server,
    stop_server,
    with_sw_deadline,
)
from .names import names

# Offline and install must work the same from the static export.
pytestmark = pytest.mark.export

APP = create_app({"TESTING": True})
NL_PAGES = page_urls(APP, "nl")
DECOYS = {"/nl/calc/", "/nl/recipes/"}
CODE = "24681357"

# Polls on state, with a deadline far beyond a normal run (about 1 s), so that a busy
# machine is slow but never fails.
WAIT_FOR_PRECACHE = with_sw_deadline("""async () => {
  await navigator.serviceWorker.ready;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
    for (const key of await caches.keys()) {
      if (await (await caches.open(key)).match("/__sets")) return key;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error("precache never finished");
}""")

STANDALONE = """(() => {
  const real = window.matchMedia.bind(window);
  window.matchMedia = (query) => query.includes("display-mode: standalone")
    ? { matches: true, media: query, addEventListener() {}, removeEventListener() {} }
    : real(query);
})();"""


def precache(page) -> str:
    """Wait until the service worker has stored everything; return the cache name."""
    return page.evaluate(WAIT_FOR_PRECACHE)


def stylesheet(page) -> str:
    return page.locator('link[rel="stylesheet"]').get_attribute("href")


def styled(page) -> bool:
    """True when the stylesheet really applied (the bar sticks to the top)."""
    return page.evaluate("getComputedStyle(document.querySelector('.topbar')).position") == "sticky"


def test_every_page_works_offline_after_one_visit(page, context, base_url):
    page.goto(base_url + "/nl/")
    cache = precache(page)
    stored = page.evaluate("""async (name) => (await (await caches.open(name)).keys())
        .map((r) => new URL(r.url).pathname + new URL(r.url).search)""", cache)
    assert set(NL_PAGES) <= set(stored)
    assert "/clear" not in stored
    context.set_offline(True)
    for path in NL_PAGES:
        response = page.goto(base_url + path)
        assert response.ok, path
        if path in DECOYS:
            assert page.locator("main").is_visible()
            continue
        assert styled(page), path
        assert page.locator('a[href="tel:112"]').first.is_visible(), path
        assert page.locator('a[href="tel:08002000"]').first.is_visible(), path
    # In-app navigation works offline too.
    # Visiting the mode pages remembered a mode; go back to the standard start.
    page.evaluate("k => localStorage.removeItem(k)", names(base_url)["mode"])
    page.goto(base_url + "/nl/")
    scripts_ready(page)
    page.locator("main a[href='/nl/contact/']").click()
    page.wait_for_selector("main h1:text-is('Alle hulp op een rij')")
    # A page that was never stored falls back to the start page, not an error.
    response = page.goto(base_url + "/nl/tips/unknown/")
    assert page.locator('a[href="tel:112"]').first.is_visible()
    context.set_offline(False)


def test_the_offline_copy_comes_in_one_download_per_language(page, context, base_url):
    # Compressed together, the pages of a language cost about a quarter of their
    # bytes one by one (bench/page_weight.py prints both).
    sent = []
    context.on("request", lambda request: sent.append(urlsplit(request.url).path))
    page.goto(base_url + "/nl/")
    cache = precache(page)
    assert sent.count("/pack/nl.json") == 1
    assert "/nl/tips/me/" not in sent and "/nl/contact/" not in sent
    context.set_offline(True)
    answer = page.goto(base_url + "/nl/tips/me/")
    # A page from the pack keeps its own headers offline: the CSP among them.
    assert answer.ok and answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["content-security-policy"].startswith("default-src 'self'")
    assert answer.headers["x-frame-options"] == "DENY"
    assert page.locator("main h1").is_visible()
    context.set_offline(False)
    assert cache


def real_pack_with(change):
    """Return a change to the real pack of Dutch pages, for a route to answer with."""
    def broken(base_url: str) -> str:
        with urllib.request.urlopen(base_url + "/pack/nl.json") as real:
            pack = json.load(real)
        change(pack)
        return json.dumps(pack)
    return broken


BROKEN_PACKS = {
    "another version": real_pack_with(lambda pack: pack.update(version="0000000000000000")),
    "a page missing": real_pack_with(lambda pack: pack["pages"].pop("/nl/contact/")),
    "not JSON": lambda base_url: "<html>proxy error</html>",
}


@pytest.mark.parametrize("broken", list(BROKEN_PACKS))
def test_a_broken_pack_stores_nothing_and_the_next_visit_stores_it(page, context, base_url,
                                                                   broken):
    # Pages of another version (the site changed during the download), a pack with a
    # page left out, or a proxy's error page: nothing is stored, nothing breaks.
    body = BROKEN_PACKS[broken](base_url)

    answered = []

    def answer(route):
        answered.append(route.request.url)
        try:
            route.fulfill(status=200, content_type="application/json", body=body)
        except PlaywrightError:
            pass  # the browser had already given up on this request: nothing to answer

    context.route("**/pack/nl.json", answer)
    page.goto(base_url + "/nl/")
    # The worker asked for the pack and got the broken one ...
    poll(lambda: page.evaluate("true") and answered, what="the worker to ask for the pack")
    # ... so its install fails, and no worker is left waiting or active.
    outcome = """async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      if (reg?.waiting || reg?.active) return "installed";
      return reg?.installing ? null : "failed";
    }"""
    results = []
    poll(lambda: results.append(page.evaluate(outcome)) or results[-1],
         what="the install to end")
    assert results[-1] == "failed"
    assert page.evaluate("""async () => {
      for (const key of await caches.keys()) {
        if (await (await caches.open(key)).match("/__sets")) return true;
      }
      return false;
    }""") is False
    assert page.locator("main h1").is_visible()
    context.unroute("**/pack/nl.json")
    page.reload()
    precache(page)
    context.set_offline(True)
    assert page.goto(base_url + "/nl/contact/").ok
    context.set_offline(False)


def test_open_now_is_computed_offline(context, base_url):
    page = context.new_page()
    page.goto(base_url + "/nl/")
    precache(page)
    context.set_offline(True)
    page.clock.install(time="2026-12-01T09:00:00Z")  # Tuesday 10:00 in Amsterdam
    page.goto(base_url + "/nl/")
    status = page.locator('[data-chat-item="veilig-thuis"] .status')
    page.wait_for_selector('[data-chat-item="veilig-thuis"] .status[data-module-ready]')
    assert status.inner_text() == "Nu open"
    page.clock.set_system_time("2026-12-05T12:00:00Z")  # Saturday
    page.clock.run_for(31_000)
    assert status.inner_text() == "Nu dicht. Weer open op maandag om 09:00"
    context.set_offline(False)


def changed_front_end(tmp_path: Path) -> Path:
    """A copy of pwa/ with one changed byte: a second build with new asset names."""
    copy = tmp_path / "pwa-b"
    shutil.copytree(ROOT / "pwa", copy)
    with open(copy / "css" / "app.css", "a", encoding="utf-8") as css:
        css.write("\n/* build B */\n")
    return copy


@pytest.mark.parametrize("kind", ["app", "export"])
def test_upgrade_between_two_builds_keeps_working_offline(browser, tmp_path, kind):
    port = free_port()

    def serve(env=None):
        """Build A or B and serve it on the same address: gunicorn, or a new export."""
        if kind == "app":
            return start_server(env, port=port)
        return freeze_and_serve(tmp_path / "site", port, env)

    proc, base = serve()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base + "/nl/")
        cache_a = precache(page)
        css_a = stylesheet(page)
        context.set_offline(True)
        page.goto(base + "/nl/contact/")
        assert stylesheet(page) == css_a and styled(page)
        context.set_offline(False)

        # Build B replaces build A on the same address.
        stop_server(proc)
        proc, _ = serve({"PWA_DIR": str(changed_front_end(tmp_path))})
        page.goto(base + "/nl/")
        css_b = stylesheet(page)
        assert css_b != css_a and styled(page)
        page.evaluate("""async () => {
          const reg = await navigator.serviceWorker.getRegistration();
          await reg.update();
          const deadline = Date.now() + 120_000;
          while (!(reg.waiting && reg.waiting.state === "installed") && Date.now() < deadline) {
            await new Promise((done) => setTimeout(done, 100));
          }
          if (!reg.waiting) throw new Error("build B never installed");
        }""")
        # B waits; A still answers offline, with A's pages and A's files together.
        context.set_offline(True)
        page.goto(base + "/nl/tips/me/")
        assert stylesheet(page) == css_a and styled(page)
        keys = page.evaluate("caches.keys()")
        assert cache_a in keys and len(keys) == 2

        # Once every page of A is closed, B takes over, still offline.
        page.close()
        page = context.new_page()
        page.goto(base + "/nl/tips/call/")
        deadline = time.monotonic() + 120
        while stylesheet(page) != css_b and time.monotonic() < deadline:
            time.sleep(0.2)
            page.goto(base + "/nl/tips/call/")
        assert stylesheet(page) == css_b and styled(page)
        assert page.locator('a[href="tel:112"]').first.is_visible()
        keys = page.evaluate("caches.keys()")
        assert cache_a not in keys and len(keys) == 1
    finally:
        context.close()
        stop_server(proc)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture
def profile_page(playwright, tmp_path):
    """A page in a normal (not incognito) profile: Chromium installs apps only there."""
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield context.pages[0] if context.pages else context.new_page()
    context.close()


@pytest.mark.parametrize("key, name", [("none", "Uitweg"), ("calc", "Rekenmachine"),
                                       ("recipes", "Recepten")])
def test_each_disguise_manifest_is_valid_and_installable(profile_page, base_url, key, name):
    page = profile_page
    page.goto(base_url + "/nl/install/")
    precache(page)
    response = page.request.get(f"{base_url}/manifest/nl/{key}.webmanifest")
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = json.loads(response.text())
    assert manifest["name"] == manifest["short_name"] == name
    assert manifest["display"] == "standalone" and manifest["scope"] == "/"
    assert manifest["theme_color"].startswith("#") and manifest["background_color"].startswith("#")
    assert page.request.get(base_url + manifest["start_url"]).ok
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"),
                     ("192x192", "maskable"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        data = page.request.get(base_url + icon["src"]).body()
        width, height = png_size(data)
        assert f"{width}x{height}" == icon["sizes"]
    # Chromium's own installability check, with this disguise's manifest in the page.
    page.evaluate("href => { document.querySelector('link[rel=manifest]').href = href; }",
                  f"/manifest/nl/{key}.webmanifest")
    cdp = page.context.new_cdp_session(page)
    deadline = time.monotonic() + 60
    while True:
        seen = cdp.send("Page.getAppManifest")
        if seen.get("url", "").endswith(f"/manifest/nl/{key}.webmanifest"):
            break
        assert time.monotonic() < deadline, "Chromium never read the new manifest"
        time.sleep(0.1)
    assert json.loads(seen["data"])["name"] == name and not seen["errors"]
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []
    apple = page.locator('link[rel="apple-touch-icon"]').get_attribute("href")
    assert png_size(page.request.get(base_url + apple).body()) == (180, 180)


CALC_CASES = [
    ("2+3", 5), ("7-10", -3), ("6*7", 42), ("1/4", 0.25), ("2+3*4", 14), ("10-4/2", 8),
    ("0.1+0.2", 0.3), ("-5*-2", 10), ("1.5*4", 6), ("100/3*3", 100), ("2*3+4*5", 26),
]


def test_calculator_engine_arithmetic(page, base_url):
    page.goto(base_url + "/nl/calc/")
    engine = page.evaluate("""() => new URL(
        document.querySelector('script[type=module]').src.replace('js/init.js',
        'components/calculator/engine.js')).pathname""")
    results = page.evaluate("""async ([url, cases]) => {
        const { evaluate } = await import(url);
        return cases.map(([text]) => { try { return evaluate(text); } catch { return "error"; } });
    }""", [engine, CALC_CASES])
    assert results == [expected for _, expected in CALC_CASES]
    errors = page.evaluate("""async (url) => {
        const { evaluate } = await import(url);
        return ["1/0", "2+", "*3", "1..2", ""].map((t) => {
          try { evaluate(t); return "no error"; } catch { return "error"; } });
    }""", engine)
    assert errors == ["error"] * 5


def press(page, keys: str) -> str:
    """Tap calculator keys and return the display."""
    tap(page, keys)
    return page.locator("[data-display]").inner_text()


def tap(page, keys: str) -> None:
    """Tap calculator keys once the calculator is ready (the right code leaves the page)."""
    page.wait_for_selector("[data-module=calculator][data-module-ready]")
    for key in keys:
        label = {"*": "Keer", "/": "Delen", "-": "Min", "+": "Plus", "=": "Is", ".": "Komma"}
        if key in label:
            page.get_by_role("button", name=label[key], exact=True).click()
        else:
            page.get_by_role("button", name=key, exact=True).click()


def test_calculator_buttons_and_keyboard(page, base_url):
    page.goto(base_url + "/nl/calc/")
    assert page.title() == "Rekenmachine"
    assert press(page, "12+30=") == "42"
    page.get_by_role("button", name="Wissen").click()
    assert press(page, "7/2=") == "3,5"
    page.keyboard.press("Escape")
    page.keyboard.type("9*9")
    page.keyboard.press("Enter")
    assert page.locator("[data-display]").inner_text() == "81"
    page.keyboard.type("/0")
    page.keyboard.press("Enter")
    assert page.locator("[data-display]").inner_text() == "Fout"


def set_up_disguise(page, base_url, disguise="calc", code=CODE):
    page.goto(base_url + "/nl/install/")
    page.get_by_label({"calc": "Rekenmachine", "recipes": "Recepten"}[disguise]).check()
    page.get_by_label("Nieuwe code").fill(code)
    page.get_by_label("Dezelfde code nog een keer").fill(code)
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_selector("[data-form-status][data-kind=ok]", timeout=20_000)


def test_choosing_a_disguise_swaps_manifest_icon_and_title(page, base_url):
    set_up_disguise(page, base_url, "recipes")
    assert page.title() == "Recepten"
    assert page.locator('link[rel="manifest"]').get_attribute("href") == \
        "/manifest/nl/recipes.webmanifest"
    assert "recipes-180.png" in page.locator('link[rel="apple-touch-icon"]').get_attribute("href")
    # The choice holds on the next page load, before anything is drawn.
    page.goto(base_url + "/nl/contact/")
    assert page.title() == "Recepten"
    # The code is never stored as plain text.
    stored = page.evaluate("JSON.stringify(Object.entries(localStorage))")
    assert CODE not in stored
    lock = page.evaluate(READ_LOCK, names(base_url)["db"])
    assert lock["i"] >= 600_000 and lock["s"] == 16 and lock["c"] == [32, 32]


READ_LOCK = """async (name) => {
  const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
  const lock = await new Promise((ok) => {
    const r = db.transaction("s").objectStore("s").get("l"); r.onsuccess = () => ok(r.result); });
  db.close();
  return { i: lock.i, s: lock.s.length, c: lock.c.map((slot) => slot.length) };
}"""


def tries(page, base_url):
    """The shared count of wrong codes in a row, as stored."""
    return page.evaluate("k => localStorage.getItem(k)", names(base_url)["tries"])


def test_right_code_opens_the_real_app_and_wrong_codes_do_not(page, base_url):
    set_up_disguise(page, base_url)
    page.goto(base_url + "/nl/calc/")
    assert press(page, "111111=") == "111111"
    # Wait until the wrong code was really checked and counted.
    page.wait_for_function("k => localStorage.getItem(k) === '1'", arg=names(base_url)["tries"])
    assert page.url.endswith("/nl/calc/")
    assert page.locator('a[href^="tel:"]').count() == 0
    tap(page, CODE + "=")
    page.wait_for_url(base_url + "/nl/")
    assert page.locator('a[href="tel:112"]').first.is_visible()


def test_recipes_decoy_searches_and_opens_with_the_code(page, base_url):
    set_up_disguise(page, base_url, "recipes")
    page.goto(base_url + "/nl/recipes/")
    page.wait_for_selector("[data-module=recipes][data-module-ready]")
    search = page.get_by_role("searchbox")
    search.fill("soep")
    visible = page.locator("[data-recipe]:visible h2").all_inner_texts()
    assert visible == ["Tomatensoep"]
    search.fill("000000")
    search.press("Enter")
    assert page.get_by_text("Geen recepten gevonden.").is_visible()
    page.wait_for_function("k => localStorage.getItem(k) === '1'", arg=names(base_url)["tries"])
    assert page.url.endswith("/nl/recipes/")
    search.fill(CODE)
    search.press("Enter")
    page.wait_for_url(base_url + "/nl/")


def test_wrong_codes_in_a_row_slow_unlocking_down(page, base_url):
    set_up_disguise(page, base_url)
    page.goto(base_url + "/nl/calc/")
    page.evaluate("k => localStorage.setItem(k, '4')", names(base_url)["tries"])
    start = time.perf_counter()
    tap(page, CODE + "=")
    page.wait_for_url(base_url + "/nl/")
    assert time.perf_counter() - start >= 2.0
    assert tries(page, base_url) is None


HIDE = """(state) => {
  Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
}"""


def test_hidden_page_is_covered_and_comes_back_only_with_the_code(page, base_url):
    set_up_disguise(page, base_url)
    page.clock.install()
    page.goto(base_url + "/nl/contact/")
    assert page.locator("main").is_visible()
    page.evaluate(HIDE, "hidden")
    assert page.evaluate("getComputedStyle(document.body).visibility") == "hidden"
    assert not page.locator("main").is_visible()
    # Back within the idle time: the content returns.
    page.clock.run_for(5_000)
    page.evaluate(HIDE, "visible")
    assert page.locator("main").is_visible()
    # Hidden longer than the idle time: the decoy, and the code is needed again.
    page.evaluate(HIDE, "hidden")
    page.clock.fast_forward(61_000)
    page.evaluate(HIDE, "visible")
    page.wait_for_url(base_url + "/nl/calc/")
    assert page.locator('a[href^="tel:"]').count() == 0


def test_installed_app_opens_to_the_decoy_and_exits_to_it(context, base_url):
    page = context.new_page()
    set_up_disguise(page, base_url)
    page.add_init_script(STANDALONE)
    page.goto(base_url + "/nl/")
    page.wait_for_url(base_url + "/nl/calc/")
    tap(page, CODE + "=")
    page.wait_for_url(base_url + "/nl/")
    assert page.locator("main h1").is_visible()
    exit_ready(page)
    page.locator("#quick-exit").click()
    page.wait_for_url(base_url + "/nl/calc/")
    assert page.title() == "Rekenmachine"


def test_disguise_setup_refuses_bad_codes(page, base_url):
    page.goto(base_url + "/nl/install/")
    page.get_by_label("Rekenmachine").check()
    page.get_by_label("Nieuwe code").fill("12345")
    page.get_by_label("Dezelfde code nog een keer").fill("12345")
    page.get_by_role("button", name="Opslaan").click()
    assert "minstens 6 cijfers" in page.locator("[data-form-status]").inner_text()
    page.get_by_label("Nieuwe code").fill("12345678")
    page.get_by_label("Dezelfde code nog een keer").fill("12345679")
    page.get_by_role("button", name="Opslaan").click()
    assert "niet hetzelfde" in page.locator("[data-form-status]").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", names(base_url)["locked"]) is None


FORGET_SET = """async (cacheName) => {
  const cache = await caches.open(cacheName);
  await cache.delete("/nl/contact/");
  await cache.put("/__sets", new Response("[]", { headers: { "Content-Type": "application/json" } }));
}"""

ASK_FOR_SET = with_sw_deadline("""async () => {
  const reg = await navigator.serviceWorker.ready;
  return new Promise((done) => {
    navigator.serviceWorker.addEventListener("message", (e) => done(e.data), { once: true });
    reg.active.postMessage({ type: "cache-set", set: "nl" });
  });
}""")


def test_a_newly_chosen_language_is_stored_for_offline_use(page, context, base_url):
    # Switching language (or mode) asks the service worker for that set of pages.
    page.goto(base_url + "/nl/")
    cache = precache(page)
    page.evaluate(FORGET_SET, cache)
    answer = page.evaluate(ASK_FOR_SET)
    assert answer["type"] == "cached" and answer["set"] == "nl"
    stored = page.evaluate("""async (name) => {
        const cache = await caches.open(name);
        return [await (await cache.match("/__sets")).json(), Boolean(await cache.match("/nl/contact/"))];
    }""", cache)
    assert stored == [["nl"], True]
    context.set_offline(True)
    assert page.goto(base_url + "/nl/contact/").ok
    context.set_offline(False)


def test_unknown_sets_are_ignored_by_the_service_worker(page, base_url):
    page.goto(base_url + "/nl/")
    cache = precache(page)
    page.evaluate(with_sw_deadline("""async () => {
        const reg = await navigator.serviceWorker.ready;
        reg.active.postMessage({ type: "cache-set", set: "constructor" });
        reg.active.postMessage({ type: "cache-set", set: "xx" });
    }"""))
    # The worker handles messages in order: once it answers a known set, it has
    # already seen the two unknown ones.
    answer = page.evaluate(ASK_FOR_SET)
    assert answer["type"] == "cached" and answer["set"] == "nl"
    assert page.evaluate("caches.keys()") == [cache]
