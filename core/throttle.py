"""Guessing budgets and backoff, kept in the rate limiter's storage (memory, or Redis shared by every
worker and host when REDIS_URL is set).

An address is counted by its network: an IPv4 address alone, an IPv6 address by its /64, since one
subscriber holds a whole /64 and could otherwise rotate through it.
"""
from __future__ import annotations

import hashlib
import hmac
import ipaddress
import time

from flask import current_app, has_request_context, request

from core.extensions import limiter


def address_network(addr: str | None) -> str:
    try:
        ip = ipaddress.ip_address(addr or "")
    except ValueError:
        return addr or "-"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(kind: str, *parts: str) -> str:
    # keyed so that the store (Redis) holds no e-mail address or IP in clear
    secret = current_app.config["RATE_KEY_SECRET"]
    digest = hmac.new(secret, "|".join(parts).encode(), hashlib.sha256).hexdigest()[:32]
    return f"zi:{kind}:{digest}"


def _storage():
    return limiter.storage


class Backoff:
    """Failures of one account from one network: the first `free` are free, then each further failure
    doubles a wait (from `base` seconds up to `cap`). An outsider elsewhere cannot lock the officer out."""

    def __init__(self, kind: str, *parts: str, free: int, base: int = 30, cap: int = 900, window: int = 86400):
        self.failures = _key(kind + ":n", *parts)
        self.wait_key = _key(kind + ":w", *parts)
        self.free, self.base, self.cap, self.window = free, base, cap, window

    def seconds_left(self) -> int:
        if not current_app.config.get("RATELIMIT_ENABLED", True):
            return 0
        if not _storage().get(self.wait_key):
            return 0
        return max(1, int(_storage().get_expiry(self.wait_key) - time.time()))

    def failed(self) -> None:
        if not current_app.config.get("RATELIMIT_ENABLED", True):
            return
        n = _storage().incr(self.failures, self.window)
        if n >= self.free:
            wait = min(self.cap, self.base * 2 ** (n - self.free))
            _storage().clear(self.wait_key)
            _storage().incr(self.wait_key, wait)

    def succeeded(self) -> None:
        _storage().clear(self.failures)
        _storage().clear(self.wait_key)


def login_backoff(email: str) -> Backoff:
    cfg = current_app.config
    addr = address_network(request.remote_addr) if has_request_context() else "-"
    return Backoff("login", (email or "").strip().lower(), addr, free=cfg["LOGIN_MAX_FAILURES"],
                   base=cfg.get("LOGIN_BACKOFF_SECONDS", 30), cap=cfg["LOGIN_LOCK_MINUTES"] * 60)


def _guessing_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


def _guess_key() -> str:
    from core.security import anonymous_rate_key

    return anonymous_rate_key()  # the same key on WBS and other routes, so they share one budget


# One guessing budget per address network for every way a ticket code, tracking code or receipt is
# tried (complaint tracking and receipt, status API, WBS mailbox web and API, gratifikasi tracking):
# trying codes on one route uses up the others too. Held in Redis when configured, shared by workers.
guessing_budget = limiter.shared_limit(_guessing_limit, scope="tebak-kode", key_func=_guess_key, methods=["POST"])
