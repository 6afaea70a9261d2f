"""Helpers every template can use."""
from __future__ import annotations

from datetime import date, datetime

from flask import Flask, request


def rupiah(value) -> str:
    if value is None:
        return "-"
    return "Rp" + f"{int(value):,}".replace(",", ".")


def register_template_helpers(app: Flask) -> None:
    from core import workdays
    from core.nav import nav_for
    from core.settings import office

    @app.context_processor
    def inject():
        from flask_login import current_user

        nav = nav_for(current_user) if getattr(current_user, "is_authenticated", False) else []
        from flask_babel import get_locale

        return {"office": office(), "admin_nav": nav, "current_path": request.path,
                "lang": str(get_locale() or "id")}

    def _lang() -> str:
        from flask_babel import get_locale

        return "en" if str(get_locale() or "id") == "en" else "id"

    @app.template_filter("tanggal")
    def tanggal(value):
        if value is None:
            return "-"
        if isinstance(value, datetime):
            return workdays.format_tanggal(workdays.to_local(value).date(), _lang())
        if isinstance(value, date):
            return workdays.format_tanggal(value, _lang())
        return str(value)

    @app.template_filter("waktu")
    def waktu(value):
        return workdays.format_waktu(value, _lang()) if value else "-"

    app.add_template_filter(rupiah, "rupiah")
