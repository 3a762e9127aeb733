"""Installing: the steps for the phone in hand, a real Install button, and the iPhone warning."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import scripts_ready
from .screens import AGENTS, SIZES, phone, scrolls_sideways
from .test_offline import profile_page, set_up_disguise  # noqa: F401  (fixture)

pytestmark = pytest.mark.export

ORDER = ["ios", "android", "samsung", "firefox"]
GUIDES = ".steps-for"
IPHONE_NOTE = "Op een iPhone blijft je veiligheidsplan alleen veilig bewaard in de app op je beginscherm"

# A browser offering to install: the event Chromium sends, with a prompt that records its use.
OFFER = """(outcome) => {
  const offer = new Event("beforeinstallprompt", { cancelable: true });
  offer.prompt = () => { window.prompted = (window.prompted || 0) + 1; return Promise.resolve(); };
  offer.userChoice = Promise.resolve({ outcome });
  window.offer = offer;
  dispatchEvent(offer);
}"""
OFFER_EARLY = "document.addEventListener('DOMContentLoaded', () => (" + OFFER + ")('accepted'));"


def guides(page) -> list[tuple[str, bool]]:
    """Return (browser, open) of each guide, in page order."""
    return page.locator(GUIDES).evaluate_all(
        "els => els.map((el) => [el.dataset.browser, el.open])")


@pytest.mark.parametrize("agent, first", [
    ("iphone", "ios"), ("ipad", "ios"), ("android", "android"), ("samsung", "samsung"),
    ("firefox", "firefox"),
])
def test_the_steps_for_the_phone_in_hand_come_first_and_open(browser, base_url, agent, first):
    touch = {"has_touch": True} if agent == "ipad" else {}
    with phone(browser, user_agent=AGENTS[agent], **touch) as page:
        page.goto(base_url + "/nl/install/")
        scripts_ready(page)
        shown = guides(page)
        assert shown[0] == [first, True]
        # The others stay one tap away, closed, in their own order.
        assert [key for key, _ in shown[1:]] == [key for key in ORDER if key != first]
        assert not any(is_open for _, is_open in shown[1:])
        other = page.locator(GUIDES).nth(1)
        other.locator("summary").click()
        assert other.evaluate("el => el.open")
        assert other.locator("ol li").first.is_visible()


def test_a_computer_keeps_every_guide_closed_in_its_order(page, base_url):
    page.goto(base_url + "/nl/install/")
    scripts_ready(page)
    assert guides(page) == [[key, False] for key in ORDER]


def test_each_guide_has_its_steps_and_a_drawing_from_this_site(page, base_url):
    page.goto(base_url + "/nl/install/")
    for key in ORDER:
        guide = page.locator(f'{GUIDES}[data-browser="{key}"]')
        guide.locator("summary").click()
        drawing = guide.locator("img")
        assert drawing.get_attribute("src").startswith("/static/build/")
        assert drawing.get_attribute("src").endswith(f"/{key}.svg")
        # Decorative: the steps say it all, in words.
        assert drawing.get_attribute("alt") == ""
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=drawing.element_handle())
        assert guide.locator("ol li").count() >= 3
    ios = page.locator(f'{GUIDES}[data-browser="ios"]').inner_text()
    assert "‘Deel’" in ios and "‘Zet op beginscherm’" in ios and "Voeg toe" in ios
    android = page.locator(f'{GUIDES}[data-browser="android"]').inner_text()
    assert "‘App installeren’ of ‘Toevoegen aan startscherm’" in android
    assert "open het menu van je browser" not in page.locator("main").inner_text()


def test_the_iphone_guide_says_the_plan_is_kept_only_in_the_installed_app(browser, base_url):
    with phone(browser, user_agent=AGENTS["iphone"]) as page:
        page.goto(base_url + "/nl/install/")
        scripts_ready(page)
        note = page.locator(f'{GUIDES}[data-browser="ios"] .notice')
        assert note.is_visible()
        assert IPHONE_NOTE in note.inner_text()
        assert "Safari wist wat een website heeft bewaard" in note.inner_text()


def test_the_browsers_own_offer_becomes_a_real_install_button(profile_page, base_url):  # noqa: F811
    # Chromium in a normal profile offers installing this app (beforeinstallprompt).
    page = profile_page
    page.goto(base_url + "/nl/install/")
    scripts_ready(page)
    button = page.get_by_role("button", name="Installeren")
    button.wait_for(state="visible")
    assert page.locator("[data-install]").inner_text().startswith(
        "Deze browser kan de app meteen installeren:")


def test_an_offer_before_the_page_is_ready_is_kept_and_prompts_once(context, base_url):
    page = context.new_page()
    page.add_init_script(OFFER_EARLY)
    page.goto(base_url + "/nl/install/")
    scripts_ready(page)
    # init.js took the offer away from the browser's own banner, for this page.
    assert page.evaluate("window.offer.defaultPrevented")
    button = page.get_by_role("button", name="Installeren")
    assert button.is_visible()
    button.click()
    status = page.locator("[data-install-status]")
    status.wait_for(state="visible")
    assert status.inner_text() == "De app staat nu op je beginscherm. Open hem vanaf daar."
    assert page.evaluate("window.prompted") == 1
    assert not button.is_visible()


def test_an_offer_while_the_app_shows_another_page_is_kept_for_the_install_page(page, base_url):
    page.goto(base_url + "/nl/")
    scripts_ready(page)
    page.evaluate(OFFER, "dismissed")
    assert page.evaluate("window.offer.defaultPrevented")
    page.locator("main a[href='/nl/install/']").first.click()
    page.wait_for_selector("[data-module=install-guide][data-module-ready]")
    button = page.get_by_role("button", name="Installeren")
    assert button.is_visible()
    button.click()
    page.wait_for_function("() => window.prompted === 1")
    # Dismissed: no "installed" message, and an offer is used only once.
    assert page.locator("[data-install-status]").inner_text() == ""
    assert not button.is_visible()


def test_no_install_button_without_an_offer_and_the_steps_work_without_javascript(browser,
                                                                                 base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/nl/install/")
    assert not page.get_by_role("button", name="Installeren").is_visible()
    assert guides(page) == [[key, False] for key in ORDER]
    page.locator(f'{GUIDES}[data-browser="samsung"] summary').click()
    assert page.get_by_text("Tik op ‘Pagina toevoegen aan’ en dan op ‘Startscherm’.").is_visible()
    context.close()


def open_everything(page, base_url: str, lang: str) -> None:
    """Open the install page with a browser offer and every guide open."""
    page.add_init_script(OFFER_EARLY)
    page.goto(f"{base_url}/{lang}/install/")
    scripts_ready(page)
    page.locator(GUIDES).evaluate_all("els => els.forEach((el) => { el.open = true; })")
    page.get_by_role("button", name={"nl": "Installeren", "ar": "تثبيت"}[lang]).wait_for()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_install_page_fits_the_phone(browser, base_url, size, lang):
    with phone(browser, size, user_agent=AGENTS["iphone"]) as page:
        open_everything(page, base_url, lang)
        assert not scrolls_sideways(page)
        width = page.evaluate("document.documentElement.clientWidth")
        for right in page.locator(f"{GUIDES} img").evaluate_all(
                "imgs => imgs.map((img) => img.getBoundingClientRect().right)"):
            assert right <= width


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_install_page_with_everything_open_passes_axe(page, base_url, lang):
    open_everything(page, base_url, lang)
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                     "wcag22aa", "best-practice"]})
    assert results.violations_count == 0, results.generate_report()


def test_choosing_a_disguise_still_works_and_points_to_the_steps(page, base_url):
    set_up_disguise(page, base_url, "calc")
    assert page.locator("[data-form-status]").inner_text() == (
        "Opgeslagen. De app ziet er nu uit als een rekenmachine. Zet hem nu op je beginscherm: "
        "de stappen staan hieronder.")
    assert page.title() == "Rekenmachine"
