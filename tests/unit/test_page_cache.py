import brotli

from server import create_app


def test_a_page_is_rendered_once_a_minute(monkeypatch):
    app = create_app({"TESTING": True})
    client = app.test_client()
    renders = []
    import flask

    real = flask.templating._render

    def counting(*args, **kwargs):
        renders.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(flask.templating, "_render", counting)
    first = client.get("/nl/contact/", headers={"Accept-Encoding": "br"})
    second = client.get("/nl/contact/", headers={"Accept-Encoding": "br"})
    assert len(renders) == 1
    assert first.data == second.data and first.headers["ETag"] == second.headers["ETag"]
    assert brotli.decompress(second.data).startswith(b"<!doctype html>")
    # Another encoding or address is its own entry.
    client.get("/nl/contact/")
    client.get("/nl/contact/young/", headers={"Accept-Encoding": "br"})
    assert len(renders) == 3


def test_cached_pages_still_answer_304_and_expire(monkeypatch):
    app = create_app({"TESTING": True})
    cache = app.extensions["page_cache"]
    now = [1_000_000.0]
    monkeypatch.setattr(cache, "clock", lambda: now[0])
    client = app.test_client()
    etag = client.get("/nl/").headers["ETag"]
    assert client.get("/nl/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/nl/").status_code == 200  # the 304 did not damage the cached copy
    assert len(cache.entries) == 1
    now[0] += 61
    assert cache.get(next(iter(cache.entries))) is None


def test_addresses_with_a_query_string_are_not_cached():
    app = create_app({"TESTING": True})
    client = app.test_client()
    for n in range(50):
        client.get(f"/nl/tips/call/?x={n}")
        client.get(f"/nl/contact/?voor=young&n={n}")
    assert len(app.extensions["page_cache"].entries) == 0


def test_a_script_root_or_host_from_one_request_never_reaches_another():
    app = create_app({"TESTING": True})
    client = app.test_client()
    poisoned = client.get("/nl/contact/", environ_overrides={"SCRIPT_NAME": "//evil.example"})
    assert b'href="//evil.example/' in poisoned.data  # what that one request asked for
    client.get("/nl/tips/call/", headers={"Host": "evil.example"})
    for path in ("/nl/contact/", "/nl/tips/call/"):
        page = client.get(path)
        assert b"evil.example" not in page.data and b'href="/nl/' in page.data
