"""Offline after one visit, and the calculator disguise, in every engine."""

from __future__ import annotations

import pytest

from tests.browser.conftest import start_server, stop_server, with_sw_deadline

from .driver import SHOWN

CODE = "24681357"
# Three pages, each with the heading it must show without the server.
OFFLINE_PAGES = {
    "/nl/contact/": "Alle hulp op een rij",
    "/nl/plan/": "Mijn veiligheidsplan",
    "/nl/tips/me/": "Het gebeurt bij mij",
}
STORED = with_sw_deadline("""async (paths) => {
  await navigator.serviceWorker.ready;
  const found = await Promise.all(paths.map((path) => caches.match(path)));
  return found.every(Boolean);
}""")


@pytest.fixture
def own_server():
    """A server of this test's own, started as `make run` does, that the test may stop."""
    proc, base = start_server()
    yield proc, base
    if proc.poll() is None:
        stop_server(proc)


def test_three_pages_render_with_the_server_stopped(page, own_server):
    proc, base = own_server
    page.goto(base + "/nl/")
    page.wait_for(STORED, list(OFFLINE_PAGES), what="the offline copy of three pages")
    stop_server(proc)
    for path, heading in OFFLINE_PAGES.items():
        page.goto(base + path)
        assert page.text("main h1") == heading, path
        # Styled (the bar sticks to the top) and the numbers are one tap away.
        assert page.evaluate("() => getComputedStyle(document.querySelector('.topbar')).position") \
            == "sticky", path
        assert page.shown('header.topbar a[href="tel:112"]') == 1, path


def tap(page, keys: str) -> None:
    """Tap calculator keys by their names, as a screen reader reads them."""
    names = {"+": "Plus", "-": "Min", "*": "Keer", "/": "Delen", "=": "Is", ".": "Komma"}
    for key in keys:
        page.click(button=names.get(key, key))


def test_calculator_counts_and_the_code_opens_the_app(page, server_url):
    page.goto(server_url + "/nl/install/")
    page.check("Rekenmachine")
    page.fill("Nieuwe code", CODE)
    page.fill("Dezelfde code nog een keer", CODE)
    page.click(button="Opslaan")
    page.wait_for("() => Boolean(document.querySelector('[data-form-status][data-kind=ok]'))",
                  what="the disguise to be saved")
    page.goto(server_url + "/nl/calc/")
    assert page.title == "Rekenmachine"
    page.wait_for("() => Boolean(document.querySelector('[data-module=calculator][data-module-ready]'))",
                  what="the calculator")
    for sum_, shown in (("12+30=", "42"), ("7/2=", "3,5"), ("6*7-2=", "40")):
        page.click(button="Wissen")
        tap(page, sum_)
        assert page.text("[data-display]") == shown, sum_
    assert page.shown('a[href^="tel:"]') == 0
    page.click(button="Wissen")
    tap(page, CODE + "=")
    page.wait_for_url(server_url + "/nl/", timeout=60)
    page.wait_for(f"() => ({SHOWN})('header.topbar a[href=\"tel:112\"]') === 1",
                  what="the real app")
