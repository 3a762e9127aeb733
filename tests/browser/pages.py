"""The list of public pages the browser tests walk through."""

from server.pages import GUIDES

PAGES = ["/nl/", "/nl/contact", "/nl/contact?voor=young", "/nl/plan"] + [
    f"/nl/tips/{slug}" for slug in GUIDES
]
