"""Render each page once a minute, not once a request.

Pages are the same for everyone; only "open now" changes with the clock, and
the browser recomputes that anyway. So a finished, compressed page is kept
until the next minute starts, keyed by address, host and encoding. The cache
is bounded, and only known query strings are cached, so strangers cannot fill
it up.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from threading import Lock

from flask import Response, request

from .encoding import chosen_encoding

CACHEABLE_ARGS = {"voor"}
MAX_ENTRIES = 2000


class PageCache:
    """A small, thread-safe cache of finished responses that expires each minute."""

    def __init__(self, max_entries: int = MAX_ENTRIES, clock=time.time):
        self.entries: OrderedDict[tuple, tuple[float, Response]] = OrderedDict()
        self.max_entries = max_entries
        self.clock = clock
        self.lock = Lock()

    def key(self):
        """Return the cache key of the current request, or None when it must not be cached."""
        if request.method not in ("GET", "HEAD") or set(request.args) - CACHEABLE_ARGS:
            return None
        return request.host, request.full_path, chosen_encoding()

    def get(self, key) -> Response | None:
        """Return a copy of a fresh cached response, or None."""
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            expires, response = found
            if self.clock() >= expires:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
        copy = Response(response.get_data(), status=response.status,
                        headers=list(response.headers.items()))
        copy.from_cache = True
        return copy

    def put(self, key, response: Response) -> None:
        """Keep a finished 200 page until the next minute starts."""
        if response.status_code != 200 or response.direct_passthrough:
            return
        now = self.clock()
        expires = now - (now % 60) + 60
        snapshot = Response(response.get_data(), status=response.status,
                            headers=list(response.headers.items()))
        with self.lock:
            self.entries[key] = (expires, snapshot)
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
