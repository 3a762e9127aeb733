"""Translator tools: mark a page as done, and show what changed in the Dutch since.

The hash a translation records is enough to find the Dutch text it followed in
the project's git history; `dutch_changes` compares that text with today's, key
by key, next to the translation's own text.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

from .config import ROOT_DIR
from .content_files import SOURCE_LANGUAGE, source_hash

SOURCE_LINE = re.compile(r'^source\s*=\s*"[^"\n]*"', re.MULTILINE)


def mark_done(path: Path, new_hash: str) -> None:
    """Write `source = "<hash>"` into a translation file, keeping everything else as it is."""
    text = path.read_text(encoding="utf-8")
    line = f'source = "{new_hash}"'
    if SOURCE_LINE.search(text):
        text = SOURCE_LINE.sub(line, text, count=1)
    else:
        # Top-level keys come before any [table]: after the opening comments is safe.
        lines = text.splitlines(keepends=True)
        at = next((i for i, ln in enumerate(lines) if not ln.startswith("#")), len(lines))
        lines.insert(at, line + "\n")
        text = "".join(lines)
    path.write_text(text, encoding="utf-8")


def flatten(data, prefix: str = "") -> dict[str, str]:
    """Return every text of a TOML tree by its path, e.g. {'steps[0].title': '...'}."""
    if isinstance(data, dict):
        items = {}
        for key, value in data.items():
            items.update(flatten(value, f"{prefix}.{key}" if prefix else key))
        return items
    if isinstance(data, list):
        items = {}
        for i, value in enumerate(data):
            items.update(flatten(value, f"{prefix}[{i}]"))
        return items
    return {prefix: data}


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT_DIR, capture_output=True, text=True,
                              check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def dutch_text_with_hash(path: Path, wanted: str) -> tuple[str, dict] | None:
    """Find the Dutch text with this hash in the git history: (commit, texts), or None."""
    try:
        relative = path.resolve().relative_to(ROOT_DIR).as_posix()
    except ValueError:
        return None
    commits = _git("log", "--format=%H", "--", relative)
    for commit in (commits or "").split():
        old = _git("show", f"{commit}:{relative}")
        try:
            data = tomllib.loads(old or "")
        except tomllib.TOMLDecodeError:
            continue
        if old and source_hash(data) == wanted:
            return commit, data
    return None


def dutch_changes(page, status) -> list[str]:
    """Describe, for a translator, what changed in the Dutch since the translation followed it."""
    lines = [f"{page.key} in {status.lang}: follows Dutch text {status.follows or '(none)'}; "
             f"the Dutch is now {page.source_hash}."]
    if status.follows == page.source_hash:
        lines.append("Nothing changed in the Dutch since.")
    now = flatten(page.dutch)
    own = {}
    if status.exists:
        own = flatten({k: v for k, v in tomllib.loads(status.path.read_text(encoding="utf-8"))
                       .items() if k != "source"})
    found = dutch_text_with_hash(page.folder / f"{SOURCE_LANGUAGE}.toml", status.follows or "")
    if status.follows and status.follows != page.source_hash and found is None:
        lines.append("That Dutch text is not in the git history here, so below is every Dutch "
                     "text that has no translation, and the whole page is worth a reread.")
    then = flatten(found[1]) if found else now
    if found:
        lines.append(f"(That Dutch text is in commit {found[0][:10]}.)")
    for path in sorted(set(now) | set(then), key=lambda p: list(now).index(p) if p in now else 0):
        before, after, mine = then.get(path), now.get(path), own.get(path)
        if before == after and mine is not None:
            continue
        kind = "new" if before is None else "removed" if after is None else (
            "changed" if before != after else "not translated")
        lines.append(f"\n{kind}: {path}")
        if before is not None and before != after:
            lines.append(f"  Dutch then: {before}")
        if after is not None:
            lines.append(f"  Dutch now:  {after}")
        lines.append(f"  {status.lang} now:     {mine if mine is not None else '(none)'}")
    return lines
