import ctypes
import logging
import os
import platform
import runpy
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

CONF_PATH = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
CONF = runpy.run_path(str(CONF_PATH))


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


def test_workers_hand_large_freed_blocks_back_to_the_kernel(monkeypatch):
    calls = []

    def mallopt(param, value):
        calls.append((param, value))
        return 1

    monkeypatch.setattr(ctypes, "CDLL", lambda name: SimpleNamespace(mallopt=mallopt))
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.delenv("MALLOC_ARENA_MAX", raising=False)
    assert CONF["tune_malloc"]()
    assert calls == [(-3, 128 * 1024), (-8, 2)]
    # The operator's environment variables win: glibc has read them already.
    calls.clear()
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert CONF["tune_malloc"]()
    assert calls == [(-3, 128 * 1024)]


def test_malloc_tuning_is_skipped_without_glibc(monkeypatch):
    monkeypatch.setattr(ctypes, "CDLL", lambda name: SimpleNamespace())
    assert CONF["tune_malloc"]() is False

    def missing(name):
        raise OSError(name)

    monkeypatch.setattr(ctypes, "CDLL", missing)
    assert CONF["tune_malloc"]() is False


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_glibc_accepts_the_malloc_settings():
    code = f"import runpy; raise SystemExit(not runpy.run_path({str(CONF_PATH)!r})['tune_malloc']())"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == 0


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("EXIT_URL", "http://www.knmi.nl/", "EXIT_URL must be an https:// address"),
    ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE 'de' is not one of the languages"),
    ("SERVICES_FILE", "/does/not/exist.toml", "/does/not/exist.toml: the file does not exist"),
    ("TRUSTED_PROXIES", "two", "TRUSTED_PROXIES must be a whole number"),
])
def test_gunicorn_refuses_a_bad_setting_with_one_clear_line(setting, value, message):
    env = {**os.environ, setting: value, "PORT": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", str(CONF_PATH), "server:create_app()"],
        cwd=CONF_PATH.parent, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode != 0
    assert "Uitweg cannot start: " in done.stderr and message in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_gunicorn_takes_only_the_https_header_from_proxies():
    # SCRIPT_NAME and PATH_INFO from a header would go into every link of a page.
    assert CONF["forwarder_headers"] == ""
    assert CONF["secure_scheme_headers"] == {"X-FORWARDED-PROTO": "https"}
    assert CONF["header_map"] == "drop"


def test_an_unset_trusted_hosts_is_warned_about(monkeypatch):
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    assert "TRUSTED_HOSTS" in CONF["host_warning"]()
    monkeypatch.setenv("TRUSTED_HOSTS", "hulp.example.org")
    assert CONF["host_warning"]() is None
