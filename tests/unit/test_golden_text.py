"""Every page in every language and mode shows the same text as the golden file.

The golden file was written from the per-language templates before the content
moved to structure + text files, so this proves the move changed nothing a
reader sees. Refresh it only on purpose (see tests/visible_text.py).
"""

import difflib
import os

import pytest

from server import create_app
from tests.visible_text import GOLDEN, all_page_texts, dump, load, placeholder_free


@pytest.fixture(scope="module")
def rendered():
    return all_page_texts(create_app({"TESTING": True, "PAGE_CACHE": False}))


def test_every_page_shows_the_golden_text(rendered):
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(dump(rendered), encoding="utf-8")
    golden = load(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(rendered) == sorted(golden), "pages added or removed: refresh the golden file"
    changed = {}
    for url, lines in rendered.items():
        if lines != golden[url]:
            diff = difflib.unified_diff(golden[url], lines, "golden", "now", lineterm="", n=1)
            changed[url] = "\n".join(list(diff)[2:12])
    assert not changed, "\n\n".join(f"{url}\n{diff}" for url, diff in changed.items())


def test_no_template_syntax_reaches_a_reader(rendered):
    assert [url for url, lines in rendered.items() if not placeholder_free(lines)] == []
