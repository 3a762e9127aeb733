"""Issue 13: honest answers, self-checks, topic guides, stories; in every language.

Per page and language these run on the Flask test client (each page is rendered
once per module); tests/browser/test_answers.py covers what needs a browser.
"""

from __future__ import annotations

import html
import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from server import create_app
from server.config import Config
from server.content_files import PHONE_LIKE
from server.offline import page_urls
from server.pages import READ_ALSO
from server.readability import flesch_douma, main_text, reading_goals
from tests.fact_numbers import FACT_NUMBERS, FACT_TELS, tel_form
from tests.visible_text import visible_text

LANGUAGES = Config.LANGUAGES
NEW_PAGES = [
    "tips/questions", "tips/qa-me", "tips/qa-others", "tips/qa-self", "tips/check-me",
    "tips/check-others", "tips/topics", "tips/family", "tips/abroad", "tips/diary",
    "tips/devices", "tips/told", "tips/stories", "j/qa-young", "xl/qa-older",
]
# Words that would give the topic away in an address or a title, in the app's languages'
# Latin-script forms and in English (the addresses are the same in every language).
TOPIC_WORDS = ("geweld", "violence", "abuse", "mishandel", "misbruik", "seks", "sex", "eer",
               "honour", "honor", "huwelijk", "marriage", "trouw", "forced", "dwang", "stalk",
               "spy", "spion", "police", "politie", "victim", "slachtoffer", "help", "crisis",
               "veilig", "kindertelefoon", "achterlat", "abandon", "perpetrator", "pleger")
FOREIGN_AFFAIRS = ("247 247 247", "31247247247")
KNOWN = re.compile(r"(?<![\w+-])(" + "|".join(
    re.escape(n) for n in sorted(FACT_NUMBERS, key=len, reverse=True)) + r")(?![\w-])")


def address(key: str, lang: str) -> str:
    section, name = key.split("/")
    return f"/{lang}/{section}/{name}/"


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "PAGE_CACHE": False})


@pytest.fixture(scope="module")
def every_page(app):
    """Every page of every language, and the 404 page, rendered once: {address: html}."""
    client = app.test_client()
    pages = {}
    for lang in LANGUAGES:
        for url in page_urls(app, lang):
            response = client.get(url)
            assert response.status_code == 200, url
            pages[url] = response.get_data(as_text=True)
        missing = f"/{lang}/does-not-exist"
        pages[missing] = client.get(missing).get_data(as_text=True)
    return pages


def main_of(page: str) -> str:
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def own_links(page: str) -> list[str]:
    return [html.unescape(u) for u in re.findall(r'<a [^>]*href="(/[^"#]*)"', main_of(page))]


# Every new page, in every language, with the numbers bar, neutral and accessible.

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_new_page_is_in_every_language_with_112_and_0800_2000(every_page, lang):
    for key in NEW_PAGES:
        page = every_page[address(key, lang)]
        direction = "rtl" if lang in ("ar", "fa") else "ltr"
        assert f'<html lang="{lang}" dir="{direction}"' in page, key
        bar = re.search(r'<nav class="emergency".*?</nav>', page, re.DOTALL).group(0)
        assert 'href="tel:112"' in bar and 'href="tel:08002000"' in bar, key
        assert 'id="quick-exit"' in page, key
        assert len(re.findall(r"<h1[ >]", page)) == 1, key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_addresses_titles_and_links_are_neutral(every_page, lang):
    for key in NEW_PAGES:
        url = address(key, lang)
        page = every_page[url]
        assert re.findall(r"<title>(.*?)</title>", page) == [Config.SITE_TITLE], key
        for checked in [url, *own_links(page)]:
            for word in TOPIC_WORDS:
                assert word not in checked.lower(), (key, word, checked)


