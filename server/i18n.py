"""Language handling: the locale from the URL, text direction, and catalog extraction."""

from __future__ import annotations

import tomllib

from flask import current_app, g

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
# Text fields of the services data file that are English msgids.
SERVICE_TEXT_FIELDS = ("for", "cost", "hours_note")


def get_locale() -> str:
    """Return the language chosen in the URL, or the default one."""
    return g.get("lang") or current_app.config["DEFAULT_LANGUAGE"]


def is_rtl(lang: str) -> bool:
    """Return True for languages written right to left."""
    return lang in RTL_LANGUAGES


def extract_services(fileobj, keywords, comment_tags, options):
    """Babel extractor: yield the translatable texts of the services data file."""
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    for service in data.get("service", []):
        for key in SERVICE_TEXT_FIELDS:
            text = service.get(key)
            if isinstance(text, str) and text.strip():
                yield 0, None, text.strip(), [f"service {service.get('id')}: {key}"]
