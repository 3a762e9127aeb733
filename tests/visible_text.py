"""The text a reader sees (and hears) on every page, with a fixed clock: for the golden test.

`tests/golden/pages.txt` holds the visible text of every page of every language
and mode, as rendered at FIXED_MOMENT. `tests/unit/test_golden_text.py` compares
each page with it, so a change to the content system that alters what a reader
sees fails loudly. When the text changes on purpose (a new page, a corrected
fact), write the file again and read the diff before committing it:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_golden_text.py
    git diff tests/golden/pages.txt
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

GOLDEN = Path(__file__).resolve().parent / "golden" / "pages.txt"
# A Tuesday, 08:00 in Amsterdam: some services open, some closed until later today.
FIXED_MOMENT = datetime(2026, 6, 2, 6, 0, tzinfo=UTC)
BASE_URL = "http://localhost/"

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "body", "br", "button", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hr", "label", "legend", "li", "main", "nav", "ol", "option", "p", "section",
    "summary", "table", "td", "th", "title", "tr", "ul",
}
SKIP_TAGS = {"script", "style", "svg", "template"}
# Attributes a screen reader or the eye gets as text.
TEXT_ATTRIBUTES = ("aria-label", "alt", "placeholder")


class _Text(HTMLParser):
    """Collect text in reading order: one line per block, attributes on their own line."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines, self.current, self.skipping = [], [], 0

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag in BLOCK_TAGS:
            self._flush()
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and value.strip():
                self._flush()
                self.lines.append(f"[{name}] {' '.join(value.split())}")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
            return
        if not self.skipping and tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def close(self):
        super().close()
        self._flush()


def visible_text(html: str) -> list[str]:
    """Return the text of a page as a reader gets it, one block per line."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.lines


@contextmanager
def fixed_clock(moment: datetime = FIXED_MOMENT):
    """Make "open now" sentences as if it were `moment`."""

    class Fixed(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    with mock.patch("server.display.datetime", Fixed):
        yield


def all_page_texts(app) -> dict[str, list[str]]:
    """Render every page of every language with a fixed clock; return its visible text."""
    from server.offline import page_urls

    client = app.test_client()
    texts = {}
    with fixed_clock():
        for lang in app.config["LANGUAGES"]:
            for url in page_urls(app, lang):
                response = client.get(url, base_url=BASE_URL)
                assert response.status_code == 200, url
                texts[url] = visible_text(response.get_data(as_text=True))
    return texts


def dump(texts: dict[str, list[str]]) -> str:
    """Write page texts as one file: a `## address` line, then the page's lines."""
    # Sorted, so the order pages are listed in never shows up as a change.
    return "".join(f"## {url}\n" + "".join(f"{line}\n" for line in texts[url])
                   for url in sorted(texts))


def load(text: str) -> dict[str, list[str]]:
    """Read a file written by `dump`."""
    pages: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## /"):
            current = pages.setdefault(line[3:], [])
        elif current is not None:
            current.append(line)
    return pages


def placeholder_free(lines: list[str]) -> bool:
    """Return True when no template syntax leaked into the text."""
    return not any(re.search(r"\{\{|\{%|\}\}", line) for line in lines)
