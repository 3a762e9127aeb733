"""Nothing a stranger sends may break the real server: 10,000 malformed requests."""

from __future__ import annotations

import socket
from urllib.parse import quote, urlsplit

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SECURITY_HEADERS = ("content-security-policy", "referrer-policy", "x-content-type-options")
KNOWN = ["/", "/nl/", "/nl/contact/", "/nl/tips/call/", "/nl/plan/", "/clear", "/sw.js",
         "/manifest/nl/calc.webmanifest", "/static/robots.txt", "/nl/j/", "/ar/xl/", "/healthz"]
METHODS = ["GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "PROPFIND", "G3T"]

segments = st.one_of(
    st.sampled_from(["nl", "ar", "xx", "tips", "contact", "..", ".", "%2e%2e", "%00", "%ff",
                     "static", "build", "j", "xl", "clear", "manifest", "sw.js", "", "~"]),
    st.text(min_size=1, max_size=30).map(lambda t: quote(t, safe="")),
    st.text(alphabet="%0123456789abcdefABCDEFGz/.", min_size=1, max_size=40),
)
paths = st.one_of(
    st.sampled_from(KNOWN),
    st.lists(segments, min_size=1, max_size=8).map(lambda parts: "/" + "/".join(parts)),
    st.integers(1000, 6000).map(lambda n: "/nl/" + "a" * n),
)
queries = st.one_of(st.just(""), st.text(max_size=80).map(lambda t: "?" + quote(t, safe="=&")),
                    st.sampled_from(["?voor=young", "?voor=%ff", "?voor=" + "x" * 3000, "young/", "%ff/"]))
headers = st.dictionaries(
    st.sampled_from(["Accept-Language", "If-None-Match", "Host", "Origin", "Sec-Fetch-Site",
                     "Content-Type", "Accept", "Range", "Accept-Encoding", "X-Forwarded-For",
                     "Cookie", "Referer"]),
    st.one_of(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=60),
              st.integers(100, 7000).map(lambda n: "nl," * (n // 3)),
              st.sampled_from(['"abc"', "W/\"x\", *", "bytes=5-1", "evil.example", "null"])),
    max_size=5,
)
bodies = st.one_of(st.just(b""), st.binary(max_size=300), st.integers(17000, 40000).map(lambda n: b"x" * n))


def send(base: str, method: str, target: str, head: dict, body: bytes) -> tuple[int, dict, bytes]:
    """Send one raw HTTP/1.1 request and read the whole answer."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    lines = [f"{method} {target} HTTP/1.1", f"Host: {head.pop('Host', f'{host}:{port}')}",
             "Connection: close", f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in head.items()]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + body
    with socket.create_connection((host, port), timeout=10) as sock:
        try:
            sock.sendall(raw)
        except OSError:
            pass  # the server may close early on a body that is too large
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head_part, _, rest = data.partition(b"\r\n\r\n")
    status_line, *header_lines = head_part.decode("latin-1").split("\r\n")
    found = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), found, rest


def gunicorn_parse_error(status: int, head: dict) -> bool:
    """gunicorn answers some malformed requests itself, before the app sees them."""
    return status in (400, 414, 431) and "content-security-policy" not in head


@settings(max_examples=10_000, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(method=st.sampled_from(METHODS), path=paths, query=queries, head=headers, body=bodies)
def test_malformed_requests_never_break_the_server(base_url, method, path, query, head, body):
    status, found, content = send(base_url, method, path + query, dict(head), body)
    assert status < 500, (method, path, query, head)
    assert b"Traceback" not in content and b"File \"/" not in content
    if not gunicorn_parse_error(status, found):
        for name in SECURITY_HEADERS:
            assert name in found, (status, method, path, name)
        assert "set-cookie" not in found
