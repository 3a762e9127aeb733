"""Print how fast the quick exit is: Shift pressed three times, 20 runs.

Two figures, median and worst:
- hidden: from the third Shift keyup to the content being gone (goal: within 16 ms);
- left: from that keyup to the neutral page being committed (goal: within 300 ms).

Run: .venv/bin/python bench/exit_latency.py   (starts its own server, as `make run` does)
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from server.config import Config  # noqa: E402
from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    chromium_path,
    exit_ready,
    start_server,
    stop_server,
)

RUNS = 20
PROBE = """() => {
  addEventListener("keyup", (e) => {
    if (e.key === "Shift") window.__keyup = performance.timeOrigin + performance.now();
  }, true);
  new MutationObserver(() => {
    const hidden = performance.getEntriesByName("exit:hidden")[0];
    if (hidden) {
      sessionStorage.setItem("bench:exit", JSON.stringify(
        [performance.timeOrigin + hidden.startTime - window.__keyup, window.__keyup]));
    }
  }).observe(document.body, { childList: true });
}"""
COMMITTED = """() => performance.timeOrigin
  + performance.getEntriesByType("navigation")[0].responseEnd"""


def main() -> None:
    """Run the exit 20 times and print the median and worst times."""
    proc, base = start_server()
    hidden, left = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for _ in range(RUNS):
                context = browser.new_context()
                context.route(Config.EXIT_URL + "**", lambda route: route.fulfill(
                    body="<title>Weer</title>", content_type="text/html"))
                page = context.new_page()
                page.goto(base + "/nl/contact/")
                exit_ready(page)
                page.evaluate(PROBE)
                for _ in range(3):
                    page.keyboard.press("Shift")
                page.wait_for_url(Config.EXIT_URL)
                committed = page.evaluate(COMMITTED)
                # Our site's session storage outlives the trip to the exit site.
                page.goto(base + "/robots.txt")
                ms, at = json.loads(page.evaluate("sessionStorage.getItem('bench:exit')"))
                hidden.append(ms)
                left.append(committed - at)
                context.close()
            browser.close()
    finally:
        stop_server(proc)
    for name, values, goal in (("hidden", hidden, 16), ("left", left, 300)):
        print(f"{name:>7}: median {statistics.median(values):6.1f} ms, "
              f"worst {max(values):6.1f} ms  (goal < {goal} ms, {RUNS} runs)")


if __name__ == "__main__":
    main()
