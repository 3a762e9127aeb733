"""A language's pack: all its pages in one download for the service worker's offline copy."""

from __future__ import annotations

import json
import re

import brotli
import pytest

from server import create_app
from server.offline import precache_plan

BASE = "https://hulp.example.org/"


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "PAGE_CACHE": False})


@pytest.fixture(scope="module")
def plan(app):
    return precache_plan(app)


def test_the_service_worker_names_one_pack_per_language(app, plan):
    assert plan["packs"] == {lang: f"/pack/{lang}.json" for lang in app.config["LANGUAGES"]}
    sw = app.test_client().get("/sw.js").get_data(as_text=True)
    assert '"packs":{"nl":"/pack/nl.json"' in sw
    assert f'"version":"{plan["version"]}"' in sw


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_a_pack_holds_every_page_of_its_language_as_the_app_serves_it(app, plan, lang):
    client = app.test_client()
    answer = client.get(plan["packs"][lang], base_url=BASE)
    assert answer.status_code == 200
    assert answer.mimetype == "application/json"
    assert answer.headers["Cache-Control"] == "no-cache"
    pack = answer.get_json()
    assert pack["version"] == plan["version"]
    assert list(pack["pages"]) == plan["sets"][lang]
    for url, page in pack["pages"].items():
        served = client.get(url, base_url=BASE)
        assert page["body"] == served.get_data(as_text=True), url
        # The page's own headers, the security headers among them; none of one transfer.
        assert page["headers"]["Content-Type"] == served.headers["Content-Type"], url
        assert page["headers"]["Content-Security-Policy"] == \
            served.headers["Content-Security-Policy"], url
        assert not {"Content-Length", "Content-Encoding", "ETag", "Date", "Vary"} & \
            set(page["headers"]), url


def test_a_pack_shows_the_address_it_was_asked_on_not_an_internal_one(app, plan):
    pack = app.test_client().get(plan["packs"]["nl"], base_url=BASE).get_json()
    page = pack["pages"]["/nl/tips/app/"]["body"]
    # The safety tips name the site's own address as it shows in the history.
    assert "hulp.example.org" in page
    assert "localhost" not in json.dumps(pack)


def test_a_pack_is_a_fraction_of_its_pages_fetched_one_by_one(app, plan):
    # The point of the pack: the layout every page repeats is compressed once.
    client = app.test_client()
    br = {"Accept-Encoding": "br"}
    pack = client.get(plan["packs"]["uk"], headers=br)
    assert pack.headers["Content-Encoding"] == "br"
    assert json.loads(brotli.decompress(pack.data))["pages"]
    one_by_one = sum(len(client.get(url, headers=br).data) for url in plan["sets"]["uk"])
    assert len(pack.data) * 2 < one_by_one


def test_a_pack_does_not_carry_the_language_of_the_request_that_asked_for_it(app, plan):
    client = app.test_client()
    client.get("/ar/")  # a request in another language just before
    pack = client.get(plan["packs"]["nl"]).get_json()
    langs = {re.search(r'<html lang="(\w+)"', page["body"]).group(1)
             for url, page in pack["pages"].items() if url.endswith("/")}
    assert langs == {"nl"}


@pytest.mark.parametrize("url", ["/pack/xx.json", "/pack/constructor.json", "/pack/nl",
                                 "/pack/../nl.json"])
def test_an_unknown_pack_is_a_plain_not_found(app, url):
    answer = app.test_client().get(url)
    assert answer.status_code == 404
    assert b"Traceback" not in answer.data
