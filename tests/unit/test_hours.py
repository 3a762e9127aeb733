from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from server.hours import (
    HoursError,
    Period,
    Schedule,
    parse_days,
    parse_schedule,
    parse_time,
    status,
)

AMS = ZoneInfo("Europe/Amsterdam")
# A plain week in June 2026: Monday 1 to Sunday 7, summer time all week.
MON, TUE, WED, THU, FRI, SAT, SUN = range(1, 8)


def ams(day, hour, minute=0, month=6):
    return datetime(2026, month, day, hour, minute, tzinfo=AMS)


def utc(month, day, hour, minute=0):
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


def hours(*periods):
    return parse_schedule([{"days": d, "open": o, "close": c} for d, o, c in periods])


OFFICE = hours(("mon-fri", "09:00", "17:00"))
DAILY = hours(("mon-sun", "11:00", "21:00"))
NIGHT = hours(("mon-sun", "00:00", "03:00"))


# parse_time

@pytest.mark.parametrize(
    ("text", "minutes"),
    [("00:00", 0), ("00:01", 1), ("09:00", 540), ("12:30", 750), ("23:59", 1439), ("24:00", 1440)],
)
def test_parse_time_good(text, minutes):
    assert parse_time(text) == minutes


@pytest.mark.parametrize(
    "text",
    ["25:00", "24:01", "24:30", "09:60", "9:00", "09.00", "0900", "09:0", "", " 9:00", "-1:00",
     "ab:cd", "09:00 ", None, 900],
)
def test_parse_time_bad(text):
    with pytest.raises(HoursError):
        parse_time(text)


def test_parse_time_rejects_non_ascii_digits_with_hours_error():
    # Server bug: str.isdigit() accepts "²", then int() raises a plain ValueError.
    with pytest.raises(HoursError):
        parse_time("0\u00b2:00")


# parse_days

@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("mon", {0}),
        ("sun", {6}),
        ("mon-fri", {0, 1, 2, 3, 4}),
        ("sat-sun", {5, 6}),
        ("mon-sun", set(range(7))),
        ("mon,wed", {0, 2}),
        ("mon-wed, fri", {0, 1, 2, 4}),
        ("MON-FRI", {0, 1, 2, 3, 4}),
    ],
)
def test_parse_days_good(text, days):
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize(
    "text", ["mon-xyz", "fri-mon", "sun-mon", "", "monday", "mon,", "mon-tue-wed", "ma-vr", None, 1],
)
def test_parse_days_bad(text):
    with pytest.raises(HoursError):
        parse_days(text)


def test_parse_days_rejects_a_dangling_hyphen():
    # Server bug: "mon-" is silently read as "mon" while "mon," is refused.
    with pytest.raises(HoursError):
        parse_days("mon-")


# parse_schedule

def test_parse_schedule_unknown_hours_is_none():
    assert parse_schedule(None) is None


def test_parse_schedule_always():
    schedule = parse_schedule("24/7")
    assert schedule.always
    assert schedule.to_json() == {"always": True}


def test_parse_schedule_periods():
    schedule = parse_schedule([
        {"days": "mon-fri", "open": "09:00", "close": "17:00"},
        {"days": "sat", "open": "10:00", "close": "24:00"},
    ])
    assert not schedule.always
    assert schedule.periods == (
        Period(frozenset(range(5)), 540, 1020),
        Period(frozenset({5}), 600, 1440),
    )
    assert schedule.to_json() == {"periods": [
        {"days": [0, 1, 2, 3, 4], "start": 540, "end": 1020},
        {"days": [5], "start": 600, "end": 1440},
    ]}


@pytest.mark.parametrize(
    "value",
    [
        "always",
        "24/7 ",
        "",
        24,
        [],
        {"days": "mon", "open": "09:00", "close": "17:00"},
        ["mon-fri 09:00-17:00"],
        [{"days": "mon", "open": "09:00"}],
        [{"days": "mon", "open": "09:00", "close": "17:00", "note": "x"}],
        [{"days": "mon", "open": "17:00", "close": "09:00"}],
        [{"days": "mon", "open": "09:00", "close": "09:00"}],
        [{"days": "mon", "open": "25:00", "close": "26:00"}],
        [{"days": "fri-mon", "open": "09:00", "close": "17:00"}],
    ],
)
def test_parse_schedule_bad(value):
    with pytest.raises(HoursError):
        parse_schedule(value)


# status

@pytest.mark.parametrize(
    ("schedule", "now", "next_open"),
    [
        pytest.param(OFFICE, ams(TUE, 10), None, id="office-tuesday-10"),
        pytest.param(OFFICE, ams(MON, 9), None, id="office-opens-at-09:00-sharp"),
        pytest.param(OFFICE, ams(FRI, 16, 59), None, id="office-friday-16:59"),
        pytest.param(OFFICE, ams(FRI, 17), ams(MON + 7, 9), id="office-friday-17:00-to-monday"),
        pytest.param(OFFICE, ams(SAT, 12), ams(MON + 7, 9), id="office-saturday-to-monday"),
        pytest.param(OFFICE, ams(SUN, 23, 59), ams(MON + 7, 9), id="office-sunday-23:59-to-monday"),
        pytest.param(OFFICE, ams(MON, 8, 59), ams(MON, 9), id="office-monday-08:59-to-today"),
        pytest.param(OFFICE, ams(MON, 0), ams(MON, 9), id="office-monday-midnight-to-today"),
        pytest.param(OFFICE, ams(WED, 17, 30), ams(THU, 9), id="office-wednesday-evening-to-thursday"),
        pytest.param(DAILY, ams(WED, 10, 59), ams(WED, 11), id="daily-before-opening"),
        pytest.param(DAILY, ams(WED, 11), None, id="daily-opening"),
        pytest.param(DAILY, ams(WED, 20, 59), None, id="daily-last-minute"),
        pytest.param(DAILY, ams(WED, 21), ams(THU, 11), id="daily-closing-to-tomorrow"),
        pytest.param(DAILY, ams(SUN, 22), ams(MON + 7, 11), id="daily-sunday-night-to-monday"),
        pytest.param(hours(("tue", "09:00", "10:00")), ams(TUE, 11), ams(TUE + 7, 9),
                     id="weekly-same-day-next-week"),
    ],
)
def test_status_in_local_time(schedule, now, next_open):
    result = status(schedule, now)
    assert result.is_open is (next_open is None)
    assert result.next_open == next_open


