"""Front-end assets: copy pwa/ into a content-versioned folder under static/build.

The whole front end gets one version derived from its content, so ES module
imports stay plain relative paths and a browser never mixes old and new files.
WhiteNoise serves the folder with far-future cache headers and precompressed
copies.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import rcssmin
import rjsmin
from whitenoise.compress import Compressor

SOURCE_SUFFIXES = {".js", ".css", ".svg", ".png", ".json", ".woff2", ".txt"}
# Served by the app itself, with the version and precache list filled in.
NOT_COPIED = {"sw"}
# App icons: (file suffix, pixel size, maskable). Maskable icons fill the whole
# square and keep the drawing inside the 80 % safe zone.
ICON_SIZES = (("192", 192, False), ("512", 512, False), ("maskable-192", 192, True),
              ("maskable-512", 512, True), ("180", 180, True))
KEEP_BUILDS = 3
BG_PATTERN = re.compile(r'data-bg="(#[0-9a-fA-F]{6})"')


# Changes whenever the build treats a file differently, so an old build is not reused.
BUILD_STEPS = b"rjsmin js, rcssmin css, gzip+brotli"


def minify_css(source: str) -> str:
    """Remove comments and spare white space from a style sheet (rcssmin, rjsmin's sibling).

    The comments explain the layout to the next developer; the phone only needs the rules,
    and the style sheet is read before every first page is drawn.
    """
    return rcssmin.cssmin(source)


def minify_js(source: str) -> str:
    """Remove comments and spare white space from a script (rjsmin keeps strings intact).

    Served scripts carry no comments: whoever inspects the phone's copy of them
    should not read what the app is for.
    """
    return rjsmin.jsmin(source)


def source_files(pwa_dir: Path) -> list[Path]:
    """List the front-end source files, in a stable order."""
    pwa_dir = Path(pwa_dir)
    return sorted(
        p for p in pwa_dir.rglob("*")
        if p.is_file() and p.suffix in SOURCE_SUFFIXES and "README" not in p.name
        and p.relative_to(pwa_dir).parts[0] not in NOT_COPIED
    )


def render_icons(svg_path: Path, out_dir: Path) -> list[Path]:
    """Turn one app icon drawn as SVG into the PNG sizes manifests and iOS need."""
    import cairosvg

    svg = svg_path.read_text(encoding="utf-8")
    found = BG_PATTERN.search(svg)
    if not found:
        return []
    inner = svg.replace("<svg ", '<svg x="10" y="10" width="80" height="80" ', 1)
    maskable = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" fill="{found.group(1)}"/>{inner}</svg>'
    )
    written = []
    for suffix, size, masked in ICON_SIZES:
        out = out_dir / f"{svg_path.stem}-{suffix}.png"
        cairosvg.svg2png(bytestring=(maskable if masked else svg).encode(), write_to=str(out),
                         output_width=size, output_height=size)
        written.append(out)
    return written


def content_version(pwa_dir: Path) -> str:
    """Return a short hash of every front-end file's path and bytes, and of how they are built."""
    digest = hashlib.sha256(BUILD_STEPS)
    for path in source_files(pwa_dir):
        digest.update(path.relative_to(pwa_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build(pwa_dir: Path | str, static_dir: Path | str) -> str:
    """Write pwa/ to static/build/<version>/ with compressed copies; return the version."""
    pwa_dir, static_dir = Path(pwa_dir), Path(static_dir)
    version = content_version(pwa_dir)
    target = static_dir / "build" / version
    if target.is_dir():
        return version
    target.parent.mkdir(parents=True, exist_ok=True)
    work = _work_folder(static_dir)
    try:
        compressor = Compressor(quiet=True)
        for path in source_files(pwa_dir):
            out = work / path.relative_to(pwa_dir)
            out.parent.mkdir(parents=True, exist_ok=True)
            if out.suffix == ".js":
                out.write_text(minify_js(path.read_text(encoding="utf-8")), encoding="utf-8")
            elif out.suffix == ".css":
                out.write_text(minify_css(path.read_text(encoding="utf-8")), encoding="utf-8")
            else:
                shutil.copyfile(path, out)
            if out.suffix in {".js", ".css", ".svg", ".json", ".txt"}:
                compressor.compress(str(out))
            if out.suffix == ".svg" and out.parent.name == "icons":
                render_icons(out, out.parent)
        os.chmod(work, 0o755)
        try:
            os.rename(work, target)
        except OSError:
            if not target.is_dir():
                # Not another worker's identical copy, but static/ on its own mount:
                # a rename cannot cross it, so copy instead.
                shutil.copytree(work, target, dirs_exist_ok=True)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    prune(target.parent, keep=KEEP_BUILDS)
    return version


def _work_folder(static_dir: Path) -> Path:
    """Make a private folder to build in, next to static/ when possible.

    Not inside static/: WhiteNoise scans it when a worker starts, and a
    half-built folder that vanishes under that scan stops the worker. When the
    app's own folder is read-only, build in static/build/ after all.
    """
    for parent in (static_dir.parent, static_dir / "build"):
        try:
            return Path(tempfile.mkdtemp(prefix=".static-build-", dir=parent))
        except OSError:
            continue
    raise OSError(f"cannot write a build folder next to or inside {static_dir}")


def prune(build_dir: Path, keep: int) -> None:
    """Remove all but the newest `keep` builds; pages still open may use the recent ones."""
    builds = sorted((p for p in build_dir.iterdir() if p.is_dir() and not p.name.startswith(".")),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    for old in builds[keep:]:
        shutil.rmtree(old, ignore_errors=True)
