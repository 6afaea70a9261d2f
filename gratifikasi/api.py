"""JSON API of Pelaporan Gratifikasi."""
from __future__ import annotations

from flask import Blueprint

from core.api import API_PREFIX

bp = Blueprint("gratifikasi_api", __name__, url_prefix=API_PREFIX + "/gratifikasi")
