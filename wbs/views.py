"""Public pages of the Whistleblowing System: explanation, the 4W+1H form, the receipt, the mailbox.

The receipt travels only in POST bodies (never in a URL, a cookie or the session); pages are no-store and
these paths are kept out of the access log (core.security, gunicorn.conf.py). They open no server session
(core.sessions): the forms carry a stateless signed CSRF token (wbs.forms.SignedCSRF) instead of the
session-bound one of Flask-WTF's global check.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from core.attachments import inspect_files
from core.errors import DomainError
from core.extensions import csrf
from core.storage import UploadError
from core.web import refuse
from wbs import keys, service
from wbs.forms import ReceiptForm, ReportForm, ReporterMessageForm, new_token
from wbs.limits import receipt_limit, submit_limit

bp = Blueprint("wbs", __name__, url_prefix="/wbs")
csrf.exempt(bp)  # every form here checks its own signed token


@bp.get("/")
def index():
    return render_template("wbs/index.html", siap=keys.team_ready())


def _token(form) -> str:
    token = (form.token.data or "").strip()
    return token if 20 <= len(token) <= 64 else new_token()


def _refuse_on_form(error: DomainError, form, fallback: str) -> None:
    """`refuse`, always onto a field of the form: these pages never flash, since a flash message would
    open a server session for an anonymous reporter."""
    if error.field not in form:
        error.field = fallback
    refuse(error, form)


def _submit(form: ReportForm) -> tuple[int, str]:
    files = inspect_files(request.files.getlist(form.lampiran.name))
    fields = {name: getattr(form, name).data or "" for name in
              ("apa", "dimana", "kapan", "siapa", "bagaimana", "mengapa", "jenis", "identitas")}
    return service.submit_report(fields, files, sumber="web", idempotency_key=form.token.data)


@bp.route("/lapor", methods=["GET", "POST"])
@submit_limit
def lapor():
    if not keys.team_ready():
        # before any team key a report would be readable by nobody but its reporter: say so, take nothing
        return render_template("wbs/lapor.html", form=None, belum_siap=service.NOT_READY), \
            200 if request.method == "GET" else 503
    form = ReportForm()
    if request.method == "GET":
        form.token.data = new_token()
    elif form.validate_on_submit():
        form.token.data = _token(form)
        try:
            _report_id, receipt = _submit(form)
        except DomainError as e:
            _refuse_on_form(e, form, "apa")
            if isinstance(e, UploadError):
                form.lampiran.errors.append(_("Isian Anda tetap tersimpan di formulir; pilih ulang berkasnya."))
        else:
            return render_template("wbs/resi.html", receipt=receipt, status=service.STATUS["diterima"],
                                   hari=service.deadline_days())
    else:
        form.token.data = _token(form)
    return render_template("wbs/lapor.html", form=form), 200 if request.method == "GET" or not form.errors else 400


def _mailbox_page(mailbox, receipt: str, *, sent: bool = False, form: ReporterMessageForm | None = None,
                  status: int = 200):
    form = form or ReporterMessageForm(formdata=None)
    form.resi.data = receipt
    form.token.data = new_token()
    return render_template("wbs/kotak.html", mailbox=mailbox, form=form, sent=sent), status


def _receipt_page(message: str | DomainError):
    """The receipt entry again, with why (a refusal of the service, or a plain message)."""
    entry = ReceiptForm(formdata=None)
    if isinstance(message, DomainError):
        _refuse_on_form(message, entry, "resi")
    else:
        entry.resi.errors = [message]
    return render_template("wbs/kotak_masuk.html", form=entry), 400


@bp.route("/kotak", methods=["GET", "POST"])
@receipt_limit
def kotak():
    form = ReceiptForm()
    if form.validate_on_submit():
        try:
            mailbox = service.open_mailbox(form.resi.data)
        except DomainError as e:
            _refuse_on_form(e, form, "resi")
        else:
            return _mailbox_page(mailbox, form.resi.data)
    return render_template("wbs/kotak_masuk.html", form=form), 200 if request.method == "GET" else 400


@bp.post("/kotak/kirim")
@receipt_limit
def kirim():
    form = ReporterMessageForm()
    if not form.validate_on_submit():
        # without a valid receipt there is no mailbox to show; an expired form says so
        expired = form.csrf_token.errors if form.meta.csrf and form.csrf_token.errors else None
        return _receipt_page(expired[0] if expired else _("Sesi formulir tidak sah. Masukkan resi Anda lagi."))
    try:
        files = inspect_files(request.files.getlist(form.lampiran.name))
        mailbox = service.add_reporter_message(form.resi.data, form.pesan.data or "", files,
                                               idempotency_key=_token(form))
    except DomainError as e:
        if e.field == "resi":
            return _receipt_page(e)
        _refuse_on_form(e, form, "pesan")
        try:
            mailbox = service.open_mailbox(form.resi.data)
        except DomainError:
            return _receipt_page(service.UNKNOWN_RECEIPT)
        return _mailbox_page(mailbox, form.resi.data, form=form, status=400)
    return _mailbox_page(mailbox, form.resi.data, sent=True)
