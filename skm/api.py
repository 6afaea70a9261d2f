"""JSON API of Survei Kepuasan Masyarakat."""
from __future__ import annotations

from flask import Blueprint

from core.api import API_PREFIX

bp = Blueprint("skm_api", __name__, url_prefix=API_PREFIX + "/skm")
