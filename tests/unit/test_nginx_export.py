"""deploy/nginx-export.conf serves the static export as the app would: headers, 404, erase."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from server import create_app

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
CLEAR = '"cache", "cookies", "storage"'


def nginx_path() -> str:
    """Find Debian's nginx; `make test` installs it."""
    path = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(path).exists():
        pytest.fail("nginx not found: run `make test`, which installs Debian's nginx")
    return path


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPEN = urllib.request.build_opener(NoRedirect).open


def fetch(url: str, method: str = "GET", headers: dict | None = None):
    """Return (status, headers, body) without following redirects."""
    request = urllib.request.Request(url, method=method, headers=headers or {},
                                     data=b"" if method == "POST" else None)
    try:
        with OPEN(request, timeout=5) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The export, served by nginx with the settings from deploy/."""
    work = tmp_path_factory.mktemp("nginx")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    app = create_app({"TESTING": True})
    result = app.test_cli_runner().invoke(args=["freeze", str(work / "site"), "--base-url", base])
    assert result.exit_code == 0, result.output
    server = (DEPLOY / "nginx-export.conf").read_text()
    server = (server.replace("/srv/uitweg/site", str(work / "site"))
              .replace("listen 80;", f"listen 127.0.0.1:{port};")
              .replace("include security-headers.conf", f"include {DEPLOY}/security-headers.conf")
              .replace("/var/log/nginx/uitweg-error.log", str(work / "error.log")))
    (work / "site.conf").write_text(server)
    temp = " ".join(f"{kind}_temp_path {work};" for kind in
                    ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As root, nginx's workers would run as "nobody", who cannot read pytest's folders.
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"{user} daemon off; pid {work}/nginx.pid; error_log {work}/error.log;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; {temp} include {work}/site.conf; }}\n")
    proc = subprocess.Popen([nginx_path(), "-c", str(work / "nginx.conf"), "-p", str(work)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            fetch(base + "/robots.txt")
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"nginx did not start: {proc.stderr.read().decode()}")
            time.sleep(0.1)
    yield base, app, work
    proc.terminate()
    proc.wait(timeout=10)


def test_pages_carry_the_apps_security_headers_and_are_checked_each_time(site):
    base, app, _ = site
    served = app.test_client().get("/nl/contact/")
    status, headers, body = fetch(base + "/nl/contact/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for name in ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options",
                 "X-Frame-Options", "Permissions-Policy", "Cross-Origin-Opener-Policy",
                 "Cross-Origin-Resource-Policy"):
        assert headers[name] == served.headers[name], name
    assert headers["Cache-Control"] == "no-cache"
    assert "Set-Cookie" not in headers


def test_files_manifests_and_missing_pages(site):
    base, app, _ = site
    css = f"/static/build/{app.config['ASSET_VERSION']}/css/app.css"
    status, headers, _ = fetch(base + css, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and headers["Content-Security-Policy"]
    status, headers, _ = fetch(base + "/manifest/nl/calc.webmanifest")
    assert status == 200 and headers["Content-Type"] == "application/manifest+json"
    status, headers, body = fetch(base + "/nl/nope/")
    assert status == 404 and b'href="tel:112"' in body and headers["Content-Security-Policy"]
    assert fetch(base + "/nl/contact")[0] == 301


def test_redirects_and_errors_name_no_host_and_no_version(site):
    base, _, _ = site
    # nginx's own directory redirect would otherwise use the Host the request named.
    status, headers, _ = fetch(base + "/nl/contact", headers={"Host": "evil.example"})
    assert status == 301 and headers["Location"] == "/nl/contact/"
    status, headers, body = fetch(base + "/nl/nope/")
    assert headers["Server"] == "nginx" and b"nginx/" not in body


@pytest.mark.parametrize("headers", [{"Sec-Fetch-Site": "same-origin"}, {"Origin": None}])
def test_a_same_site_erase_gets_clear_site_data_and_leaves(site, headers):
    base, app, _ = site
    headers = {k: v or base for k, v in headers.items()}
    status, answer, _ = fetch(base + "/clear", "POST", headers)
    assert status == 303 and answer["Location"] == app.config["EXIT_URL"]
    assert answer["Clear-Site-Data"] == CLEAR


@pytest.mark.parametrize(("method", "headers"), [
    ("POST", {"Sec-Fetch-Site": "cross-site"}),
    ("POST", {"Sec-Fetch-Site": "same-site"}),
    ("POST", {"Origin": "https://elders.example"}),
    ("POST", {}),
    ("GET", {"Sec-Fetch-Site": "same-origin"}),
])
def test_any_other_erase_request_is_refused_and_erases_nothing(site, method, headers):
    base, _, _ = site
    status, answer, _ = fetch(base + "/clear", method, headers)
    assert status == 403
    assert "Clear-Site-Data" not in answer


def test_missing_files_leave_no_address_in_the_error_log(site):
    base, _, work = site
    fetch(base + "/static/build/old/js/init.js")
    fetch(base + "/manifest/nl/old.webmanifest")
    log = (work / "error.log").read_text()
    assert "127.0.0.1" not in log and "old" not in log
