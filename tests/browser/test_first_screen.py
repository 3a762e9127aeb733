"""The first screen, as a frightened person sees it: one look, one tap (issue 15).

Sizes: a 390 x 844 phone, a 320 x 640 phone, and text at 200 %. Text at 200 % is
the phone's own text size setting, simulated honestly: Chromium's default font
size goes from 16 to 32 px (CDP Page.setFontSizes, the setting behind "font
size" in Chrome). Everything sized in rem and em grows with it, media queries
in em see it, and the layout width stays the phone's. CSS zoom would only scale
the picture.
"""

from __future__ import annotations

import pytest

from server.config import Config

from .conftest import scripts_ready

LANGUAGES = Config.LANGUAGES
MODES = ["", "j/", "xl/"]
PHONES = {"390x844": (390, 844), "320x640": (320, 640)}


def phone(browser, size: str, text: int = 16, scripts: bool = True):
    """A fresh phone-sized page; text=32 is the phone's text size at 200 %."""
    width, height = PHONES[size]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  java_script_enabled=scripts)
    page = context.new_page()
    if text != 16:
        cdp = context.new_cdp_session(page)
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": text, "fixed": text * 13 // 16}})
    return context, page


HEADER = """() => {
  const items = [...document.querySelectorAll('.topbar .call, .topbar .exit')];
  return items.map((el) => {
    const box = el.getBoundingClientRect();
    return { text: el.textContent.replace(/\\u00ad/g, '').trim(), name: el.getAttribute('aria-label'),
             top: box.top, bottom: box.bottom, left: box.left, right: box.right,
             clipped: el.scrollWidth > el.clientWidth + 1 };
  });
}"""


@pytest.mark.export
@pytest.mark.parametrize("lang", LANGUAGES)
def test_header_says_who_it_calls_in_one_row_at_320_px(browser, base_url, lang):
    context, page = phone(browser, "320x640")
    for mode in MODES:
        page.goto(f"{base_url}/{lang}/{mode}")
        items = page.evaluate(HEADER)
        where = f"/{lang}/{mode}"
        # Who they call, by name; the number is in the accessible name.
        calls = [item["text"] for item in items[1:]]
        expected = ["112", "Kindertelefoon", "Veilig Thuis"] if mode == "j/" else ["112", "Veilig Thuis"]
        assert calls == expected, where
        assert "112" in items[1]["name"]
        assert any("0800-2000" in (item["name"] or "") for item in items[1:]), where
        # Quick exit and the call buttons share one row, nothing cut off or off screen.
        tops = {round(item["top"]) for item in items}
        assert max(tops) - min(tops) <= 2, f"{where}: more than one row: {items}"
        assert all(0 <= item["left"] and item["right"] <= 320 for item in items), where
        assert not any(item["clipped"] for item in items), where
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, where
    context.close()


STUCK = """() => {
  // Whatever stays on screen while the page scrolls: fixed or sticky boxes at the top.
  scrollTo(0, document.documentElement.scrollHeight / 2);
  const stuck = [...document.querySelectorAll('body *')].filter((el) => {
    const position = getComputedStyle(el).position;
    const box = el.getBoundingClientRect();
    return (position === 'fixed' || position === 'sticky') && box.height > 0 && box.top < innerHeight;
  });
  return Math.max(0, ...stuck.map((el) => el.getBoundingClientRect().bottom));
}"""


@pytest.mark.export
@pytest.mark.parametrize("size", PHONES)
@pytest.mark.parametrize("path", ["/nl/", "/nl/j/", "/nl/xl/", "/ar/", "/ar/j/", "/ar/xl/",
                                  "/pl/j/", "/uk/xl/", "/nl/contact/", "/nl/plan/",
                                  "/nl/xl/plan/", "/nl/tips/me/"])
def test_at_200_percent_text_the_fixed_bar_is_small_and_nothing_scrolls_sideways(
        browser, base_url, size, path):
    context, page = phone(browser, size, text=32)
    page.goto(base_url + path)
    width, height = PHONES[size]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Quick exit stays on screen, and what stays takes at most a quarter of it.
    bottom = page.evaluate(STUCK)
    assert 0 < bottom <= height / 4, f"{path}: the fixed part ends at {bottom} px of {height}"
    assert page.locator("#quick-exit").is_visible()
    box = page.locator("#quick-exit").bounding_box()
    assert 0 <= box["y"] < height / 4
    context.close()


