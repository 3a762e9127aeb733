"""Language handling: the locale from the URL, text direction, and catalog extraction."""

from __future__ import annotations

import tomllib

from flask import current_app, g

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
# Text fields of the services data file that are English msgids.
SERVICE_TEXT_FIELDS = ("for", "cost", "hours_note", "fallback_note")


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


def own_name(code: str) -> str:
    """Return a language's name in that language itself, e.g. 'Türkçe' or 'العربية'."""
    from babel import Locale

    name = Locale.parse(code).get_display_name(code)
    return name[:1].upper() + name[1:]


def name_in(code: str, lang: str) -> str:
    """Return a language's name in another language, e.g. 'Engels' for en in Dutch."""
    from babel import Locale

    return Locale.parse(code).get_display_name(lang) or code


def language_links() -> list[dict]:
    """Link to this same page in every language, for the language menu."""
    from flask import request, url_for

    endpoint = request.endpoint if request.blueprint == "pages" else None
    links = []
    for code in current_app.config["LANGUAGES"]:
        if endpoint:
            url = url_for(endpoint, **{**(request.view_args or {}), "lang": code},
                          **request.args.to_dict())
        else:
            url = url_for("pages.start", lang=code)
        links.append({"code": code, "name": own_name(code), "url": url,
                      "dir": "rtl" if is_rtl(code) else "ltr"})
    return links


def review_status() -> dict[str, dict]:
    """Read translations/<lang>/review.toml: whether a native speaker checked each language."""
    from .config import ROOT_DIR

    status = {}
    for code in current_app.config["LANGUAGES"]:
        path = ROOT_DIR / "translations" / code / "review.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError):
            data = {}
        status[code] = {"reviewed": data.get("reviewed") is True, "source": code == "nl"}
    return status
