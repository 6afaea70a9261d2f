"""Officers' pages for Pelaporan Gratifikasi; rules live in gratifikasi/."""
from __future__ import annotations

from admin.views import bp  # noqa: F401
