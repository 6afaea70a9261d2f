"""Officers' pages for Survei Kepuasan Masyarakat; rules live in skm/."""
from __future__ import annotations

from admin.views import bp  # noqa: F401
