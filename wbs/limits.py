"""Rate limits of the WBS routes, and the short window in which a submitted form may see its receipt again.
The rate-limit key is the daily-rotating HMAC of the address (core.security), so limits work without keeping
anything traceable."""
from __future__ import annotations

import threading

from flask import current_app

from core.extensions import limiter
from core.throttle import guessing_budget
from core.workdays import utcnow


def _tracking() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


def _submit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


# every use of a receipt (web mailbox, message, JSON API) counts against one shared budget
receipt_limit = guessing_budget  # one budget with every other way of trying a code (core.throttle)
submit_limit = limiter.shared_limit(_submit, scope="wbs-lapor", methods=["POST"])


class ReshowWindow:
    """Which report forms were first posted in the last WBS_RESHOW_SECONDS (bawaan 120): only those may
    see their receipt again (a double click, Back + resubmit at once). A short-lived key in Redis when the
    app has one (shared by every worker), else in this process's memory — never in the database, which keeps
    no time of day for anything a reporter does. The key is the form token's HMAC (no report id)."""

    _PREFIX = "zi:wbs:kirim:"

    def __init__(self) -> None:
        self._memory: dict[str, float] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _seconds() -> int:
        return int(current_app.config.get("WBS_RESHOW_SECONDS", 120))

    @staticmethod
    def _redis():
        return getattr(current_app.session_interface, "client", None) if current_app.config.get("REDIS_URL") else None

    def start(self, token_hash: str) -> None:
        until = utcnow().timestamp() + self._seconds()
        client = self._redis()
        if client is not None:
            client.set(self._PREFIX + token_hash, f"{until:.0f}", ex=self._seconds() + 60, nx=True)
            return
        with self._lock:
            now = utcnow().timestamp()
            self._memory = {k: v for k, v in self._memory.items() if v > now}
            self._memory.setdefault(token_hash, until)

    def recent(self, token_hash: str) -> bool:
        client = self._redis()
        if client is not None:
            until = client.get(self._PREFIX + token_hash)
            until = float(until) if until else 0.0
        else:
            with self._lock:
                until = self._memory.get(token_hash, 0.0)
        return utcnow().timestamp() < until


RESHOW = ReshowWindow()
