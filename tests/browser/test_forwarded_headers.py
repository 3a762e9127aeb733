"""No request header can change what other visitors get: the page cache and forwarded headers.

These run against the real gunicorn server, set up the way that trusts the most
(FORWARDED_ALLOW_IPS=*, one trusted proxy), because that is where a stranger's
header reaches furthest.
"""

from __future__ import annotations

import re
import socket
from urllib.parse import urlsplit

import pytest

from .conftest import start_server, stop_server

PAGE = "/nl/contact/"
EVIL = "evil.example"


def raw_request(base: str, lines: list[str]) -> bytes:
    """Send one raw HTTP/1.1 request (exactly these lines) and return the whole answer."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    raw = ("\r\n".join(lines + ["Connection: close"]) + "\r\n\r\n").encode()
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(raw)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def plain_get(base: str, path: str = PAGE) -> bytes:
    """What an ordinary visitor's browser gets (uncompressed, so the links can be read)."""
    host = urlsplit(base).netloc
    return raw_request(base, [f"GET {path} HTTP/1.1", f"Host: {host}"])


def links(page: bytes) -> list[str]:
    """Every href and src in a page."""
    return re.findall(r'(?:href|src)="([^"]*)"', page.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def trusting_server():
    """gunicorn that trusts forwarded headers from anyone, behind one 'proxy'.

    One worker: each worker has its own page cache, and the next visitor must meet
    the same cache as the trick did.
    """
    proc, base = start_server({"FORWARDED_ALLOW_IPS": "*", "TRUSTED_PROXIES": "1",
                               "WEB_CONCURRENCY": "1"})
    yield base
    stop_server(proc)


TRICKS = {
    # The reproduced attack: gunicorn took SCRIPT_NAME from a header and every link
    # of the cached page started with //evil.example.
    "script-name": lambda host, page: [f"GET //{EVIL}{page} HTTP/1.1", f"Host: {host}",
                                 f"SCRIPT_NAME: //{EVIL}"],
    "script-name-dash": lambda host, page: [f"GET //{EVIL}{page} HTTP/1.1", f"Host: {host}",
                                      f"SCRIPT-NAME: //{EVIL}"],
    "path-info": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {host}", "PATH_INFO: /nl/plan/"],
    "x-forwarded-host": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {host}",
                                      f"X-Forwarded-Host: {EVIL}"],
    "x-forwarded-prefix": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {host}",
                                        f"X-Forwarded-Prefix: //{EVIL}"],
    "forwarded": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {host}",
                               f'Forwarded: host={EVIL};proto=https;for="[::1]"'],
    "x-forwarded-proto": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {host}",
                                       "X-Forwarded-Proto: https"],
    "second-host": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {host}", f"Host: {EVIL}"],
    "absolute-target": lambda host, page: [f"GET http://{EVIL}{page} HTTP/1.1", f"Host: {host}"],
    "host-only": lambda host, page: [f"GET {page} HTTP/1.1", f"Host: {EVIL}"],
}


# Each trick on a page of its own: a page already in the cache would hide the trick.
PAGES = [f"/nl/{path}" for path in ("contact/", "tips/call/", "tips/me/", "tips/others/",
                                     "tips/after/", "tips/app/", "tips/browser/", "plan/",
                                     "about/", "install/", "j/", "xl/")]


@pytest.mark.parametrize("trick, path", list(zip(sorted(TRICKS), PAGES)))
def test_a_header_trick_never_reaches_the_next_visitor(trusting_server, trick, path):
    host = urlsplit(trusting_server).netloc
    for _ in range(2):  # the second one would be answered from the page cache
        answer = raw_request(trusting_server, TRICKS[trick](host, path))
        assert answer.startswith(b"HTTP/1.1 "), answer[:80]
        assert not answer.startswith(b"HTTP/1.1 5"), answer[:200]
    page = plain_get(trusting_server, path)
    assert page.startswith(b"HTTP/1.1 200 ")
    found = links(page)
    assert found and EVIL.encode() not in page
    # Every link and script of the page stays on this site.
    assert all(link.startswith(("/nl/", "/ar/", "/en/", "/tr/", "/pl/", "/uk/", "/ti/", "/fa/",
                                "/static/", "/manifest/", "tel:", "https://", "#"))
               for link in found), found
    assert not any(link.startswith("//") for link in found)


def test_script_name_from_a_header_is_ignored(trusting_server):
    host = urlsplit(trusting_server).netloc
    answer = raw_request(trusting_server, ["GET /nl/xl/signs/ HTTP/1.1", f"Host: {host}",
                                           "SCRIPT_NAME: /prefix"])
    assert answer.startswith(b"HTTP/1.1 200 ")
    assert b'href="/prefix/' not in answer and b'href="/nl/' in answer


def test_redirects_name_only_the_path(trusting_server):
    # Werkzeug's slash redirect (and nginx's, see test_nginx_export) would otherwise
    # send the visitor to whatever host the request named.
    answer = raw_request(trusting_server, ["GET /nl/contact HTTP/1.1", f"Host: {EVIL}"])
    head = answer.split(b"\r\n\r\n", 1)[0].decode()
    assert head.startswith("HTTP/1.1 308")
    assert re.search(r"(?im)^location: /nl/contact/\s*$", head), head
