"""Print how long it takes to unlock the safety plan in headless Chromium.

Unlocking is the one shared code check of js/lock.js (PBKDF2-SHA-256, then
HMAC with the device key that cannot leave the browser) plus reading and
decrypting the stored plan (AES-GCM). Median and worst over 10 runs, at full
speed and with the CPU throttled 4x through CDP (Emulation.setCPUThrottlingRate),
as on a slow phone. The goal is under 1.5 s. The emergency code's path (empty the
plans, make it the real code) is timed too: it should take as long as a real unlock.

Run: .venv/bin/python bench/plan_crypto.py   (starts its own server, as `make run` does)
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server

RUNS = 10
CODE = "13572468"
DURESS = "11223344"
MEASURE = """async ([storeUrl, lockUrl, runs, code, duress]) => {
  const store = await import(storeUrl);
  const lock = await import(lockUrl);
  const plan = { v: 1, ticks: { "bag-id": true }, notes: { signs: "x".repeat(2000) }, custom: {} };
  const times = { real: [], duress: [] };
  for (let i = 0; i < runs; i += 1) {
    const first = await lock.createCode(code);
    await store.savePlan(first, plan);
    await lock.setDuress(first, duress);
    let start = performance.now();
    const real = await lock.enter(code);
    await store.loadPlan(real.session);
    times.real.push(performance.now() - start);
    start = performance.now();
    const forced = await lock.enter(duress);
    await store.loadPlan(forced.session);
    times.duress.push(performance.now() - start);
  }
  return { times, iterations: lock.ITERATIONS };
}"""


def measure(page, root: str, rate: int) -> dict:
    """Unlock RUNS times with the CPU slowed down `rate` times."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    try:
        return page.evaluate(MEASURE, [root + "components/safety-plan/plan-store.js",
                                       root + "js/lock.js", RUNS, CODE, DURESS])
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})


def main() -> None:
    """Print the median and worst unlock time, at full speed and throttled 4x."""
    proc, base = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/nl/plan/")
            root = page.evaluate("""() => document.querySelector('script[type=module]').src
                .replace('js/init.js', '')""")
            results = {rate: measure(page, root, rate) for rate in (1, 4)}
            browser.close()
    finally:
        stop_server(proc)
    for rate, result in results.items():
        label = "full speed" if rate == 1 else f"CPU throttled {rate}x"
        for path in ("real", "duress"):
            times = result["times"][path]
            print(f"plan unlock, {path:6} code, {label:17} (PBKDF2-SHA-256 "
                  f"{result['iterations']:,} iterations + HMAC device key + AES-GCM): "
                  f"median {statistics.median(times):.0f} ms, worst {max(times):.0f} ms "
                  f"({RUNS} runs, goal < 1500 ms)")


if __name__ == "__main__":
    main()
