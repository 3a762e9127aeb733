"""The neutral storage names the front end uses (pwa/js/names.js), computed the same way."""

from __future__ import annotations

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def name_for(what: str, origin: str) -> str:
    """Return the storage name of one kind of entry on the site at `origin`."""
    value = 0x811C9DC5
    for ch in f"{origin}|{what}":
        value = ((value ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    out = ""
    while True:
        value, digit = divmod(value, 36)
        out = DIGITS[digit] + out
        if not value:
            return out


def names(origin: str) -> dict[str, str]:
    """Every storage name of the site at `origin`, by what it is for."""
    letters = {"disguise": "d", "mode": "m", "locked": "l", "tries": "t", "open": "o",
               "left": "x", "db": "b"}
    return {key: name_for(letter, origin) for key, letter in letters.items()}
