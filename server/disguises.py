"""Disguises: how the installed app looks on the home screen, and the decoy it opens to."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Disguise:
    """One way the app can look once installed."""

    key: str
    name: object  # a lazy string, or None for the site's own title
    icon: str
    theme: str
    background: str
    endpoint: str


DISGUISES = {
    "none": Disguise("none", None, "app", "#0b5c55", "#ffffff", "pages.start"),
    "calc": Disguise("calc", _l("Calculator"), "calc", "#202124", "#202124", "pages.calc"),
    "recipes": Disguise("recipes", _l("Recipes"), "recipes", "#b5542c", "#fff8f0", "pages.recipes"),
}


def display_name(disguise: Disguise, site_title: str) -> str:
    """Return the name shown under the icon and in the title."""
    return str(disguise.name) if disguise.name is not None else site_title
