"""Compress response bodies as small as brotli can, once per distinct body.

Brotli's best setting (quality 11) makes pages about 8 % smaller than quality 6,
which matters for the offline copy (every page of a language is downloaded after
the first visit) and for the first screen's one round trip. It costs tens of
milliseconds per page, so each distinct body is compressed once and kept: pages
are rendered again every minute (server/page_cache.py), but their bytes change
only when an "open now" sentence does, a few times a day.
"""

from __future__ import annotations

import gzip
import hashlib
from collections import OrderedDict
from threading import Lock

import brotli

# Enough for every page of every language and encoding, with room to spare;
# the oldest entry goes first when it is full.
MAX_ENTRIES = 4000

_kept: OrderedDict[tuple[str, bytes], bytes] = OrderedDict()
_lock = Lock()


def compressed(body: bytes, encoding: str) -> bytes:
    """Return `body` compressed with "br" or "gzip", from memory when it was done before."""
    key = (encoding, hashlib.blake2b(body, digest_size=16).digest())
    with _lock:
        done = _kept.get(key)
        if done is not None:
            _kept.move_to_end(key)
            return done
    if encoding == "br":
        # A window just large enough for the body: 64 KB for a page (a third of the
        # default's memory), more for a language's pack, whose pages share their layout.
        window = min(24, max(16, (len(body) - 1).bit_length()))
        done = brotli.compress(body, quality=11, lgwin=window)
    else:
        done = gzip.compress(body, compresslevel=9, mtime=0)
    with _lock:
        _kept[key] = done
        while len(_kept) > MAX_ENTRIES:
            _kept.popitem(last=False)
    return done
