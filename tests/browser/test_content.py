"""Content pages in a real browser when a translation is behind: readable, honest, accessible."""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from server.config import Config
from tests.browser.conftest import start_server, stop_server

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def behind_url(tmp_path_factory):
    """A server whose Dutch text of tips/me changed, and whose Persian after-page lacks a text."""
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(Config.CONTENT_DIR, content)
    dutch = content / "tips" / "me" / "nl.toml"
    dutch.write_text(dutch.read_text(encoding="utf-8").replace(
        'lead = "Doet iemand', 'lead = "Slaat of doet iemand', 1), encoding="utf-8")
    persian = content / "tips" / "after" / "fa.toml"
    persian.write_text(persian.read_text(encoding="utf-8").replace("\nlead = ", "\nold = ", 1),
                       encoding="utf-8")
    proc, base = start_server({"CONTENT_DIR": str(content)})
    yield base
    stop_server(proc)


def test_the_about_page_lists_the_pages_behind_the_dutch(page, behind_url):
    page.goto(behind_url + "/fa/about/")
    listed = page.locator("ul.behind li")
    titles = listed.locator("a:not([lang])").evaluate_all("els => els.map(e => e.pathname)")
    # The two changed pages; other pages may be waiting for translators, an untouched
    # translated page is not listed.
    assert {"/fa/tips/after/", "/fa/tips/me/"} <= set(titles)
    assert "/fa/tips/browser/" not in titles and len(titles) == listed.count()
    dutch = listed.locator("a[lang=nl]").first
    assert dutch.get_attribute("hreflang") == "nl" and dutch.inner_text() == "Nederlands"
    assert Axe().run(page, options={"runOnly": AXE_RULES}).violations_count == 0


def test_a_page_with_a_dutch_text_in_it_reads_and_passes_axe(page, behind_url):
    page.goto(behind_url + "/fa/tips/after/")
    lead = page.locator("p.lead span[lang=nl]")
    assert lead.get_attribute("dir") == "ltr"
    assert lead.inner_text().startswith("Is er iets seksueels gebeurd")
    assert page.locator("html").get_attribute("dir") == "rtl"
    results = Axe().run(page, options={"runOnly": AXE_RULES})
    assert results.violations_count == 0, results.generate_report()
