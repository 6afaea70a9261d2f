"""Public pages of Pengaduan Masyarakat: the form with its confirm step, the receipt, and tracking.

Thin: parse, call pengaduan.service, render. Tracking needs ticket + code once; after that the server-side
session remembers which complaint this browser may follow (for 30 minutes), so the code never sits in a URL.
"""
from __future__ import annotations

from flask import (Blueprint, Response, current_app, flash, make_response, redirect, render_template, request,
                   session, url_for)
from flask_babel import gettext as _

from core.attachments import inspect_files
from core.errors import DomainError
from core.extensions import db, limiter
from core.storage import UploadError
from core.workdays import utcnow
from core.web import download
from pengaduan import service
from pengaduan.forms import LacakForm, NilaiForm, PengaduanForm, PindahWbsForm, TanggapanForm
from pengaduan.models import Pengaduan

bp = Blueprint("pengaduan", __name__, url_prefix="/pengaduan")

DRAFT = "pgd_draf"        # files staged between the form and the confirm step
TRACKING = "pgd_lacak"    # {"id", "at"}: the complaint this browser proved it may follow
TRACKING_SECONDS = 30 * 60


def _submit_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


def _tracking_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


def _no_store(resp) -> Response:
    resp = make_response(resp)
    resp.headers["Cache-Control"] = "no-store"
    return resp


def _complaint_form() -> PengaduanForm:
    form = PengaduanForm()
    form.kategori.choices = [("", _("— pilih kategori —"))] + [(k, k) for k in service.categories()]
    return form


def _apply_errors(form, errors: dict[str, str]) -> None:
    for name, message in errors.items():
        target = getattr(form, name, None)
        if target is not None:
            target.errors = list(target.errors or []) + [message]


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"])  # the confirm step stores files: limited like the send
def form():
    form = _complaint_form()
    draft = service.staged_present(session.get(DRAFT))
    if request.method == "GET":
        return render_template("pengaduan/form.html", form=form, staged=draft)
    # "ubah" comes back from the confirm page: the form refilled from what was posted, no errors shown
    if request.form.get("langkah") == "ubah" or not form.validate_on_submit():
        return render_template("pengaduan/form.html", form=form, staged=draft)
    errors: dict[str, str] = {}
    try:
        clean = service.validate(form.data_dict(), kanal="web")
    except service.InputError as e:
        errors.update(e.errors)
        clean = None
    try:
        files = inspect_files(request.files.getlist("lampiran"))
    except UploadError as e:
        errors["lampiran"] = e.message
        files = []
    if errors:
        _apply_errors(form, errors)
        return render_template("pengaduan/form.html", form=form, staged=draft), 422
    if files:  # new files replace the ones chosen before
        service.drop_staged(draft)
        draft = service.stage_files(files)
    session[DRAFT] = draft
    return _no_store(render_template("pengaduan/periksa.html", form=form, data=clean, staged=draft,
                                     token=service.new_token(), jenis=service.JENIS))


@bp.post("/kirim")
@limiter.limit(_submit_limit)
def kirim():
    form = _complaint_form()
    draft = service.staged_present(session.get(DRAFT))
    token = (request.form.get("token") or "")[:64]
    if not form.validate_on_submit() or len(token) < 16:
        return render_template("pengaduan/form.html", form=form, staged=draft), 400
    try:
        p, code = service.submit(form.data_dict(), service.load_staged(draft), kanal="web", token=token)
    except service.InputError as e:
        _apply_errors(form, e.errors)
        return render_template("pengaduan/form.html", form=form, staged=draft), 422
    except UploadError as e:
        form.lampiran.errors = [e.message]
        return render_template("pengaduan/form.html", form=form, staged=[]), 422
    service.drop_staged(draft)
    session.pop(DRAFT, None)
    return _no_store(render_template("pengaduan/terkirim.html", p=p, code=code, cfg=service.settings()))


