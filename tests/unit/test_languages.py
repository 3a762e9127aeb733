"""Every page in every language: right lang and dir, and really translated."""

import re
from html.parser import HTMLParser

import pytest

from server.buttons import HEADER_LABELS
from server.config import Config
from server.i18n import own_name
from server.offline import page_urls
from server.services import load_directory

RTL = {"ar", "fa"}
OTHER_LANGUAGES = [lang for lang in Config.LANGUAGES if lang != "nl"]
NAMES = {re.sub(r"^\d+\s+", "", s.name) for s in load_directory(Config.SERVICES_FILE).services} | {
    Config.SITE_TITLE, "WhatsApp", "Chat", "Uitweg", "Website", "localhost",
    # Words spelled the same in Dutch and English, and product names.
    "courgette", "Android", "iPhone", "Firefox", "Samsung Internet", "Chrome", "Safari", "Edge",
    "Google Chrome", "Microsoft Edge", "Shift", "Start"} | {
    own_name(lang) for lang in Config.LANGUAGES} | set(HEADER_LABELS.values())


class VisibleText(HTMLParser):
    """Collect visible text blocks of <body>, leaving out the language menu."""

    SKIP = {"script", "style", "template", "svg", "title", "head"}
    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd", "a", "button", "label", "summary",
              "legend", "option", "span", "strong", "output", "bdi"}
    VOID = {"input", "img", "br", "meta", "link", "hr"}

    def __init__(self):
        super().__init__()
        self.blocks, self.stack, self.skip_depth = [""], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        skipping = tag in self.SKIP or "hidden" in attrs or "languages" in (attrs.get("class") or "")
        self.stack.append(skipping)
        self.skip_depth += skipping
        if tag in self.BLOCKS:
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag in self.VOID or not self.stack:
            return
        self.skip_depth -= self.stack.pop()
        if tag in self.BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        if not self.skip_depth:
            self.blocks[-1] += data


def sentences(html: str) -> set[str]:
    """Split the visible text into sentences, leaving out names, numbers and addresses."""
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for block in parser.blocks:
        for part in re.split(r"(?<=[.!?؟።])\s+", " ".join(block.split())):
            part = re.sub(r"^\d+\s+", "", part.strip(" .:;,!?·"))
            if not re.search(r"[^\W\d_]{2}", part) or part in NAMES:
                continue
            if re.fullmatch(r"[\w.-]+\.nl", part):
                continue
            found.add(part)
    return found


@pytest.fixture(scope="module")
def dutch():
    from server import create_app

    app = create_app({"TESTING": True})
    client = app.test_client()
    return {url: sentences(client.get(url).get_data(as_text=True)) for url in page_urls(app, "nl")}


@pytest.mark.parametrize("lang", Config.LANGUAGES)
def test_every_page_renders_with_the_right_lang_and_dir(app, lang):
    client = app.test_client()
    direction = "rtl" if lang in RTL else "ltr"
    for url in page_urls(app, lang):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.get_data(as_text=True)
        assert f'<html lang="{lang}" dir="{direction}"' in html, url


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_no_dutch_sentence_is_left_on_a_translated_page(app, dutch, lang):
    client = app.test_client()
    left = {}
    for url in page_urls(app, lang):
        shared = sentences(client.get(url).get_data(as_text=True)) & dutch[url.replace(f"/{lang}/", "/nl/", 1)]
        if shared:
            left[url] = sorted(shared)[:5]
    assert left == {}


@pytest.fixture(scope="module")
def english():
    from server import create_app

    app = create_app({"TESTING": True})
    client = app.test_client()
    return {url: sentences(client.get(url).get_data(as_text=True)) for url in page_urls(app, "en")}


@pytest.mark.parametrize("lang", [lang for lang in OTHER_LANGUAGES if lang != "en"])
def test_no_english_sentence_is_left_on_a_translated_page(app, english, lang):
    client = app.test_client()
    left = {}
    for url in page_urls(app, lang):
        shared = sentences(client.get(url).get_data(as_text=True)) & english[url.replace(f"/{lang}/", "/en/", 1)]
        if shared:
            left[url] = sorted(shared)[:5]
    assert left == {}


@pytest.mark.parametrize("lang", Config.LANGUAGES)
def test_each_language_has_a_glossary_and_a_review_record(lang):
    from server.config import ROOT_DIR

    folder = ROOT_DIR / "translations" / lang
    assert (folder / "review.toml").is_file()
    if lang != "nl":
        glossary = (folder / "glossary.md").read_text(encoding="utf-8")
        assert "quick exit" in glossary.lower() and "safety plan" in glossary.lower()


@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_error_pages_are_translated_too(client, lang):
    html = client.get(f"/{lang}/does-not-exist").get_data(as_text=True)
    assert f'<html lang="{lang}"' in html
    assert "Deze pagina bestaat niet" not in html and "Snel weg" not in html


def test_phone_numbers_stay_left_to_right_in_rtl_pages(client):
    html = client.get("/ar/contact/").get_data(as_text=True)
    assert '<bdi dir="ltr">0800-2000</bdi>' in html
    assert '<bdi class="num" dir="ltr">0800-2000</bdi>' in html


def test_directory_says_which_services_speak_which_language(client):
    html = client.get("/en/contact/").get_data(as_text=True)
    csg = html[html.index('id="s-csg"'):html.index('id="s-luisterlijn"')]
    assert "English" in csg and "Dutch" in csg
    assert "112" in html
