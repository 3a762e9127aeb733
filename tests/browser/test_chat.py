"""Chat, and when you cannot talk: where a chat button goes, and the chats open now (issue 15)."""

from __future__ import annotations

import pytest

from server.config import Config
from server.services import load_directory

from .conftest import scripts_ready
from .pages import ALL_PAGES

DIRECTORY = load_directory(Config.SERVICES_FILE)
CHAT_URLS = {s.chat.url: s for s in DIRECTORY.services if s.chat}
# The directory's own chat buttons (contact.html) are the other half of issue 15
# (the directory belongs to issue 15b); every other page is checked here.
PAGES_WITH_CHATS = [p for p in ALL_PAGES if "/contact/" not in p]

CHAT_LINKS = """() => [...document.querySelectorAll('main a[href^="https://"]')].map((a) => ({
  href: a.getAttribute('href'),
  inWarning: Boolean(a.closest('details.chat-go .leave-note')),
  summary: a.closest('details.chat-go')?.querySelector('summary').textContent.trim() ?? null,
}))"""


@pytest.mark.export
def test_every_chat_button_says_where_it_goes_and_warns_first(page, base_url):
    seen = 0
    for path in PAGES_WITH_CHATS:
        page.goto(base_url + path)
        for link in page.evaluate(CHAT_LINKS):
            service = CHAT_URLS.get(link["href"])
            if service is None:
                continue
            seen += 1
            # The chat link itself sits behind the warning, never directly on the page.
            assert link["inWarning"], f"{path}: {link}"
            summary = " ".join(link["summary"].split())
            site = link["href"].removeprefix("https://").removeprefix("www.").rstrip("/")
            assert "website" in summary or site in summary, f"{path}: {summary!r}"
    assert seen >= 10


@pytest.mark.export
@pytest.mark.parametrize("scripts", [True, False], ids=["js", "no-js"])
def test_chat_warns_that_quick_exit_does_not_work_there_and_one_tap_goes_on(
        browser, base_url, scripts):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  java_script_enabled=scripts)
    # The chat site itself is not reachable from here: answer for it.
    context.route("https://veiligthuis.nl/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>chat</title><p>chat"))
    page = context.new_page()
    page.goto(base_url + "/nl/")
    if scripts:
        scripts_ready(page)
    chat = page.locator('details.chat-go[data-chat="veilig-thuis"]')
    summary = chat.locator("summary")
    assert summary.inner_text().strip() == "Chat op de website van Veilig Thuis"
    go = chat.get_by_role("link", name="Naar veiligthuis.nl")
    assert not go.is_visible()
    summary.click()
    warning = chat.locator(".leave-note")
    assert warning.is_visible()
    assert "Snel weg niet" in warning.inner_text()
    assert "geschiedenis van je browser" in warning.inner_text()
    # Not a trap: one tap goes on, to the chat's site (the service's site: no chat page
    # address is confirmed in the facts, and the warning says to look for the chat there).
    assert go.get_attribute("href") == DIRECTORY["veilig-thuis"].chat.url
    go.click()
    page.wait_for_url("https://veiligthuis.nl/**")
    context.close()


def test_child_chat_button_shows_the_site(page, base_url):
    page.goto(base_url + "/nl/j/")
    summary = page.locator('details.chat-go[data-chat="kindertelefoon"] summary').first
    assert " ".join(summary.inner_text().split()) == "Chat met De Kindertelefoon op kindertelefoon.nl"


ORDER = "() => [...document.querySelectorAll('[data-chat-item]')].map((li) => li.dataset.chatItem)"


@pytest.mark.export
@pytest.mark.parametrize("moment, first, then", [
    # Saturday 12:00 in Amsterdam: De Luisterlijn (24/7) and De Kindertelefoon (11-21) are open.
    ("2026-12-05T11:00:00Z", {"luisterlijn", "kindertelefoon"}, ["fier", "veilig-thuis"]),
    # Tuesday 10:00: Veilig Thuis chat (Mon-Fri 9-17) and De Luisterlijn are open.
    ("2026-12-01T09:00:00Z", {"luisterlijn", "veilig-thuis"}, ["fier", "kindertelefoon"]),
])
def test_cannot_talk_lists_the_chats_open_now_first(context, base_url, moment, first, then):
    page = context.new_page()
    page.clock.install(time=moment)
    page.goto(base_url + "/nl/")
    section = page.locator("section.quiet")
    assert section.get_by_role("heading").inner_text() == "Kun je nu niet praten? Luistert er iemand mee?"
    page.wait_for_selector("ul.chats[data-sorted]")
    order = page.evaluate(ORDER)
    # Open now first; hours unknown (Chat met Fier) next; closed last.
    assert set(order[:2]) == first and order[2:] == then
    assert section.locator(".chats").is_visible()
    # Each with its hours, or honestly none.
    fier = section.locator('[data-chat-item="fier"]')
    assert "Tijden: zie hun website." in fier.inner_text()
    kt = section.locator('[data-chat-item="kindertelefoon"]')
    assert "11:00 tot 21:00" in kt.inner_text()
    assert kt.locator(".status").get_attribute("data-state") in ("open", "closed")
    assert kt.locator(".status").inner_text().startswith("Nu ")
    # And what to do in danger.
    assert "Bel 112" in section.inner_text()


def test_cannot_talk_keeps_its_order_true_while_the_page_stays_open(context, base_url):
    page = context.new_page()
    page.clock.install(time="2026-12-01T09:00:00Z")  # Tuesday 10:00
    page.goto(base_url + "/nl/")
    page.wait_for_selector("ul.chats[data-sorted]")
    assert page.evaluate(ORDER)[-1] == "kindertelefoon"
    # 12:00: De Kindertelefoon has opened, and moves up among the open chats.
    page.clock.run_for("02:00:00")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-chat-item]')].at(-1).dataset.chatItem === 'fier'")
    assert page.evaluate(ORDER).index("kindertelefoon") < 3
