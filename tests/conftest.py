import itertools

import pytest

from server import create_app


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
