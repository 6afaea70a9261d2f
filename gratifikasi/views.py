"""Public pages of Pelaporan Gratifikasi: the campaign page, the "wajib lapor?" helper, the report form,
the receipt, tracking by number + secret code, and the poster. Thin: the rules live in the service, the
transaction is the request's (core.uow), and a refusal reaches the page through core.web."""
from __future__ import annotations

import secrets

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from core.errors import DomainError
from core.extensions import db, limiter
from core.models import Unit
from core.uow import doom
from core.web import PDF, attempt, download, refuse
from core.workdays import local_today, utcnow
from gratifikasi import documents, rules, service, workflow
from gratifikasi.forms import LacakForm, LaporanForm, LengkapiForm, WajibLaporForm, files_of
from gratifikasi.models import LaporanGratifikasi

bp = Blueprint("gratifikasi", __name__, url_prefix="/gratifikasi")
RECEIPT_KEY = "gratifikasi_tanda_terima"
RECEIPT_SECONDS = 3600  # the code stays on the receipt page/PDF for an hour, in the server-side session


@bp.context_processor
def _deadlines() -> dict:
    # the deadlines the pages state, in working days, as the office set them
    return {"hk": rules.hari_kerja()}


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
        _ok, verdict = attempt(rules.periksa_wajib_lapor, form.acara.data, form.pemberi_hubungan.data,
                               form.nilai.data, form.tanggal_terima.data, bentuk=form.bentuk.data or None,
                               total_setahun=form.total_setahun.data, form=form)
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
        clean = files_of(form, "lampiran")
        if valid and not errors and clean is not None:
            try:
                lap, kode = service.submit(inp, clean, kanal="web", idem_token=form.idem.data,
                                           user=current_user if current_user.is_authenticated else None)
            except service.DuplicateSubmission as e:
                doom()  # a lost race gives its number back
                receipt = session.get(RECEIPT_KEY)
                if receipt and receipt.get("nomor") == e.laporan.nomor:
                    return redirect(url_for(".tanda_terima"))
                flash(_("%(pesan)s Pantau dengan kode rahasia yang sudah Anda terima.", pesan=e.message), "info")
                return redirect(url_for(".lacak"))
            except DomainError as e:
                refuse(e, form)
            else:
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
                           akibat=rules.akibat_terlambat(t, _))


@bp.get("/tanda-terima.pdf")
def tanda_terima_pdf():
    lap, kode = _receipt_laporan()
    pdf = documents.tanda_terima_pdf(lap, kode=kode, alamat_lacak=url_for(".lacak", _external=True))
    return download(pdf, f"tanda-terima-{lap.nomor}.pdf", PDF)


# pages that show the secret code or personal data are never kept by a browser or proxy cache
_NO_STORE = {"gratifikasi.lapor", "gratifikasi.tanda_terima", "gratifikasi.tanda_terima_pdf", "gratifikasi.lacak",
             "gratifikasi.lengkapi", "gratifikasi.lacak_pdf"}


@bp.after_request
def _no_store(response):
    if request.endpoint in _NO_STORE:
        response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/lacak", methods=["GET", "POST"])
@limiter.limit(_tracking_limit, methods=["POST"])
def lacak():
    form = LacakForm()
    if form.validate_on_submit():
        found, lap = attempt(service.lacak, form.nomor.data, form.kode.data)
        if found:
            return _status_page(lap, form.kode.data)
    return render_template("gratifikasi/lacak.html", form=form)


def _status_page(lap: LaporanGratifikasi, kode: str, lengkapi_form: LengkapiForm | None = None):
    from core.attachments import attachments_of

    t = service.tenggat_of(lap)
    form = lengkapi_form or LengkapiForm(formdata=None, nomor=lap.nomor, kode=kode)
    form.nomor.data, form.kode.data = lap.nomor, kode
    return render_template("gratifikasi/status.html", lap=lap, t=t, akibat=rules.akibat_terlambat(t, _),
                           lengkapi_form=form, can_complete="dilengkapi" in workflow.actions_for(lap, None),
                           lampiran=attachments_of(service.OWNER, lap.id), aksi_label=workflow.AKSI_LABEL,
                           kode=kode)


def _tracked(form):
    """The report a posted number + code opens, or the response that sends the reporter back (same
    message for a wrong code and an unknown number)."""
    if not form.validate_on_submit():
        abort(400)
    found, lap = attempt(service.lacak, form.nomor.data, form.kode.data)
    return lap if found else redirect(url_for(".lacak"))


@bp.post("/lacak/lengkapi")
@limiter.limit(_tracking_limit)
def lengkapi():
    form = LengkapiForm()
    lap = _tracked(form)
    if isinstance(lap, Response):
        return lap
    clean = files_of(form, "lampiran")
    if clean is None or not attempt(service.lengkapi, lap, form.tambahan.data, clean, form=form)[0]:
        return _status_page(lap, form.kode.data, form)
    flash(_("Kelengkapan terkirim. UPG akan memeriksanya kembali."), "success")
    return _status_page(lap, form.kode.data)


@bp.post("/lacak/tanda-terima.pdf")
@limiter.limit(_tracking_limit)
def lacak_pdf():
    lap = _tracked(LacakForm())
    if isinstance(lap, Response):
        return lap
    pdf = documents.tanda_terima_pdf(lap, kode=None, alamat_lacak=url_for(".lacak", _external=True))
    return download(pdf, f"tanda-terima-{lap.nomor}.pdf", PDF)


@bp.get("/poster.pdf")
def poster():
    ukuran = request.args.get("ukuran", "A4").upper()
    if ukuran not in documents.POSTER_SIZES:
        abort(404)
    pdf = documents.poster_pdf(ukuran, url_for(".index", _external=True))
    return download(pdf, f"poster-gratifikasi-{ukuran}.pdf", PDF, inline=True)
