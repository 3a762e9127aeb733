"""The start page and an Arabic page, in every engine."""

from __future__ import annotations

from server.config import Config

# Every component on the page has started (init.js marks it ready), or one has failed
# (init.js logs the error, which the probe notes).
ALL_STARTED = """() => window.__problems.length > 0 || [...document.querySelectorAll("[data-module]")]
  .every((el) => el.hasAttribute("data-module-ready"))"""


def test_start_page_has_one_tap_numbers_and_no_errors(page, server_url):
    page.goto(server_url + "/nl/")
    page.wait_for(ALL_STARTED, what="every component to start")
    page.wait_for("async () => Boolean(await navigator.serviceWorker.ready)",
                  what="the offline copy")
    for tel in ("tel:112", "tel:08002000"):
        assert page.shown(f'header.topbar a[href="{tel}"]') == 1, tel
    assert page.title == Config.SITE_TITLE
    assert page.problems() == []


def test_errors_and_csp_violations_are_reported(page, server_url):
    # The probe must really hear both, or "no errors" above would prove nothing.
    page.goto(server_url + "/nl/")
    page.evaluate("""() => {
        const inline = document.createElement("script");
        inline.textContent = "window.inlineRan = true";
        document.head.append(inline);
        setTimeout(() => { throw new Error("thrown on purpose"); });
    }""")
    page.wait_for("() => window.__problems.length >= 2", what="two problems to be noted")
    problems = page.problems()
    assert any(p.startswith("CSP: script-src") for p in problems), problems
    assert any(p.startswith("error:") and "thrown on purpose" in p for p in problems), problems
    assert page.evaluate("() => window.inlineRan === undefined")
    page.problems_seen.clear()


def test_arabic_page_is_right_to_left_without_sideways_scrolling(page, server_url):
    sides = {}
    for lang in ("nl", "ar"):
        page.goto(f"{server_url}/{lang}/")
        sides[lang] = page.evaluate("""() => {
            const box = document.querySelector("#quick-exit").getBoundingClientRect();
            return box.left + box.width / 2 < document.documentElement.clientWidth / 2
              ? "left" : "right";
        }""")
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") \
        == ["ar", "rtl"]
    assert page.evaluate("""() => document.documentElement.scrollWidth
        <= document.documentElement.clientWidth""")
    # The layout is mirrored: the quick exit moves from the right to the left.
    assert sides == {"nl": "right", "ar": "left"}