@pytest.mark.export
@pytest.mark.parametrize("size", PHONES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_large_text_first_screen_has_the_veilig_thuis_button(browser, base_url, size, lang):
    context, page = phone(browser, size)
    page.goto(f"{base_url}/{lang}/xl/")
    button = page.locator('main a.button[href="tel:08002000"]').first
    box = button.bounding_box()
    assert page.evaluate("scrollY") == 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONES[size][1], box
    if lang == "nl":
        assert button.inner_text().startswith("Bel Veilig Thuis")
    # It is the first action on the page, before any explanation.
    first = page.locator("main a, main button").first
    assert first.get_attribute("href") == "tel:08002000"
    context.close()


@pytest.mark.export
@pytest.mark.parametrize("size", PHONES)
@pytest.mark.parametrize("path", ["/nl/", "/ar/", "/tr/", "/uk/"])
def test_call_log_note_stays_and_the_first_action_is_on_the_first_screen(
        browser, base_url, size, path):
    context, page = phone(browser, size)
    page.goto(base_url + path)
    assert page.locator(".calllog-note").is_visible()
    button = page.locator('main a.button[href="tel:112"]').first
    box = button.bounding_box()
    assert box["y"] + box["height"] <= PHONES[size][1]
    context.close()


@pytest.mark.export
@pytest.mark.parametrize("scripts", [True, False], ids=["js", "no-js"])
def test_language_menu_is_one_compact_control_with_one_tap_to_each_language(
        browser, base_url, scripts):
    context, page = phone(browser, "390x844", scripts=scripts)
    page.goto(base_url + "/nl/contact/")
    if scripts:
        scripts_ready(page)
    menu = page.locator("details.languages")
    summary = menu.locator("summary")
    # One control that shows the current language; the list is closed.
    assert "Nederlands" in summary.inner_text()
    assert summary.bounding_box()["height"] < 60
    assert not menu.get_by_role("link", name="العربية").is_visible()
    history = page.evaluate("history.length")
    summary.click()
    links = menu.get_by_role("link")
    assert links.count() == len(LANGUAGES)
    assert all(links.nth(i).is_visible() for i in range(len(LANGUAGES)))
    menu.get_by_role("link", name="العربية").click()
    page.wait_for_url(base_url + "/ar/contact/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    if scripts:
        assert page.evaluate("history.length") == history  # replaced, not pushed
    context.close()


MENU_LINKS = """() => [...document.querySelectorAll('details.languages a')].map((a) => {
  const box = a.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(a);
  const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  return { name: a.textContent.trim(), left: box.left, right: box.right, lines };
})"""


@pytest.mark.parametrize("lang", ["nl", "ar"])
@pytest.mark.parametrize("mode", ["", "xl/"])
@pytest.mark.parametrize("size", list(PHONES))
def test_every_language_in_the_open_menu_is_on_screen_and_whole_at_200_percent_text(
        browser, base_url, size, mode, lang):
    context, page = phone(browser, size, text=32)
    page.goto(f"{base_url}/{lang}/{mode}")
    page.locator("details.languages summary").click()
    width = PHONES[size][0]
    links = page.evaluate(MENU_LINKS)
    assert len(links) == len(LANGUAGES)
    # Every language can be reached (nothing hangs off the side of the screen), and no
    # name is broken in the middle ("Nederlan-ds").
    assert [link["name"] for link in links if link["left"] < 0 or link["right"] > width] == []
    assert [link["name"] for link in links if link["lines"] != 1] == []
    context.close()


LINES_OF = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  return [el.textContent.trim(), new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size];
})"""


@pytest.mark.parametrize("mode", ["", "xl/"])
@pytest.mark.parametrize("size", list(PHONES))
def test_the_language_control_shows_its_name_whole_at_200_percent_text(browser, base_url, size,
                                                                       mode):
    context, page = phone(browser, size, text=32)
    broken = []
    for lang in LANGUAGES:
        page.goto(f"{base_url}/{lang}/{mode}")
        # "Nederlands" and "Українська" are the longest names: not "Nederlan / ds".
        [[name, lines]] = page.evaluate(LINES_OF, "details.languages summary span:not(.visually-hidden)")
        if lines != 1:
            broken.append(name)
    assert broken == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONES[size][0]
    context.close()


NAME_LINES = """() => [...document.querySelectorAll('main .button.call .name')].map((el) => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  const full = el.getBoundingClientRect().width >= el.parentElement.getBoundingClientRect().width - 1;
  return [el.textContent.trim(), lines, full];
})"""


@pytest.mark.parametrize("text", [16, 32])
@pytest.mark.parametrize("lang", ["nl", "ar", "fa"])
def test_a_call_button_never_splits_the_name_of_who_it_calls(browser, base_url, lang, text):
    # In Arabic and Persian the Dutch name sits in a right-to-left sentence: split over
    # two lines it read "Veilig ... Thuis" with the number in between.
    context, page = phone(browser, "320x640", text=text)
    for mode in MODES:
        page.goto(f"{base_url}/{lang}/{mode}")
        names = page.evaluate(NAME_LINES)
        assert names, f"/{lang}/{mode}"
        # A name may break only when it is wider than a whole line of its button.
        assert [name for name, lines, full in names if lines != 1 and not full] == [], \
            f"/{lang}/{mode}"
    context.close()


@pytest.mark.export
def test_language_menu_follows_in_app_navigation(page, base_url):
    page.goto(base_url + "/nl/")
    scripts_ready(page)
    page.get_by_role("link", name="Wat gebeurt er als ik bel?").click()
    page.wait_for_function("() => document.body.dataset.page === 'questions'")
    page.locator("details.languages summary").click()
    # The links lead to this same page in another language, not to the first page opened.
    assert page.locator("details.languages").get_by_role("link", name="English") \
        .get_attribute("href") == "/en/tips/questions/"


@pytest.mark.export
def test_meta_charset_comes_within_the_first_1024_bytes_of_every_page(base_url):
    import urllib.request

    from .pages import ALL_PAGES

    late = []
    for path in ALL_PAGES + ["/nl/does-not-exist"]:
        try:
            body = urllib.request.urlopen(base_url + path).read()
        except urllib.error.HTTPError as error:
            body = error.read()
        if b'<meta charset="utf-8">' not in body[:1024]:
            late.append(path)
    assert late == []
