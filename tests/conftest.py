import itertools

import pytest

from server import create_app


@pytest.fixture(scope="session")
def playwright():
    """One Playwright driver for the session, shared by tests/browser and tests/engines."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def app():
    app = create_app({"TESTING": True})
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def write_services(tmp_path):
    """Return a function that writes a TOML string to a new file and returns its path."""
    counter = itertools.count(1)

    def write(text: str):
        path = tmp_path / f"services-{next(counter)}.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


ENGINE_MARKS = ("chromium", "firefox", "webkit")


def pytest_terminal_summary(terminalreporter):
    """Say how many browser tests ran in each engine, and which engine could not start."""
    outcomes: dict[str, tuple[str, str]] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            when = getattr(report, "when", None)
            keywords = getattr(report, "keywords", {})
            engine = next((name for name in ENGINE_MARKS if name in keywords), None)
            if engine is None or when is None:
                continue
            if report.failed and when != "call":
                outcome = "error"
            elif when == "call" or report.skipped:
                outcome = report.outcome
            else:
                continue
            if outcomes.get(report.nodeid, (None, None))[1] != "error":
                outcomes[report.nodeid] = (engine, outcome)
    if not outcomes:
        return
    counts = {engine: {} for engine in ENGINE_MARKS}
    for engine, outcome in outcomes.values():
        counts[engine][outcome] = counts[engine].get(outcome, 0) + 1
    terminalreporter.section("browser engines")
    for engine in ENGINE_MARKS:
        parts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts[engine].items()))
        terminalreporter.write_line(f"{engine:>8}: {parts or 'none ran'}")
    from tests.engines.driver import NOTES, START_FAILURES

    for engine, reason in START_FAILURES.items():
        terminalreporter.write_line(f"{engine} could not start: {reason}", red=True)
    for engine, note in NOTES.items():
        terminalreporter.write_line(f"{engine}: {note}", yellow=True)
