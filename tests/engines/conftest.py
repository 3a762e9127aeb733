"""Engine test fixtures: one server, one exit site, and one browser per engine for the session.

Every test here runs once in each engine (marked `chromium`, `firefox`, `webkit`),
so `pytest -m webkit` runs one engine. An engine that cannot start fails each of
its tests with the same one-line reason, and the summary names it; it is never
skipped.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import start_server, stop_server

from .browsers import launch
from .driver import ENGINES, NOTES, START_FAILURES, EngineError
from .exit_stub import ExitSite


def pytest_collection_modifyitems(items):
    """Mark every test in this folder as a browser test."""
    for item in items:
        if "tests/engines/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def exit_site(tmp_path_factory):
    """The neutral site the quick exit goes to, on loopback."""
    site = ExitSite(tmp_path_factory.mktemp("exit-site"))
    yield site
    site.close()


@pytest.fixture(scope="session")
def server_url(exit_site):
    """The real gunicorn server with the problem probe, for every engine in the session."""
    proc, base = start_server({"EXIT_URL": exit_site.url}, app="tests.engines.probed:create_app()")
    yield base
    stop_server(proc)


@pytest.fixture(scope="session",
                params=[pytest.param(engine, marks=getattr(pytest.mark, engine))
                        for engine in ENGINES])
def engine(request):
    """One engine's browser for the whole session (pytest runs each engine's tests together)."""
    # Playwright's sync driver runs once per process: Chromium shares it with tests/browser.
    options = {"playwright": request.getfixturevalue("playwright")} \
        if request.param == "chromium" else {}
    try:
        browser = launch(request.param, **options)
    except EngineError as error:
        START_FAILURES[request.param] = str(error)
        browser = None
    if browser is None:
        pytest.fail(START_FAILURES[request.param], pytrace=False)
    yield browser
    if getattr(browser, "restarts", 0):
        NOTES[request.param] = f"WebKitWebDriver was restarted {browser.restarts} time(s)" \
            " after a MiniBrowser that never came up"
    browser.close()


@pytest.fixture
def page(engine):
    """A fresh tab with empty storage; an error or CSP violation in any page fails the test."""
    page = engine.new_page()
    yield page
    problems = page.problems()
    page.close()
    assert not problems, f"{engine.engine}: errors or CSP violations in the page: {problems}"
