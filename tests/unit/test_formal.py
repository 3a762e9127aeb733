"""Large-text mode speaks formally: Dutch "u", Polish "Pan/Pani", header, footer and directory included."""

from __future__ import annotations

import html
import re

import pytest

from server import create_app
from server.offline import page_urls

# Informal address. Dutch: je, jij, jou, jouw, jezelf, jullie. Polish: the pronouns
# ty and twój in all their forms (ci, cię, ciebie, tobie, tobą, twoja, twojego...).
INFORMAL = {
    "nl": re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE),
    "pl": re.compile(r"(?<!\w)(ty|ci|cię|ciebie|tobie|tobą|twój|twoj\w*|twoi\w*)(?!\w)",
                     re.IGNORECASE),
}
TAG = re.compile(r"<(script|style|svg)\b.*?</\1>", re.DOTALL)
ATTRIBUTE = re.compile(r'\s(aria-label|alt|placeholder|title|data-[\w-]+)="([^"]*)"')


def readable(page: str) -> list[str]:
    """Return every text a reader can meet on a page: text, labels, messages, templates."""
    page = TAG.sub(" ", page)
    texts = [html.unescape(value) for _, value in ATTRIBUTE.findall(page)]
    texts += [html.unescape(t) for t in re.sub(r"<[^>]+>", "\n", page).split("\n")]
    return [" ".join(t.split()) for t in texts if t.strip()]


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "PAGE_CACHE": False})


@pytest.mark.parametrize("lang", sorted(INFORMAL))
def test_large_text_mode_never_says_je_or_ty(app, lang):
    client = app.test_client()
    informal = {}
    for url in page_urls(app, lang):
        if f"/{lang}/xl/" not in url:
            continue
        for text in readable(client.get(url).get_data(as_text=True)):
            if INFORMAL[lang].search(text):
                informal.setdefault(text, []).append(url)
    assert informal == {}, "\n".join(f"{text}  ({urls[0]})" for text, urls in informal.items())


def test_the_standard_mode_keeps_its_own_words(app):
    # The formal variant is only for large-text mode: /nl/ still says "je".
    page = app.test_client().get("/nl/").get_data(as_text=True)
    assert "belgeschiedenis van je telefoon" in page
    large = app.test_client().get("/nl/xl/").get_data(as_text=True)
    assert "belgeschiedenis van uw telefoon" in large
