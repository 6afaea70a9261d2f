"""Rate limits of the WBS routes. The key is the daily-rotating HMAC of the address (core.security), so
limits work without keeping anything traceable."""
from __future__ import annotations

from flask import current_app

from core.extensions import limiter


def _tracking() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


def _submit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


# every use of a receipt (web mailbox, message, JSON API) counts against one shared budget
receipt_limit = limiter.shared_limit(_tracking, scope="wbs-resi", methods=["POST"])
submit_limit = limiter.shared_limit(_submit, scope="wbs-lapor", methods=["POST"])
