"""Settings: one class that reads environment variables with safe defaults."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent


class ConfigError(Exception):
    """A setting that would make the app unsafe or broken; the message names it."""


def _env(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


class Config:
    """Defaults for every setting; each can be overridden by an environment variable."""

    SITE_TITLE = _env("SITE_TITLE", "Uitweg")
    # Where the quick exit goes: neutral, common, and not personalised.
    EXIT_URL = _env("EXIT_URL", "https://www.knmi.nl/")
    DEFAULT_LANGUAGE = _env("DEFAULT_LANGUAGE", "nl")
    LANGUAGES = ("nl", "en", "ar", "tr", "pl", "uk", "ti", "fa")
    SERVICES_FILE = _env("SERVICES_FILE", str(PACKAGE_DIR / "data" / "services.toml"))
    # Content pages: server/content/<section>/<page>/ with page.html and <lang>.toml.
    CONTENT_DIR = _env("CONTENT_DIR", str(PACKAGE_DIR / "content"))
    # Services that must be one tap away on every page.
    EMERGENCY_SERVICES = ("112", "veilig-thuis")
    # Number of proxies in front of gunicorn whose X-Forwarded-* headers we trust.
    TRUSTED_PROXIES = _env("TRUSTED_PROXIES", "0")
    # Host names this app answers to (comma-separated); others get a 400. Empty: any.
    TRUSTED_HOSTS = [h.strip() for h in _env("TRUSTED_HOSTS", "").split(",") if h.strip()] or None
    MAX_CONTENT_LENGTH = 16 * 1024
    BABEL_DEFAULT_LOCALE = DEFAULT_LANGUAGE
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT_DIR / "translations")
    # The erase form is guarded by Sec-Fetch-Site / Origin, never by a cookie.
    WTF_CSRF_ENABLED = False
    SECRET_KEY = None
    SESSION_COOKIE_NAME = "__never_set"
    STATIC_DIR = str(ROOT_DIR / "static")
    PWA_DIR = _env("PWA_DIR", str(ROOT_DIR / "pwa"))
    # After the app was hidden for this long, the disguise asks for the code again.
    UNLOCK_IDLE_SECONDS = _env("UNLOCK_IDLE_SECONDS", "60")
    # How long the service worker waits for the network before it serves a saved copy.
    NETWORK_TIMEOUT_MS = 3000


def check_config(config) -> None:
    """Raise ConfigError when a setting is unsafe or inconsistent."""
    exit_url = config.get("EXIT_URL")
    parts = urlsplit(exit_url) if isinstance(exit_url, str) else None
    if not parts or parts.scheme != "https" or not parts.hostname or " " in exit_url:
        raise ConfigError(f"EXIT_URL must be an https:// address, got {exit_url!r}")
    languages = config.get("LANGUAGES") or ()
    if config.get("DEFAULT_LANGUAGE") not in languages:
        raise ConfigError(
            f"DEFAULT_LANGUAGE {config.get('DEFAULT_LANGUAGE')!r} is not one of the"
            f" languages this app has: {', '.join(languages)}"
        )
    if not str(config.get("SITE_TITLE") or "").strip():
        raise ConfigError("SITE_TITLE must not be empty")
    idle = str(config.get("UNLOCK_IDLE_SECONDS", "60")).strip()
    if not idle.isascii() or not idle.isdigit():
        raise ConfigError(f"UNLOCK_IDLE_SECONDS must be a whole number of seconds, got {idle!r}")
    config["UNLOCK_IDLE_SECONDS"] = int(idle)
    proxies = str(config.get("TRUSTED_PROXIES", "0")).strip()
    if not proxies.isascii() or not proxies.isdigit():
        raise ConfigError(f"TRUSTED_PROXIES must be a whole number of 0 or more, got {proxies!r}")
    config["TRUSTED_PROXIES"] = int(proxies)
