import logging
import runpy
from pathlib import Path

import pytest

CONF = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))


def filtered(msg, *args) -> str:
    record = logging.LogRecord("gunicorn.error", logging.WARNING, __file__, 1, msg, args, None)
    assert CONF["PrivacyFilter"]().filter(record)
    return record.getMessage()


def test_no_access_log_by_default():
    assert CONF["accesslog"] is None


@pytest.mark.parametrize(("msg", "args"), [
    ("Invalid request from ip=%s: %s", ("203.0.113.7", "Invalid HTTP request line: 'GET /nl/tips/after/'")),
    ("Error handling request %s", ("/nl/tips/after/",)),
    ("Connection from 198.51.100.23 dropped", ()),
    ("Connection from [2001:db8::1] dropped", ()),
])
def test_error_log_keeps_no_ip_or_path(msg, args):
    text = filtered(msg, *args)
    for secret in ("203.0.113.7", "/nl/tips/after/", "198.51.100.23", "2001:db8::1"):
        assert secret not in text


def test_ordinary_messages_pass_unchanged():
    assert filtered("Booting worker with pid: %s", 42) == "Booting worker with pid: 42"
