"""Error pages in the site's own layout, with the emergency numbers still on them."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, g, redirect, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.routing import RequestRedirect

bp = Blueprint("errors", __name__)
log = logging.getLogger(__name__)


def _language_from_path() -> None:
    first = request.path.strip("/").split("/", 1)[0]
    if not g.get("lang") and first in current_app.config["LANGUAGES"]:
        g.lang = first


FALLBACK = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>{code}</h1><p><a href="tel:112">112</a> &middot; {links}</p></body></html>"""


def _fallback_page(code: int) -> str:
    """A page that needs no template or URL building: for requests too broken to route."""
    directory = current_app.extensions["directory"]
    links = " &middot; ".join(
        f'<a href="tel:{directory[s].phones[0].tel}">{directory[s].phones[0].number}</a>'
        for s in current_app.config["EMERGENCY_SERVICES"] if s != "112")
    return FALLBACK.format(title=current_app.config["SITE_TITLE"], code=code, links=links)


def render_error(error: HTTPException):
    """Render any HTTP error as a friendly page with the right status code."""
    response = error.get_response()
    try:
        _language_from_path()
        response.data = render_template("error.html", page="error", code=error.code)
    except Exception:  # noqa: BLE001 - e.g. a Host header that cannot be routed
        response.data = _fallback_page(error.code or 500)
    response.content_type = "text/html; charset=utf-8"
    return response


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Answer 4xx and 5xx errors with the error page."""
    return render_error(error)


@bp.before_app_request
def slash_redirect():
    """Redirect to the address with a slash, naming only the path, never the request's host."""
    error = request.routing_exception
    if not isinstance(error, RequestRedirect):
        return None
    # Werkzeug would build an absolute URL from the Host header; a path needs no host.
    target = urlsplit(error.new_url)
    return redirect(target.path + (f"?{target.query}" if target.query else ""), code=error.code)


@bp.app_errorhandler(Exception)
def unexpected_error(error: Exception):
    """Log an unexpected error (without request details) and show a plain 500 page."""
    log.error("unexpected %s", type(error).__name__, exc_info=error)
    return render_error(InternalServerError())
