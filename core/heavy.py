"""A process-wide bound on memory-heavy work: Argon2id derivations (64 MiB each), decoding images,
cleaning PDFs.

Without it a flood of WBS submits or receipt checks runs one derivation per thread and exhausts memory.
With it a flood queues for a short while and is then refused with `Busy` (a 503 "coba lagi" page), while
pages that do no such work keep answering. No Flask here: core.crypto and core.storage use it too.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Two at a time per process (each gunicorn worker has its own): 2 × 64 MiB, or two 25 MP images.
SLOTS = max(1, int(os.environ.get("HEAVY_WORK_SLOTS", "2")))
# How long a request waits for a slot before it is told to try again.
WAIT_SECONDS = float(os.environ.get("HEAVY_WORK_WAIT_SECONDS", "10"))

_slots = threading.BoundedSemaphore(SLOTS)
_held = threading.local()


class Busy(Exception):
    """Every slot stayed taken for WAIT_SECONDS; `.message` is shown to the user (HTTP 503)."""

    message = "Server sedang sibuk memproses permintaan lain. Tunggu sebentar, lalu coba lagi."

    def __init__(self) -> None:
        super().__init__(self.message)


@contextmanager
def heavy_work() -> Iterator[None]:
    """Hold one slot for the block. Re-entrant per thread: nested heavy work takes no second slot."""
    if getattr(_held, "depth", 0):
        _held.depth += 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    if not _slots.acquire(timeout=WAIT_SECONDS):
        raise Busy()
    _held.depth = 1
    try:
        yield
    finally:
        _held.depth = 0
        _slots.release()


@contextmanager
def holding_all_slots() -> Iterator[None]:
    """Take every slot (tests, and a benchmark of the flood case)."""
    taken = 0
    try:
        for _ in range(SLOTS):
            _slots.acquire()
            taken += 1
        yield
    finally:
        for _ in range(taken):
            _slots.release()
