"""Command-line helpers: `flask translate extract|update|check|compile` and `flask freeze`."""

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
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "--no-location", "--sort-output",
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
    """Fail when a catalog has a missing, fuzzy or obsolete entry, or a broken placeholder."""
    from flask import current_app

    from .catalogs import check_all

    problems = check_all(TRANSLATIONS, current_app.config["LANGUAGES"])
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise SystemExit(f"{len(problems)} problem(s) in the translations")
    click.echo(f"All {len(current_app.config['LANGUAGES'])} catalogs are complete.")


@translate.command(name="compile")
def compile_():
    """Build the .mo files the app reads."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


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
