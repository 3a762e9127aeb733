"""No layout shift: the page a person sees first does not move under their finger (issue 15).

Cumulative Layout Shift (CLS) is summed from the browser's own `layout-shift`
entries (PerformanceObserver, buffered), after every component on the page has
started. Lighthouse's goal for a good page is under 0.1. Every shift counts:
these tests give no input, and Chromium marks shifts in the first second after
Playwright sets up the viewport as "had recent input", which would hide them.
"""

from __future__ import annotations

import pytest

from .conftest import scripts_ready
from .pages import ALL_PAGES
from .test_plan import create_plan

GOOD = 0.1
CLS = """() => new Promise((resolve) => {
  const shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) shifts.push(entry.value);
  }).observe({ type: 'layout-shift', buffered: true });
  // The buffered entries arrive in the observer's next task, after two frames at most.
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(
    () => resolve(shifts.reduce((sum, value) => sum + value, 0)))));
})"""
PLAN_PAGES = ["/nl/plan/", "/nl/j/plan/", "/nl/xl/plan/"]
STARTS = ["/nl/", "/nl/j/", "/nl/xl/", "/ar/"]


def layout_shift(page, url: str) -> float:
    """Load a page, wait until its scripts have started, and return its CLS."""
    page.goto(url, wait_until="load")
    scripts_ready(page)
    return page.evaluate(CLS)


@pytest.mark.parametrize("path", ALL_PAGES)
def test_no_page_shifts_while_it_loads(page, base_url, path):
    assert layout_shift(page, base_url + path) < GOOD


@pytest.mark.export
@pytest.mark.parametrize("path", PLAN_PAGES + STARTS + ["/nl/contact/", "/nl/install/"])
def test_no_shift_on_the_plan_and_start_pages(page, base_url, path):
    assert layout_shift(page, base_url + path) < GOOD


@pytest.mark.export
@pytest.mark.parametrize("path", PLAN_PAGES)
def test_no_shift_on_the_plan_when_a_code_is_set(page, base_url, path):
    # A code is set: the page opens on "Open your plan" instead of "Choose a code".
    create_plan(page, base_url)
    assert layout_shift(page, base_url + path) < GOOD
    assert page.locator("[data-view=unlock]").is_visible()


@pytest.mark.parametrize("size, text", [((320, 640), 16), ((390, 844), 32), ((320, 640), 32)],
                         ids=["320x640", "390x844-text200", "320x640-text200"])
@pytest.mark.parametrize("path", PLAN_PAGES + STARTS)
def test_no_shift_on_small_screens_and_large_text(browser, base_url, size, text, path):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    if text != 16:
        context.new_cdp_session(page).send(
            "Page.setFontSizes", {"fontSizes": {"standard": text, "fixed": text * 13 // 16}})
    assert layout_shift(page, base_url + path) < GOOD
    context.close()


def test_the_no_script_checklist_is_never_drawn_when_scripts_run(page, base_url):
    # Hidden before the first paint: guard.js marks <html> before the body is parsed.
    page.add_init_script("""new MutationObserver(() => {
        const list = document.querySelector('[data-static]');
        if (list && !window.__seen) window.__seen = getComputedStyle(list).display;
      }).observe(document, { childList: true, subtree: true });""")
    page.goto(base_url + "/nl/plan/")
    assert page.evaluate("window.__seen") == "none"


@pytest.mark.export
@pytest.mark.parametrize("path", PLAN_PAGES)
@pytest.mark.parametrize("code_set", [False, True], ids=["new", "code-set"])
def test_plan_page_is_drawn_in_its_final_layout_before_its_script_arrives(
        browser, base_url, path, code_set):
    # Hold the plan's script back (a slow phone, a slow network), look, then let it run:
    # nothing on the screen may move when it starts. (No service worker: it would
    # answer for the script from the offline copy, past the test's hold.)
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    if code_set:
        create_plan(page, base_url)
    held = []
    page.route("**/safety-plan/safety-plan.js", lambda route: held.append(route))
    with page.expect_request("**/safety-plan/safety-plan.js"):
        page.goto(base_url + path, wait_until="commit")
    view = "[data-view=unlock]" if code_set else "[data-view=create]"
    page.wait_for_selector(view, state="visible")
    assert not page.locator("[data-static]").is_visible()
    marks = page.locator("main h2, main .actions")
    before = [marks.nth(i).bounding_box() for i in range(marks.count())]
    held[0].continue_()
    scripts_ready(page)
    after = [marks.nth(i).bounding_box() for i in range(marks.count())]
    assert after == before
    context.close()


@pytest.mark.export
def test_a_code_typed_before_the_script_arrives_never_reaches_the_address(browser, base_url):
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    held = []
    page.route("**/safety-plan/safety-plan.js", lambda route: held.append(route))
    with page.expect_request("**/safety-plan/safety-plan.js"):
        page.goto(base_url + "/nl/plan/", wait_until="commit")
    page.locator("#create-code").fill("13572468")
    page.locator("#create-again").fill("13572468")
    page.locator("#create-again").press("Enter")
    page.get_by_role("button", name="Maak mijn plan").click()
    held[0].continue_()
    scripts_ready(page)
    assert page.url == base_url + "/nl/plan/"
    assert not any("13572468" in url for url in sent)
    # What was typed is still there, and now the button works.
    page.get_by_role("button", name="Maak mijn plan").click()
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    context.close()
