"""Figures counted from the domains' records, shared between the requests of one process for a short while
(ZI_CACHE_SECONDS; 60 by default, 0 — off — under test): a busy year of complaints takes seconds to count, and the
dashboard card, the ZI pages and the public transparency page all ask for it. The evidence register is never
cached: an upload shows at once."""
from __future__ import annotations

import time
from typing import Callable, TypeVar

from flask import current_app

T = TypeVar("T")
KEY = "zi.catatan"


def ingat(key: tuple, fn: Callable[[], T]) -> T:
    ttl = current_app.config.get("ZI_CACHE_SECONDS", 0 if current_app.testing else 60)
    if not ttl:
        return fn()
    store = current_app.extensions.setdefault(KEY, {})
    now = time.monotonic()
    hit = store.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]
    value = fn()
    store[key] = (now, value)
    return value
