"""The public pages the browser tests walk through, taken from the app itself."""

from server import create_app
from server.offline import page_urls

APP = create_app({"TESTING": True})
ALL_PAGES = page_urls(APP, "nl")
# The decoys must look like ordinary apps: no help numbers, no quick exit.
DECOYS = ["/nl/calc/", "/nl/recipes/"]
PAGES = [path for path in ALL_PAGES if path not in DECOYS]
