"""The decoys look and work like ordinary phone apps: a calculator and a recipe book."""

from __future__ import annotations

import pytest

from .conftest import scripts_ready
from .screens import SIZES, phone, scrolls_sideways
from .test_offline import press

pytestmark = pytest.mark.export

ENGINE = """() => new URL(document.querySelector('script[type=module]').src
    .replace('js/init.js', 'components/calculator/engine.js')).pathname"""

# (typed, the calculator's entry after "=", shown with a decimal comma)
EXPONENT_CASES = [
    ("123456789*987654321*1000", "1.21932631113e+20", "1,21932631e20"),
    ("99999999*99999999", "9.9999998e+15", "9,9999998e15"),
    ("1000000*1000000", "1e+12", "1e12"),
    ("-2000000*3000000", "-6e+12", "−6e12"),
    ("1/3000000", "3.33333333333e-7", "3,33333333e−7"),
    ("999999*999999", "999998000001", "999998000001"),
    ("1.5e+21*2", "3e+21", "3e21"),
    ("1e+300*1e+300", None, None),
]


def test_engine_writes_large_and_small_results_in_exponent_form(page, base_url):
    page.goto(base_url + "/nl/calc/")
    results = page.evaluate("""async ([url, cases]) => {
        const { display, entryFor, evaluate } = await import(url);
        return cases.map(([typed]) => {
          try { const entry = entryFor(evaluate(typed)); return [entry, display(entry, ",")]; }
          catch { return [null, null]; }
        });
    }""", [page.evaluate(ENGINE), EXPONENT_CASES])
    assert results == [[entry, shown] for _, entry, shown in EXPONENT_CASES]


def test_large_results_show_in_exponent_form_and_go_on_calculating(page, base_url):
    page.goto(base_url + "/nl/calc/")
    assert press(page, "123456789*987654321*1000=") == "1,21932631e20"
    assert press(page, "*2=") == "2,43865262e20"
    # Delete after a result clears it, as on a phone; then a new sum starts.
    page.get_by_role("button", name="Laatste weghalen").click()
    assert page.locator("[data-display]").inner_text() == "0"
    assert press(page, "1/0=") == "Fout"


def test_the_display_has_a_name_and_tells_the_result(page, base_url):
    page.goto(base_url + "/nl/calc/")
    scripts_ready(page)
    display = page.get_by_role("status", name="Uitkomst")
    assert display.inner_text() == "0"
    assert display.get_attribute("aria-live") == "polite"
    press(page, "6*7=")
    assert display.inner_text() == "42"


def operator_keys(page) -> dict:
    """Describe where and how the keys are drawn."""
    return page.evaluate("""() => {
      const keys = [...document.querySelectorAll('.keys button')];
      const box = (b) => b.getBoundingClientRect();
      const ops = keys.filter((b) => b.classList.contains('op'));
      const digits = keys.filter((b) => /^[0-9]$/.test(b.dataset.key));
      return {
        ops: ops.map((b) => b.dataset.key),
        opsRight: Math.min(...ops.map((b) => box(b).right)),
        othersRight: Math.max(...keys.filter((b) => !ops.includes(b)).map((b) => box(b).right)),
        opsLeft: new Set(ops.map((b) => Math.round(box(b).left))).size,
        opColour: getComputedStyle(ops[0]).backgroundColor,
        digitColour: getComputedStyle(digits[0]).backgroundColor,
        round: keys.filter((b) => !b.classList.contains('wide')).every((b) =>
          Math.abs(box(b).width - box(b).height) < 1
          && parseFloat(getComputedStyle(b).borderTopLeftRadius) >= box(b).width / 2),
        inside: keys.every((b) => box(b).left >= 0 && box(b).right <= innerWidth
          && box(b).bottom <= document.documentElement.scrollHeight),
      };
    }""")


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_operator_keys_look_like_a_phone_calculators(page, base_url, lang):
    page.goto(f"{base_url}/{lang}/calc/")
    keys = operator_keys(page)
    # One column of round orange operators on the right, in every language.
    assert keys["ops"] == ["/", "*", "-", "+", "="]
    assert keys["opsLeft"] == 1 and keys["opsRight"] > keys["othersRight"]
    assert keys["opColour"] == "rgb(189, 91, 0)" and keys["digitColour"] == "rgb(51, 51, 51)"
    assert keys["round"] and keys["inside"]


def recipe_names(page) -> list[str]:
    """The names of the recipes shown now."""
    return page.locator("[data-recipe]:visible h2").all_inner_texts()


NL_SEARCHES = [
    ("lasagne", ["Lasagne"]),
    ("LASAGNE", ["Lasagne"]),
    ("kikkererwten", ["Groentecurry met kikkererwten"]),
    ("spinazie", ["Pasta met groenten", "Groentecurry met kikkererwten"]),
    ("kaneel appel", ["Appelkruimeltaart", "Havermoutpap met appel"]),
    # The words of the summary ("Ingrediënten en bereiding") and of the steps do not count.
    ("ingredienten", []),
    ("oven", []),
]
AR_SEARCHES = [
    ("لازانيا", ["لازانيا"]),
    ("دَجاج", ["دجاج بالأرز والفلفل"]),
    ("حمص", ["كاري الخضار بالحمص"]),
]


@pytest.mark.parametrize("lang, searches", [("nl", NL_SEARCHES), ("ar", AR_SEARCHES)])
def test_recipe_search_finds_a_name_or_an_ingredient(page, base_url, lang, searches):
    page.goto(f"{base_url}/{lang}/recipes/")
    scripts_ready(page)
    assert len(recipe_names(page)) >= 12
    empty = page.locator("[data-empty]")
    for query, found in searches:
        page.get_by_role("searchbox").fill(query)
        assert recipe_names(page) == found, query
        assert bool(empty.inner_text()) == (not found), query


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_decoys_fit_the_phone(browser, base_url, size, lang):
    with phone(browser, size) as page:
        page.goto(f"{base_url}/{lang}/calc/")
        scripts_ready(page)
        for key in "123456789*987654321*1000=":
            page.locator(f'.keys button[data-key="{key}"]').click()
        display = page.locator("[data-display]")
        assert display.inner_text().endswith("e20")
        # The whole number on one line, inside the screen; every key inside the screen.
        assert display.evaluate("el => el.scrollWidth <= el.clientWidth")
        lines = display.evaluate("""el => el.getBoundingClientRect().height
            / parseFloat(getComputedStyle(el).lineHeight)""")
        assert lines < 2
        assert not scrolls_sideways(page)
        assert operator_keys(page)["inside"]

        page.goto(f"{base_url}/{lang}/recipes/")
        scripts_ready(page)
        page.locator("[data-recipe] summary").first.click()
        assert not scrolls_sideways(page)
        field = page.get_by_role("searchbox").bounding_box()
        assert field["width"] >= 0.5 * page.evaluate("innerWidth")
