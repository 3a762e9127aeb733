import re

import pytest
from flask import request

from server import create_app

LIMIT = 16 * 1024


def assert_error_page(response, status, heading):
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert re.search(r'<html lang="nl" dir="ltr"[ >]', page)
    assert f"<h1>{heading}</h1>" in page
    assert 'href="tel:112"' in page
    assert 'href="tel:08002000"' in page
    assert "Snel weg" in page and "Naar de startpagina" in page
    assert "Traceback" not in page and "Werkzeug" not in page
    return page


@pytest.mark.parametrize("url", ["/xx/", "/xx/contact", "/nl/nope", "/nl/tips/nope/", "/nl/tips/",
                                 "/nope/", "/static/nope.css"])
def test_not_found(client, url):
    assert_error_page(client.get(url), 404, "Deze pagina bestaat niet")


@pytest.mark.parametrize(("method", "url"), [("post", "/nl/contact/"), ("put", "/nl/"),
                                             ("delete", "/nl/plan/"), ("post", "/")])
def test_method_not_allowed(client, method, url):
    response = getattr(client, method)(url, data={"x": "1"})
    assert_error_page(response, 405, "Dat kan hier niet")
    assert "GET" in response.headers["Allow"]


@pytest.fixture
def form_app():
    """A fresh app with a route that reads a posted form, like the planned erase form."""
    app = create_app({"TESTING": True})

    def erase():
        return f"got {len(request.form)} fields"

    app.add_url_rule("/nl/erase/", "erase", erase, methods=["POST"])
    return app


def test_body_within_limit_is_read(form_app):
    response = form_app.test_client().post("/nl/erase/", data={"a": "x" * (LIMIT // 2)})
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "got 1 fields"


@pytest.mark.parametrize(
    "kwargs",
    [
        pytest.param({"data": {"a": "x" * (LIMIT + 1)}}, id="form"),
        pytest.param({"data": b"x" * (LIMIT * 4), "content_type": "application/x-www-form-urlencoded"},
                     id="raw-body"),
    ],
)
def test_body_too_large(form_app, kwargs):
    assert form_app.config["MAX_CONTENT_LENGTH"] == LIMIT
    response = form_app.test_client().post("/nl/erase/", **kwargs)
    assert_error_page(response, 413, "Dat was te veel tegelijk")


def test_large_post_to_a_page_is_refused_without_a_stack_trace(client):
    response = client.post("/nl/contact/", data=b"x" * (LIMIT * 4),
                           content_type="application/octet-stream")
    assert response.status_code in (405, 413)
    assert "Traceback" not in response.get_data(as_text=True)
    assert 'href="tel:112"' in response.get_data(as_text=True)


@pytest.fixture
def boom_app():
    app = create_app({"TESTING": False, "PROPAGATE_EXCEPTIONS": False})

    def boom():
        raise RuntimeError("secret detail: Traceback marker")

    app.add_url_rule("/boom", "boom", boom)
    app.add_url_rule("/nl/boom", "nl_boom", boom)
    return app


@pytest.mark.parametrize("url", ["/boom", "/nl/boom"])
def test_unexpected_error_shows_a_plain_page(boom_app, url, caplog):
    response = boom_app.test_client().get(url)
    page = assert_error_page(response, 500, "Er ging bij ons iets mis")
    assert "secret detail" not in page and "RuntimeError" not in page
    # The error is logged for the operator.
    assert any("RuntimeError" in r.getMessage() for r in caplog.records)


def test_untrusted_host_gets_a_plain_400_with_the_numbers():
    from server import create_app

    app = create_app({"TESTING": True, "TRUSTED_HOSTS": ["uitweg.example"]})
    response = app.test_client().get("/nl/", headers={"Host": "evil.example"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'href="tel:112"' in body and 'href="tel:08002000"' in body
    assert "Traceback" not in body and "evil.example" not in body
