"""JSON API of Whistleblowing System."""
from __future__ import annotations

from flask import Blueprint

from core.api import API_PREFIX

bp = Blueprint("wbs_api", __name__, url_prefix=API_PREFIX + "/wbs")
