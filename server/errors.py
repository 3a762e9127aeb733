"""Error pages in the site's own layout, with the emergency numbers still on them."""

from __future__ import annotations

import logging

from flask import Blueprint, current_app, g, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

bp = Blueprint("errors", __name__)
log = logging.getLogger(__name__)


def _language_from_path() -> None:
    first = request.path.strip("/").split("/", 1)[0]
    if not g.get("lang") and first in current_app.config["LANGUAGES"]:
        g.lang = first


def render_error(error: HTTPException):
    """Render any HTTP error as a friendly page with the right status code."""
    _language_from_path()
    response = error.get_response()
    response.data = render_template("error.html", page="error", code=error.code)
    response.content_type = "text/html; charset=utf-8"
    return response


@bp.app_errorhandler(HTTPException)
def http_error(error: HTTPException):
    """Answer 4xx and 5xx errors with the error page."""
    return render_error(error)


@bp.app_errorhandler(Exception)
def unexpected_error(error: Exception):
    """Log an unexpected error (without request details) and show a plain 500 page."""
    log.error("unexpected %s", type(error).__name__, exc_info=error)
    return render_error(InternalServerError())
