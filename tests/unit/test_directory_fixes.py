"""The three directory bugs stay fixed: MMM's closed alternative, sources in the reader's
language, and Chat met Fier's button name."""

import re

import pytest
from flask import g

from server import display
from server.config import Config
from server.services import load_directory
from tests.visible_text import visible_text

DIRECTORY = load_directory(Config.SERVICES_FILE)


def block(page: str, service_id: str) -> str:
    return re.search(rf'<li class="service" id="s-{service_id}">(.*?)</li>', page, re.DOTALL).group(1)


@pytest.mark.parametrize("lang", Config.LANGUAGES)
def test_meld_misdaad_anoniem_never_points_to_112_when_closed(client, lang):
    mmm = block(client.get(f"/{lang}/contact/other/").get_data(as_text=True), "mmm")
    fallback = re.search(r'<p class="fallback">(.*?)</p>', mmm, re.DOTALL).group(1)
    # Per shared/facts/process.md: its online form, and Veilig Thuis for violence at home.
    assert re.findall(r'href="tel:(\d+)"', fallback) == ["08002000"]
    assert "Veilig Thuis" in fallback
    assert "112" not in " ".join(visible_text(fallback))


def test_meld_misdaad_anoniem_names_its_online_form_in_dutch(client):
    mmm = block(client.get("/nl/contact/").get_data(as_text=True), "mmm")
    fallback = " ".join(visible_text(re.search(r'<p class="fallback">(.*?)</p>', mmm, re.DOTALL)[1]))
    assert fallback == ("Dicht, of twijfel je? Gebruik het formulier op de website. Gaat het om "
                        "geweld thuis? Veilig Thuis is er dag en nacht: 0800-2000")


ENGLISH_IN_SOURCES = re.compile(r"\b(news|undated|privacy statement)\b|\d{4}-\d{2}")


@pytest.mark.parametrize("lang", [lang for lang in Config.LANGUAGES if lang != "en"])
def test_source_notes_are_in_the_readers_language(client, lang):
    page = client.get(f"/{lang}/contact/").get_data(as_text=True)
    notes = [" ".join(visible_text(n))
             for n in re.findall(r'<details class="source">(.*?)</details>', page, re.DOTALL)]
    assert len(notes) == len(DIRECTORY.services)
    assert [n for n in notes if ENGLISH_IN_SOURCES.search(n)] == []


def test_source_notes_read_naturally_in_dutch(app):
    with app.test_request_context("/nl/"):
        g.lang = "nl"
        notes = {s.id: display.source_note(s) for s in DIRECTORY.services}
    assert notes["112"] == "politie.nl (februari 2021); 112, nieuws (februari 2023)"
    assert notes["mind"] == "privacyverklaring"
    assert notes["luisterlijn"] == "NRC (juli 2021); juni 2022"
    assert notes["veilig-thuis"] == ("Veilig Thuis (2020); Parool (mei 2020); "
                                     "gemeente.nu (29 oktober 2025)")


# Only where the button's own word is "Chat" can a name that starts with it be doubled.
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_chat_button_says_chat_twice(app, client, lang):
    from server.offline import page_urls

    for url in page_urls(app, lang):
        text = " ".join(visible_text(client.get(url).get_data(as_text=True)))
        assert "Chat met Chat" not in text and "Chat with Chat" not in text, url


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_chat_met_fier_is_named_once(client, lang):
    fier = block(client.get(f"/{lang}/contact/").get_data(as_text=True), "fier")
    button = re.search(r'<a class="button chat"([^>]*)>(.*?)</a>', fier, re.DOTALL)
    # The accessible name is the service's own name; the visible word "Chat" is part of it.
    assert 'aria-label="Chat met Fier"' in button.group(1)
    assert " ".join(visible_text(button.group(2))) == "Chat"


def test_other_chat_buttons_still_name_their_service(client):
    csg = block(client.get("/nl/contact/").get_data(as_text=True), "csg")
    button = re.search(r'<a class="button chat"([^>]*)>(.*?)</a>', csg, re.DOTALL)
    assert "aria-label" not in button.group(1)
    assert " ".join(visible_text(button.group(2))) == "Chat met Centrum Seksueel Geweld"


def test_the_chat_component_names_fier_once(app):
    with app.test_request_context("/nl/"):
        g.lang = "nl"
        assert display.chat_label(DIRECTORY["fier"]) == "Chat met Fier"
        assert display.chat_label(DIRECTORY["csg"]) == "Chat met Centrum Seksueel Geweld"
