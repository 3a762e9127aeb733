"""The static export (`flask freeze`): every page, manifest and file, and clear refusals."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import brotli
import pytest

from server import create_app
from server.export import EXPORT_MARK
from server.offline import precache_plan

BASE = "https://hulp.example.org/"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One export of the app, shared by the tests that only read it."""
    app = create_app({"TESTING": True})
    folder = tmp_path_factory.mktemp("export") / "site"
    result = app.test_cli_runner().invoke(args=["freeze", str(folder), "--base-url", BASE])
    assert result.exit_code == 0, result.output
    return app, folder


def strip_status(page: str) -> str:
    """Drop the "open now" sentences and the open-first order: the export leaves them to the browser."""
    page = re.sub(r'<span class="status" [^>]*>[^<]*</span>', "<span/>", page)
    page = page.replace(" data-unsorted", "")

    def by_name(match):
        items = re.findall(r"<li class=\"chat-item\".*?</li>", match.group(2), re.DOTALL)
        return match.group(1) + "".join(sorted(items)) + "</ul>"

    return re.sub(r'(<ul class="chats"[^>]*>)(.*?)</ul>', by_name, page, flags=re.DOTALL)


def file_for(folder, url: str):
    """Return the file a static host serves for an address."""
    path = folder / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def test_every_address_the_service_worker_stores_is_a_file(exported):
    app, folder = exported
    plan = precache_plan(app)
    urls = plan["shell"] + [url for urls in plan["sets"].values() for url in urls]
    urls += list(plan["packs"].values())
    assert len(urls) > 8 * 30
    missing = [url for url in urls if not file_for(folder, url).is_file()]
    assert missing == []


def test_every_page_in_every_language_is_the_page_the_app_serves(exported):
    app, folder = exported
    # A fresh app, as gunicorn runs it (the exported one is in export mode now).
    client = create_app({"TESTING": True, "PAGE_CACHE": False}).test_client()
    for lang in app.config["LANGUAGES"]:
        for url in precache_plan(app)["sets"][lang]:
            served = client.get(url, base_url=BASE)
            assert served.status_code == 200, url
            stored = file_for(folder, url).read_text(encoding="utf-8")
            if url.endswith("/"):
                assert f'<html lang="{lang}"' in stored, url
                # Same page apart from "open now", which the export leaves to the browser.
                assert strip_status(stored) == strip_status(served.get_data(as_text=True)), url
            else:
                assert json.loads(stored) == served.get_json(), url


def test_each_exported_pack_holds_the_exported_pages_of_its_language(exported):
    # The service worker stores the pages from the pack: offline they must be the
    # very pages a static host serves online.
    app, folder = exported
    plan = precache_plan(app)
    for lang, pack_url in plan["packs"].items():
        pack = json.loads(file_for(folder, pack_url).read_text(encoding="utf-8"))
        assert pack["version"] == plan["version"]
        assert list(pack["pages"]) == plan["sets"][lang]
        for url, page in pack["pages"].items():
            assert page["body"] == file_for(folder, url).read_text(encoding="utf-8"), url
        assert file_for(folder, pack_url).with_suffix(".json.br").is_file()


def test_service_worker_is_the_one_the_app_serves(exported):
    app, folder = exported
    assert (folder / "sw.js").read_text(encoding="utf-8") == \
        app.test_client().get("/sw.js").get_data(as_text=True)


def test_export_does_not_pretend_to_know_what_is_open_now(exported):
    _, folder = exported
    page = (folder / "nl" / "contact" / "index.html").read_text(encoding="utf-8")
    states = re.findall(r'class="status" data-module="open-status" '
                        r'data-state="(\w+)"[^>]*>([^<]*)<',
                        page)
    assert {state for state, _ in states} == {"always", "unknown"}
    assert all(text == "" for state, text in states if state == "unknown")
    assert all(text == "Nu open, dag en nacht" for state, text in states if state == "always")


def test_guides_name_the_public_address(exported):
    _, folder = exported
    page = (folder / "nl" / "tips" / "browser" / "index.html").read_text(encoding="utf-8")
    assert "hulp.example.org" in page and "localhost" not in page


