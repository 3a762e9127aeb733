"""The real app for the engine tests, with one test-only addition: the problem probe.

gunicorn serves `tests.engines.probed:create_app()` exactly as `make run` serves
`server:create_app()`. Every HTML page gets one extra tag, `<script src="/__probe.js">`,
as the first thing in its <head>, so the probe listens before any script of the
app runs. The probe keeps errors and CSP violations in the page itself: nothing is
sent anywhere and nothing is stored. The app's own headers, CSP included, are untouched.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from server import create_app as create_real_app

PROBE_PATH = "/__probe.js"
PROBE_JS = (Path(__file__).parent / "probe.js").read_bytes()
PROBE_TAG = f'<script src="{PROBE_PATH}"></script>'.encode()


def add_probe(html: bytes) -> bytes:
    """Put the probe's script tag first in the page's <head>."""
    return html.replace(b"<head>", b"<head>" + PROBE_TAG, 1)


def decode(body: bytes, encoding: str) -> bytes:
    """Undo the app's compression."""
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    return body


def encode(body: bytes, encoding: str) -> bytes:
    """Compress again the way the app did, so the engines still decode it."""
    if encoding == "br":
        return brotli.compress(body, quality=6, lgwin=16)
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=6, mtime=0)
    return body


class Probed:
    """WSGI middleware: serve the probe and put it into every HTML page."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == PROBE_PATH:
            start_response("200 OK", [("Content-Type", "text/javascript; charset=utf-8"),
                                      ("Content-Length", str(len(PROBE_JS))),
                                      ("Cache-Control", "no-store")])
            return [PROBE_JS]
        answer = {}

        def start(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return lambda data: None  # the app writes through its return value only

        chunks = self.app(environ, start)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        headers = answer["headers"]
        named = {name.lower(): value for name, value in headers}
        if (environ.get("REQUEST_METHOD") == "GET" and body
                and named.get("content-type", "").startswith("text/html")):
            encoding = named.get("content-encoding", "")
            body = encode(add_probe(decode(body, encoding)), encoding)
            headers = [(name, value) for name, value in headers
                       if name.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
        start_response(answer["status"], headers)
        return [body]


def create_app():
    """Create the real app, wrapped with the probe."""
    app = create_real_app()
    app.wsgi_app = Probed(app.wsgi_app)
    return app
