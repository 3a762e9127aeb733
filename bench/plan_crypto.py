"""Print how long it takes to unlock the safety plan in headless Chromium.

Unlocking is the key derivation (PBKDF2-SHA-256) plus the AES-GCM decryption of
a stored plan. Median and worst over 10 runs; the goal is under 1.5 s.

Run: .venv/bin/python bench/plan_crypto.py   (starts its own server, as `make run` does)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server  # noqa: E402

RUNS = 10
MEASURE = """async ([storeUrl, lockUrl, runs]) => {
  const store = await import(storeUrl);
  const lock = await import(lockUrl);
  const session = await store.newSession("13572468");
  const plan = { v: 1, ticks: { "bag-id": true }, notes: { signs: "x".repeat(2000) }, custom: {} };
  const record = await store.seal(session, plan);
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await store.openRecord(record, "13572468");
    times.push(performance.now() - start);
  }
  return { times, iterations: lock.ITERATIONS };
}"""


def main() -> None:
    """Unlock a stored plan 10 times and print the median, the worst and the iterations."""
    proc, base = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/nl/plan/")
            root = page.evaluate("""() => document.querySelector('script[type=module]').src
                .replace('js/init.js', '')""")
            result = page.evaluate(MEASURE, [root + "components/safety-plan/plan-store.js",
                                             root + "js/lock.js", RUNS])
            browser.close()
    finally:
        stop_server(proc)
    times = result["times"]
    print(f"plan unlock (PBKDF2-SHA-256, {result['iterations']:,} iterations, + AES-GCM): "
          f"median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms "
          f"({RUNS} runs, goal < 1500 ms)")


if __name__ == "__main__":
    main()
