"""Public pages of Survei Kepuasan Masyarakat (placeholder until the capability lands)."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("skm", __name__, url_prefix="/survei")


@bp.get("/")
def index():
    return render_template("public/segera.html", title="Survei Kepuasan Masyarakat")
