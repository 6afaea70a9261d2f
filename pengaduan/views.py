"""Public pages of Pengaduan Masyarakat (placeholder until the capability lands)."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pengaduan", __name__, url_prefix="/pengaduan")


@bp.get("/")
def form():
    return render_template("public/segera.html", title="Pengaduan Masyarakat")
