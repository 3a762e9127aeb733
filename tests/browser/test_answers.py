"""Issue 13 in a real browser: the self-check, and the new pages offline and with axe.

The per-page, per-language checks run without a browser (tests/unit/test_answers.py);
axe walks every page of every language in test_languages.py and test_foundation.py.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.fact_numbers import FACT_TELS
from tests.unit.test_answers import NEW_PAGES, address

from .conftest import poll, scripts_ready
from .test_offline import precache

AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
CHECKS = {
    # page: (its honest-answer page, the number of signs, the danger question)
    "check-me": ("qa-me", 13, "Ben je nu in gevaar?"),
    "check-others": ("qa-others", 13, "Is er nu gevaar?"),
}
# Each way through: which questions get a yes ([] = only no), and where it must end.
PATHS = [
    ("danger", [0, "danger"], "tel:112"),
    ("yes", [3, 7], "tel:08002000"),
    ("none", [], "tel:08002000"),
]

# Everything a page could leave behind on this phone, read in one go.
READ_TRACES = """async () => {
  const cached = {};
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    cached[key] = (await cache.keys()).map((r) => r.url).sort();
  }
  const local = {}, session = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    local[localStorage.key(i)] = localStorage.getItem(localStorage.key(i));
  }
  for (let i = 0; i < sessionStorage.length; i += 1) {
    session[sessionStorage.key(i)] = sessionStorage.getItem(sessionStorage.key(i));
  }
  return {
    local, session, cached,
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    cookie: document.cookie,
    address: location.href,
    history: history.length,
  };
}"""


def answer(page, path_yes: list, count: int) -> None:
    """Answer every question: yes to the given ones (an index, or "danger"), no to the rest."""
    questions = page.locator(".self-check [data-questions] li")
    assert questions.count() == count + 1  # the signs, and the danger question
    for i in range(count + 1):
        is_danger = i == count
        value = "yes" if (i in path_yes or (is_danger and "danger" in path_yes)) else "no"
        button = questions.nth(i).locator(f"button[data-answer={value}]")
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        other = "no" if value == "yes" else "yes"
        assert questions.nth(i).locator(f"button[data-answer={other}]").get_attribute(
            "aria-pressed") == "false"


@pytest.mark.parametrize("name", CHECKS)
def test_the_self_check_ends_at_the_fitting_next_step_with_a_working_link(page, base_url, name):
    qa, count, danger = CHECKS[name]
    page.goto(f"{base_url}/nl/tips/{name}/")
    scripts_ready(page)
    check = page.locator(".self-check")
    outcomes = check.locator("[data-outcomes]")
    assert not outcomes.is_visible()  # with JavaScript: first the questions
    assert check.locator("[data-danger] li").inner_text().startswith(danger)
    for expected, yes, tel in PATHS:
        answer(page, yes, count)
        check.get_by_role("button", name="Bekijk wat je nu kunt doen").click()
        page.wait_for_function("e => document.querySelector('.self-check').dataset.result === e",
                               arg=expected)
        shown = outcomes.locator("section[data-outcome]:visible")
        assert shown.count() == 1 and shown.get_attribute("data-outcome") == expected
        assert page.evaluate("document.activeElement.closest('section')?.dataset.outcome") \
            == expected
        tels = shown.locator('a[href^="tel:"]').evaluate_all(
            "links => links.map((a) => a.getAttribute('href'))")
        assert tel in tels and {t.removeprefix("tel:") for t in tels} <= FACT_TELS
        assert shown.locator(f'a[href="{tel}"]').first.is_visible()
        if expected == "yes":
            results = Axe().run(page, options={"runOnly": AXE_RULES})
            assert results.violations_count == 0, results.generate_report()
            link = shown.locator(f'a[href="/nl/tips/{qa}/"]')
            link.click()
            page.wait_for_selector("main h1:text-matches('Wat gebeurt er als ik')")
            page.locator("[data-back]").click()
            page.wait_for_selector(".self-check [data-questions] li button")
            check = page.locator(".self-check")
            outcomes = check.locator("[data-outcomes]")
        else:
            check.get_by_role("button", name="Opnieuw beginnen").click()
            assert not outcomes.is_visible()
            assert check.locator('button[aria-pressed="true"]').count() == 0
    # A changed answer hides the old next step until it is asked for again.
    answer(page, [0], count)
    check.get_by_role("button", name="Bekijk wat je nu kunt doen").click()
    assert outcomes.is_visible()
    check.locator("[data-questions] li").nth(0).locator("button[data-answer=no]").click()
    assert not outcomes.is_visible()


def test_the_self_check_stores_nothing_and_sends_nothing(page, context, base_url, requests_seen):
    page.goto(base_url + "/nl/tips/check-me/")
    precache(page)
    scripts_ready(page)
    page.wait_for_load_state("networkidle")
    before = page.evaluate(READ_TRACES)
    asked = len(requests_seen)
    answer(page, [0, 4, "danger"], 13)
    page.get_by_role("button", name="Bekijk wat je nu kunt doen").click()
    page.wait_for_selector(".self-check[data-result=danger]")
    page.get_by_role("button", name="Opnieuw beginnen").click()
    answer(page, [2], 13)
    page.get_by_role("button", name="Bekijk wat je nu kunt doen").click()
    page.wait_for_selector(".self-check[data-result=yes]")
    # Give a late write or request every chance to happen before looking.
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise((done) => requestIdleCallback(done, { timeout: 2000 }))")
    after = page.evaluate(READ_TRACES)
    assert after == before
    assert requests_seen[asked:] == []
    assert context.cookies() == []
    # The offline copy was stored before: nothing of the answers is in it.
    assert before["cached"] and not any("?" in url for urls in after["cached"].values()
                                        for url in urls)


@pytest.mark.export
@pytest.mark.parametrize("name", CHECKS)
def test_the_self_check_without_javascript_lists_every_sign_and_next_step(browser, base_url, name):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}/nl/tips/{name}/")
    check = page.locator(".self-check")
    signs = check.locator("[data-questions] li:visible")
    assert signs.count() == CHECKS[name][1]
    assert check.locator("button:visible").count() == 0
    assert not check.locator("[data-danger]").is_visible()
    for outcome, tel in (("danger", "tel:112"), ("yes", "tel:08002000"), ("none", "tel:08002000")):
        section = check.locator(f'section[data-outcome="{outcome}"]')
        assert section.locator("h3").is_visible()
        assert section.locator(f'a[href="{tel}"]').first.is_visible()
    assert page.title() == "Uitweg"
    context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_new_page_works_offline_after_one_visit(page, context, base_url, lang):
    page.goto(f"{base_url}/{lang}/")
    precache(page)
    stored = """l => (async () => {
        for (const key of await caches.keys()) {
          const sets = await (await caches.open(key)).match('/__sets');
          if (sets && (await sets.json()).includes(l)) return true;
        }
        return false;
    })()"""
    poll(lambda: page.evaluate(stored, lang), what=f"the {lang} pages in the offline copy")
    context.set_offline(True)
    for key in NEW_PAGES:
        url = address(key, lang)
        response = page.goto(base_url + url)
        assert response.ok, url
        assert page.locator('header a[href="tel:112"]').is_visible(), url
        assert page.locator('header a[href="tel:08002000"]').is_visible(), url
        assert page.locator("main h1").is_visible(), url
    # The self-check works offline too.
    page.goto(f"{base_url}/{lang}/tips/check-me/")
    scripts_ready(page)
    page.locator("[data-questions] li").first.locator("button[data-answer=yes]").click()
    page.locator("[data-show] button").click()
    page.wait_for_selector(".self-check[data-result=yes]")
    assert page.locator('section[data-outcome="yes"] a[href="tel:08002000"]').is_visible()
    context.set_offline(False)


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_answered_self_check_passes_axe(page, base_url, lang):
    page.goto(f"{base_url}/{lang}/tips/check-others/")
    scripts_ready(page)
    page.locator("[data-questions] li").nth(1).locator("button[data-answer=yes]").click()
    page.locator("[data-questions] li").nth(2).locator("button[data-answer=no]").click()
    page.locator("[data-show] button").click()
    page.wait_for_selector(".self-check[data-result=yes]")
    results = Axe().run(page, options={"runOnly": AXE_RULES})
    assert results.violations_count == 0, results.generate_report()
