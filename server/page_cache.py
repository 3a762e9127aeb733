"""Render each page once a minute, not once a request.

Pages are the same for everyone; only "open now" changes with the clock, and
the browser recomputes that anyway. So a finished, compressed page is kept
until the next minute starts, keyed by the whole address (scheme, host, the
script root the links are built on, path) and the encoding. The cache
is bounded, and no address with a query string is cached (no page reads one),
so strangers cannot fill it up.

An entry is just the status, the header list and the body bytes, stored once;
each hit builds a fresh Response around them (the bytes are shared, not
copied), so nothing a request does to its response reaches the cache.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from threading import Lock
from typing import NamedTuple

from flask import Response, request

from .encoding import chosen_encoding

MAX_ENTRIES = 2000


class CachedPage(NamedTuple):
    """A finished page: when it expires, and what to send."""

    expires: float
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


class PageCache:
    """A small, thread-safe cache of finished responses that expires each minute."""

    def __init__(self, max_entries: int = MAX_ENTRIES, clock=time.time):
        self.entries: OrderedDict[tuple, CachedPage] = OrderedDict()
        self.max_entries = max_entries
        self.clock = clock
        self.lock = Lock()

    def key(self):
        """Return the cache key of the current request, or None when it must not be cached."""
        if request.method not in ("GET", "HEAD") or request.query_string:
            return None
        # Everything the page is built from is in the key: a request that changes
        # the host or the script root (which every link starts with) gets its own
        # entry and can never change what other visitors get.
        return request.scheme, request.host, request.script_root, request.path, chosen_encoding()

    def get(self, key) -> Response | None:
        """Return a new response for a fresh cached page, or None."""
        with self.lock:
            page = self.entries.get(key)
            if page is None:
                return None
            if self.clock() >= page.expires:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
        response = Response(page.body, status=page.status, headers=page.headers)
        response.from_cache = True
        return response

    def put(self, key, response: Response) -> None:
        """Keep a finished 200 page until the next minute starts."""
        if response.status_code != 200 or response.direct_passthrough:
            return
        now = self.clock()
        page = CachedPage(expires=now - (now % 60) + 60, status=response.status_code,
                          headers=tuple(response.headers.items()), body=response.get_data())
        with self.lock:
            self.entries[key] = page
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
