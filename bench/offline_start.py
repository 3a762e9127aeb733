"""Print the time to first contentful paint of the start page, warm and offline.

One visit fills the offline copy; then the browser goes offline and the start
page is opened 20 times from the service worker. Prints the median and worst.

Run: .venv/bin/python bench/offline_start.py   (starts its own server, as `make run` does)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server

RUNS = 20
FCP = """() => new Promise((done) => {
  const seen = performance.getEntriesByName("first-contentful-paint")[0];
  if (seen) return done(seen.startTime);
  new PerformanceObserver((list) => done(list.getEntries()[0].startTime))
    .observe({ type: "paint", buffered: true });
})"""
READY = """async () => {
  await navigator.serviceWorker.ready;
  for (let i = 0; i < 200; i += 1) {
    for (const key of await caches.keys()) {
      if (await (await caches.open(key)).match("/__sets")) return;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
}"""


def main() -> None:
    """Fill the offline copy, go offline and measure 20 openings of the start page."""
    proc, base = start_server()
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "/nl/")
            page.evaluate(READY)
            context.set_offline(True)
            for _ in range(RUNS):
                page.goto(base + "/nl/")
                times.append(page.evaluate(FCP))
            browser.close()
    finally:
        stop_server(proc)
    print(f"first contentful paint, offline from the service worker: "
          f"median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms ({RUNS} runs)")


if __name__ == "__main__":
    main()