def test_root_and_not_found_pages_exist(exported):
    _, folder = exported
    root = (folder / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/nl/">' in root
    assert "<title>Uitweg</title>" in root
    not_found = (folder / "404.html").read_text(encoding="utf-8")
    assert '<html lang="nl"' in not_found
    assert "tel:112" in not_found and "tel:08002000" in not_found
    assert not (folder / "healthz").exists() and not (folder / "clear").exists()


def test_text_files_have_compressed_copies_for_the_host(exported):
    _, folder = exported
    page = folder / "nl" / "index.html"
    assert gzip.decompress((folder / "nl" / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((folder / "nl" / "index.html.br").read_bytes()) == page.read_bytes()


def test_only_the_current_front_end_build_is_copied(exported):
    app, folder = exported
    builds = [p.name for p in (folder / "static" / "build").iterdir()]
    assert builds == [app.config["ASSET_VERSION"]]


def test_a_new_export_replaces_an_earlier_one_and_keeps_the_hosts_files(tmp_path):
    app = create_app({"TESTING": True})
    folder = tmp_path / "site"
    runner = app.test_cli_runner()
    assert runner.invoke(args=["freeze", str(folder), "--base-url", BASE]).exit_code == 0
    # A page the earlier export wrote and this one does not (listed in its mark).
    stale = folder / "nl" / "old-page" / "index.html"
    stale.parent.mkdir()
    stale.write_text("old")
    with open(folder / EXPORT_MARK, "a", encoding="utf-8") as mark:
        mark.write("nl/old-page/index.html\n")
    # The host's own files.
    (folder / "_headers").write_text("/*\n  X-Frame-Options: DENY\n")
    (folder / ".well-known").mkdir()
    (folder / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.org\n")
    result = runner.invoke(args=["freeze", str(folder), "--base-url", BASE])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert (folder / "_headers").is_file() and (folder / ".well-known" / "security.txt").is_file()
    assert (folder / "nl" / "index.html").is_file() and (folder / "nl" / "index.html.br").is_file()
    assert "nl/index.html" in (folder / EXPORT_MARK).read_text().splitlines()


def test_the_previous_front_end_build_stays_for_pages_still_open(tmp_path):
    folder = tmp_path / "site"
    for n, pwa in enumerate((ROOT / "pwa", changed_pwa(tmp_path))):
        app = create_app({"TESTING": True, "PWA_DIR": str(pwa)})
        result = app.test_cli_runner().invoke(args=["freeze", str(folder), "--base-url", BASE])
        assert result.exit_code == 0, result.output
        versions = {p.name for p in (folder / "static" / "build").iterdir()}
        assert len(versions) == n + 1 and app.config["ASSET_VERSION"] in versions


def changed_pwa(tmp_path):
    """A copy of pwa/ with one changed byte, so it builds to another version."""
    copy = tmp_path / "pwa-b"
    shutil.copytree(ROOT / "pwa", copy)
    with open(copy / "css" / "app.css", "a", encoding="utf-8") as css:
        css.write("\n/* b */\n")
    return copy


@pytest.mark.parametrize("base_url, message", [
    ("hulp.example.org", "--base-url must be an address like"),
    ("ftp://hulp.example.org/", "--base-url must be an address like"),
    ("https://hulp.example.org/app/", "without a path"),
    ("https://hulp.example.org/?x=1", "without a path"),
])
def test_a_bad_base_url_is_refused_clearly(runner, tmp_path, base_url, message):
    result = runner.invoke(args=["freeze", str(tmp_path / "site"), "--base-url", base_url])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site").exists()


def test_a_folder_with_other_files_is_never_overwritten(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = runner.invoke(args=["freeze", str(tmp_path), "--base-url", BASE])
    assert result.exit_code != 0
    assert "is not empty and holds no earlier export" in result.output
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_base_url_is_required(runner, tmp_path):
    result = runner.invoke(args=["freeze", str(tmp_path / "site")])
    assert result.exit_code != 0
    assert "--base-url" in result.output
