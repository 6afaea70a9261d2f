"""Public pages of Pelaporan Gratifikasi: the campaign page, the "wajib lapor?" helper, the report form,
the receipt, tracking by number + secret code, and the poster. Thin: the rules live in the service."""
from __future__ import annotations

import secrets

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from core.attachments import inspect_files
from core.errors import DomainError
from core.extensions import db, limiter
from core.models import Unit
from core.storage import UploadError
from core.workdays import local_today, utcnow
from core.web import PDF, download
from gratifikasi import documents, rules, service
from gratifikasi.forms import LacakForm, LaporanForm, LengkapiForm, WajibLaporForm
from gratifikasi.models import LaporanGratifikasi

bp = Blueprint("gratifikasi", __name__, url_prefix="/gratifikasi")
RECEIPT_KEY = "gratifikasi_tanda_terima"
RECEIPT_SECONDS = 3600  # the code stays on the receipt page/PDF for an hour, in the server-side session


def _submit_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


def _tracking_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


@bp.get("/")
def index():
    today = local_today()
    return render_template("gratifikasi/index.html", aturan=rules.aturan_berlaku(today), tabel=rules.tabel_batas(),
                           s=rules.pengaturan(), kontak=documents.kontak_upg(), acara=rules.ACARA,
                           bentuk=rules.BENTUK)


@bp.get("/wajib-lapor")
def wajib_lapor():
    form = WajibLaporForm(request.args)
    verdict = None
    if request.args and form.validate():
        try:
            nilai = rules.parse_rupiah(form.nilai.data)
            total = rules.parse_rupiah(form.total_setahun.data, "total_setahun") if form.total_setahun.data else None
            if form.tanggal_terima.data > local_today():
                raise DomainError("Tanggal penerimaan tidak boleh setelah hari ini.", "tanggal_terima")
            verdict = rules.wajib_lapor(form.acara.data, form.pemberi_hubungan.data, nilai, form.tanggal_terima.data,
                                        bentuk=form.bentuk.data or None, total_setahun=total)
        except DomainError as e:
            getattr(form, e.field or "nilai").errors = [e.message]
    prefill = {k: v for k, v in request.args.items() if k in ("acara", "pemberi_hubungan", "bentuk", "nilai",
                                                              "tanggal_terima")}
    return render_template("gratifikasi/wajib_lapor.html", form=form, verdict=verdict, prefill=prefill)


def _unit_choices() -> list[tuple[int, str]]:
    units = db.session.scalars(select(Unit).where(Unit.aktif).order_by(Unit.nama))
    return [(0, _("— pilih —"))] + [(u.id, u.nama) for u in units]


def _input_from(form: LaporanForm) -> service.LaporanInput:
    data = {name: getattr(form, name).data for name in service.input_fields() if hasattr(form, name)}
    data["unit_id"] = data.get("unit_id") or None
    return service.LaporanInput(**data)


