"""Print the Flesch-Douma reading ease of every child-mode page (goal: 80 or more).

Run: .venv/bin/python bench/readability.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server import create_app  # noqa: E402
from server.offline import page_urls  # noqa: E402
from server.readability import flesch_douma, main_text  # noqa: E402


def main() -> None:
    """Render each child page and print its score."""
    app = create_app({"TESTING": True})
    client = app.test_client()
    for lang in app.config["LANGUAGES"]:
        for path in page_urls(app, lang):
            if f"/{lang}/j/" not in path:
                continue
            score = flesch_douma(main_text(client.get(path).get_data(as_text=True)))
            flag = "ok" if score >= 80 else "TOO HARD"
            print(f"{path:<24} Flesch-Douma {score:5.1f}  {flag}")


if __name__ == "__main__":
    main()
