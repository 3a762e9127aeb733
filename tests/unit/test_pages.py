import html
import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from server.config import Config
from server.content_files import names_in
from server.services import AUDIENCES

GUIDES = names_in(Config.CONTENT_DIR, "tips")

# What the directory lists: every service in the data file but those with listed = false.
RAW_SERVICES = [
    s for s in tomllib.loads(Path(Config.SERVICES_FILE).read_text(encoding="utf-8"))["service"]
    if s.get("listed", True)
]

# Pages with a Dutch heading that only that page shows.
HEADINGS = {
    "/nl/": "Wat kun je nu doen?",
    "/nl/contact/": "Alle hulp op een rij",
    "/nl/plan/": "Mijn veiligheidsplan",
    "/nl/tips/me/": "Het gebeurt bij mij",
    "/nl/tips/others/": "Je maakt je zorgen om iemand",
    "/nl/tips/after/": "Na seks tegen je wil",
    "/nl/tips/call/": "Wat gebeurt er als je Veilig Thuis belt?",
    "/nl/tips/app/": "Deze app veilig gebruiken",
}
PAGES = ["/nl/", "/nl/contact/", "/nl/plan/", *[f"/nl/tips/{slug}/" for slug in GUIDES]]
PAGE_URLS = PAGES + [f"/nl/contact/{a}/" for a in AUDIENCES]
TOPIC_WORDS = ("geweld", "mishandel", "misbruik", "abuse", "violence", "veilig-thuis",
               "veiligthuis", "kindertelefoon", "seks", "sexual", "crisis", "help")


def text_of(response) -> str:
    return response.get_data(as_text=True)


def title_of(page: str) -> str:
    titles = re.findall(r"<title>(.*?)</title>", page, re.DOTALL)
    assert len(titles) == 1
    return html.unescape(titles[0])


def service_blocks(page: str) -> dict[str, str]:
    return dict(re.findall(r'<li class="service" id="s-([^"]+)">(.*?)</li>', page, re.DOTALL))


def test_root_redirects_to_dutch(client):
    response = client.get("/")
    assert response.status_code in (301, 302, 307, 308)
    assert urlsplit(response.headers["Location"]).path == "/nl/"