@bp.route("/lapor", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"])
def lapor():
    form = LaporanForm()
    form.unit_id.choices = _unit_choices()
    jenis = request.values.get("jenis") if request.values.get("jenis") in rules.JENIS else "penerimaan"
    if request.method == "GET":
        form.idem.data = secrets.token_urlsafe(24)
        form.jenis.data = jenis
        for name in ("acara", "pemberi_hubungan", "bentuk", "nilai"):
            if request.args.get(name):
                getattr(form, name).data = request.args[name][:60]
        if request.args.get("tanggal_terima"):
            form.tanggal_terima.process_data(_parse_date(request.args["tanggal_terima"]))
        if current_user.is_authenticated:  # an officer reporting: start from the account's data
            form.pelapor_nama.data, form.pelapor_jabatan.data = current_user.nama, current_user.jabatan
            form.identitas_nomor.data, form.unit_id.data = current_user.nip, current_user.unit_id or 0
    else:
        valid = form.validate_on_submit()
        inp = _input_from(form)
        errors, _warnings = service.check_laporan(inp)
        clean = []
        try:
            clean = inspect_files(request.files.getlist("lampiran"))
        except UploadError as e:
            errors["lampiran"] = e.message
        if valid and not errors:
            try:
                lap, kode = service.submit(inp, clean, kanal="web", idem_token=form.idem.data,
                                           user=current_user if current_user.is_authenticated else None)
            except service.DuplicateSubmission as e:
                db.session.rollback()
                receipt = session.get(RECEIPT_KEY)
                if receipt and receipt.get("nomor") == e.laporan.nomor:
                    return redirect(url_for(".tanda_terima"))
                flash(_("%(pesan)s Pantau dengan kode rahasia yang sudah Anda terima.", pesan=e.message), "info")
                return redirect(url_for(".lacak"))
            except DomainError as e:
                db.session.rollback()
                errors[e.field or "pelapor_nama"] = e.message
            else:
                db.session.commit()
                session[RECEIPT_KEY] = {"nomor": lap.nomor, "kode": kode, "at": utcnow().timestamp()}
                return redirect(url_for(".tanda_terima"))
        for name, message in errors.items():
            target = getattr(form, name if hasattr(form, name) else "pelapor_nama")
            if not target.errors:  # the form's own message (e.g. an unreadable date) comes first
                target.errors = [message]
        jenis = form.jenis.data if form.jenis.data in rules.JENIS else jenis
    form.jenis.data = jenis
    return render_template("gratifikasi/form.html", form=form, jenis=jenis, jenis_labels=rules.JENIS)


def _parse_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _receipt_laporan() -> tuple[LaporanGratifikasi, str]:
    receipt = session.get(RECEIPT_KEY)
    if not receipt or utcnow().timestamp() - receipt.get("at", 0) > RECEIPT_SECONDS:
        abort(404)
    lap = db.session.scalar(select(LaporanGratifikasi).where(LaporanGratifikasi.nomor == receipt["nomor"]))
    if lap is None:
        abort(404)
    return lap, receipt["kode"]


@bp.get("/tanda-terima")
def tanda_terima():
    lap, kode = _receipt_laporan()
    t = service.tenggat_of(lap)
    return render_template("gratifikasi/tanda_terima.html", lap=lap, kode=kode, t=t,
                           akibat=rules.akibat_terlambat(t) if t else "")


@bp.get("/tanda-terima.pdf")
def tanda_terima_pdf():
    lap, kode = _receipt_laporan()
    pdf = documents.tanda_terima_pdf(lap, kode=kode, alamat_lacak=url_for(".lacak", _external=True))
    return _download(pdf, f"tanda-terima-{lap.nomor}.pdf", "application/pdf")


# pages that show the secret code or personal data are never kept by a browser or proxy cache
_NO_STORE = {"gratifikasi.lapor", "gratifikasi.tanda_terima", "gratifikasi.tanda_terima_pdf", "gratifikasi.lacak",
             "gratifikasi.lengkapi", "gratifikasi.lacak_pdf"}


@bp.after_request
def _no_store(response):
    if request.endpoint in _NO_STORE:
        response.headers["Cache-Control"] = "no-store"
    return response


def _download(data: bytes, filename: str, mimetype: str) -> Response:
    return download(data, filename, mimetype)


@bp.route("/lacak", methods=["GET", "POST"])
@limiter.limit(_tracking_limit, methods=["POST"])
def lacak():
    form = LacakForm()
    if form.validate_on_submit():
        try:
            lap = service.lacak(form.nomor.data, form.kode.data)
        except DomainError as e:
            flash(e.message, "danger")
        else:
            return _status_page(lap, form.kode.data)
    return render_template("gratifikasi/lacak.html", form=form)


def _status_page(lap: LaporanGratifikasi, kode: str, lengkapi_form: LengkapiForm | None = None):
    from core.attachments import attachments_of

    t = service.tenggat_of(lap)
    form = lengkapi_form or LengkapiForm(formdata=None, nomor=lap.nomor, kode=kode)
    form.nomor.data, form.kode.data = lap.nomor, kode
    return render_template("gratifikasi/status.html", lap=lap, t=t, akibat=rules.akibat_terlambat(t) if t else "",
                           lengkapi_form=form, can_complete="dilengkapi" in service.allowed_actions(lap, None),
                           lampiran=attachments_of(service.OWNER, lap.id), aksi_label=service.AKSI_LABEL,
                           kode=kode)


def _tracked(form):
    """The report a posted number + code opens, or the response that sends the reporter back (same
    message for a wrong code and an unknown number)."""
    if not form.validate_on_submit():
        abort(400)
    try:
        return service.lacak(form.nomor.data, form.kode.data)
    except DomainError as e:
        flash(e.message, "danger")
        return redirect(url_for(".lacak"))


@bp.post("/lacak/lengkapi")
@limiter.limit(_tracking_limit)
def lengkapi():
    form = LengkapiForm()
    lap = _tracked(form)
    if isinstance(lap, Response):
        return lap
    try:
        clean = inspect_files(request.files.getlist("lampiran"))
        service.lengkapi(lap, form.tambahan.data, clean)
    except UploadError as e:
        db.session.rollback()
        form.lampiran.errors = [e.message]
        return _status_page(lap, form.kode.data, form)
    except DomainError as e:
        db.session.rollback()
        lap = service.lacak(form.nomor.data, form.kode.data)
        form.tambahan.errors = [e.message]
        return _status_page(lap, form.kode.data, form)
    db.session.commit()
    flash(_("Kelengkapan terkirim. UPG akan memeriksanya kembali."), "success")
    return _status_page(lap, form.kode.data)


@bp.post("/lacak/tanda-terima.pdf")
@limiter.limit(_tracking_limit)
def lacak_pdf():
    lap = _tracked(LacakForm())
    if isinstance(lap, Response):
        return lap
    pdf = documents.tanda_terima_pdf(lap, kode=None, alamat_lacak=url_for(".lacak", _external=True))
    return _download(pdf, f"tanda-terima-{lap.nomor}.pdf", "application/pdf")


@bp.get("/poster.pdf")
def poster():
    ukuran = request.args.get("ukuran", "A4").upper()
    if ukuran not in documents.POSTER_SIZES:
        abort(404)
    pdf = documents.poster_pdf(ukuran, url_for(".index", _external=True))
    return download(pdf, f"poster-gratifikasi-{ukuran}.pdf", PDF, inline=True)
