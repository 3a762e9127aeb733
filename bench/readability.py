"""Print the Flesch-Douma reading ease of every Dutch page, with its goal.

Goals (issue 13): child pages 90 or more, every other guide (content page) 80 or more;
the directory, forms and decoys have none. tests/unit/test_answers.py checks the goals.

Run: .venv/bin/python bench/readability.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from server import create_app
from server.readability import flesch_douma, main_text, reading_goals


def main() -> None:
    """Render each Dutch page and print its score next to its goal."""
    app = create_app({"TESTING": True})
    client = app.test_client()
    print(f"{'page':<28}{'score':>7}  goal")
    for path, goal in reading_goals(app, "nl").items():
        score = flesch_douma(main_text(client.get(path).get_data(as_text=True)))
        if goal is None:
            verdict = "no goal (not a guide)"
        else:
            verdict = f">= {goal:.0f}  {'ok' if score >= goal else 'TOO HARD'}"
        print(f"{path:<28}{score:7.1f}  {verdict}")


if __name__ == "__main__":
    main()
