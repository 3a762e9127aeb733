import gzip
import re
from datetime import UTC, datetime

import brotli
import pytest

import server.display
from server import create_app
from server.config import Config
from server.content_files import names_in
from server.services import AUDIENCES

GUIDES = names_in(Config.CONTENT_DIR, "tips")

PAGES = ["/nl/", "/nl/contact/", "/nl/plan/", *[f"/nl/tips/{slug}/" for slug in GUIDES],
         *[f"/nl/contact/{a}/" for a in AUDIENCES]]
RESPONSES = [*PAGES, "/", "/healthz", "/nl/contact/nope/"]
ERRORS = ["/xx/", "/nl/nope", "/nl/tips/nope/"]
ONE_YEAR = 365 * 24 * 3600


def directives(header: str) -> dict[str, str]:
    parts = (p.strip().split(None, 1) for p in header.split(";") if p.strip())
    return {p[0]: (p[1] if len(p) > 1 else "") for p in parts}


def assert_security_headers(response):
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    policy = directives(csp)
    assert policy["frame-ancestors"] == "'none'"
    assert policy["default-src"] == "'self'"
    # Scripts, styles, fetches and workers fall back to default-src: nothing is allowed
    # beyond this site.
    assert not {"script-src", "style-src", "connect-src", "worker-src"} & set(policy)
    assert policy["object-src"] == "'none'"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    permissions = {p.strip() for p in response.headers["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()"} <= permissions
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def css_url(client) -> str:
    found = re.findall(r'href="([^"]*/css/app\.css)"', client.get("/nl/").get_data(as_text=True))
    assert len(found) == 1
    assert found[0].startswith("/static/build/")
    return found[0]


@pytest.fixture
def frozen_clock(monkeypatch):
    """Pin the time the pages see, so two requests render the same bytes."""

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2026, 6, 2, 8, 0, tzinfo=UTC).astimezone(tz)

    monkeypatch.setattr(server.display, "datetime", Frozen)


@pytest.fixture
def boom_app():
    app = create_app({"TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    def boom():
        raise RuntimeError("boom")

    app.add_url_rule("/boom", "boom", boom)
    return app


@pytest.mark.parametrize("url", RESPONSES)
def test_page_security_headers(client, url):
    assert_security_headers(client.get(url))


def test_static_file_security_headers(client):
    response = client.get(css_url(client))
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert_security_headers(response)
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("url", ERRORS)
def test_error_page_security_headers(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert_security_headers(response)


def test_method_not_allowed_security_headers(client):
    response = client.put("/nl/")
    assert response.status_code == 405
    assert_security_headers(response)


def test_server_error_security_headers(boom_app):
    client = boom_app.test_client()
    response = client.get("/boom")
    assert response.status_code == 500
    assert_security_headers(response)
    assert "Set-Cookie" not in response.headers
    assert "Strict-Transport-Security" in client.get("/boom", base_url="https://localhost").headers


@pytest.mark.parametrize("url", [*PAGES, *ERRORS])
def test_no_hsts_over_http(client, url):
    assert "Strict-Transport-Security" not in client.get(url).headers


@pytest.mark.parametrize("url", [*PAGES, *ERRORS])
def test_hsts_over_https(client, url):
    hsts = client.get(url, base_url="https://localhost").headers["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= ONE_YEAR


def test_forwarded_https_is_ignored_without_trusted_proxies(client):
    response = client.get("/nl/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_forwarded_https_is_trusted_behind_a_configured_proxy():
    client = create_app({"TESTING": True, "TRUSTED_PROXIES": 1}).test_client()
    response = client.get("/nl/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in response.headers


@pytest.mark.parametrize(
    ("accept", "encoding", "decompress"),
    [("br", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress),
     ("gzip, deflate, br", "br", brotli.decompress)],
)
@pytest.mark.parametrize("url", PAGES)
def test_html_is_compressed(client, frozen_clock, url, accept, encoding, decompress):
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": accept})
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == encoding
    assert len(packed.data) < len(plain.data)
    assert int(packed.headers["Content-Length"]) == len(packed.data)
    assert decompress(packed.data) == plain.data
    for response in (plain, packed):
        assert "accept-encoding" in response.headers["Vary"].lower()


def test_html_is_not_compressed_when_not_accepted(client):
    response = client.get("/nl/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.get_data(as_text=True).startswith("<!doctype html>")


def test_static_file_is_compressed(client):
    url = css_url(client)
    plain = client.get(url)
    packed = client.get(url, headers={"Accept-Encoding": "br"})
    assert packed.headers["Content-Encoding"] == "br"
    assert brotli.decompress(packed.data) == plain.data
    assert "accept-encoding" in packed.headers["Vary"].lower()


def test_build_files_are_cached_for_good(client):
    cache = client.get(css_url(client)).headers["Cache-Control"]
    assert "immutable" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= ONE_YEAR


@pytest.mark.parametrize("url", PAGES)
def test_pages_are_not_cached_blindly(client, url):
    cache = client.get(url).headers["Cache-Control"]
    assert "immutable" not in cache
    assert "no-cache" in cache or "no-store" in cache


def test_static_file_answers_other_than_200_have_the_headers_too(client):
    url = css_url(client)
    etag = client.get(url).headers["ETag"]
    answers = [
        client.get(url, headers={"If-None-Match": etag}),       # 304
        client.post(url),                                      # 405
        client.get(url, headers={"Range": "bytes=999999-"}),   # 416
        client.get("/"),                                       # redirect
        client.get("/sw.js"),
        client.get("/manifest/nl/calc.webmanifest"),
        client.get("/robots.txt"),
    ]
    assert [a.status_code for a in answers[:4]] == [304, 405, 416, 302]
    for answer in answers:
        assert_security_headers(answer)
        assert "Set-Cookie" not in answer.headers


def test_pages_answer_if_none_match_with_304(client):
    first = client.get("/nl/tips/call/")
    etag = first.headers["ETag"]
    again = client.get("/nl/tips/call/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert_security_headers(again)
    changed = client.get("/nl/tips/call/", headers={"If-None-Match": 'W/"other"'})
    assert changed.status_code == 200 and changed.data == first.data
