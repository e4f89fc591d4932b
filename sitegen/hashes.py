"""Content hashes for file names that change exactly when the bytes behind them do.

The theme's assets, the search files and the photos are published under such names, so a host
may let browsers keep them for ever: a changed file comes under a new name, and every page that
names it changes with it.
"""

from __future__ import annotations

import hashlib

LENGTH = 10  # hex digits: 40 bits, far more than the versions of one file a site will ever publish


def content_hash(data: bytes, length: int = LENGTH) -> str:
    """The first `length` hex digits of the SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()[:length]
