import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from flask import g

from server import display
from server.hours import Schedule, parse_schedule

AMS = ZoneInfo("Europe/Amsterdam")


def hours(*periods):
    return parse_schedule([{"days": d, "open": o, "close": c} for d, o, c in periods])


OFFICE = hours(("mon-fri", "09:00", "17:00"))
DAILY = hours(("mon-sun", "11:00", "21:00"))


@pytest.fixture
def nl(app):
    with app.test_request_context("/nl/"):
        g.lang = "nl"
        yield


@pytest.mark.parametrize(
    ("schedule", "text"),
    [
        (parse_schedule("24/7"), "Dag en nacht, elke dag"),
        (None, "Tijden: zie hun website"),
        (OFFICE, "ma t/m vr 09:00 tot 17:00"),
        (DAILY, "elke dag 11:00 tot 21:00"),
        (hours(("sat-sun", "10:00", "16:00")), "za, zo 10:00 tot 16:00"),
        (hours(("mon,wed", "09:30", "12:00")), "ma, wo 09:30 tot 12:00"),
        (hours(("mon-fri", "09:00", "17:00"), ("sat", "10:00", "14:00")),
         "ma t/m vr 09:00 tot 17:00; za 10:00 tot 14:00"),
    ],
)
def test_describe_in_dutch(nl, schedule, text):
    assert display.describe(schedule) == text


@pytest.mark.parametrize(
    ("schedule", "moment", "state", "sentence"),
    [
        pytest.param(parse_schedule("24/7"), datetime(2026, 6, 2, 3, 0, tzinfo=AMS),
                     "always", "Nu open, dag en nacht", id="always"),
        pytest.param(OFFICE, datetime(2026, 6, 2, 10, 0, tzinfo=AMS),
                     "open", "Nu open", id="open"),
        pytest.param(OFFICE, datetime(2026, 6, 1, 8, 0, tzinfo=AMS),
                     "closed", "Nu dicht. Vandaag weer open om 09:00", id="closed-today"),
        pytest.param(OFFICE, datetime(2026, 6, 2, 18, 0, tzinfo=AMS),
                     "closed", "Nu dicht. Morgen weer open om 09:00", id="closed-tomorrow"),
        pytest.param(OFFICE, datetime(2026, 6, 7, 23, 59, tzinfo=AMS),
                     "closed", "Nu dicht. Morgen weer open om 09:00", id="sunday-night-tomorrow"),
        pytest.param(OFFICE, datetime(2026, 6, 5, 17, 0, tzinfo=AMS),
                     "closed", "Nu dicht. Weer open op maandag om 09:00", id="closed-later"),
        pytest.param(Schedule(periods=()), datetime(2026, 6, 2, 10, 0, tzinfo=AMS),
                     "closed", "Nu dicht", id="never-opens"),
        # 22:30 UTC on Saturday is already Sunday in Amsterdam, so Monday is "tomorrow".
        pytest.param(OFFICE, datetime(2026, 6, 6, 22, 30, tzinfo=UTC),
                     "closed", "Nu dicht. Morgen weer open om 09:00", id="day-in-dutch-time"),
        # Summer time starts: 09:30 UTC is 11:30 in Amsterdam.
        pytest.param(DAILY, datetime(2026, 3, 29, 9, 30, tzinfo=UTC),
                     "open", "Nu open", id="summer-time-open"),
        pytest.param(DAILY, datetime(2026, 3, 28, 9, 30, tzinfo=UTC),
                     "closed", "Nu dicht. Vandaag weer open om 11:00", id="winter-time-closed"),
    ],
)
def test_current_status_sentences(nl, schedule, moment, state, sentence):
    assert display.current_status(schedule, moment) == (state, sentence)


def test_status_messages_are_dutch_with_placeholders(nl):
    messages = display.status_messages()
    assert set(messages) == {"always", "open", "today", "tomorrow", "later", "closed"}
    assert messages["open"] == "Nu open"
    assert "%(time)s" in messages["today"]
    assert "%(day)s" in messages["later"] and "%(time)s" in messages["later"]


def test_day_names_start_on_monday_in_dutch(nl):
    assert display.day_names() == [
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    ]


def test_schedule_json_has_localised_start_labels(nl):
    data = json.loads(display.schedule_json(hours(("mon-fri", "09:00", "17:00"))))
    assert data == {"periods": [{"days": [0, 1, 2, 3, 4], "start": 540, "end": 1020,
                                 "label": "09:00"}]}
    assert json.loads(display.schedule_json(parse_schedule("24/7"))) == {"always": True}


@pytest.mark.parametrize(
    ("value", "text"),
    [("2023-02", "februari 2023"), ("2025-10-29", "29 oktober 2025"), ("2023", "2023")],
)
def test_checked_date_in_dutch(nl, value, text):
    assert display.checked_date(value) == text
