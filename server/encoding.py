"""Which compression a response gets: one decision, shared by compression and the page cache."""

from __future__ import annotations

from flask import request


def chosen_encoding() -> str:
    """Return "br", "gzip" or "" for the current request's Accept-Encoding."""
    accepted = request.accept_encodings
    if accepted["br"]:
        return "br"
    if accepted["gzip"]:
        return "gzip"
    return ""
