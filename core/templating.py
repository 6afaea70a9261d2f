"""Helpers every template can use."""
from __future__ import annotations

import hashlib
import os
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from flask import Flask, has_request_context, request
from werkzeug.security import safe_join


def page_lang() -> str:
    """The reader's language on a page; Indonesian outside a request (CLI, documents, the bot's sender)."""
    if not has_request_context():
        return "id"
    from flask_babel import get_locale

    return "en" if str(get_locale() or "id") == "en" else "id"


def angka(value, places: int = 2, lang: str | None = None) -> str:
    """A number as its reader writes it — 91,48 and 1.000.000 in Indonesian, 91.48 and 1,000,000 in English —
    rounded half up like the IKM rules. `lang` None: the page's language. The one number filter of the pages;
    generated documents pass lang="id"."""
    if value is None or value == "":
        return "-"
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    pattern = "#,##0" + ("." + "0" * places if places > 0 else "")
    return format_decimal(d, format=pattern, locale=lang or page_lang(), decimal_quantization=False)


def teks_kantor(indonesia: str | None, inggris: str | None = None, lang: str | None = None) -> str:
    """A text the office wrote in its settings (a category, a survey question, a service's name), in the page's
    language: on English pages its English wording when the office gave one, else the catalogue's entry (the
    defaults have one), else the Indonesian."""
    if not indonesia or (lang or page_lang()) != "en":
        return indonesia or ""
    if inggris and inggris.strip():
        return inggris.strip()
    from flask_babel import gettext

    return gettext(indonesia)


def persen(value, places: int = 1, lang: str | None = None) -> str:
    return "-" if value is None else angka(value, places, lang) + " %"


def rupiah(value, lang: str = "id") -> str:
    """Rp1.000.000 (Indonesian, the default: letters and rules' messages); the pages' filter follows the page."""
    if value is None:
        return "-"
    return "Rp" + angka(int(value), 0, lang)


def register_template_helpers(app: Flask) -> None:
    from core import workdays
    from core.nav import nav_for
    from core.settings import office

    @app.context_processor
    def inject():
        from flask_login import current_user

        nav = nav_for(current_user) if getattr(current_user, "is_authenticated", False) else []
        from flask_babel import get_locale

        kantor = office()
        if page_lang() == "en" and (kantor.get("nama_en") or "").strip():
            kantor = {**kantor, "nama": kantor["nama_en"].strip()}  # English pages: the office's English name
        return {"office": kantor, "admin_nav": nav, "current_path": request.path,
                "lang": str(get_locale() or "id")}

    _lang = page_lang

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

    app.add_template_filter(lambda value: rupiah(value, page_lang()), "rupiah")
    app.add_template_filter(angka, "angka")
    app.add_template_filter(persen, "persen")
    app.add_template_global(angka, "angka")
    app.add_template_global(teks_kantor, "teks_kantor")
    from core.web import translated

    app.add_template_global(translated, "translated")  # a service's message (Message or plain) in the page language
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