class _Structure(HTMLParser):
    """Collect what the unit-level accessibility checks look at."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.ids, self.empty_links, self.lang_spans = [], [], [], []
        self._link, self._text = None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a":
            self._link, self._text = attrs, []
        if tag == "span" and "lang" in attrs:
            self.lang_spans.append(attrs)

    def handle_data(self, data):
        if self._link is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            if not "".join(self._text).strip() and not self._link.get("aria-label"):
                self.empty_links.append(self._link.get("href"))
            self._link = None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_pages_pass_the_structure_checks_in_every_language(every_page, lang):
    """What axe needs from the markup, checked without a browser for every language."""
    for key in NEW_PAGES:
        found = _Structure()
        found.feed(main_of(every_page[address(key, lang)]))
        assert found.headings[0] == 1, key
        # No heading level is skipped (h2 to h4), so the outline reads in order.
        assert all(b <= a + 1 for a, b in zip(found.headings, found.headings[1:])), key
        assert len(found.ids) == len(set(found.ids)), key
        assert found.empty_links == [], key
        # Dutch shown while a translation is missing is marked as Dutch, left to right.
        for span in found.lang_spans:
            assert span["lang"] == "nl" and span["dir"] == "ltr", key
        if lang != "nl":
            assert bool(found.lang_spans) != (key in translated(lang)), (key, lang)


def translated(lang: str) -> set[str]:
    """Return the new pages that have their own text file in a language."""
    return {key for key in NEW_PAGES
            if (Path(Config.CONTENT_DIR) / key / f"{lang}.toml").is_file()}


def test_dutch_and_english_are_complete(every_page):
    assert translated("en") == set(NEW_PAGES)
    for key in NEW_PAGES:
        assert 'lang="nl"' not in main_of(every_page[address(key, "en")]), key


# The Foreign Affairs number: the page about being left abroad, nowhere else.

def test_the_foreign_affairs_number_is_on_the_abroad_page_and_nowhere_else(every_page):
    assert len(every_page) > 40 * len(LANGUAGES)
    for url, page in every_page.items():
        found = any(number in page for number in FOREIGN_AFFAIRS)
        if re.fullmatch(r"/[a-z]{2}/tips/abroad/", url):
            assert 'href="tel:+31247247247"' in main_of(page), url
            assert '<bdi dir="ltr">+31 247 247 247</bdi>' in page, url
        else:
            assert not found, url


def test_the_directory_never_lists_the_foreign_affairs_line(every_page, app):
    directory = app.extensions["directory"]
    assert "buitenlandse-zaken" not in [s.id for s in directory.services]
    for url, page in every_page.items():
        if "/contact/" in url:
            assert "Buitenlandse Zaken" not in page and 's-buitenlandse-zaken' not in page, url


# Every phone number a reader can see or tap is in the facts.

def test_the_services_file_has_only_numbers_from_the_facts():
    raw = tomllib.loads(Path(Config.SERVICES_FILE).read_text(encoding="utf-8"))
    numbers = {phone["number"] for service in raw["service"] for phone in service.get("phones", [])}
    assert numbers <= FACT_NUMBERS, numbers - FACT_NUMBERS


def test_every_phone_number_on_every_page_is_in_the_facts(every_page):
    unknown = {}
    for url, page in every_page.items():
        tels = set(re.findall(r'href="tel:([^"]*)"', page))
        shown = set(re.findall(r"<bdi[^>]*>([^<]*)</bdi>", page))
        # A number written anywhere in the text, outside a <bdi>: take the known ones out
        # and look for anything left that looks like a phone number, as the content
        # system does for its texts.
        text = KNOWN.sub(" ", "\n".join(visible_text(page)))
        written = {m.strip() for m in PHONE_LIKE.findall(text) if sum(c.isdigit() for c in m) >= 6}
        bad = (tels - FACT_TELS) | {n for n in shown if any(c.isdigit() for c in n)
                                   and n not in FACT_NUMBERS} | written
        if bad:
            unknown[url] = sorted(bad)
    assert unknown == {}


def test_the_fact_list_catches_a_number_that_is_not_in_the_facts():
    assert "0800-2000" in FACT_NUMBERS and tel_form("0800-2001") not in FACT_TELS
    assert "0800-8112" not in FACT_NUMBERS  # confidence L in the facts: never shown
    text = KNOWN.sub(" ", "Bel 0800-2000 of 0800-2001, of +31 247 247 248.")
    assert [m.strip() for m in PHONE_LIKE.findall(text)] == ["0800-2001", "+31 247 247 248"]


# Every answer is two taps from the start page; existing pages lead to the new ones.

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_answer_is_two_taps_from_the_start_page(every_page, lang):
    first = set(own_links(every_page[f"/{lang}/"]))
    second = {link for url in first if url in every_page for link in own_links(every_page[url])}
    reached = first | second
    missing = [key for key in NEW_PAGES if address(key, lang) not in reached]
    assert missing == []


LINKS_TO_NEW_PAGES = {
    "tips/me": ["tips/qa-me", "tips/check-me", "tips/devices", "tips/diary", "tips/family",
                "tips/abroad"],
    "tips/others": ["tips/qa-others", "tips/check-others", "tips/told"],
    "tips/call": ["tips/qa-me", "tips/qa-others"],
    "tips/after": ["tips/told", "tips/devices"],
    "tips/app": ["tips/devices"],
    "j/start": ["j/qa-young"],
    "xl/start": ["xl/qa-older"],
    "xl/signs": ["xl/qa-older"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_existing_guides_and_mode_starts_link_to_the_new_pages(every_page, lang):
    for key, targets in LINKS_TO_NEW_PAGES.items():
        url = address(key, lang).replace("/start/", "/")
        links = own_links(every_page[url])
        assert [t for t in targets if address(t, lang) not in links] == [], key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_directory_filter_suggests_its_pages_by_their_titles(every_page, app, lang):
    content = app.extensions["content"]
    for audience, keys in READ_ALSO.items():
        url = f"/{lang}/contact/" + (f"{audience}/" if audience else "")
        block = re.search(r'<section class="read-also".*?</section>', every_page[url], re.DOTALL)
        assert block, url
        links = re.findall(r'<a href="([^"]+)">(.*?)</a>', block.group(0))
        assert [href for href, _ in links] == [address(k, lang) for k in keys], url
        for (href, title), key in zip(links, keys):
            assert title == str(content.texts(content.pages[key], lang).title), url
            assert href in every_page
    large = every_page[f"/{lang}/xl/contact/"]
    older = re.search(r'<section class="read-also".*?</section>', large, re.DOTALL).group(0)
    assert f'href="/{lang}/xl/qa-older/"' in older


def test_what_happens_if_you_call_now_answers_instead_of_asking(every_page):
    dutch = main_of(every_page["/nl/tips/call/"])
    assert "Vraag dan wat er met je naam en gegevens gebeurt" not in dutch
    assert ("Veilig Thuis vertelt het gezin alleen wie meldde als jij daar duidelijk ja op zegt."
            in dutch)
    english = main_of(every_page["/en/tips/call/"])
    assert "Then ask what happens with your name and details" not in english
    assert "only tells the family who made the report if you clearly say yes" in english


# Stories say they are made up; the self-check works as a plain page.

@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_story_says_it_is_made_up(every_page, lang):
    page = main_of(every_page[f"/{lang}/tips/stories/"])
    stories = re.findall(r'<section class="story".*?</section>', page, re.DOTALL)
    assert len(stories) == 7
    for story in stories:
        labelled = r'<h2 id="story-\d">.+</h2>\s*<p class="made-up">.+</p>'
        assert re.search(labelled, story), story[:80]
    if lang == "nl":
        assert page.count("Verzonnen verhaal. Maar zo gaat het vaak.") == 7
        assert "Deze verhalen zijn verzonnen." in page
    if lang == "en":
        assert page.count("A made-up story. But this is how it often goes.") == 7


@pytest.mark.parametrize("key", ["tips/check-me", "tips/check-others"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_self_check_is_a_plain_list_with_every_next_step_without_javascript(
        every_page, key, lang):
    page = main_of(every_page[address(key, lang)])
    # Nothing to submit: answers can never reach an address, a server or the history.
    assert "<form" not in page and "<input" not in page and " name=" not in page
    assert 'data-module="self-check"' in page
    signs = re.findall(r'<ul class="signs">(.*?)</ul>', page, re.DOTALL)
    assert len(signs) >= 6 and all("<li>" in s for s in signs)
    # What only JavaScript uses is hidden without it.
    for part in ("data-danger hidden", "data-show hidden", "data-again hidden"):
        assert part in page, part
    outcomes = dict(re.findall(r'<section data-outcome="(\w+)"[^>]*>(.*?)</section>', page, re.DOTALL))
    assert list(outcomes) == ["danger", "yes", "none"]
    assert 'href="tel:112"' in outcomes["danger"]
    for outcome in ("yes", "none"):
        assert 'href="tel:08002000"' in outcomes[outcome]
    qa = "qa-me" if key.endswith("me") else "qa-others"
    assert f'href="/{lang}/tips/{qa}/"' in outcomes["yes"]
    assert "hidden" not in re.search(r"<div data-outcomes>", page).group(0)


# Reading ease (bench/readability.py prints the same figures).

def test_dutch_guides_and_child_pages_are_easy_to_read(every_page, app):
    too_hard = {}
    for path, goal in reading_goals(app, "nl").items():
        if goal is None:
            continue
        score = flesch_douma(main_text(every_page[path]))
        if score < goal:
            too_hard[path] = (round(score, 1), goal)
    assert too_hard == {}
    goals = reading_goals(app, "nl")
    assert goals["/nl/j/qa-young/"] == 90 and goals["/nl/tips/qa-me/"] == 80
    assert goals["/nl/xl/qa-older/"] == 80 and goals["/nl/contact/"] is None
