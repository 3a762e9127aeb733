"""The public pages the browser tests walk through, taken from the app itself."""

from server import create_app
from server.offline import page_urls

APP = create_app({"TESTING": True})
ALL_PAGES = page_urls(APP, "nl")
# The decoys must look like ordinary apps: no help numbers, no quick exit.
DECOYS = ["/nl/calc/", "/nl/recipes/"]
PAGES = [path for path in ALL_PAGES if path not in DECOYS]
# A walk through the app by its own links: (link, the heading it shows, or None if any new one).
NAVIGATION_STEPS = [
    ("main a[href='/nl/tips/me/']", "Het gebeurt bij mij"),
    ("[data-back]", "Wat kun je nu doen?"),
    ("main a[href='/nl/tips/others/']", None),
    ("footer a[href='/nl/contact/']", "Alle hulp op een rij"),
    ("main a[href='/nl/contact/young/']", "Alle hulp op een rij"),
    ("main a[href='/nl/contact/older/']", "Alle hulp op een rij"),
    ("footer a[href='/nl/tips/app/']", None),
    ("main a[href='/nl/tips/browser/']", None),
    ("main a[href='/nl/clear/']", "Wis alles wat deze app bewaarde"),
    ("main a[href='/nl/']", "Wat kun je nu doen?"),
    ("main a[href='/nl/tips/questions/']", "Je vragen, eerlijke antwoorden"),
    ("main a[href='/nl/tips/qa-me/']", "Wat gebeurt er als ik bel?"),
    ("footer a[href='/nl/']", "Wat kun je nu doen?"),
    ("main a[href='/nl/plan/']", "Mijn veiligheidsplan"),
]
