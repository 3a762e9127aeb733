"""Command-line helpers: `flask translate ...`, `flask services stale` and `flask freeze`."""

from __future__ import annotations

import subprocess
import sys

import click
from flask import Blueprint

from .config import ROOT_DIR

bp = Blueprint("cli", __name__, cli_group=None)

POT = ROOT_DIR / "translations" / "messages.pot"
TRANSLATIONS = ROOT_DIR / "translations"


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True,
                   cwd=ROOT_DIR)


@bp.cli.group()
def translate():
    """Keep the translation catalogs up to date."""


@translate.command()
def extract():
    """Collect every translatable text into translations/messages.pot."""
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-k", "lazy_pgettext:1c,2", "--no-location", "--sort-output",
             "--project", "Uitweg", "-o", str(POT), ".")


@translate.command()
def update():
    """Extract, then merge the new texts into every language's catalog."""
    extract.callback()
    _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-wrap", "--ignore-obsolete")


@translate.command()
@click.option("--lang", help="start a catalog for a new language")
def init(lang):
    """Start the catalog of a new language."""
    _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang, "--no-wrap")


@translate.command()
def check():
    """Fail on a missing, fuzzy or obsolete entry, a broken placeholder, or a page behind."""
    from flask import current_app

    from .catalogs import check_all

    problems = check_all(TRANSLATIONS, current_app.config["LANGUAGES"])
    for problem in problems:
        click.echo(problem, err=True)
    # Broken content files never get here: the app refuses to start, naming file and line.
    pages = current_app.extensions["content"].problems()
    for key, lines in pages.items():
        click.echo(f"{key}:", err=True)
        for line in lines:
            click.echo(f"  {line}", err=True)
        click.echo(f"  What changed: flask translate diff {key} <lang>. "
                   f"After updating: flask translate done {key} <lang>", err=True)
        problems += lines
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in the translations")
    click.echo(f"All {len(current_app.config['LANGUAGES'])} catalogs are complete, and every "
               f"translated page follows the current Dutch text.")


def _page_and_translation(key: str, lang: str):
    from flask import current_app

    content = current_app.extensions["content"]
    page = content.pages.get(key)
    if page is None:
        raise click.ClickException(f"no page {key!r}; pages: {', '.join(sorted(content.pages))}")
    if lang not in page.translations:
        raise click.ClickException(f"{lang!r} is not a translated language "
                                   f"({', '.join(page.translations)})")
    return page, page.translations[lang]


@translate.command()
@click.argument("page")
@click.argument("lang")
def done(page, lang):
    """Mark PAGE in LANG (e.g. tips/me ar) as following the current Dutch text."""
    from .content_tools import mark_done

    page, status = _page_and_translation(page, lang)
    if not status.exists:
        raise click.ClickException(f"{status.path} does not exist yet: copy nl.toml and translate")
    if status.missing or status.differs:
        lines = [f"  {line}" for line in status.problems(page.source_hash)[1:] if line]
        raise click.ClickException("translate these first:\n" + "\n".join(lines))
    mark_done(status.path, page.source_hash)
    click.echo(f"{status.path.name} of {page.key} now follows Dutch text {page.source_hash}.")
    if status.unknown:
        click.echo(f"Not in the Dutch text (remove them?): {', '.join(status.unknown)}")


@translate.command()
@click.argument("page")
@click.argument("lang")
def diff(page, lang):
    """Show what changed in the Dutch text of PAGE since LANG last followed it."""
    from .content_tools import dutch_changes

    page, status = _page_and_translation(page, lang)
    for line in dutch_changes(page, status):
        click.echo(line)


@translate.command(name="compile")
def compile_():
    """Build the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@bp.cli.group()
def services():
    """Look after the help directory (the services data file)."""


@services.command()
@click.option("--months", type=click.IntRange(min=1), default=12, show_default=True,
              help="an entry last checked this many months ago or longer is overdue")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="count from this day instead of today (YYYY-MM-DD)")
def stale(months, today):
    """List every entry and field due for a re-check; fail when one is overdue."""
    from datetime import date

    from flask import current_app

    from .stale import due_for_check

    # A broken data file never gets here: the app refuses to start, naming the problem.
    directory = current_app.extensions["directory"]
    found = due_for_check(directory.services, today.date() if today else date.today(), months)
    for item in found:
        click.echo(item.line())
    overdue = {item.service for item in found if item.overdue}
    flagged = {item.service for item in found} - overdue
    click.echo(f"{len(overdue)} of {len(directory.services)} entries overdue (checked "
               f"{months} months ago or more, or never); {len(flagged)} more marked needs_check.",
               err=True)
    if overdue:
        raise SystemExit(1)


@bp.cli.command()
@click.argument("destination", type=click.Path(file_okay=False))
@click.option("--base-url", required=True,
              help="the public address the export will be served from, e.g. https://example.org/")
def freeze(destination, base_url):
    """Write the whole app as static files for a static host or CDN."""
    from flask import current_app

    from .export import ExportError
    from .export import freeze as write_export

    try:
        written = write_export(current_app, destination, base_url)
    except ExportError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {len(written)} addresses and the front-end files to {destination}")
