"""Erase everything: the endpoint that tells the browser to wipe what this site stored."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField

bp = Blueprint("privacy", __name__)

CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


class EraseForm(FlaskForm):
    """The confirmation button. It needs no CSRF cookie: the origin check guards the post."""

    class Meta:
        csrf = False

    submit = SubmitField(_l("Yes, erase everything"))


def is_same_origin(req) -> bool:
    """Return True only for a request sent by a page of this same site."""
    site = req.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = req.headers.get("Origin")
    return origin is not None and origin == f"{req.scheme}://{req.host}"


@bp.post("/clear")
def clear():
    """Answer a same-site erase request with Clear-Site-Data and leave for the neutral site."""
    if not is_same_origin(request):
        abort(403)
    response = redirect(current_app.config["EXIT_URL"], code=303)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    response.headers["Cache-Control"] = "no-store"
    return response
