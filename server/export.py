"""The static export: every public page, manifest, service worker and file, as plain files.

`flask freeze <folder> --base-url https://example.org/` writes what any static
host or CDN can serve. Each page address ends in a slash, so it is stored as
`<address>/index.html`. The export works offline and installs exactly like the
app served by gunicorn, because it is made by the same app through Frozen-Flask.

What only a server can do: answer the erase form with `Clear-Site-Data`. With
JavaScript the page erases what it can reach itself; the README gives the nginx
lines that add the header.
"""

from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from flask_frozen import Freezer, MissingURLGeneratorWarning
from markupsafe import escape
from whitenoise.compress import Compressor


class ExportError(Exception):
    """A destination or address the export cannot be written to; the message says why."""

# A folder holding these came from an earlier export, so it may be replaced.
EXPORT_MARK = ".uitweg-export"
COMPRESSED_SUFFIXES = {".html", ".js", ".css", ".svg", ".json", ".webmanifest", ".txt"}


def check_base_url(base_url: str) -> str:
    """Return the host of an export's public address, or raise ExportError when it is unusable."""
    parts = urlsplit(base_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ExportError(
            f"--base-url must be an address like https://example.org/, got {base_url!r}")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        # The service worker's scope and every link start at the root of the site.
        raise ExportError(f"--base-url must be the root of a site, without a path: {base_url!r}")
    return parts.netloc


def check_destination(destination: Path) -> None:
    """Refuse to write into a folder that holds anything but an earlier export."""
    if destination.exists() and not destination.is_dir():
        raise ExportError(f"{destination} is a file, not a folder")
    earlier_export = (destination / EXPORT_MARK).exists()
    if destination.is_dir() and any(destination.iterdir()) and not earlier_export:
        raise ExportError(f"{destination} is not empty and holds no earlier export; "
                          "choose an empty folder")


def export_urls(app) -> list[str]:
    """List every address the export holds: pages, manifests and pack of each language, and more."""
    from .offline import language_urls, pack_url

    urls = ["/robots.txt", "/sw.js"]
    for lang in app.config["LANGUAGES"]:
        urls += language_urls(app, lang) + [pack_url(lang)]
    return urls


def freeze(app, destination: Path | str, base_url: str) -> list[str]:
    """Write the static export of `app` to `destination`; return the addresses written."""
    host = check_base_url(base_url)
    destination = Path(destination).resolve()
    check_destination(destination)
    earlier = _files_of_earlier_export(destination)
    app.config.update(
        FREEZER_DESTINATION=str(destination),
        FREEZER_BASE_URL=f"{urlsplit(base_url).scheme}://{host}/",
        # Only what an earlier export wrote is removed (below), never the host's own
        # files such as _headers, CNAME or .well-known/.
        FREEZER_REMOVE_EXTRA_FILES=False,
        # sw.js is text/javascript; Python's table may say application/javascript.
        FREEZER_IGNORE_MIMETYPE_WARNINGS=True,
        STATIC_EXPORT=True,
        PAGE_CACHE=False,
    )
    freezer = Freezer(app, with_static_files=False, with_no_argument_rules=False,
                      log_url_for=False)
    urls = export_urls(app)
    freezer.register_generator(lambda: urls)
    with warnings.catch_warnings():
        # Only the addresses above belong in the export (no /healthz, no POST endpoint).
        warnings.simplefilter("ignore", MissingURLGeneratorWarning)
        try:
            pages = list(freezer.freeze_yield())
        except ValueError as error:  # Frozen-Flask: a page did not answer 200
            raise ExportError(f"the export stopped: {error}") from None
    files = {page.path.as_posix() for page in pages} | {"index.html", "404.html"}
    _write_root(app, destination)
    _write_not_found(app, destination, base_url)
    files |= _compress(destination, files)
    files |= _copy_assets(app, destination)
    for stale in sorted(earlier - files):
        (destination / stale).unlink(missing_ok=True)
    (destination / EXPORT_MARK).write_text("".join(f"{name}\n" for name in sorted(files)))
    return sorted(page.url for page in pages)


def _files_of_earlier_export(destination: Path) -> set[str]:
    """Return the files the earlier export in this folder wrote (listed in its mark)."""
    mark = destination / EXPORT_MARK
    if not mark.is_file():
        return set()
    return {line for line in mark.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith(("/", "..")) and ".." not in line.split("/")}


ROOT_PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0; url={start}">
<title>{title}</title>
</head>
<body><p><a href="{start}">{title}</a></p></body>
</html>
"""


def _write_root(app, destination: Path) -> None:
    """Send the bare address on to the default language, as the server's redirect does."""
    lang = app.config["DEFAULT_LANGUAGE"]
    page = ROOT_PAGE.format(lang=lang, start=f"/{lang}/", title=escape(app.config["SITE_TITLE"]))
    (destination / "index.html").write_text(page, encoding="utf-8")


def _write_not_found(app, destination: Path, base_url: str) -> None:
    """Store the 404 page as 404.html, the name static hosts look for."""
    # A fresh app context: `g` of the pages rendered before (their language) must not carry over.
    with app.app_context(), app.test_client() as client:
        response = client.get("/__not-found__/", base_url=base_url)
    (destination / "404.html").write_bytes(response.get_data())


def _copy_assets(app, destination: Path) -> set[str]:
    """Copy the current front-end build under static/, keeping the two before it.

    Pages that are open while the export is replaced still load their own files.
    Return the names of the files kept there.
    """
    from .assets import KEEP_BUILDS, prune

    version = app.config["ASSET_VERSION"]
    source = Path(app.config["STATIC_DIR"]) / "build" / version
    target = destination / "static" / "build"
    if not (target / version).is_dir():
        shutil.copytree(source, target / version)
    os.utime(target / version)
    prune(target, keep=KEEP_BUILDS)
    return {p.relative_to(destination).as_posix() for p in target.rglob("*") if p.is_file()}


def _compress(destination: Path, names: set[str]) -> set[str]:
    """Add .gz and .br copies of the text files written, for hosts that serve them as they are."""
    compressor = Compressor(quiet=True)
    copies = set()
    for name in names:
        path = destination / name
        if path.suffix not in COMPRESSED_SUFFIXES:
            continue
        for twin in (path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")):
            twin.unlink(missing_ok=True)
        for written in compressor.compress(str(path)):
            copies.add(Path(written).relative_to(destination).as_posix())
    return copies
