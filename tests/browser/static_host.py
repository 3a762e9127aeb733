"""A plain static file server for the export, like any static host: files, and 404.html.

Run: python -m tests.browser.static_host <port> <folder>
It is Python's own http.server with the two settings the README asks of any
static host or CDN: a missing address gets the export's 404.html (status 404),
and pages carry `Cache-Control: no-cache`.
"""

from __future__ import annotations

import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class StaticHost(SimpleHTTPRequestHandler):
    """Serve files; answer a missing one with 404.html."""

    def send_error(self, code, message=None, explain=None):
        """Send 404.html for a missing file, and the standard answer for anything else."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        """Ask browsers to check pages each time, as the README's host settings do."""
        if not self.path.startswith("/static/build/"):
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        """Keep no log: like the app, the test host writes down no addresses."""


def main() -> None:
    """Serve the folder given on the command line on 127.0.0.1."""
    port, folder = int(sys.argv[1]), sys.argv[2]
    handler = partial(StaticHost, directory=folder)
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main()
