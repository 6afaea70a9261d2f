"""Domain errors (raised by services, shown in Indonesian by views, API and bot) and error pages."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError

from core.heavy import Busy


class DomainError(Exception):
    """A rule said no. `message` is shown to the user as is; `field` points at the form field."""

    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    """A transition not legal in the current state or for this role."""

    status = 409


class NotFoundError(DomainError):
    status = 404


class InputError(DomainError):
    """Several fields wrong at once; `errors` maps field → message (the first is `field`)."""

    def __init__(self, errors: dict[str, str]):
        field, message = next(iter(errors.items()))
        super().__init__(message, field)
        self.errors = errors


class Message(str):
    """An Indonesian message with values (what services raise, what the API and the bot send) that remembers its
    catalogue entry, so that a page can show it in the reader's language (core.web.translated)."""

    msgid: str
    values: dict

    def __new__(cls, msgid: str, values: dict):
        self = super().__new__(cls, msgid % {k: _shown(v, "id") for k, v in values.items()} if values else msgid)
        self.msgid, self.values = msgid, values
        return self

    def __reduce__(self):
        return Message, (self.msgid, self.values)

    def in_lang(self, lang: str, gettext) -> str:
        """The text in `lang`; a value that is itself a Message (a field's label) is translated too."""
        text = gettext(self.msgid)
        if not self.values:
            return text
        return text % {k: v.in_lang(lang, gettext) if isinstance(v, Message) else _shown(v, lang)
                       for k, v in self.values.items()}


def _shown(value, lang: str):
    """Counts and amounts written as the reader writes them (12.000 / 12,000); small whole numbers, years
    among them, as they are."""
    from decimal import Decimal

    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, int) and abs(value) < 10000:
        return str(value)
    from core.templating import angka

    return angka(value, 0 if isinstance(value, int) else 2, lang)


def N_(text: str, **values):
    """Marks a string for the translation catalogue; templates translate it with _(). With values: a Message
    (the Indonesian text filled in, translatable later as a whole)."""
    return Message(text, values) if values else text


def catalogue_word(text: str) -> Message:
    """A catalogue text (a label, a noun, a status) used as a value inside a Message, so that it is translated
    with it: N_ without values gives a plain str, and plain values (a name, a ticket) are never looked up."""
    return text if isinstance(text, Message) else Message(text, {})


PAGES = {
    400: (N_("Permintaan tidak dapat diproses"), N_("Data yang dikirim tidak lengkap atau rusak. Silakan periksa dan coba lagi.")),
    403: (N_("Akses ditolak"), N_("Anda tidak memiliki hak untuk membuka halaman ini.")),
    404: (N_("Halaman tidak ditemukan"), N_("Alamat yang Anda buka tidak ada. Periksa kembali tautannya.")),
    405: (N_("Metode tidak diizinkan"), N_("Halaman ini tidak menerima cara pengiriman tersebut.")),
    413: (N_("Berkas terlalu besar"), N_("Ukuran kiriman melebihi batas. Perkecil atau kurangi lampiran, lalu kirim ulang.")),
    429: (N_("Terlalu banyak percobaan"), N_("Anda mencoba terlalu sering. Tunggu beberapa menit, lalu coba lagi.")),
    503: (N_("Layanan sedang sibuk"), N_("Server sedang sibuk memproses permintaan lain. Tunggu sebentar, lalu coba lagi.")),
    500: (N_("Terjadi kesalahan pada sistem"), N_("Maaf, terjadi kesalahan di pihak kami. Data Anda yang sudah terkirim tetap aman; silakan coba lagi nanti.")),
}


UNAVAILABLE = (N_("Layanan sedang tidak tersedia"),
               N_("Basis data kami sedang tidak dapat dihubungi. Tidak ada yang hilang dari kiriman yang sudah "
                  "mendapat nomor. Silakan coba lagi beberapa saat lagi."))
