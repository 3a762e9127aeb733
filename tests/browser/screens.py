"""Phone screens for browser tests and screenshots: 390x844, 320x640, and 200% text.

200% text is Chromium's own default font size raised from 16 to 32 px (CDP
Page.setFontSizes): the setting a person changes in the browser, so everything
sized in rem or em doubles and pixel sizes stay.
"""

from __future__ import annotations

import contextlib

SIZES = {"390x844": (390, 844, 16), "320x640": (320, 640, 16), "200pct": (390, 844, 32)}

AGENTS = {
    "iphone": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
              "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "ipad": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "android": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0.0.0 Mobile Safari/537.36",
    "samsung": "Mozilla/5.0 (Linux; Android 14; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) "
               "SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
    "firefox": "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0",
}


@contextlib.contextmanager
def phone(browser, size: str = "390x844", **options):
    """Open a page on a fresh phone-sized profile; `size` is a key of SIZES."""
    width, height, font = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL",
                                  **options)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error"
                and not msg.text.startswith("Failed to load resource") and errors.append(msg.text))
        if font != 16:
            context.new_cdp_session(page).send(
                "Page.setFontSizes", {"fontSizes": {"standard": font, "fixed": font * 13 // 16}})
        yield page
        assert not errors, f"JavaScript errors: {errors}"
    finally:
        context.close()


def at_top(page, selector: str) -> tuple[float, float]:
    """Return (top of the element, bottom of the sticky bar) on screen, in CSS pixels."""
    return page.evaluate("""(selector) => [
        document.querySelector(selector).getBoundingClientRect().top,
        document.querySelector('header.topbar').getBoundingClientRect().bottom]""", selector)


def scrolls_sideways(page) -> bool:
    """Return True when the page is wider than the screen."""
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth")