@pytest.mark.parametrize("url", PAGE_URLS)
def test_page_is_dutch(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = text_of(response)
    assert page.startswith("<!doctype html>")
    assert re.search(r'<html lang="nl" dir="ltr"[ >]', page)
    # Layout texts are translated, not left in English.
    assert ">Snel weg</a>" in page and ">Quick exit</a>" not in page
    assert "Nu in gevaar? Bel 112." in page and "In danger now?" not in page


@pytest.mark.parametrize(("url", "heading"), HEADINGS.items())
def test_page_shows_its_own_dutch_heading(client, url, heading):
    assert f"<h1>{heading}</h1>" in html.unescape(text_of(client.get(url)))


@pytest.mark.parametrize("url", PAGE_URLS)
def test_title_is_the_site_title(client, url):
    assert title_of(text_of(client.get(url))) == "Uitweg"


def test_title_follows_configured_site_title():
    from server import create_app

    client = create_app({"TESTING": True, "SITE_TITLE": "Weer & Wind"}).test_client()
    for url in PAGE_URLS:
        assert title_of(text_of(client.get(url))) == "Weer & Wind", url


@pytest.mark.parametrize("url", PAGE_URLS)
def test_no_topic_words_in_urls_or_titles(client, url):
    page = text_of(client.get(url))
    own_links = [u for u in re.findall(r'(?:href|src)="([^"]*)"', page)
                 if u.startswith("/") and not u.startswith("//")]
    assert own_links
    for checked in [url, title_of(page), *own_links]:
        for word in TOPIC_WORDS:
            assert word not in html.unescape(checked).lower(), (word, checked)


@pytest.mark.parametrize("url", PAGE_URLS)
def test_emergency_numbers_on_every_page(client, url):
    page = text_of(client.get(url))
    assert 'href="tel:112"' in page
    assert 'href="tel:08002000"' in page


def test_directory_lists_every_service(client):
    page = text_of(client.get("/nl/contact/"))
    blocks = service_blocks(page)
    assert list(blocks) == [s["id"] for s in RAW_SERVICES]
    for raw in RAW_SERVICES:
        block = blocks[raw["id"]]
        assert f"<h3>{html.escape(raw['name'])}</h3>" in block
        actions = re.search(r'<div class="actions">(.*?)</div>', block, re.DOTALL).group(1)
        tels = re.findall(r'href="tel:([^"]*)"', actions)
        assert tels == [re.sub(r"\D", "", p["number"]) for p in raw.get("phones", [])], raw["id"]
        assert all(t.isdigit() for t in tels)
        if "chat" in raw:
            assert f'href="{raw["chat"]["url"]}"' in actions, raw["id"]
        else:
            assert "chat" not in actions


@pytest.mark.parametrize("audience", [None, *AUDIENCES])
def test_directory_counts_services_in_dutch(client, audience):
    url = "/nl/contact/" + (f"{audience}/" if audience else "")
    count = sum(1 for s in RAW_SERVICES if audience is None or audience in s["audiences"])
    word = "dienst" if count == 1 else "diensten"
    assert f'<p class="count" aria-live="polite">{count} {word}</p>' in text_of(client.get(url))


@pytest.mark.parametrize("audience", AUDIENCES)
def test_audience_filter_shows_exactly_its_services(client, audience):
    page = text_of(client.get(f"/nl/contact/{audience}/"))
    expected = [s["id"] for s in RAW_SERVICES if audience in s["audiences"]]
    assert expected
    assert list(service_blocks(page)) == expected
    current = re.findall(r'<a href="([^"]*)" aria-current="page"', page)
    assert [html.unescape(u) for u in current] == [f"/nl/contact/{audience}/"]


def test_no_filter_marks_everyone_as_current(client):
    page = text_of(client.get("/nl/contact/"))
    assert re.findall(r'<a href="([^"]*)" aria-current="page"', page) == ["/nl/contact/"]


@pytest.mark.parametrize("url", ["/nl/contact/nope/", "/nl/contact/ME/", "/nl/contact/me%20/",
                                 "/nl/contact/?voor=nope", "/nl/contact/?voor=..%2Fplan"])
def test_unknown_filter_redirects_to_the_directory(client, url):
    response = client.get(url)
    assert response.status_code in (301, 302, 303, 307, 308)
    location = urlsplit(response.headers["Location"])
    assert location.path == "/nl/contact/"
    assert location.query == ""


@pytest.mark.parametrize("audience", AUDIENCES)
def test_old_filter_links_go_to_the_filter_address(client, audience):
    response = client.get(f"/nl/contact/?voor={audience}")
    assert response.status_code in (301, 302, 303, 307, 308)
    assert urlsplit(response.headers["Location"]).path == f"/nl/contact/{audience}/"


@pytest.mark.parametrize("url", ["/nl/contact", "/nl/plan", "/nl/tips/call", "/nl/j/ok", "/nl/xl"])
def test_address_without_the_last_slash_finds_the_page(client, url):
    response = client.get(url)
    assert response.status_code == 308
    assert urlsplit(response.headers["Location"]).path == url + "/"


@pytest.mark.parametrize("url", ["/", *PAGE_URLS, "/nl/contact/nope/", "/nl/nope", "/healthz"])
def test_no_cookies(client, url):
    response = client.get(url)
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie("session") is None
    assert client.get_cookie("__never_set") is None


def test_cookie_set_by_a_view_is_dropped():
    from flask import make_response

    from server import create_app

    app = create_app({"TESTING": True})

    def tracker():
        response = make_response("tracked")
        response.set_cookie("tracker", "1")
        return response

    app.add_url_rule("/tracker", "tracker", tracker)
    response = app.test_client().get("/tracker")
    assert response.get_data(as_text=True) == "tracked"
    assert "Set-Cookie" not in response.headers
