"""Public pages of Pelaporan Gratifikasi (placeholder until the capability lands)."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("gratifikasi", __name__, url_prefix="/gratifikasi")


@bp.get("/")
def index():
    return render_template("public/segera.html", title="Pelaporan Gratifikasi")
