"""Public pages of Whistleblowing System (placeholder until the capability lands)."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("wbs", __name__, url_prefix="/wbs")


@bp.get("/")
def index():
    return render_template("public/segera.html", title="Whistleblowing System")
