"""Take the screenshots to look at: every first screen, at phone sizes and with large text.

Sizes: 390 x 844, 320 x 640, and both with the phone's text at 200 % (Chromium's
default font size 16 -> 32 px via CDP Page.setFontSizes, the "font size" setting;
not CSS zoom). Pages: the start page, child mode, large-text mode, the three safety
plans, the directory and the install page, in Dutch and Arabic; plus a few states
a person meets: the language menu open, a chat's warning open, "Forgot your code?"
open. Prints the path of every PNG.

Run: .venv/bin/python bench/screenshots.py [folder]   (default /tmp/uitweg-screens;
starts its own server, as `make run` does)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server  # noqa: E402

SIZES = {"390x844": (390, 844, 16), "320x640": (320, 640, 16),
         "390x844-text200": (390, 844, 32), "320x640-text200": (320, 640, 32)}
PAGES = ["", "j/", "xl/", "plan/", "j/plan/", "xl/plan/", "contact/", "install/"]
LANGUAGES = ["nl", "ar"]


def states(page, base: str, lang: str) -> dict:
    """Open the things a person taps first, each on a fresh load; return name -> action."""
    def menu():
        page.goto(f"{base}/{lang}/")
        page.locator("details.languages summary").click()

    def chat():
        page.goto(f"{base}/{lang}/")
        summary = page.locator('details.chat-go[data-chat="veilig-thuis"] summary').first
        summary.click()
        summary.scroll_into_view_if_needed()

    def forgot():
        page.goto(f"{base}/{lang}/plan/")
        page.locator("#create-code").fill("13572468")
        page.locator("#create-again").fill("13572468")
        page.locator("[data-form=create] button[type=submit]").click()
        page.wait_for_selector("[data-view=sheet]:not([hidden])")
        page.locator("[data-action=lock]").click()
        button = page.locator('[aria-controls="start-again-panel"]')
        button.click()
        button.scroll_into_view_if_needed()

    return {"menu-open": menu, "chat-warning": chat, "plan-forgot-code": forgot}


def main() -> None:
    """Take every screenshot and print where it went."""
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/uitweg-screens")
    out.mkdir(parents=True, exist_ok=True)
    proc, base = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for size, (width, height, text) in SIZES.items():
                for lang in LANGUAGES:
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    if text != 16:
                        context.new_cdp_session(page).send(
                            "Page.setFontSizes", {"fontSizes": {"standard": text, "fixed": text * 13 // 16}})
                    for path in PAGES:
                        page.goto(f"{base}/{lang}/{path}", wait_until="load")
                        name = f"{lang}-{path.strip('/').replace('/', '-') or 'start'}-{size}.png"
                        page.screenshot(path=out / name)
                        print(out / name)
                    for state, action in states(page, base, lang).items():
                        action()
                        name = f"{lang}-{state}-{size}.png"
                        page.screenshot(path=out / name)
                        print(out / name)
                    context.close()
            browser.close()
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
