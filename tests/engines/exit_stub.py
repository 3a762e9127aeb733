"""A stand-in for the operator's neutral exit site: HTTPS on loopback, with a throwaway certificate.

The app only accepts an https:// exit address, and only Chromium can fake a site
inside the browser. So the engine tests run this small site instead and start the
server with EXIT_URL pointing to it; each engine is told to accept its certificate.
It records the path and headers of every request, so a test can check that the
exit really arrived and sent no Referer.
"""

from __future__ import annotations

import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = b"<!doctype html><html lang=nl><title>Weer</title><p>Het weer van vandaag."


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """Write a one-day self-signed certificate for 127.0.0.1 with Debian's openssl."""
    cert, key = folder / "exit.crt", folder / "exit.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


class QuietServer(ThreadingHTTPServer):
    """A browser that quits mid-request is no error of ours."""

    def handle_error(self, request, client_address):
        pass


class ExitSite:
    """The neutral site, serving one plain page at every path."""

    def __init__(self, folder: Path):
        self.requests: list[tuple[str, dict[str, str]]] = []
        seen = self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(PAGE)

            def log_message(self, *args):
                pass

        cert, key = make_certificate(folder)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"https://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def pages(self) -> list[dict[str, str]]:
        """Return the headers of each request for the exit page (not the favicon) so far."""
        return [headers for path, headers in self.requests if path == "/"]

    def close(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()