@pytest.mark.parametrize(
    ("schedule", "now", "next_open"),
    [
        pytest.param(hours(("fri", "20:00", "24:00")), ams(FRI, 23, 59), None, id="open-until-midnight"),
        pytest.param(hours(("fri", "20:00", "24:00")), ams(SAT, 0), ams(FRI + 7, 20),
                     id="closed-at-midnight"),
        pytest.param(hours(("mon-sun", "18:00", "24:00"), ("mon-sun", "00:00", "02:00")),
                     ams(TUE, 0, 30), None, id="overnight-after-midnight"),
        pytest.param(hours(("mon-sun", "18:00", "24:00"), ("mon-sun", "00:00", "02:00")),
                     ams(TUE, 2), ams(TUE, 18), id="overnight-closed-in-the-morning"),
    ],
)
def test_status_at_the_day_boundary(schedule, now, next_open):
    result = status(schedule, now)
    assert result.is_open is (next_open is None)
    assert result.next_open == next_open


@pytest.mark.parametrize(
    "now",
    [ams(MON, 0), ams(SUN, 23, 59), utc(3, 29, 1, 30), utc(10, 25, 0, 30), utc(10, 25, 1, 30),
     utc(12, 31, 23, 59)],
)
def test_always_open(now):
    result = status(parse_schedule("24/7"), now)
    assert result.is_open
    assert result.next_open is None


def test_schedule_without_periods_never_opens():
    result = status(Schedule(periods=()), ams(MON, 12))
    assert not result.is_open
    assert result.next_open is None


# Summer time: 2026-03-29 clocks go 02:00 -> 03:00, 2026-10-25 clocks go 03:00 -> 02:00.

@pytest.mark.parametrize(
    ("schedule", "now", "is_open"),
    [
        pytest.param(DAILY, utc(3, 29, 9, 30), True, id="spring-11:30-CEST-open"),
        pytest.param(DAILY, utc(3, 29, 19, 30), False, id="spring-21:30-CEST-closed"),
        pytest.param(DAILY, utc(3, 28, 9, 30), False, id="spring-eve-10:30-CET-closed"),
        pytest.param(DAILY, utc(10, 25, 9, 30), False, id="autumn-10:30-CET-closed"),
        pytest.param(DAILY, utc(10, 25, 19, 30), True, id="autumn-20:30-CET-open"),
        pytest.param(NIGHT, utc(3, 29, 0, 59), True, id="spring-01:59-CET-open"),
        pytest.param(NIGHT, utc(3, 29, 1, 0), False, id="spring-03:00-CEST-closed"),
        pytest.param(NIGHT, utc(10, 25, 0, 30), True, id="autumn-first-02:30-open"),
        pytest.param(NIGHT, utc(10, 25, 1, 30), True, id="autumn-second-02:30-open"),
        pytest.param(NIGHT, utc(10, 25, 2, 0), False, id="autumn-03:00-CET-closed"),
    ],
)
def test_open_across_summer_time_switches(schedule, now, is_open):
    assert status(schedule, now).is_open is is_open


@pytest.mark.parametrize(
    ("schedule", "now", "local_wall", "instant"),
    [
        pytest.param(DAILY, utc(3, 28, 9, 30), datetime(2026, 3, 28, 11), utc(3, 28, 10),
                     id="spring-eve-opens-today-11:00-CET"),
        pytest.param(DAILY, utc(3, 28, 21, 30), datetime(2026, 3, 29, 11), utc(3, 29, 9),
                     id="spring-opens-tomorrow-11:00-CEST"),
        pytest.param(DAILY, utc(3, 29, 19, 30), datetime(2026, 3, 30, 11), utc(3, 30, 9),
                     id="spring-closed-to-monday-CEST"),
        pytest.param(DAILY, utc(10, 25, 9, 30), datetime(2026, 10, 25, 11), utc(10, 25, 10),
                     id="autumn-opens-today-11:00-CET"),
        pytest.param(DAILY, utc(10, 24, 21, 30), datetime(2026, 10, 25, 11), utc(10, 25, 10),
                     id="autumn-eve-opens-tomorrow-11:00-CET"),
        pytest.param(NIGHT, utc(3, 29, 1, 0), datetime(2026, 3, 30, 0), utc(3, 29, 22),
                     id="spring-night-line-reopens-at-midnight-CEST"),
        pytest.param(NIGHT, utc(10, 25, 2, 0), datetime(2026, 10, 26, 0), utc(10, 25, 23),
                     id="autumn-night-line-reopens-at-midnight-CET"),
    ],
)
def test_next_open_across_summer_time_switches(schedule, now, local_wall, instant):
    result = status(schedule, now)
    assert not result.is_open
    assert result.next_open.astimezone(AMS).replace(tzinfo=None) == local_wall
    assert result.next_open.astimezone(UTC) == instant
    assert result.next_open == instant


@pytest.mark.parametrize("schedule", [OFFICE, parse_schedule("24/7")])
def test_status_rejects_naive_datetime(schedule):
    with pytest.raises(ValueError):
        status(schedule, datetime(2026, 6, 2, 10, 0))
