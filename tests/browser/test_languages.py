"""Languages in a real browser: one-tap switch, right-to-left layout, accessibility."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from server.config import Config
from server.offline import page_urls

from .conftest import poll, scripts_ready, settled
from .pages import APP
from .test_offline import precache

OTHER_LANGUAGES = [lang for lang in Config.LANGUAGES if lang != "nl"]
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.mark.export
def test_language_is_one_tap_and_stored_for_offline_use(page, context, base_url):
    page.goto(base_url + "/nl/contact/")
    precache(page)
    scripts_ready(page)
    length = page.evaluate("history.length")
    page.locator("details.languages summary").click()
    page.locator("details.languages").get_by_role("link", name="العربية").click()
    page.wait_for_url(base_url + "/ar/contact/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("history.length") == length  # replaced, not pushed
    stored = """async () => {
        for (const key of await caches.keys()) {
          const sets = await (await caches.open(key)).match('/__sets');
          if (sets && (await sets.json()).includes('ar')) return true;
        }
        return false;
    }"""
    poll(lambda: page.evaluate(stored), what="the Arabic pages in the offline copy")
    context.set_offline(True)
    for url in ("/ar/", "/ar/tips/call/", "/ar/plan/"):
        assert page.goto(base_url + url).ok
        assert page.locator('a[href="tel:112"]').first.is_visible()
    context.set_offline(False)


def test_arabic_start_page_is_mirrored(browser, base_url):
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    positions = {}
    for lang in ("nl", "ar"):
        page.goto(f"{base_url}/{lang}/")
        exit_box = page.locator("#quick-exit").bounding_box()
        text = page.evaluate("""() => {
            const range = document.createRange();
            range.selectNodeContents(document.querySelector('main h1'));
            const box = range.getBoundingClientRect();
            const main = document.querySelector('main').getBoundingClientRect();
            return { fromStart: box.left - main.left, fromEnd: main.right - box.right };
        }""")
        positions[lang] = (exit_box["x"], text)
    # Quick exit sits on the right in Dutch and on the left in Arabic.
    assert positions["nl"][0] > 400 > positions["ar"][0]
    # Dutch reading starts at the left of the column, Arabic at the right.
    assert positions["nl"][1]["fromStart"] < 20 < positions["nl"][1]["fromEnd"]
    assert positions["ar"][1]["fromEnd"] < 20 < positions["ar"][1]["fromStart"]
    # Direction-pointing icons are mirrored.
    page.evaluate("document.querySelector('[data-back]').hidden = false")
    assert page.evaluate("getComputedStyle(document.querySelector('.flip')).transform") == \
        "matrix(-1, 0, 0, 1, 0, 0)"
    context.close()


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_axe_finds_no_violations_in_every_language(page, base_url, lang):
    problems = {}
    for url in page_urls(APP, lang):
        page.goto(base_url + url)
        settled(page)
        results = Axe().run(page, options={"runOnly": AXE_RULES})
        if results.violations_count:
            problems[url] = results.generate_report()[:2000]
    assert problems == {}
