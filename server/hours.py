"""Opening hours in Dutch time: is a service open now, and when does it open next.

Plain functions, no Flask. Times in the data are wall-clock times in
Europe/Amsterdam, so summer time is handled by converting "now" to that zone
before comparing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Amsterdam")
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALWAYS = "24/7"
TIME_PATTERN = re.compile(r"^[0-9]{2}:[0-9]{2}$")


class HoursError(ValueError):
    """An opening-hours value that cannot be understood."""


@dataclass(frozen=True)
class Period:
    """One opening period on a set of weekdays, in minutes after midnight."""

    days: frozenset[int]
    start: int
    end: int

    def covers(self, weekday: int, minute: int) -> bool:
        """Return True when this period is open on that weekday at that minute."""
        return weekday in self.days and self.start <= minute < self.end


@dataclass(frozen=True)
class Schedule:
    """Weekly opening hours: always open, or a list of periods."""

    always: bool = False
    periods: tuple[Period, ...] = ()

    def to_json(self) -> dict:
        """Return the schedule in the shape the browser script reads."""
        if self.always:
            return {"always": True}
        return {
            "periods": [
                {"days": sorted(p.days), "start": p.start, "end": p.end} for p in self.periods
            ]
        }


@dataclass(frozen=True)
class Status:
    """Whether a schedule is open at a moment, and the next opening when closed."""

    is_open: bool
    next_open: datetime | None = None


def parse_time(text: str) -> int:
    """Turn 'HH:MM' (00:00 to 24:00) into minutes after midnight."""
    if not isinstance(text, str) or not TIME_PATTERN.match(text):
        raise HoursError(f"{text!r} is not a time like 09:00")
    h, m = int(text[:2]), int(text[3:])
    if h > 24 or m > 59 or (h == 24 and m != 0):
        raise HoursError(f"{text!r} is not a time of day (00:00 to 24:00)")
    return h * 60 + m


def parse_days(text: str) -> frozenset[int]:
    """Turn 'mon-fri', 'sat' or 'mon,wed' into a set of weekday numbers (Monday is 0)."""
    if not isinstance(text, str) or not text:
        raise HoursError(f"{text!r} is not a day range like mon-fri")
    days: set[int] = set()
    for part in text.lower().split(","):
        first, dash, last = part.strip().partition("-")
        if first not in DAY_KEYS or (dash and last not in DAY_KEYS):
            raise HoursError(f"{text!r} is not a day range like mon-fri")
        a = DAY_KEYS.index(first)
        b = DAY_KEYS.index(last) if last else a
        if b < a:
            raise HoursError(f"{text!r} runs backwards; write it as two ranges")
        days.update(range(a, b + 1))
    return frozenset(days)


def parse_schedule(value) -> Schedule | None:
    """Read the data file's hours value: "24/7", a list of periods, or None for unknown."""
    if value is None:
        return None
    if value == ALWAYS:
        return Schedule(always=True)
    if not isinstance(value, list) or not value:
        raise HoursError(f'{value!r} is not "24/7" or a list of periods')
    periods = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"days", "open", "close"}:
            raise HoursError(f"{item!r} needs exactly days, open and close")
        start, end = parse_time(item["open"]), parse_time(item["close"])
        if end <= start:
            raise HoursError(f"closes at {item['close']}, not after it opens at {item['open']}")
        periods.append(Period(parse_days(item["days"]), start, end))
    return Schedule(periods=tuple(periods))


def local(moment: datetime) -> datetime:
    """Return an aware moment as Dutch wall-clock time."""
    if moment.tzinfo is None:
        raise ValueError("need an aware datetime")
    return moment.astimezone(TZ)


def _wall(day: date, minute: int) -> datetime:
    """Return the Dutch wall-clock moment at a minute of a day."""
    return datetime.combine(day, time(minute // 60, minute % 60), TZ)


def status(schedule: Schedule, moment: datetime) -> Status:
    """Tell whether the schedule is open at the moment and, if not, when it opens next."""
    now = local(moment)
    if schedule.always:
        return Status(True)
    minute = now.hour * 60 + now.minute
    if any(p.covers(now.weekday(), minute) for p in schedule.periods):
        return Status(True)
    for offset in range(8):
        day = now.date() + timedelta(days=offset)
        starts = sorted(
            p.start
            for p in schedule.periods
            if day.weekday() in p.days and (offset or p.start > minute)
        )
        if starts:
            return Status(False, _wall(day, starts[0]))
    return Status(False)
