"""Print how fast the quick exit is in each browser engine: Shift pressed three times, 20 runs.

Three figures per engine, median and worst:
- cover: from the third Shift keyup to the content being covered and gone (goal: within
  16 ms, one frame);
- asked: from that keyup to the browser starting the request for the neutral page (the
  app's own share of leaving);
- left: from that keyup to the neutral page having arrived (goal: within 300 ms).

Both are read from the browser's own clock (performance.timeOrigin + now), so the
time the test driver takes to talk to the browser is not counted.

Run: .venv/bin/python bench/exit_latency.py [--engine chromium|firefox|webkit] [--runs 20]
(starts its own server, as `make run` does, and a local neutral exit site;
without --engine it measures all three engines.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.conftest import start_server, stop_server
from tests.engines.browsers import launch
from tests.engines.driver import ENGINES
from tests.engines.exit_stub import ExitSite

RUNS = 20
GOALS = {"cover": 16, "left": 300}
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
ARRIVED = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  return [performance.timeOrigin + navigation.fetchStart,
          performance.timeOrigin + navigation.responseEnd];
}"""
EXIT_READY = "() => document.querySelector('#quick-exit[data-module-ready]') !== null"


def measure(engine: str, base: str, exit_url: str, runs: int) -> dict[str, list[float]]:
    """Leave with Shift x3 `runs` times, each in a fresh page; return the three times."""
    browser = launch(engine)
    times = {"cover": [], "asked": [], "left": []}
    try:
        for _ in range(runs):
            page = browser.new_page()
            try:
                page.goto(base + "/nl/contact/")
                page.wait_for(EXIT_READY, what="the quick exit's script")
                page.evaluate(PROBE)
                page.press("Shift", times=3)
                page.wait_for_url(exit_url)
                asked, arrived = page.evaluate(ARRIVED)
                # Our site's session storage outlives the trip to the exit site.
                page.goto(base + "/robots.txt")
                ms, at = page.evaluate("() => JSON.parse(sessionStorage.getItem('bench:exit'))")
                times["cover"].append(ms)
                times["asked"].append(asked - at)
                times["left"].append(arrived - at)
            finally:
                page.close()
    finally:
        browser.close()
    return times


def main() -> None:
    """Measure each chosen engine and print the median and worst times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=ENGINES, action="append",
                        help="an engine to measure (repeat for more; default: all three)")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    site = ExitSite(Path(tempfile.mkdtemp(prefix="exit-site-")))
    proc, base = start_server({"EXIT_URL": site.url})
    try:
        for engine in args.engine or ENGINES:
            times = measure(engine, base, site.url, args.runs)
            for name, values in times.items():
                goal = f"goal < {GOALS[name]} ms, " if name in GOALS else ""
                print(f"{engine:>8} {name:>5}: median {statistics.median(values):6.1f} ms, "
                      f"worst {max(values):6.1f} ms  ({goal}{args.runs} runs)", flush=True)
    finally:
        stop_server(proc)
        site.close()


if __name__ == "__main__":
    main()
