"""JSON API of Pengaduan Masyarakat."""
from __future__ import annotations

from flask import Blueprint

from core.api import API_PREFIX

bp = Blueprint("pengaduan_api", __name__, url_prefix=API_PREFIX + "/pengaduan")
