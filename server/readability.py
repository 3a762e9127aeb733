"""Flesch-Douma reading ease for Dutch: how easy a page is to read (higher is easier).

Flesch-Douma = 206.84 - 0.77 * (syllables per 100 words) - 0.93 * (words per sentence).
Syllables are counted as groups of vowels (ij, ei, oe, aa ... count once), which is
close enough for short, plain texts. Headings, list items and buttons count as
sentences of their own.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Flesch-Douma goals (issue 13): child pages 90 or more, every other guide 80 or more.
CHILD_GOAL = 90.0
GUIDE_GOAL = 80.0

VOWELS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "summary", "a", "button", "label", "td"}
SKIPPED = {"script", "style", "template", "svg", "title"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping: str | None = None  # the tag whose content is not read
        self.depth = 0  # how deep the same tag nests inside it
        self.in_main = False

    def handle_starttag(self, tag, attrs):
        """Start skipping hidden or non-text elements; mark block starts."""
        if tag in VOID:
            return
        if self.skipping:
            self.depth += tag == self.skipping
            return
        if tag in SKIPPED or any(name == "hidden" for name, _ in attrs):
            self.skipping, self.depth = tag, 0
            return
        if tag == "main":
            self.in_main = True
        if tag in BLOCKS:
            self.parts.append(". ")

    def handle_endtag(self, tag):
        """Stop skipping at the end of the skipped element; mark block ends."""
        if self.skipping:
            if tag == self.skipping:
                if self.depth:
                    self.depth -= 1
                else:
                    self.skipping = None
            return
        if tag == "main":
            self.in_main = False
        if tag in BLOCKS:
            self.parts.append(". ")

    def handle_data(self, data):
        """Keep visible text inside <main>."""
        if self.in_main and not self.skipping:
            self.parts.append(data)


def main_text(html: str) -> str:
    """Return the readable text inside <main>, with block ends marked as sentence ends."""
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def syllables(word: str) -> int:
    """Count the syllables of a Dutch word as its groups of vowels (at least one)."""
    return max(1, len(VOWELS.findall(word)))


def flesch_douma(text: str) -> float:
    """Return the Flesch-Douma score of a text."""
    sentences = [s for s in re.split(r"[.!?:;]+", text) if WORD.search(s)]
    words = WORD.findall(text)
    if not words or not sentences:
        return 0.0
    per_100 = 100 * sum(syllables(w) for w in words) / len(words)
    return 206.84 - 0.77 * per_100 - 0.93 * (len(words) / len(sentences))


def reading_goals(app, lang: str = "nl") -> dict[str, float | None]:
    """Return every page of a language with its goal: child pages 90, guides 80, others none.

    Guides are the content pages (server/content/); child pages are everything under
    /<lang>/j/, the child plan included. The directory, forms and decoys have no goal.
    """
    from .offline import page_urls

    content = app.extensions["content"]
    adapter = app.url_map.bind("localhost")
    guides = {adapter.build(p.address[0], {"lang": lang, **p.address[1]})
              for p in content.pages.values() if p.address}
    goals = {}
    for path in page_urls(app, lang):
        if path.startswith(f"/{lang}/j/"):
            goals[path] = CHILD_GOAL
        else:
            goals[path] = GUIDE_GOAL if path in guides else None
    return goals
