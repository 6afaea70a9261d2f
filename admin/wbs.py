"""Officers' pages for Whistleblowing System; rules live in wbs/."""
from __future__ import annotations

from admin.views import bp  # noqa: F401
