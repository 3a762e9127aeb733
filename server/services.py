"""The help directory: load the services data file and check every field.

A broken data file must stop the app from starting, with a message that names
the file, the service and the field. A wrong phone number in a crisis app is
dangerous, so nothing is guessed or repaired here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import click

from .hours import HoursError, Schedule, parse_schedule

AUDIENCES = ("me", "other", "young", "older", "after", "self")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# A Dutch number as people dial it (0800-2000, 112), or an international one (+31 247 247 247).
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 -]{1,18}[0-9]$")
DATE_PATTERN = re.compile(r"^(19|20)[0-9]{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")
SERVICE_KEYS = {
    "id", "name", "for", "audiences", "free", "cost", "phones", "chat", "whatsapp", "web",
    "hours_note", "fallback", "fallback_note", "sources", "checked", "confidence", "needs_check",
    "check_note", "languages", "interpreter", "listed",
}
# What a source is, when its name alone does not say it; shown in the reader's language.
SOURCE_KINDS = ("news", "privacy statement")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
REQUIRED_KEYS = ("id", "name", "for", "audiences", "sources", "confidence")
# A service with `listed = false` is not in the directory or its filters: it only gives
# one page its call button (the Foreign Affairs line on the page about being left abroad).
# Fields that only the directory shows make no sense there, and would ask translators
# for texts nobody reads.
UNLISTED_REQUIRED = ("id", "name", "sources", "confidence")
DIRECTORY_ONLY = ("for", "audiences", "cost", "hours_note", "fallback", "fallback_note",
                  "languages", "interpreter")


class DataError(click.ClickException):
    """The services data file is broken; the message says where and why.

    A ClickException, so `flask ...` commands print it as one line, without a traceback.
    """

    def __init__(self, path: Path | str, service: str | None, field_name: str | None, problem: str):
        self.path, self.service, self.field, self.problem = str(path), service, field_name, problem
        where = [f"in {self.path}"]
        if service:
            where.append(f"service {service!r}")
        if field_name:
            where.append(f"field {field_name!r}")
        super().__init__(f"Broken services data {', '.join(where)}: {problem}")

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Phone:
    """A number people can dial, as shown and as used in a tel: link."""

    number: str
    hours: Schedule | None

    @property
    def tel(self) -> str:
        """Return the digits for the tel: link, with the + of an international number."""
        return ("+" if self.number.startswith("+") else "") + re.sub(r"\D", "", self.number)


@dataclass(frozen=True)
class Chat:
    """A chat on the service's own site."""

    url: str
    hours: Schedule | None


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a proper name (never translated), what it is, and its date."""

    name: str | None = None
    kind: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Service:
    """One help service with its contact links and facts."""

    id: str
    name: str
    for_text: str
    audiences: tuple[str, ...]
    sources: tuple[Source, ...]
    confidence: str
    phones: tuple[Phone, ...] = ()
    chat: Chat | None = None
    whatsapp: str | None = None
    web: str | None = None
    free: bool = False
    cost: str | None = None
    hours_note: str | None = None
    fallback: str | None = None
    fallback_note: str | None = None
    checked: str | None = None
    needs_check: bool = False
    check_note: str | None = None
    languages: tuple[str, ...] = ("nl",)
    interpreter: bool = False
    listed: bool = True

    @property
    def always_open(self) -> bool:
        """Return True when the first phone line is open day and night."""
        return bool(self.phones) and bool(self.phones[0].hours) and self.phones[0].hours.always


@dataclass
class Directory:
    """Every service, in data-file order, with lookup by id.

    `services` are the ones the directory and its filters list; `unlisted` ones
    (listed = false) only give a page its call button.
    """

    every: list[Service]
    services: list[Service] = field(init=False)
    unlisted: list[Service] = field(init=False)
    by_id: dict[str, Service] = field(init=False)

    def __post_init__(self):
        self.services = [s for s in self.every if s.listed]
        self.unlisted = [s for s in self.every if not s.listed]
        self.by_id = {s.id: s for s in self.every}

    def __getitem__(self, service_id: str) -> Service:
        return self.by_id[service_id]

    def for_audience(self, audience: str | None) -> list[Service]:
        """Return the services for one audience key, or all when the key is None."""
        if audience is None:
            return list(self.services)
        return [s for s in self.services if audience in s.audiences]


def _is_date(value) -> bool:
    if not isinstance(value, str) or not DATE_PATTERN.match(value):
        return False
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
    return True


def _https(url, path, sid, name) -> str:
    parts = urlsplit(url) if isinstance(url, str) else None
    if not parts or parts.scheme != "https" or not parts.hostname or " " in url:
        raise DataError(path, sid, name, f"{url!r} is not an https:// link")
    return url


def _text(value, path, sid, name, required=True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, sid, name, "must be a non-empty text")
    return value.strip()


def _sources(value, path, sid) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        raise DataError(path, sid, "sources",
                        'must be a list like [{ name = "NRC", date = "2019-07" }]')
    sources = []
    for i, item in enumerate(value):
        where = f"sources[{i}]"
        if not isinstance(item, dict) or not item or set(item) - {"name", "kind", "date"}:
            raise DataError(path, sid, where, "needs a name, a kind or a date, nothing else")
        name = _text(item.get("name"), path, sid, f"{where}.name", required=False)
        kind = item.get("kind")
        if kind is not None and kind not in SOURCE_KINDS:
            raise DataError(path, sid, f"{where}.kind", f"must be one of {', '.join(SOURCE_KINDS)}")
        date = item.get("date")
        if date is not None and not _is_date(date):
            raise DataError(path, sid, f"{where}.date",
                            f"{date!r} is not a date like 2024, 2024-05 or 2024-05-31")
        sources.append(Source(name, kind, date))
    return tuple(sources)


def _schedule(value, path, sid, name) -> Schedule | None:
    try:
        return parse_schedule(value)
    except HoursError as err:
        raise DataError(path, sid, name, str(err)) from None


def _phone(item, path, sid, name) -> Phone:
    if not isinstance(item, dict) or "number" not in item or set(item) - {"number", "hours"}:
        raise DataError(path, sid, name, "needs a number and may have hours, nothing else")
    number = item["number"]
    if not isinstance(number, str) or not PHONE_PATTERN.match(number):
        raise DataError(path, sid, f"{name}.number", f"{number!r} is not a valid phone number")
    digits = re.sub(r"\D", "", number)
    if not (3 <= len(digits) <= (15 if number.startswith("+") else 11)):
        raise DataError(path, sid, f"{name}.number", f"{number!r} is not a valid phone number")
    return Phone(number, _schedule(item.get("hours"), path, sid, f"{name}.hours"))


def _service(raw, path, index) -> Service:
    if not isinstance(raw, dict):
        raise DataError(path, f"#{index + 1}", None, "each [[service]] must be a table")
    sid = raw["id"] if isinstance(raw.get("id"), str) else f"#{index + 1}"
    listed = raw.get("listed", True)
    if not isinstance(listed, bool):
        raise DataError(path, sid, "listed", "must be true or false")
    for key in REQUIRED_KEYS if listed else UNLISTED_REQUIRED:
        if key not in raw:
            raise DataError(path, sid, key, "is required but missing")
    unknown = sorted(set(raw) - SERVICE_KEYS)
    if unknown:
        raise DataError(path, sid, unknown[0], "is not a known field")
    if not listed:
        shown = [key for key in DIRECTORY_ONLY if key in raw]
        if shown:
            raise DataError(path, sid, shown[0], "only the directory shows it, and this service "
                                                 "is not in the directory (listed = false)")
    if not isinstance(raw["id"], str) or not ID_PATTERN.match(raw["id"]):
        raise DataError(path, sid, "id", "use lowercase letters, digits and hyphens")
    audiences = raw.get("audiences", [])
    if listed and (not isinstance(audiences, list) or not audiences
                   or not all(isinstance(a, str) and a in AUDIENCES for a in audiences)):
        raise DataError(path, sid, "audiences", f"must be a list drawn from {', '.join(AUDIENCES)}")
    if raw["confidence"] not in ("H", "M"):
        raise DataError(path, sid, "confidence", "must be H or M; leave unconfirmed facts out")
    phones_raw = raw.get("phones", [])
    if not isinstance(phones_raw, list):
        raise DataError(path, sid, "phones", "must be a list")
    phones = tuple(_phone(p, path, sid, f"phones[{i}]") for i, p in enumerate(phones_raw))
    chat = None
    if "chat" in raw:
        c = raw["chat"]
        if not isinstance(c, dict) or "url" not in c or set(c) - {"url", "hours"}:
            raise DataError(path, sid, "chat", "needs a url and may have hours, nothing else")
        chat = Chat(_https(c["url"], path, sid, "chat.url"),
                    _schedule(c.get("hours"), path, sid, "chat.hours"))
    whatsapp = raw.get("whatsapp")
    if whatsapp is not None:
        whatsapp = _https(whatsapp, path, sid, "whatsapp")
    web = _https(raw["web"], path, sid, "web") if "web" in raw else None
    if not (phones or chat or whatsapp):
        raise DataError(path, sid, "phones", "a service needs a phone number, a chat or WhatsApp")
    checked = raw.get("checked")
    if checked is not None and not _is_date(checked):
        raise DataError(path, sid, "checked", f"{checked!r} is not a date like 2024-05 or 2024-05-31")
    fallback = raw.get("fallback")
    if fallback is not None and not isinstance(fallback, str):
        raise DataError(path, sid, "fallback", "must be the id of another service")
    if fallback == "112":
        # "Closed? Call 112" sends people with a question to the emergency line.
        raise DataError(path, sid, "fallback", "112 is for emergencies only, never the "
                                               "alternative to a closed service")
    if "fallback_note" in raw and fallback is None:
        raise DataError(path, sid, "fallback_note", "only goes with a fallback")
    languages = raw.get("languages", ["nl"])
    if (not isinstance(languages, list) or not languages
            or not all(isinstance(code, str) and LANGUAGE_CODE.match(code) for code in languages)):
        raise DataError(path, sid, "languages", "must be a list of language codes like nl or en")
    for flag in ("free", "needs_check", "interpreter"):
        if not isinstance(raw.get(flag, False), bool):
            raise DataError(path, sid, flag, "must be true or false")
    return Service(
        id=raw["id"],
        name=_text(raw["name"], path, sid, "name"),
        for_text=_text(raw["for"], path, sid, "for") if listed else "",
        audiences=tuple(audiences),
        sources=_sources(raw["sources"], path, sid),
        confidence=raw["confidence"],
        phones=phones,
        chat=chat,
        whatsapp=whatsapp,
        web=web,
        free=raw.get("free", False),
        cost=_text(raw.get("cost"), path, sid, "cost", required=False),
        hours_note=_text(raw.get("hours_note"), path, sid, "hours_note", required=False),
        fallback=fallback,
        fallback_note=_text(raw.get("fallback_note"), path, sid, "fallback_note", required=False),
        checked=checked,
        needs_check=raw.get("needs_check", False),
        check_note=_text(raw.get("check_note"), path, sid, "check_note", required=False),
        languages=tuple(languages),
        interpreter=raw.get("interpreter", False),
        listed=listed,
    )


def load_directory(path: Path | str, required: tuple[str, ...] = ()) -> Directory:
    """Read and check the services file; raise DataError naming what is wrong."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, None, None, "the file does not exist") from None
    except (OSError, UnicodeDecodeError) as err:
        raise DataError(path, None, None, f"the file cannot be read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise DataError(path, None, None, f"not valid TOML: {err}") from None
    items = raw.get("service")
    if not isinstance(items, list) or not items:
        raise DataError(path, None, "service", "the file lists no [[service]] entries")
    services = [_service(item, path, i) for i, item in enumerate(items)]
    directory = Directory(services)
    if len(directory.by_id) != len(services):
        seen = set()
        dup = next(s.id for s in services if s.id in seen or seen.add(s.id))
        raise DataError(path, dup, "id", "is used by two services")
    for s in services:
        if s.fallback is not None:
            target = directory.by_id.get(s.fallback)
            if target is None or not target.always_open or not target.listed:
                raise DataError(path, s.id, "fallback",
                                f"{s.fallback!r} is not a listed service that is open 24/7")
    for sid in required:
        if (sid not in directory.by_id or not directory.by_id[sid].phones
                or not directory.by_id[sid].listed):
            raise DataError(path, sid, "id", "this service must be in the file with a phone number")
    return directory
