"""Take screenshots of pages at 390x844, 320x640 and at 200% text size, to look at.

Scenes: the first screen of the start page, child mode, large-text mode, the three
safety plans, the directory and the install page; and states a person meets: the
language menu open, a chat's warning open, "Forgot your code?" open, a filtered
directory, the calculator, the recipe book, the install steps.

200% text: Chromium's own default font size set from 16 to 32 px (see
tests/browser/screens.py). The install page is shown as on an Android phone for
the first language and as on an iPhone for the second.

Run: .venv/bin/python bench/screenshots.py OUT_DIR [LANG ...]   (default languages: nl ar)
     SCENES=calc,recipes .venv/bin/python bench/screenshots.py OUT_DIR   (only some scenes)
It starts its own server, as `make run` does, and prints the files it wrote.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser.conftest import (
    CHROMIUM_ARGS,
    chromium_path,
    scripts_ready,
    start_server,
    stop_server,
)
from tests.browser.screens import AGENTS, SIZES, phone


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


def menu_open(page, base: str, lang: str) -> None:
    """Open the language menu on the start page."""
    page.goto(f"{base}/{lang}/")
    scripts_ready(page)
    page.locator("details.languages summary").click()


def chat_warning(page, base: str, lang: str) -> None:
    """Open the first chat's warning step on the start page."""
    page.goto(f"{base}/{lang}/")
    scripts_ready(page)
    summary = page.locator('details.chat-go[data-chat="veilig-thuis"] summary').first
    summary.click()
    summary.scroll_into_view_if_needed()


def forgot_code(page, base: str, lang: str) -> None:
    """Make a plan, lock it, and open "Forgot your code?"."""
    page.goto(f"{base}/{lang}/plan/")
    scripts_ready(page)
    page.locator("#create-code").fill("13572468")
    page.locator("#create-again").fill("13572468")
    page.locator("[data-form=create] button[type=submit]").click()
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    page.locator("[data-action=lock]").click()
    button = page.locator('[aria-controls="start-again-panel"]')
    button.click()
    button.scroll_into_view_if_needed()


def first_screen(path: str):
    """A scene that only opens a page and waits until its scripts have started."""
    def scene(page, base: str, lang: str) -> None:
        page.goto(f"{base}/{lang}/{path}")
        scripts_ready(page)
    return scene


FIRST_SCREENS = {"start": "", "child": "j/", "large": "xl/", "plan": "plan/",
                 "child-plan": "j/plan/", "large-plan": "xl/plan/", "directory": "contact/"}
SCENES = {**{name: first_screen(path) for name, path in FIRST_SCREENS.items()},
          "menu-open": menu_open, "chat-warning": chat_warning, "plan-forgot-code": forgot_code,
          "install": install, "contact": filtered_contact, "calc": calculator,
          "recipes": recipes}


def main(out: Path, langs: list[str]) -> None:
    """Write one viewport screenshot per scene, language and size (and a full page for install)."""
    out.mkdir(parents=True, exist_ok=True)
    proc, base = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for lang in langs:
                for size in SIZES:
                    for name, scene in SCENES.items():
                        if name not in os.environ.get("SCENES", name).split(","):
                            continue
                        # The install page shows the steps for the phone in hand.
                        agent = AGENTS["iphone" if langs.index(lang) % 2 else "android"]
                        with phone(browser, size, user_agent=agent) as page:
                            scene(page, base, lang)
                            path = out / f"{name}-{lang}-{size}.png"
                            page.screenshot(path=path)
                            print(path)
                            if name == "install":
                                full = out / f"{name}-{lang}-{size}-full.png"
                                page.screenshot(path=full, full_page=True)
                                print(full)
            browser.close()
    finally:
        stop_server(proc)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), sys.argv[2:] or ["nl", "ar"])
