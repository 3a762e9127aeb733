"""Child mode and large-text mode in a real browser."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import scripts_ready, settled
from .names import names
from .pages import ALL_PAGES
from .test_offline import STANDALONE, precache

YOUNG = [p for p in ALL_PAGES if p.startswith("/nl/j/")]
LARGE = [p for p in ALL_PAGES if p.startswith("/nl/xl/")]
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.mark.parametrize("label, mode, start, heading_part", [
    ("Ik ben een kind of jongere", "j", "/nl/j/", "Kindertelefoon"),
    ("Grote letters", "xl", "/nl/xl/", "Veilig Thuis"),
])
@pytest.mark.export
def test_mode_is_one_tap_away_and_opens_the_installed_app_only(
        page, context, base_url, label, mode, start, heading_part):
    page.goto(base_url + "/nl/")
    scripts_ready(page)
    page.get_by_role("link", name=label).click()
    page.wait_for_function("m => document.documentElement.dataset.mode === m", arg=mode)
    assert page.url == base_url + "/nl/"  # in-app: no new address
    assert heading_part in page.locator("main").inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", names(base_url)["mode"]) == mode
    assert page.evaluate("document.cookie") == "" and context.cookies() == []
    # In the browser, the start page stays the standard one, with both mode links:
    # one visit to child mode never takes over a shared phone.
    page.reload()
    assert page.url == base_url + "/nl/"
    assert "mode-" not in page.evaluate("document.documentElement.className")
    assert page.get_by_role("link", name="Ik ben een kind of jongere").is_visible()
    assert page.get_by_role("link", name="Grote letters").is_visible()
    # The installed app (display-mode: standalone) opens in the chosen mode, also offline.
    precache(page)
    app = context.new_page()
    app.add_init_script(STANDALONE)
    context.set_offline(True)
    app.goto(base_url + "/nl/")
    app.wait_for_url(base_url + start)
    assert f"mode-{mode}" in app.evaluate("document.documentElement.className")
    assert heading_part in app.locator("main").inner_text()
    context.set_offline(False)
    # Every mode page has a way back to the standard app, and it forgets the mode.
    app.locator("main a[data-mode-reset]").last.click()
    app.wait_for_function("() => document.documentElement.dataset.mode === ''")
    assert app.evaluate("k => localStorage.getItem(k)", names(base_url)["mode"]) is None
    app.goto(base_url + "/nl/")
    assert app.url == base_url + "/nl/"
    assert "mode-" not in app.evaluate("document.documentElement.className")


@pytest.mark.export
@pytest.mark.parametrize("path", ["/nl/j/plan/", "/nl/xl/plan/", "/nl/xl/contact/", "/ar/xl/signs/"])
def test_every_mode_page_has_one_tap_back_to_the_standard_app(browser, base_url, path):
    # Without JavaScript too: it is a plain link to the standard start page.
    for scripts in (True, False):
        context = browser.new_context(java_script_enabled=scripts)
        page = context.new_page()
        page.goto(base_url + path)
        if scripts:
            scripts_ready(page)
        back = page.locator("main a[data-mode-reset]")
        assert back.count() == 1
        back.click()
        if scripts:
            # In-app: the standard start page replaces this one; the address stays.
            page.wait_for_function("() => document.body.dataset.page === 'start'")
        else:
            page.wait_for_url(base_url + "/" + path.split("/")[1] + "/")
        assert page.evaluate("document.documentElement.dataset.mode") == ""
        assert page.get_by_role("link", name="Grote letters").count() + \
            page.locator("[data-mode-choice=xl]").count() >= 1
        context.close()


@pytest.mark.parametrize("path", YOUNG)
def test_child_pages_put_de_kindertelefoon_first_after_112(page, base_url, path):
    page.goto(base_url + path)
    numbers = page.locator('a[href^="tel:"]').evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))")
    assert "tel:08000432" in numbers
    before = numbers[:numbers.index("tel:08000432")]
    assert set(before) <= {"tel:112"}
    assert "tel:08002000" in numbers  # 0800-2000 stays one tap away


def test_child_start_has_the_kindertelefoon_hours_and_status(page, base_url):
    page.clock.install(time="2026-12-01T11:00:00Z")  # Tuesday 12:00 in Amsterdam
    page.goto(base_url + "/nl/j/")
    statuses = page.locator("main .status").all_inner_texts()
    assert "Nu open" in statuses
    assert page.locator("main").get_by_text("11:00").count() >= 1


@pytest.mark.parametrize("path", LARGE)
def test_large_mode_has_big_text_and_big_targets(page, base_url, path):
    page.goto(base_url + path)
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)")
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 22 and body >= 22
    small = page.evaluate("""() => [...document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return box.width > 0 && box.height > 0 && style.visibility !== 'hidden'
          && box.bottom > 0 && !el.closest('[hidden], template');
      })
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width < 48 || box.height < 48;
      })
      .map((el) => el.outerHTML.slice(0, 80))""")
    assert small == []


@pytest.mark.parametrize("path", LARGE)
def test_large_mode_meets_enhanced_contrast(page, base_url, path):
    page.goto(base_url + path)
    results = Axe().run(page, options={"runOnly": ["color-contrast-enhanced"]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", YOUNG + LARGE)
def test_axe_finds_no_violations_in_the_modes(page, base_url, path):
    page.goto(base_url + path)
    settled(page)
    results = Axe().run(page, options={"runOnly": AXE_RULES})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.export
@pytest.mark.parametrize("path", YOUNG + LARGE)
def test_modes_work_without_javascript(browser, base_url, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    assert page.locator("main h1").is_visible()
    assert page.locator('header a[href="tel:112"]').is_visible()
    assert page.title() == "Uitweg"
    context.close()


def test_large_mode_respects_the_phones_text_size(page, base_url):
    page.goto(base_url + "/nl/xl/")
    normal = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    # The person set a larger default text size: the page grows with it.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 20}})
    page.reload()
    bigger = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert normal >= 22 and bigger == pytest.approx(normal * 20 / 16)


def test_large_mode_follows_prefers_contrast_more(page, base_url):
    line = "getComputedStyle(document.documentElement).getPropertyValue('--line').trim()"
    page.goto(base_url + "/nl/xl/")
    assert page.evaluate(line) == "#4d4d4d"
    page.emulate_media(contrast="more")
    # Lines and muted text go to near-black when the phone asks for more contrast.
    assert page.evaluate(line) == "#1c1c28"


def test_child_plan_is_simple_and_kept_apart_from_the_adult_plan(page, base_url):
    page.goto(base_url + "/nl/j/plan/")
    scripts_ready(page)
    page.locator("#create-code").fill("24682468")
    page.locator("#create-again").fill("24682468")
    page.get_by_role("button", name="Maak mijn plan").click()
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    titles = page.locator("[data-sheet] section h2").all_inner_texts()
    assert titles == ["Mijn veilige mensen", "Mijn veilige plek", "Wie ik kan bellen"]
    numbers = page.locator("[data-sheet] a[href^='tel:']").evaluate_all(
        "links => links.map((a) => a.getAttribute('href'))")
    assert numbers == ["tel:112", "tel:08000432", "tel:08002000"]
    page.get_by_label("Ik weet een veilige plek in huis.").check()
    page.wait_for_selector("[data-message=section][data-kind=ok]")
    page.get_by_role("button", name="Op slot").click()
    page.locator("#unlock-code").fill("24682468")
    page.locator("[data-form=unlock]").get_by_role("button", name="Openen").click()
    page.wait_for_selector("[data-view=sheet]:not([hidden])")
    assert page.get_by_label("Ik weet een veilige plek in huis.").is_checked()
    # The child's plan is kept under its own key ("pj"), apart from an adult plan.
    keys = page.evaluate("""async (name) => {
      const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
      const keys = await new Promise((ok) => {
        const r = db.transaction("s").objectStore("s").getAllKeys(); r.onsuccess = () => ok(r.result); });
      db.close();
      return keys;
    }""", names(base_url)["db"])
    assert sorted(keys) == ["k", "l", "pj"]
