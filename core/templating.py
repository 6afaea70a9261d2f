"""Helpers every template can use."""
from __future__ import annotations

import hashlib
import os
from datetime import date, datetime

from flask import Flask, request
from werkzeug.security import safe_join


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
    app.url_defaults(_static_fingerprint(app))


def static_fingerprint(app: Flask, endpoint: str | None, filename: str) -> str | None:
    """The first 12 hex digits of the SHA-256 of a static file (app's or a blueprint's), None if absent.
    Hashed once per (path, mtime, size)."""
    blueprint, _, _name = (endpoint or "").rpartition(".")
    folder = app.blueprints[blueprint].static_folder if blueprint else app.static_folder
    path = safe_join(folder, filename) if folder else None
    try:
        stat = os.stat(path) if path else None
    except OSError:
        return None
    if stat is None:
        return None
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _HASHES:
        with open(path, "rb") as fh:
            _HASHES[key] = hashlib.sha256(fh.read()).hexdigest()[:12]
    return _HASHES[key]


_HASHES: dict[tuple, str] = {}


def _static_fingerprint(app: Flask):
    """url_for(static, …) gets ?v=<content hash>, so static files can be cached for a year and a changed
    file is fetched anew (core.transfer)."""

    def add_version(endpoint: str | None, values: dict) -> None:
        name = (endpoint or "").rpartition(".")[2]
        if name != "static" or "filename" not in values or "v" in values:
            return
        version = static_fingerprint(app, endpoint, values["filename"])
        if version:
            values["v"] = version

    return add_version
