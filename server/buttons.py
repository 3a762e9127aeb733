"""Labels of the call and chat buttons: who a button calls, and where a chat takes you."""

from __future__ import annotations

# The header has room for short names only; a soft hyphen lets a long name break
# inside its button at 320 px ("Kinder-telefoon") instead of pushing Quick exit away.
HEADER_LABELS = {"kindertelefoon": "Kinder\u00adtelefoon"}


def header_label(service) -> str:
    """Return the short name on a service's call button in the top bar."""
    return HEADER_LABELS.get(service.id, service.name)


def site_name(url: str) -> str:
    """Return a web address as people say it: 'veiligthuis.nl' for https://www.veiligthuis.nl/."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def chat_button_label(service) -> str:
    """Return what a chat button says: where the chat is ("Chat on the website of Veilig Thuis")."""
    from flask_babel import gettext as _

    if service.name.split(" ", 1)[0].lower() == "chat":
        # "Chat met Fier" is the service's own name; the button shows the site under it.
        return service.name
    return _("Chat on the website of %(name)s", name=service.name)


def open_first(services, status_now) -> list:
    """Order services by their chat: open now first, then hours unknown, then closed."""
    rank = {"always": 0, "open": 0, "unknown": 1, "closed": 2}

    def key(service):
        hours = service.chat.hours
        return rank[status_now(hours)[0]] if hours else 1

    return sorted(services, key=key)
