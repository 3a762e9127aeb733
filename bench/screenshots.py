"""Take screenshots of pages at 390x844, 320x640 and at 200% text size, to look at.

200% text: Chromium's own default font size is set from 16 to 32 px (CDP
Page.setFontSizes), the same setting a person changes in the browser, so
everything sized in rem or em doubles and pixel sizes stay.

Run: .venv/bin/python bench/screenshots.py OUT_DIR [LANG ...]   (default languages: nl ar)
     SCENES=calc,recipes .venv/bin/python bench/screenshots.py OUT_DIR   (only some scenes)
It starts its own server, as `make run` does, and prints the files it wrote.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS, chromium_path, scripts_ready, start_server, stop_server)

SIZES = {"390x844": (390, 844, 16), "320x640": (320, 640, 16), "200pct": (390, 844, 32)}
# The install page shows the steps for the phone in hand: one language as Android, one as iPhone.
AGENTS = {
    "android": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0.0.0 Mobile Safari/537.36",
    "iphone": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
              "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
}


def filtered_contact(page, base: str, lang: str) -> None:
    """Open the directory and choose the third filter, as a person would."""
    page.goto(f"{base}/{lang}/contact/")
    scripts_ready(page)
    page.locator(".filters a").nth(2).click()
    page.wait_for_function("() => document.activeElement.id === 'results'")


def calculator(page, base: str, lang: str) -> None:
    """Work out a large product, so the display shows exponent form."""
    page.goto(f"{base}/{lang}/calc/")
    scripts_ready(page)
    for key in "123456789*987654321*1000=":
        page.locator(f'.keys button[data-key="{key}"]').click()


def recipes(page, base: str, lang: str) -> None:
    """Open the recipe book and the first recipe."""
    page.goto(f"{base}/{lang}/recipes/")
    scripts_ready(page)
    page.locator("[data-recipe] summary").first.click()


def install(page, base: str, lang: str) -> None:
    """Open the install page scrolled to the install steps."""
    page.goto(f"{base}/{lang}/install/")
    scripts_ready(page)
    page.locator("#install-steps").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('install-steps').scrollIntoView({block: 'start'})")


SCENES = {"install": install, "contact": filtered_contact, "calc": calculator,
          "recipes": recipes}


def main(out: Path, langs: list[str]) -> None:
    """Write one viewport screenshot per scene, language and size (and a full page for install)."""
    out.mkdir(parents=True, exist_ok=True)
    proc, base = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in langs:
                for size, (width, height, font) in SIZES.items():
                    for name, scene in SCENES.items():
                        if name not in os.environ.get("SCENES", name).split(","):
                            continue
                        agent = AGENTS["iphone" if langs.index(lang) % 2 else "android"]
                        context = browser.new_context(viewport={"width": width, "height": height},
                                                      locale="nl-NL", user_agent=agent)
                        page = context.new_page()
                        cdp = context.new_cdp_session(page)
                        cdp.send("Page.setFontSizes",
                                 {"fontSizes": {"standard": font, "fixed": font * 13 // 16}})
                        scene(page, base, lang)
                        path = out / f"{name}-{lang}-{size}.png"
                        page.screenshot(path=path)
                        print(path)
                        if name == "install":
                            full = out / f"{name}-{lang}-{size}-full.png"
                            page.screenshot(path=full, full_page=True)
                            print(full)
                        context.close()
            browser.close()
    finally:
        stop_server(proc)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), sys.argv[2:] or ["nl", "ar"])
