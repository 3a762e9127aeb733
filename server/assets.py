"""Front-end assets: copy pwa/ into a content-versioned folder under static/build.

The whole front end gets one version derived from its content, so ES module
imports stay plain relative paths and a browser never mixes old and new files.
WhiteNoise serves the folder with far-future cache headers and precompressed
copies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from whitenoise.compress import Compressor

SOURCE_SUFFIXES = {".js", ".css", ".svg", ".png", ".json", ".woff2", ".txt"}


def source_files(pwa_dir: Path) -> list[Path]:
    """List the front-end source files, in a stable order."""
    return sorted(
        p for p in Path(pwa_dir).rglob("*")
        if p.is_file() and p.suffix in SOURCE_SUFFIXES and "README" not in p.name
    )


def content_version(pwa_dir: Path) -> str:
    """Return a short hash of every front-end file's path and bytes."""
    digest = hashlib.sha256()
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
    work = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
    try:
        compressor = Compressor(quiet=True)
        for path in source_files(pwa_dir):
            out = work / path.relative_to(pwa_dir)
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, out)
            if out.suffix in {".js", ".css", ".svg", ".json", ".txt"}:
                compressor.compress(str(out))
        os.chmod(work, 0o755)
        try:
            os.rename(work, target)
        except OSError:
            # Another worker finished the same version first; its copy is identical.
            pass
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return version
