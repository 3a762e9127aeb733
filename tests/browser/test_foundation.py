"""Foundation in a real browser: one-tap numbers, the directory, privacy, accessibility."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from server.config import Config
from server.services import load_directory

from .conftest import scripts_ready, settled
from .pages import ALL_PAGES, DECOYS, PAGES

DIRECTORY = load_directory(Config.SERVICES_FILE)


@pytest.mark.export
@pytest.mark.parametrize("path", PAGES)
def test_emergency_numbers_are_one_tap_on_every_page(page, base_url, path):
    page.goto(base_url + path)
    bar = page.locator("header.topbar")
    for tel in ("tel:112", "tel:08002000"):
        link = bar.locator(f'a[href="{tel}"]')
        assert link.count() == 1
        assert link.is_visible()
    # The bar stays on screen after scrolling to the very bottom.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    box = bar.locator('a[href="tel:112"]').bounding_box()
    assert box is not None and 0 <= box["y"] < 100
    assert page.title() == Config.SITE_TITLE


@pytest.mark.export
def test_directory_shows_each_service_with_its_links(page, base_url):
    page.goto(base_url + "/nl/contact/")
    for service in DIRECTORY.services:
        card = page.locator(f"#s-{service.id}")
        assert card.locator("h3").inner_text() == service.name
        hrefs = card.locator(".actions a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        expected = [f"tel:{p.tel}" for p in service.phones]
        if service.chat:
            expected.append(service.chat.url)
        assert hrefs == expected
        assert card.locator(".source summary").inner_text() == "Bron"


@pytest.mark.export
def test_audience_filter_works_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/nl/contact/")
    page.get_by_role("link", name="Kinderen en jongeren").click()
    page.wait_for_url(base_url + "/nl/contact/young/")
    ids = page.locator(".service").evaluate_all("els => els.map(e => e.id)")
    assert ids == [f"s-{s.id}" for s in DIRECTORY.for_audience("young")]
    assert "s-kindertelefoon" in ids and "s-politie" not in ids
    context.close()


@pytest.mark.export
def test_no_request_leaves_this_machine_and_no_cookie_is_set(page, context, base_url,
                                                               requests_seen):
    for path in ALL_PAGES + ["/nl/does-not-exist"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    assert requests_seen, "the browser made no requests at all"
    hosts = {urlsplit(url).hostname for url in requests_seen if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""


@pytest.mark.export
@pytest.mark.parametrize("path", ALL_PAGES + ["/nl/does-not-exist"])
def test_axe_finds_no_violations(page, base_url, path):
    page.goto(base_url + path)
    settled(page)
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "wcag22aa", "best-practice"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ALL_PAGES)
def test_fits_320_px_without_sideways_scrolling(browser, base_url, path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.export
def test_open_now_is_recomputed_in_the_browser(context, base_url):
    page = context.new_page()
    # Tuesday 10:00 in Amsterdam (winter time, UTC+1): the Veilig Thuis chat is open.
    page.clock.install(time="2026-12-01T09:00:00Z")
    page.goto(base_url + "/nl/")
    # The static export leaves the sentence to the script: wait until it ran.
    status = page.locator('[data-chat-item="veilig-thuis"] .status')
    page.wait_for_selector('[data-chat-item="veilig-thuis"] .status[data-module-ready]')
    assert status.inner_text() == "Nu open"
    assert status.get_attribute("data-state") == "open"
    # 17:01 the same day: closed, open again tomorrow at 09:00.
    page.clock.fast_forward("07:01:00")
    page.clock.run_for(31_000)
    assert status.inner_text() == "Nu dicht. Morgen weer open om 09:00"
    # Friday evening: open again on Monday.
    page.clock.set_system_time("2026-12-04T18:00:00Z")
    page.clock.run_for(31_000)
    assert status.inner_text() == "Nu dicht. Weer open op maandag om 09:00"
    assert status.get_attribute("data-state") == "closed"


def test_keyboard_reaches_skip_links_and_quick_exit_first(page, base_url):
    page.goto(base_url + "/nl/")
    scripts_ready(page)
    history_before = page.evaluate("history.length")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de knop Snel weg"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The skip link moved focus without a "#main" in the address or the history.
    assert page.url == base_url + "/nl/"
    assert page.evaluate("history.length") == history_before


@pytest.mark.export
@pytest.mark.parametrize("path", DECOYS)
def test_decoys_show_nothing_of_the_real_app(page, base_url, path):
    page.goto(base_url + path)
    html = page.content()
    for giveaway in ("tel:", "Snel weg", "Veilig Thuis", "112", "quick-exit"):
        assert giveaway not in html
    assert page.title() in ("Rekenmachine", "Recepten")
