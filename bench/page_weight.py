"""Print the bytes a first visit downloads before the `load` event, per language and mode.

Counts what the network delivered (compressed bodies plus headers) for every
request made before `load`, in a fresh profile, for the start page of each
language and mode. The goal is 14 KB (one round trip). Also prints the size of
the offline copy (the service worker's precache) per language, downloaded after
`load`: the shared files and the language's pack (all its pages in one
response), as brotli-compressed bodies and with the HTTP/1.1 headers added, and
what the same pages would cost fetched one by one. The goal is 150 KB compressed.

Run: .venv/bin/python bench/page_weight.py   (starts its own server, as `make run` does)
"""

from __future__ import annotations

import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from server import create_app
from server.config import Config
from server.offline import precache_plan
from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, start_server, stop_server

BUDGET = 14 * 1024
OFFLINE_BUDGET = 150 * 1024
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


def fetched_size(base: str, url: str) -> tuple[int, int]:
    """Return (compressed body bytes, header bytes) of one response, as brotli is sent."""
    request = urllib.request.Request(base + url, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request) as response:
        body = len(response.read())
        headers = sum(len(k) + len(v) + 4 for k, v in response.getheaders()) + 19
    return body, headers


def offline_copy(base: str) -> None:
    """Print what the service worker downloads per language: the shared files and one pack."""
    plan = precache_plan(create_app({"TESTING": True}))
    print("\noffline copy, downloaded after load (brotli bodies; +headers as sent over HTTP/1.1)")
    print(f"{'lang':<6}{'pack':>10}{'shared files':>14}{'total':>10}{'+headers':>10}"
          f"{'page by page':>14}")
    shared = [fetched_size(base, url) for url in plan["shell"]]
    shared_body = sum(b for b, _ in shared)
    shared_headers = sum(h for _, h in shared)
    for lang in Config.LANGUAGES:
        pack, pack_headers = fetched_size(base, plan["packs"][lang])
        total = pack + shared_body
        headers = pack_headers + shared_headers
        # What the same pages cost fetched one by one, as before the pack.
        separate = sum(fetched_size(base, url)[0] for url in plan["sets"][lang]) + shared_body
        if total + headers <= OFFLINE_BUDGET:
            flag = "ok"
        else:
            flag = "ok (bodies)" if total <= OFFLINE_BUDGET else "OVER"
        print(f"{lang:<6}{pack:>10,}{shared_body:>14,}{total:>10,}{total + headers:>10,}"
              f"{separate:>14,}  {flag}")


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
            browser.close()
        offline_copy(base)
    finally:
        stop_server(proc)


if __name__ == "__main__":
    main()