# when even the page's own template cannot be rendered (its settings live in the database that is down):
# plain HTML, no script, no style, nothing the CSP would refuse
_UNAVAILABLE_HTML = ("<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Layanan sedang tidak "
                     "tersedia</title><link rel=\"stylesheet\" href=\"/static/css/app.css\"></head><body><main>"
                     "<h1>Layanan sedang tidak tersedia</h1><p>Basis data kami sedang tidak dapat dihubungi. Tidak ada "
                     "yang hilang dari kiriman yang sudah mendapat nomor. Silakan coba lagi beberapa saat lagi.</p>"
                     "<p><a href=\"/\">Kembali ke beranda</a></p><p>Kode: 503</p></main></body></html>")
DATABASE_DOWN = (OperationalError, InterfaceError)
log = logging.getLogger(__name__)

CSRF_EXPIRED = N_("Formulir kedaluwarsa atau tidak sah (token keamanan tidak cocok). Isian Anda ditampilkan di "
                  "bawah agar tidak hilang; muat ulang formulir lalu kirim lagi.")
# never echoed back on the expired-form page
SECRET_FIELDS = {"csrf_token", "website", "password", "old_password", "confirm", "code", "passphrase", "kode", "resi"}


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(code: int, message: str | None = None, **extra):
    title, text = PAGES.get(code, PAGES[500])
    if _wants_json():
        return jsonify({"kode": code, "pesan": message or text, **extra}), code
    return render_template("errors/error.html", code=code, title=title, text=message or text, **extra), code


def _http_error(e, code: int):
    body, code = error_response(code)
    allow = [(k, v) for k, v in getattr(e, "get_headers", lambda: [])() if k == "Allow"]
    return body, code, allow  # a 405 names the methods the address accepts (RFC 9110)


def database_unavailable(exc: BaseException):
    """503 «coba lagi» while the database cannot be reached; the pool reconnects by itself afterwards
    (pool_pre_ping), so the next request after it comes back is served without restarting the app."""
    from core.extensions import db

    log.warning("basis data tidak dapat dihubungi: %s", exc.__class__.__name__)
    try:
        db.session.rollback()
    except Exception:  # the connection is gone; the session is discarded below anyway
        pass
    db.session.remove()
    headers = {"Retry-After": "30", "Cache-Control": "no-store"}
    title, text = UNAVAILABLE
    if _wants_json():
        return jsonify({"kode": 503, "pesan": text}), 503, headers
    try:
        body = render_template("errors/error.html", code=503, title=title, text=text)
    except Exception:  # the page's settings come from the database that is down
        db.session.remove()
        body = _UNAVAILABLE_HTML
    return body, 503, headers


def _server_error(e):
    # an error outside the view (opening or saving the server-side session) reaches Flask as a 500
    original = getattr(e, "original_exception", None)
    if isinstance(original, DATABASE_DOWN):
        return database_unavailable(original)
    return error_response(500)


def register_error_pages(app: Flask) -> None:
    for code in PAGES:
        if code != 500:
            app.register_error_handler(code, lambda e, code=code: _http_error(e, code))
    app.register_error_handler(500, _server_error)
    for exc in DATABASE_DOWN:
        app.register_error_handler(exc, database_unavailable)

    @app.errorhandler(CSRFError)
    def csrf_error(e):
        # keep what the user typed: the page offers the form data back for copying
        kept = {k: v for k, v in request.form.items()
                if k not in SECRET_FIELDS and "password" not in k and len(v) < 100_000}
        if _wants_json():
            return jsonify({"kode": 400, "pesan": CSRF_EXPIRED}), 400
        return render_template("errors/csrf.html", text=CSRF_EXPIRED, kept=kept, back=request.path), 400

    @app.errorhandler(Busy)
    def busy(e: Busy):
        # the bound on heavy work (core.heavy) is full: queueing longer would only pile up threads
        body, code = error_response(503)
        return body, code, {"Retry-After": "10"}

    @app.errorhandler(DomainError)
    def domain_error(e: DomainError):
        if _wants_json():
            body = {"kode": e.status, "pesan": e.message}
            if e.field:
                body["kesalahan"] = {e.field: e.message}
            return jsonify(body), e.status
        return error_response(e.status, e.message)
