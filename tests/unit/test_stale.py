"""`flask services stale`: which directory facts are due for a re-check, for an operator's CI."""

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from server import create_app
from server.config import Config
from server.services import load_directory
from server.stale import due_for_check, months_between, start_of

ROOT = Path(__file__).resolve().parents[2]
REAL = Path(Config.SERVICES_FILE).read_text(encoding="utf-8")
LINE = re.compile(r"(OVERDUE |check   )[a-z0-9-]+( [a-z]+(\[\d+\])?(\.[a-z]+)?)?: \S.*")


def recently_checked(text: str, when: str = "2026-06") -> str:
    """Return the real data file with every entry checked on one day."""
    text = re.sub(r'(?m)^checked = ".*"\n', "", text)
    return re.sub(r'(?m)^(confidence = ".*")$', rf'\1\nchecked = "{when}"', text)


def stale(services_file, *args):
    """Run `flask services stale` against a data file; return the CLI result."""
    app = create_app({"TESTING": True, "SERVICES_FILE": str(services_file)})
    return app.test_cli_runner().invoke(args=["services", "stale", *args])


def test_overdue_entries_and_their_fields_are_listed_and_fail(tmp_path):
    path = tmp_path / "services.toml"
    path.write_text(REAL, encoding="utf-8")
    result = stale(path, "--months", "12", "--today", "2026-11-30")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(LINE.fullmatch(line) for line in lines), lines
    assert ("OVERDUE kindertelefoon: last checked 2019-09, 86 months ago (limit 12); "
            "needs_check: hours are from 2019; one source says the age range is 12-18") in lines
    # No checked date at all is overdue, and each unconfirmed field gets its own line.
    assert "OVERDUE mmm: no checked date; needs_check: hours not confirmed; source undated" in lines
    assert "OVERDUE mmm phones[0].hours: no opening hours for 0800-7000" in lines
    assert "OVERDUE mind cost: no call cost" in lines
    assert "OVERDUE fier chat.hours: no chat hours" in lines
    # 112 has no needs_check, but its check is older than the limit.
    assert "OVERDUE 112: last checked 2023-02, 45 months ago (limit 12)" in lines
    assert "12 of 12 entries overdue" in result.stderr


def test_nothing_overdue_lists_what_needs_a_check_and_passes(tmp_path):
    path = tmp_path / "services.toml"
    path.write_text(recently_checked(REAL), encoding="utf-8")
    result = stale(path, "--months", "12", "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(line.startswith("check   ") for line in lines), lines
    assert ("check   veilig-thuis: last checked 2026-06, 5 months ago; "
            "needs_check: chat hours are confidence M") in lines
    assert "check   helpwanted phones[0].hours: no opening hours for 020-261 52 75" in lines
    # Checked recently and nothing flagged: not listed.
    assert not [line for line in lines if re.match(r"check   (112|113)\b", line)]
    assert "0 of 12 entries overdue" in result.stderr


def test_the_limit_is_whole_months_since_the_check(tmp_path):
    path = tmp_path / "services.toml"
    path.write_text(recently_checked(REAL, "2025-11-30"), encoding="utf-8")
    assert stale(path, "--months", "12", "--today", "2026-11-29").exit_code == 0
    assert stale(path, "--months", "12", "--today", "2026-11-30").exit_code == 1
    assert stale(path, "--months", "13", "--today", "2026-11-30").exit_code == 0


def test_dates_count_from_their_earliest_day():
    assert start_of("2020") == date(2020, 1, 1)
    assert start_of("2019-09") == date(2019, 9, 1)
    assert months_between(date(2025, 10, 29), date(2026, 10, 28)) == 11
    assert months_between(date(2025, 10, 29), date(2026, 10, 29)) == 12
    directory = load_directory(Config.SERVICES_FILE)
    found = due_for_check(directory.services, date(2019, 10, 1), 12)
    kt = [item for item in found if item.service == "kindertelefoon"]
    assert kt and not any(item.overdue for item in kt)


def test_bad_options_get_a_usage_message(tmp_path):
    path = tmp_path / "services.toml"
    path.write_text(REAL, encoding="utf-8")
    for args in (["--months", "0"], ["--months", "twelve"], ["--today", "30-11-2026"]):
        result = stale(path, *args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output and "Error: Invalid value" in result.output


@pytest.mark.parametrize(("text", "problem"), [
    ("[[service]\nid = ", "not valid TOML"),
    (REAL.replace('checked = "2019-09"', 'checked = "2019-13"'), "'2019-13' is not a date"),
])
def test_a_broken_data_file_gets_one_line_and_no_traceback(tmp_path, text, problem):
    path = tmp_path / "services.toml"
    path.write_text(text, encoding="utf-8")
    env = {**os.environ, "SERVICES_FILE": str(path), "FLASK_APP": "server:create_app"}
    done = subprocess.run([sys.executable, "-m", "flask", "services", "stale", "--months", "12"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout == ""
    assert re.fullmatch(rf"Error: Broken services data in {re.escape(str(path))}.*: .*\n",
                        done.stderr)
    assert problem in done.stderr
