"""Building the front end into static/build/<version>/."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from server import assets

PWA = Path(__file__).resolve().parents[2] / "pwa"


def test_build_writes_a_versioned_folder_and_leaves_no_work_folder(tmp_path):
    static = tmp_path / "static"
    version = assets.build(PWA, static)
    assert (static / "build" / version / "js" / "init.js").is_file()
    assert (static / "build" / version / "icons" / "calc-192.png").is_file()
    assert not [p for p in tmp_path.rglob(".static-build-*")]


def test_static_on_its_own_mount_is_copied_not_lost(tmp_path, monkeypatch):
    def cross_device(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "rename", cross_device)
    static = tmp_path / "static"
    version = assets.build(PWA, static)
    assert (static / "build" / version / "css" / "app.css").read_text(encoding="utf-8") == \
        assets.minify_css((PWA / "css" / "app.css").read_text(encoding="utf-8"))
    assert not [p for p in tmp_path.rglob(".static-build-*")]


def test_served_style_sheets_carry_no_comments_and_are_smaller(tmp_path):
    """The style sheet's comments talk about the quick exit and the plan; the phone gets none."""
    static = tmp_path / "static"
    version = assets.build(PWA, static)
    sheets = list((static / "build" / version).rglob("*.css"))
    assert sheets
    for sheet in sheets:
        served = sheet.read_text(encoding="utf-8")
        source = (PWA / sheet.relative_to(static / "build" / version)).read_text(encoding="utf-8")
        assert "/*" in source and "/*" not in served, sheet.name
        assert len(served) < 0.85 * len(source)
        assert "Quick exit" not in served


def test_served_scripts_carry_no_comments(tmp_path):
    """Whoever reads the phone's copy of the scripts must not learn what the app is for."""
    import re

    from server import create_app

    static = tmp_path / "static"
    version = assets.build(PWA, static)
    app = create_app({"TESTING": True, "STATIC_DIR": str(static)})
    scripts = {p.name: p.read_text(encoding="utf-8")
               for p in (static / "build" / version).rglob("*.js")}
    scripts["sw.js"] = app.test_client().get("/sw.js").get_data(as_text=True)
    assert len(scripts) > 10
    for name, text in scripts.items():
        assert "/*" not in text and not re.search(r"(^|[\s;{}(])//", text), name
        for word in ("Uitweg", "safety plan", "service worker", "offline copy"):
            assert word not in text, (name, word)
