"""Extensions, created once and bound to the app in create_app."""

from __future__ import annotations

import copy
from functools import cached_property

from flask import has_request_context, request
from flask_babel import Babel, Domain

# Large-text mode speaks formally (Dutch "u", Polish "Pan/Pani"): its pages use
# the "formal" variant of a text where the catalog has one (msgctxt "formal").
FORMAL_ENDPOINTS = frozenset({"pages.large", "pages.large_contact", "pages.large_plan"})
FORMAL = "formal"


def speaks_formally() -> bool:
    """Return True while rendering a page of large-text mode."""
    return has_request_context() and request.endpoint in FORMAL_ENDPOINTS


def formal_catalog(translations):
    """Return a copy of a catalog in which each formal variant replaces its normal text."""
    prefix = FORMAL + "\x04"
    catalog = dict(translations._catalog)
    for key, text in translations._catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if isinstance(msgid, str) and msgid.startswith(prefix) and text:
            plain = msgid[len(prefix):]
            catalog[(plain, key[1]) if isinstance(key, tuple) else plain] = text
    formal = copy.copy(translations)
    formal._catalog = catalog
    return formal


class FormalDomain(Domain):
    """The messages domain, with the formal variants on large-text pages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formal_cache = {}

    def get_translations(self):
        """Return the catalog of the current language; its formal version in large-text mode."""
        translations = super().get_translations()
        if not speaks_formally() or not hasattr(translations, "_catalog"):
            return translations
        key = id(translations)
        if key not in self.formal_cache:
            self.formal_cache[key] = (translations, formal_catalog(translations))
        return self.formal_cache[key][1]


class FormalBabel(Babel):
    """Flask-Babel with the FormalDomain as its default domain."""

    @cached_property
    def domain_instance(self):
        """The message domain: formal variants on large-text pages."""
        return FormalDomain(domain=self.domain)


babel = FormalBabel()
