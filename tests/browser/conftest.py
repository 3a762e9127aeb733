"""Browser test fixtures: the real gunicorn server on a free port, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    """Mark every test in this folder as a browser test, run in Chromium."""
    for item in items:
        if Path(item.fspath).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.chromium)


def chromium_path() -> str:
    """Find Debian's Chromium; Playwright cannot download its own browser here."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium not found: run `make test`, which installs Debian's chromium")
    return path


def exit_ready(page) -> None:
    """Wait until the quick exit's script runs; until then its button is a plain link."""
    page.wait_for_selector("#quick-exit[data-module-ready]", state="attached")


def scripts_ready(page) -> None:
    """Wait until every component on the page has started (they load with import()).

    Until then links are plain links: a click would load a new page and add a
    history entry, which is right without JavaScript but not what a test of the
    in-app navigation means to check.
    """
    page.wait_for_function("""() => [...document.querySelectorAll("[data-module]")]
        .every((el) => el.dataset.moduleReady)""")


def settled(page) -> None:
    """Wait for the page's scripts, then show its top, so axe sees a page at rest.

    A filtered directory scrolls its results under the sticky bar when it opens;
    axe's target-size rule would then measure links half hidden by the bar,
    depending on how far the scroll had got.
    """
    scripts_ready(page)
    page.evaluate("window.scrollTo(0, 0)")


# `navigator.serviceWorker.ready` never settles when no worker becomes active (a
# failed install): a script awaiting it would hang the run instead of failing.
SW_READY = ("Promise.race([navigator.serviceWorker.ready, new Promise((_, fail) => setTimeout("
            "() => fail(new Error('no service worker became active in 120 s')), 120000))])")


def with_sw_deadline(script: str) -> str:
    """Return `script` with every wait for the service worker bounded by 120 s."""
    return script.replace("navigator.serviceWorker.ready", f"({SW_READY})")


def poll(check, timeout: float = 120, what: str = "the condition") -> None:
    """Call check() until it returns something true; fail after `timeout` seconds.

    For conditions only an async script can read (caches, IndexedDB):
    page.wait_for_function does not wait for a promise. The deadline is far beyond
    a normal run, so a busy machine is slow but never fails.
    """
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"gave up waiting for {what} after {timeout} s"
        time.sleep(0.1)


def free_port() -> int:
    """Ask the OS for a free TCP port on the loopback address."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env_extra: dict | None = None, port: int | None = None,
                 app: str = "server:create_app()") -> tuple[subprocess.Popen, str]:
    """Start gunicorn exactly as `make run` does, and wait until /healthz answers."""
    port = port or free_port()
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "2", **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", app],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace")
            raise RuntimeError(f"server exited early:\n{out}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as response:
                if response.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not answer /healthz within 30 s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server and wait for it."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def freeze_and_serve(folder: Path, port: int | None = None, env_extra: dict | None = None
                     ) -> tuple[subprocess.Popen, str]:
    """Write the static export with `flask freeze` and serve it with a plain static file server."""
    port = port or free_port()
    base = f"http://127.0.0.1:{port}"
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "server:create_app", "freeze", str(folder),
         "--base-url", base + "/"],
        cwd=ROOT, check=True, capture_output=True, env={**os.environ, **(env_extra or {})},
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.browser.static_host", str(port), str(folder)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/robots.txt", timeout=1):
                return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the static file server did not start within 15 s")


@pytest.fixture(scope="session")
def app_url():
    """The real gunicorn server's address, for the whole test session."""
    proc, base = start_server()
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def export_url(tmp_path_factory):
    """The static export (`flask freeze`) served by a plain static file server."""
    proc, base = freeze_and_serve(tmp_path_factory.mktemp("export") / "site")
    yield base
    stop_server(proc)


def pytest_generate_tests(metafunc):
    """Run tests marked `export` twice: against gunicorn and against the static export."""
    if "base_url" in metafunc.fixturenames and metafunc.definition.get_closest_marker("export"):
        metafunc.parametrize("base_url", ["app", "export"], indirect=True)


@pytest.fixture
def base_url(request):
    """The address under test: the gunicorn server, or the static export for `export` runs."""
    return request.getfixturevalue(f"{served_by(request)}_url")


def served_by(request) -> str:
    """Say what serves this test's pages: "app" (gunicorn) or "export" (static files)."""
    callspec = getattr(request.node, "callspec", None)
    return callspec.params.get("base_url", "app") if callspec else "app"


@pytest.fixture(scope="session")
def browser(playwright):
    """Debian's Chromium, headless, with the flags this closed network needs."""
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile for each test."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-NL")
    yield context
    context.close()


@pytest.fixture
def requests_seen(context):
    """Every URL the browser asked for during the test."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))
    return seen


@pytest.fixture
def page(context, requests_seen):
    """A page in the fresh profile; console errors fail the test."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # A 404 page logs "Failed to load resource" for itself; that is the point of it.
    page.on("console", lambda msg: msg.type == "error"
            and not msg.text.startswith("Failed to load resource")
            and errors.append(msg.text))
    yield page
    assert not errors, f"JavaScript errors: {errors}"
