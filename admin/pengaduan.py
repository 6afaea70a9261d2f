"""Officers' pages for Pengaduan Masyarakat; rules live in pengaduan/."""
from __future__ import annotations

from admin.views import bp  # noqa: F401