@bp.post("/bukti")
def bukti():
    """The receipt as a text file (the page also prints cleanly)."""
    form = LacakForm()
    if not form.validate_on_submit():
        return redirect(url_for("pengaduan.lacak"))
    p = service.find_for_reporter(form.tiket.data, form.kode.data)
    body = render_template("pengaduan/bukti.txt", p=p, code=form.kode.data.strip().upper(),
                           lacak_url=url_for("pengaduan.lacak", _external=True))
    return download(body, f"bukti-{p.tiket}.txt", "text/plain; charset=utf-8")


@bp.route("/lacak", methods=["GET", "POST"])
@limiter.limit(_tracking_limit, methods=["POST"])
def lacak():
    form = LacakForm()
    if form.validate_on_submit():
        try:
            p = service.find_for_reporter(form.tiket.data, form.kode.data)
        except DomainError as e:
            flash(e.message, "danger")
            return render_template("pengaduan/lacak.html", form=form), 404
        session[TRACKING] = {"id": p.id, "at": utcnow().timestamp()}
        return redirect(url_for("pengaduan.status"))
    return render_template("pengaduan/lacak.html", form=form)


def _tracked() -> Pengaduan | None:
    data = session.get(TRACKING)
    if not data or utcnow().timestamp() - data.get("at", 0) > TRACKING_SECONDS:
        session.pop(TRACKING, None)
        return None
    return db.session.get(Pengaduan, data["id"])


def _need_tracking():
    flash(_("Masukkan nomor tiket dan kode pelacakan untuk melihat pengaduan Anda."), "info")
    return redirect(url_for("pengaduan.lacak"))


@bp.get("/lacak/status")
def status():
    p = _tracked()
    if p is None:
        return _need_tracking()
    return _no_store(render_template("pengaduan/status.html", v=service.public_view(p), tanggapan=TanggapanForm(),
                                     nilai_form=NilaiForm(), wbs_form=PindahWbsForm(token=service.new_token())))


@bp.post("/lacak/tanggapan")
@limiter.limit(_submit_limit)
def tanggapan():
    p = _tracked()
    if p is None:
        return _need_tracking()
    form = TanggapanForm()
    if form.validate_on_submit():
        try:
            files = inspect_files(request.files.getlist("lampiran"))
            action = service.tanggapan_pelapor(p, form.teks.data, files)
        except (DomainError, UploadError) as e:
            db.session.rollback()
            flash(e.message, "danger")
        else:
            db.session.commit()
            flash({"lengkapi": _("Kelengkapan terkirim; pengaduan Anda akan diverifikasi kembali."),
                   "tanggapi": _("Tanggapan Anda terkirim; petugas akan menindaklanjutinya.")}.get(
                action, _("Informasi tambahan terkirim.")), "success")
    return redirect(url_for("pengaduan.status"))


@bp.post("/lacak/nilai")
@limiter.limit(_submit_limit)
def nilai():
    p = _tracked()
    if p is None:
        return _need_tracking()
    form = NilaiForm()
    if form.validate_on_submit():
        try:
            service.nilai(p, form.skor.data, form.komentar.data)
        except DomainError as e:
            db.session.rollback()
            flash(e.message, "danger")
        else:
            db.session.commit()
            flash(_("Terima kasih atas penilaian Anda."), "success")
    return redirect(url_for("pengaduan.status"))


@bp.post("/lacak/wbs")
@limiter.limit(_submit_limit)
def pindah_wbs():
    p = _tracked()
    if p is None:
        return _need_tracking()
    form = PindahWbsForm()
    if not form.validate_on_submit():
        return redirect(url_for("pengaduan.status"))
    try:
        token = (form.token.data or "")[:64]
        receipt = service.pindah_wbs(p, bool(form.sertakan_identitas.data), token if len(token) >= 16 else None)
    except DomainError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return redirect(url_for("pengaduan.status"))
    db.session.commit()
    return _no_store(render_template("pengaduan/wbs_terkirim.html", receipt=receipt, tiket=p.tiket))


@bp.post("/lacak/keluar")
def keluar():
    session.pop(TRACKING, None)
    flash(_("Anda telah menutup halaman pelacakan."), "info")
    return redirect(url_for("pengaduan.lacak"))
