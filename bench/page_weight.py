"""Print the bytes a first visit downloads before the `load` event, per language and mode.

Counts what the network delivered (compressed bodies plus headers) for every
request made before `load`, in a fresh profile, for the start page of each
language and mode. The goal is 14 KB (one round trip). Also prints the size of
the offline copy (the service worker's precache) per language, downloaded after
`load`; the goal there is 150 KB.

Run: .venv/bin/python bench/page_weight.py   (starts its own server, as `make run` does)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from server.config import Config  # noqa: E402
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server  # noqa: E402

BUDGET = 14 * 1024
MODES = {"standard": "", "child": "j/", "large": "xl/"}


def first_visit(browser, url: str) -> tuple[int, int]:
    """Return (bytes before load, number of requests before load) for a fresh visit."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    sizes: dict[str, int] = {}
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])))
    loaded = {}
    page.on("load", lambda: loaded.setdefault("n", len(sizes)))
    page.goto(url, wait_until="load")
    page.wait_for_timeout(200)
    total = sum(list(sizes.values())[: loaded.get("n", len(sizes))])
    context.close()
    return total, loaded.get("n", len(sizes))


def precache_size(page, base: str, lang: str) -> int:
    """Sum the compressed size of everything the service worker stores for a language."""
    page.goto(f"{base}/{lang}/")
    return page.evaluate("""async () => {
        await navigator.serviceWorker.ready;
        const plan = await (await fetch('/sw.js')).text();
        const data = JSON.parse(plan.slice(plan.indexOf('{'), plan.indexOf(';\\n')));
        const urls = [...data.shell, ...data.sets[document.documentElement.lang]];
        let total = 0;
        for (const url of urls) {
          const r = await fetch(url, { cache: 'no-store', headers: { 'Accept-Encoding': 'br' } });
          total += (await r.arrayBuffer()).byteLength;
        }
        return total;
    }""")


def main() -> None:
    """Measure every language and mode, and print a table."""
    proc, base = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            print(f"{'page':<14}{'bytes before load':>20}{'requests':>10}  budget 14 KB")
            for lang in Config.LANGUAGES:
                for suffix in MODES.values():
                    total, count = first_visit(browser, f"{base}/{lang}/{suffix}")
                    flag = "ok" if total <= BUDGET else "OVER"
                    print(f"/{lang}/{suffix:<10}{total:>20,}{count:>10}  {flag}")
            page = browser.new_page()
            print("\noffline copy (uncompressed bodies as fetched; goal 150 KB compressed):")
            for lang in Config.LANGUAGES:
                print(f"  {lang}: {precache_size(page, base, lang):,} bytes")
            browser.close()
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
