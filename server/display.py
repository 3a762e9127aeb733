"""Words for opening hours: describe a schedule and say whether it is open now.

The browser script repeats the open-now check with the same texts, so a page
that stayed open for hours still tells the truth.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time

from babel.dates import format_date, format_time, get_day_names
from flask_babel import get_locale
from flask_babel import gettext as _

from .hours import Schedule, local, status

# Dates and times follow the Dutch-resident reader: British English uses 24-hour time.
REGIONS = {"en": "en_GB"}


def _locale():
    code = str(get_locale())
    return REGIONS.get(code, code)


def _time(minute: int) -> str:
    if minute >= 24 * 60:
        # Closing at midnight reads better as the end of the day.
        return "24:00"
    return format_time(time(minute // 60, minute % 60), "short", locale=_locale())


def _days(days: frozenset[int]) -> str:
    names = get_day_names("abbreviated", locale=_locale())
    ordered = sorted(days)
    if len(ordered) == 7:
        return _("every day")
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return _("%(first)s to %(last)s", first=names[ordered[0]], last=names[ordered[-1]])
    return ", ".join(names[d] for d in ordered)


def describe(schedule: Schedule | None) -> str:
    """Return the opening hours in words, e.g. 'Mon to Fri 09:00 to 17:00'."""
    if schedule is None:
        # Not confirmed: the service's own site has them (the directory lists it).
        return _("Times: see their website")
    if schedule.always:
        return _("Day and night, every day")
    return "; ".join(
        _("%(days)s %(open)s to %(close)s", days=_days(p.days), open=_time(p.start),
          close=_time(p.end))
        for p in schedule.periods
    )


def status_messages() -> dict[str, str]:
    """Return the status sentences with placeholders, for the server and the browser."""
    return {
        "always": _("Open now, day and night"),
        "open": _("Open now"),
        "today": _("Closed now. Opens today at %(time)s"),
        "tomorrow": _("Closed now. Opens tomorrow at %(time)s"),
        "later": _("Closed now. Opens on %(day)s at %(time)s"),
        "closed": _("Closed now"),
    }


def day_names() -> list[str]:
    """Return the full weekday names, Monday first, in the current language."""
    names = get_day_names("wide", locale=_locale())
    return [names[i] for i in range(7)]


def current_status(schedule: Schedule, moment: datetime | None = None) -> tuple[str, str]:
    """Return (state, sentence) for a schedule at a moment; state is open, always or closed."""
    moment = moment or datetime.now(UTC)
    messages = status_messages()
    if schedule.always:
        return "always", messages["always"]
    result = status(schedule, moment)
    if result.is_open:
        return "open", messages["open"]
    if result.next_open is None:
        return "closed", messages["closed"]
    today = local(moment).date()
    when = result.next_open
    gap = (when.date() - today).days
    params = {"time": _time(when.hour * 60 + when.minute)}
    if gap == 0:
        return "closed", messages["today"] % params
    if gap == 1:
        return "closed", messages["tomorrow"] % params
    return "closed", messages["later"] % {**params, "day": day_names()[when.weekday()]}


def schedule_json(schedule: Schedule) -> str:
    """Return the schedule as JSON for a data attribute, with localised start times."""
    data = schedule.to_json()
    for period in data.get("periods", []):
        period["label"] = _time(period["start"])
    return json.dumps(data, separators=(",", ":"))


def language_list(codes) -> str:
    """Name languages in the current language, joined the way it joins lists."""
    from babel.lists import format_list

    from .i18n import name_in

    return format_list([name_in(code, _locale()) for code in codes], locale=_locale())


def checked_date(value: str) -> str:
    """Format a date like 2024, 2024-05 or 2024-05-31 for the current language."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        # LLLL: the month as a word on its own (nominative in Polish and Ukrainian).
        return format_date(date(parts[0], parts[1], 1), "LLLL y", locale=_locale())
    return format_date(date(*parts), "long", locale=_locale())


def source_note(service) -> str:
    """Return where a service's facts come from in the reader's language, dates included."""
    kinds = {"news": _("news"), "privacy statement": _("privacy statement")}
    parts = []
    for source in service.sources:
        label = ", ".join(p for p in (source.name, kinds.get(source.kind)) if p)
        date = checked_date(source.date) if source.date else ""
        parts.append(f"{label} ({date})" if label and date else label or date)
    return "; ".join(parts)


def names_a_chat(service) -> bool:
    """Return True when a service's name already starts with the word "Chat" ("Chat met Fier")."""
    return service.name.lower().startswith(_("Chat").lower() + " ")


def chat_label(service) -> str:
    """Return the label of a service's chat button, e.g. 'Chat with Veilig Thuis'."""
    if names_a_chat(service):
        # Not "Chat with Chat met Fier": the name says it already.
        return service.name
    return _("Chat with %(name)s", name=service.name)
