from pathlib import Path

import pytest

from server.catalogs import check_all, check_catalog, placeholders
from server.config import ROOT_DIR, Config

TRANSLATIONS = ROOT_DIR / "translations"
POT = TRANSLATIONS / "messages.pot"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def test_every_shipped_catalog_is_complete():
    assert check_all(TRANSLATIONS, Config.LANGUAGES) == []


def write(tmp_path: Path, pot: str, po: str) -> tuple[Path, Path]:
    (tmp_path / "t.pot").write_text(HEADER + pot, encoding="utf-8")
    (tmp_path / "x.po").write_text(HEADER + po, encoding="utf-8")
    return tmp_path / "x.po", tmp_path / "t.pot"


def test_placeholders_are_found():
    assert placeholders("Call %(name)s on %(number)s, %(num)d times, %s") == \
        ["%(name)s", "%(num)d", "%(number)s", "%s"]


@pytest.mark.parametrize(("po", "problem"), [
    ('msgid "Hi %(name)s"\nmsgstr ""\n', "not translated"),
    ('#, fuzzy\nmsgid "Hi %(name)s"\nmsgstr "Hoi %(name)s"\n', "fuzzy"),
    ('msgid "Hi %(name)s"\nmsgstr "Hoi %(naam)s"\n', "placeholders"),
    ('msgid "Hi %(name)s"\nmsgstr "Hoi"\n', "placeholders"),
    ('msgid "Other"\nmsgstr "Anders"\n', "missing"),
    ('msgid "Hi %(name)s"\nmsgstr "Hoi %(name)s"\n\n#~ msgid "Old"\n#~ msgstr "Oud"\n', "obsolete"),
])
def test_each_kind_of_catalog_problem_is_reported(tmp_path, po, problem):
    po_path, pot_path = write(tmp_path, 'msgid "Hi %(name)s"\nmsgstr ""\n', po)
    problems = check_catalog(po_path, pot_path)
    assert any(problem in p for p in problems), problems


def test_a_good_catalog_has_no_problems(tmp_path):
    po_path, pot_path = write(
        tmp_path,
        'msgid "Hi %(name)s"\nmsgstr ""\n\nmsgid "%(num)d item"\nmsgid_plural "%(num)d items"\n'
        'msgstr[0] ""\nmsgstr[1] ""\n',
        'msgid "Hi %(name)s"\nmsgstr "Hoi %(name)s"\n\nmsgid "%(num)d item"\n'
        'msgid_plural "%(num)d items"\nmsgstr[0] "%(num)d punt"\nmsgstr[1] "%(num)d punten"\n')
    assert check_catalog(po_path, pot_path) == []


def test_the_check_command_fails_on_problems(runner, monkeypatch):
    import server.catalogs

    monkeypatch.setattr(server.catalogs, "check_all", lambda *a: ["x.po: 'Hi': fuzzy"])
    result = runner.invoke(args=["translate", "check"])
    assert result.exit_code != 0
    assert "fuzzy" in result.output
