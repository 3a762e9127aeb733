"""The help directory: a chosen filter's results at the top with focus; sources in a disclosure."""

from __future__ import annotations

import re

import pytest

from server.config import Config
from server.services import load_directory

from .conftest import scripts_ready
from .screens import SIZES, at_top, phone, scrolls_sideways

pytestmark = pytest.mark.export

DIRECTORY = load_directory(Config.SERVICES_FILE)


def assert_results_at_the_top(page, exact: bool = True) -> None:
    """The results heading has the focus and starts at the top of the screen, below the bar.

    With JavaScript the app puts it right below the bar; without, the browser's own focus
    scrolling (and CSS) puts it within the top third, clear of the bar.
    """
    assert page.evaluate("document.activeElement.id") == "results"
    top, bar = at_top(page, "#results")
    limit = bar + 16 if exact else 0.3 * page.evaluate("innerHeight")
    assert bar <= top <= limit, (top, bar)


@pytest.mark.parametrize("size", SIZES)
def test_a_filter_puts_its_results_at_the_top_in_the_app(browser, base_url, size):
    with phone(browser, size) as page:
        page.goto(base_url + "/nl/contact/")
        scripts_ready(page)
        history = page.evaluate("history.length")
        page.get_by_role("link", name="Kinderen en jongeren").click()
        page.wait_for_function("() => document.activeElement.id === 'results'", timeout=120_000)
        assert page.locator("#results").inner_text() == "Kinderen en jongeren"
        assert_results_at_the_top(page)
        ids = page.locator(".service").evaluate_all("els => els.map((e) => e.id)")
        assert ids == [f"s-{s.id}" for s in DIRECTORY.for_audience("young")]
        # "Everyone" works the same; the address, the title and the history never change.
        page.get_by_role("link", name="Iedereen").click()
        page.wait_for_function("() => document.querySelectorAll('.service').length === 12")
        assert_results_at_the_top(page)
        assert page.url == base_url + "/nl/contact/" and "#" not in page.url
        assert page.evaluate("history.length") == history
        assert not scrolls_sideways(page)


@pytest.mark.parametrize("size", SIZES)
def test_a_filter_puts_its_results_at_the_top_without_javascript(browser, base_url, size):
    with phone(browser, size, java_script_enabled=False) as page:
        page.goto(base_url + "/nl/contact/")
        page.get_by_role("link", name="Na seksueel geweld").click()
        page.wait_for_url(base_url + "/nl/contact/after/")
        # The browser focuses an autofocus element when it next draws the page.
        page.wait_for_function("() => document.activeElement.id === 'results'", timeout=120_000)
        assert_results_at_the_top(page, exact=False)
        assert not scrolls_sideways(page)


def test_the_filtered_address_opened_directly_shows_its_results_first(page, base_url):
    page.goto(base_url + "/nl/contact/older/")
    scripts_ready(page)
    assert_results_at_the_top(page)
    # The full directory, reached from the menu, starts at its heading as before.
    page.goto(base_url + "/nl/contact/")
    scripts_ready(page)
    assert page.evaluate("scrollY") == 0
    assert page.evaluate("document.activeElement.id") != "results"


def test_no_service_says_not_confirmed_and_missing_times_point_to_the_website(page, base_url):
    page.goto(base_url + "/nl/contact/")
    text = page.locator("main").inner_text()
    assert not re.search(r"bevestigd", text, re.IGNORECASE)
    unknown = sum(phone.hours is None for s in DIRECTORY.services for phone in s.phones)
    unknown += sum(bool(s.chat) and s.chat.hours is None for s in DIRECTORY.services)
    assert unknown > 0
    assert page.get_by_text("Tijden: zie hun website", exact=True).count() == unknown
    cost = page.locator("#s-mind .facts dd").filter(has_text=re.compile("^Zie hun website$"))
    assert cost.count() == 1


@pytest.mark.parametrize("lang, summary, checked", [
    ("nl", "Bron", "Laatst gecontroleerd: september 2019."),
    ("ar", "المصدر", "آخر تحقق: سبتمبر 2019."),
])
def test_source_and_check_date_are_a_small_disclosure_in_the_readers_language(
        page, base_url, lang, summary, checked):
    page.goto(f"{base_url}/{lang}/contact/")
    sources = page.locator(".service details.source")
    assert sources.count() == len(DIRECTORY.services)
    card = page.locator("#s-kindertelefoon details.source")
    assert card.locator("summary").inner_text() == summary
    assert not card.evaluate("el => el.open")
    assert not card.get_by_text(checked).is_visible()
    card.locator("summary").click()
    assert card.get_by_text(checked).is_visible()
    assert "Metro" in card.locator("p").inner_text()
