"""Pages are compressed as small as brotli can, and each distinct body only once."""

import gzip

import brotli

from server import compression


def test_pages_are_sent_with_brotli_at_its_best_setting(client):
    response = client.get("/nl/tips/qa-me/", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    body = brotli.decompress(response.get_data())
    assert b"Wat gebeurt er als ik bel?" in body
    # Quality 11 is about 8 % smaller than the quality 6 the app used before.
    assert len(response.get_data()) == len(brotli.compress(body, quality=11, lgwin=16))
    assert len(response.get_data()) < 0.95 * len(brotli.compress(body, quality=6, lgwin=16))


def test_gzip_still_works_for_browsers_without_brotli(client):
    response = client.get("/nl/tips/qa-me/", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"Wat gebeurt er als ik bel?" in gzip.decompress(response.get_data())


def test_the_same_body_is_compressed_once(monkeypatch):
    calls = []
    real = brotli.compress
    monkeypatch.setattr(compression.brotli, "compress",
                        lambda data, **kw: calls.append(data) or real(data, **kw))
    body = b"<p>" + b"Een pagina die niet verandert. " * 40 + b"</p>"
    first = compression.compressed(body, "br")
    assert compression.compressed(body, "br") == first
    assert compression.compressed(body + b" ", "br") != first
    assert len(calls) == 2
    assert brotli.decompress(first) == body


def test_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(compression, "MAX_ENTRIES", 3)
    for i in range(6):
        compression.compressed(f"<p>{i} {'x' * 300}</p>".encode(), "gzip")
    assert len(compression._kept) == 3
