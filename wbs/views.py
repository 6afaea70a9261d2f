"""Public pages of the Whistleblowing System: explanation, the 4W+1H form, the receipt, the mailbox.

The receipt travels only in POST bodies (never in a URL, a cookie or the session); pages are no-store and
these paths are kept out of the access log (core.security, gunicorn.conf.py).
"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from core.attachments import inspect_files
from core.errors import DomainError
from core.storage import UploadError
from wbs import service
from wbs.forms import ReceiptForm, ReportForm, ReporterMessageForm, new_token
from wbs.limits import receipt_limit, submit_limit

bp = Blueprint("wbs", __name__, url_prefix="/wbs")


@bp.get("/")
def index():
    return render_template("wbs/index.html")


def _token(form) -> str:
    token = (form.token.data or "").strip()
    return token if 20 <= len(token) <= 64 else new_token()


@bp.route("/lapor", methods=["GET", "POST"])
@submit_limit
def lapor():
    form = ReportForm()
    if request.method == "GET":
        form.token.data = new_token()
    elif form.validate_on_submit():
        form.token.data = _token(form)
        try:
            files = inspect_files(request.files.getlist(form.lampiran.name))
            fields = {name: getattr(form, name).data or "" for name in
                      ("apa", "dimana", "kapan", "siapa", "bagaimana", "mengapa", "jenis", "identitas")}
            _report_id, receipt = service.submit_report(fields, files, sumber="web", idempotency_key=form.token.data)
        except UploadError as e:
            form.lampiran.errors = [e.message, _("Isian Anda tetap tersimpan di formulir; pilih ulang berkasnya.")]
        except DomainError as e:
            target = getattr(form, e.field or "", None) or form.apa
            target.errors = list(target.errors) + [e.message]
        else:
            return render_template("wbs/resi.html", receipt=receipt, status=service.STATUS["diterima"])
    else:
        form.token.data = _token(form)
    return render_template("wbs/lapor.html", form=form), 200 if request.method == "GET" or not form.errors else 400


def _mailbox_page(mailbox, receipt: str, *, sent: bool = False, form: ReporterMessageForm | None = None,
                  status: int = 200):
    form = form or ReporterMessageForm(formdata=None)
    form.resi.data = receipt
    form.token.data = new_token()
    return render_template("wbs/kotak.html", mailbox=mailbox, form=form, sent=sent), status


@bp.route("/kotak", methods=["GET", "POST"])
@receipt_limit
def kotak():
    form = ReceiptForm()
    if form.validate_on_submit():
        try:
            mailbox = service.open_mailbox(form.resi.data)
        except DomainError as e:
            form.resi.errors = [e.message]
        else:
            return _mailbox_page(mailbox, form.resi.data)
    return render_template("wbs/kotak_masuk.html", form=form), 200 if request.method == "GET" else 400


@bp.post("/kotak/kirim")
@receipt_limit
def kirim():
    form = ReporterMessageForm()
    if not form.validate_on_submit():
        # without a valid receipt there is no mailbox to show
        entry = ReceiptForm(formdata=None)
        entry.resi.errors = [_("Sesi formulir tidak sah. Masukkan resi Anda lagi.")]
        return render_template("wbs/kotak_masuk.html", form=entry), 400
    try:
        files = inspect_files(request.files.getlist(form.lampiran.name))
        mailbox = service.add_reporter_message(form.resi.data, form.pesan.data or "", files,
                                               idempotency_key=_token(form))
    except (UploadError, DomainError) as e:
        field = getattr(e, "field", None)
        if field == "resi":
            entry = ReceiptForm(formdata=None)
            entry.resi.errors = [e.message]
            return render_template("wbs/kotak_masuk.html", form=entry), 400
        try:
            mailbox = service.open_mailbox(form.resi.data)
        except DomainError:
            entry = ReceiptForm(formdata=None)
            entry.resi.errors = [service.UNKNOWN_RECEIPT]
            return render_template("wbs/kotak_masuk.html", form=entry), 400
        target = form.lampiran if isinstance(e, UploadError) or field == "lampiran" else form.pesan
        target.errors = [e.message]
        return _mailbox_page(mailbox, form.resi.data, form=form, status=400)
    return _mailbox_page(mailbox, form.resi.data, sent=True)
