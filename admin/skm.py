"""Officers' pages for the surveys (Pengelola Survei; read-only for Pimpinan and TPI; unit officers see and
update the improvement actions of their own unit). Rules live in skm/."""
from __future__ import annotations

import hashlib

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from admin.views import bp
from core import attachments, audit, storage
from core.errors import N_, DomainError
from core.extensions import db
from core.models import Attachment, Role, Unit
from core.registry import CardValue
from core.security import role_required
from core.workdays import utcnow
from core.web import download
from skm import laporan, service
from skm.berkas import BerkasError, baca
from skm.calculator import JENIS_PERSEPSI, UNSUR_KODE, UNSUR_NAMA
from skm.forms import (BuktiForm, ImporForm, ItemPersepsiForm, KodeForm, LayananForm, PeriodeForm, PertanyaanForm,
                       StatusForm, TindakLanjutForm)
from skm.models import PersepsiItem, SkmLayanan, SkmTindakLanjut
from skm.queries import jawaban_tindak_lanjut
from skm.views import keterangan_sampel

TULIS = (Role.pengelola_skm,)
BACA = (Role.pengelola_skm, Role.pimpinan, Role.tpi)
TL = (*BACA, Role.unit)
OWNER = "skm_tindak_lanjut"

# Labels defined by the rules (skm/service.py STATUS_TL, skm/queries.py JAWABAN_TL) and shown on these pages;
# marked here for the translation catalogue, translated with _() where shown. Keep in step with those modules.
LABEL_HALAMAN = (N_("Direncanakan"), N_("Sedang dikerjakan"), N_("Selesai"),
                 N_("seluruh"), N_("sebagian besar"), N_("sebagian kecil"), N_("belum"))



def card() -> CardValue:
    periode = service.periode_berjalan() or next(iter(service.semua_periode()), None)
    if periode is None:
        return CardValue("IKM", "-", _("belum ada periode survei"), "admin.skm_index")
    h = service.hasil(periode)
    note = (_("%(periode)s · %(jumlah)s responden", periode=periode.nama, jumlah=h.responden) if h.ada_data
            else _("%(periode)s · belum ada data", periode=periode.nama))
    return CardValue("IKM", h.konversi_tampil + (f" ({h.mutu})" if h.mutu else ""), note, "admin.skm_index")


def _units():
    return [(u.id, u.nama) for u in db.session.scalars(select(Unit).where(Unit.aktif).order_by(Unit.nama))]


def _can_write() -> bool:
    return current_user.has_role(*TULIS)


def _file(data: bytes, name: str, mimetype: str) -> Response:
    return download(data, name, mimetype)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- overview, services, periods ---------------------------------------------------------------------

@bp.get("/skm/")
@role_required(*BACA)
def skm_index():
    rows = [(p, service.hasil(p)) for p in service.semua_periode()]
    return render_template("admin/skm/index.html", rows=rows, layanan=service.semua_layanan(),
                           can_write=_can_write())


@bp.route("/skm/layanan/baru", methods=["GET", "POST"])
@bp.route("/skm/layanan/<int:layanan_id>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_layanan(layanan_id: int | None = None):
    layanan = db.get_or_404(SkmLayanan, layanan_id) if layanan_id else None
    form = LayananForm(obj=layanan)
    form.unit_id.choices = _units()
    if form.validate_on_submit():
        try:
            layanan = service.simpan_layanan(layanan, kode=form.kode.data, nama=form.nama.data,
                                             unit_id=form.unit_id.data, populasi=form.populasi.data,
                                             wajib_kode=form.wajib_kode.data, aktif=form.aktif.data,
                                             actor=current_user)
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "nama").errors.append(e.message)
        else:
            db.session.commit()
            flash(_("Layanan disimpan."), "success")
            return redirect(url_for("admin.skm_index"))
    return render_template("admin/skm/layanan.html", form=form, layanan=layanan, kode_form=KodeForm())


@bp.route("/skm/layanan/<int:layanan_id>/kode", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_kode(layanan_id: int):
    layanan = db.get_or_404(SkmLayanan, layanan_id)
    form = KodeForm()
    if form.validate_on_submit():
        try:
            service.buat_kode(layanan, form.jumlah.data, actor=current_user)
        except DomainError as e:
            db.session.rollback()
            flash(e.message, "danger")
        else:
            db.session.commit()
            flash(_("%(jumlah)s kode dibuat. Cetak dan bagikan bersama bukti layanan.", jumlah=form.jumlah.data), "success")
        return redirect(url_for("admin.skm_kode", layanan_id=layanan.id))
    return render_template("admin/skm/kode.html", layanan=layanan, kode=service.kode_belum_dipakai(layanan),
                           form=form)


@bp.route("/skm/periode/baru", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_periode():
    form = PeriodeForm()
    if form.validate_on_submit():
        try:
            p = service.buat_periode(nama=form.nama.data, jenis=form.jenis.data, mulai=form.mulai.data,
                                     selesai=form.selesai.data, metode_bobot=form.metode_bobot.data,
                                     publik=form.publik.data, actor=current_user)
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "nama").errors.append(e.message)
        else:
            db.session.commit()
            flash(_("Periode %(nama)s dibuat.", nama=p.nama), "success")
            return redirect(url_for("admin.skm_index"))
    return render_template("admin/skm/form.html", form=form, title=_("Periode survei baru"))


# --- questionnaires ----------------------------------------------------------------------------------

@bp.get("/skm/kuesioner")
@role_required(*BACA)
def skm_kuesioner():
    items = {j: service.persepsi_items(j, aktif_saja=False) for j in JENIS_PERSEPSI}
    db.session.commit()  # the default statements, written on first use
    return render_template("admin/skm/kuesioner.html", pertanyaan=service.kuesioner(), can_write=_can_write(),
                           items=items, jenis=JENIS_PERSEPSI)


@bp.route("/skm/kuesioner/<kode>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_pertanyaan(kode: str):
    current = {p.kode: p for p in service.kuesioner()}.get(kode)
    if current is None:
        abort(404)
    form = PertanyaanForm()
    if request.method == "GET":
        form.pertanyaan.data, form.urutan.data = current.pertanyaan, current.urutan
        for i, lab in enumerate(current.label, 1):
            form[f"label_{i}"].data = lab
    if form.validate_on_submit():
        try:
            service.simpan_pertanyaan(kode, form.pertanyaan.data, [form[f"label_{i}"].data for i in range(1, 5)],
                                      form.urutan.data, actor=current_user)
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "pertanyaan").errors.append(e.message)
        else:
            db.session.commit()
            flash(_("Pertanyaan %(kode)s disimpan.", kode=kode), "success")
            return redirect(url_for("admin.skm_kuesioner"))
    return render_template("admin/skm/form.html", form=form,
                           title=_("Pertanyaan %(kode)s — %(unsur)s", kode=kode, unsur=_(UNSUR_NAMA[kode])),
                           note=_("Identitas unsur tetap; hanya teks dan label yang diubah."))


@bp.route("/skm/persepsi/<jenis>/baru", methods=["GET", "POST"])
@bp.route("/skm/persepsi/<jenis>/<int:item_id>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_item(jenis: str, item_id: int | None = None):
    if jenis not in JENIS_PERSEPSI:
        abort(404)
    item = db.get_or_404(PersepsiItem, item_id) if item_id else None
    form = ItemPersepsiForm(obj=item)
    if form.validate_on_submit():
        try:
            service.simpan_item_persepsi(item, jenis=jenis, teks=form.teks.data, urutan=form.urutan.data,
                                         aktif=form.aktif.data, actor=current_user)
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "teks").errors.append(e.message)
        else:
            db.session.commit()
            flash(_("Pernyataan disimpan."), "success")
            return redirect(url_for("admin.skm_kuesioner"))
    return render_template("admin/skm/form.html", form=form, title=_("Pernyataan %(jenis)s", jenis=_(JENIS_PERSEPSI[jenis])))


# --- import -------------------------------------------------------------------------------------------

@bp.route("/skm/impor", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_impor():
    form = ImporForm()
    form.layanan_id.choices = [(lay.id, f"{lay.nama} ({lay.unit.nama})") for lay in service.semua_layanan()]
    form.periode_id.choices = [(p.id, p.nama) for p in service.semua_periode()]
    kesalahan: list[str] = []
    if form.validate_on_submit():
        upload = request.files.get("berkas")
        layanan = db.get_or_404(SkmLayanan, form.layanan_id.data)
        periode = service.periode_or_404(form.periode_id.data)
        try:
            if upload is None or not upload.filename:
                raise DomainError(_("Pilih berkas CSV atau XLSX."), field="berkas")
            raw = upload.read(storage_limit() + 1)
            clean = storage.inspect_upload(raw, upload.filename, max_bytes=storage_limit(),
                                           allowed=storage.SPREADSHEETS)
            bacaan = baca(clean.data, clean.original_name)
            batch = service.impor(layanan, periode, bacaan, sha256=hashlib.sha256(clean.data).hexdigest(),
                                  actor=current_user)
        except storage.UploadError as e:
            form.berkas.errors = [e.message]
        except BerkasError as e:
            form.berkas.errors = [e.message]
        except service.ImporGagal as e:
            db.session.rollback()
            form.berkas.errors = [e.message]
            kesalahan = e.kesalahan
        except DomainError as e:
            db.session.rollback()
            form.berkas.errors = [e.message]
        else:
            db.session.commit()
            flash(_("%(jumlah)s responden diimpor ke %(layanan)s, periode %(periode)s.", jumlah=batch.jumlah,
                    layanan=layanan.nama, periode=periode.nama), "success")
            return redirect(url_for("admin.skm_hasil", periode_id=periode.id, layanan=layanan.id))
    return render_template("admin/skm/impor.html", form=form, kesalahan=kesalahan)


def storage_limit() -> int:
    from flask import current_app

    return current_app.config["MAX_FILE_BYTES"]


# --- results and reports -------------------------------------------------------------------------------

def _layanan_param() -> SkmLayanan | None:
    lid = request.args.get("layanan", type=int)
    return db.get_or_404(SkmLayanan, lid) if lid else None


@bp.get("/skm/hasil/<int:periode_id>")
@role_required(*BACA)
def skm_hasil(periode_id: int):
    periode = service.periode_or_404(periode_id)
    layanan = _layanan_param()
    h = service.hasil(periode, layanan)
    sampel = service.ukuran_sampel(periode, layanan, h.responden)
    return render_template("admin/skm/hasil.html", periode=periode, layanan=layanan, hasil=h,
                           grafik=laporan.grafik_svg(h.unsur), sampel=sampel, sampel_teks=keterangan_sampel(sampel),
                           per_layanan=service.hasil_per_layanan(periode), saran=service.saran(periode, layanan, 50),
                           prediksi=service.prediksi(periode), can_write=_can_write(),
                           tl=service.tindak_lanjut(periode))


@bp.get("/skm/hasil/<int:periode_id>/laporan.<fmt>")
@role_required(*BACA)
def skm_laporan(periode_id: int, fmt: str):
    periode = service.periode_or_404(periode_id)
    layanan = _layanan_param()
    name = f"laporan-skm-{periode.id}" + (f"-{layanan.kode}" if layanan else "")
    if fmt == "docx":
        return _file(laporan.laporan_docx(periode, layanan), name + ".docx", DOCX)
    if fmt == "pdf":
        return _file(laporan.laporan_pdf(periode, layanan), name + ".pdf", "application/pdf")
    abort(404)


@bp.get("/skm/hasil/<int:periode_id>/poster.pdf")
@role_required(*BACA)
def skm_poster(periode_id: int):
    periode = service.periode_or_404(periode_id)
    ukuran = "A3" if request.args.get("ukuran") == "A3" else "A4"
    pdf = laporan.poster_pdf(periode, _layanan_param(), ukuran)
    if _can_write() and periode.poster_dicetak_pada is None:
        periode.poster_dicetak_pada = utcnow()  # the offline publication the LKE asks about
        audit.record("skm.poster", "skm_periode", periode.id, {"ukuran": ukuran})
        db.session.commit()
    return _file(pdf, f"poster-skm-{periode.id}-{ukuran}.pdf", "application/pdf")


# --- follow-up -----------------------------------------------------------------------------------------

def _tl_or_403(tl_id: int) -> SkmTindakLanjut:
    tl = db.get_or_404(SkmTindakLanjut, tl_id)
    if not current_user.has_role(*BACA) and tl.unit_id != current_user.unit_id:
        abort(403)
    return tl


@bp.get("/skm/tindak-lanjut")
@role_required(*TL)
def skm_tl():
    periode_id = request.args.get("periode", type=int)
    periode = service.periode_or_404(periode_id) if periode_id else None
    unit_only = None if current_user.has_role(*BACA) else current_user.unit_id or -1
    rows = service.tindak_lanjut(periode, unit_only)
    done = sum(1 for t in rows if t.status == "selesai")
    letter, words = jawaban_tindak_lanjut(done, len(rows))
    return render_template("admin/skm/tl_list.html", rows=rows, periode=periode, semua_periode=service.semua_periode(),
                           done=done, letter=letter, words=words, status=service.STATUS_TL, can_write=_can_write())


@bp.route("/skm/tindak-lanjut/baru/<int:periode_id>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_tl_baru(periode_id: int):
    periode = service.periode_or_404(periode_id)
    form = TindakLanjutForm()
    form.unsur.choices = [(k, f"{k} {_(UNSUR_NAMA[k])}") for k in UNSUR_KODE]
    form.layanan_id.choices = [(0, _("Seluruh layanan"))] + [(lay.id, lay.nama) for lay in service.semua_layanan()]
    form.unit_id.choices = _units()
    if request.method == "GET":
        h = service.hasil(periode)
        weakest = h.terendah(1)
        form.unsur.data = request.args.get("unsur") or (weakest[0].kode if weakest else "U1")
        form.tenggat.data = periode.selesai
    if form.validate_on_submit():
        layanan = db.session.get(SkmLayanan, form.layanan_id.data) if form.layanan_id.data else None
        try:
            service.buat_tindak_lanjut(periode=periode, layanan=layanan, unsur=form.unsur.data,
                                       masalah=form.masalah.data or "", rencana=form.rencana.data,
                                       unit_id=form.unit_id.data, tenggat=form.tenggat.data, actor=current_user)
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field or "rencana").errors.append(e.message)
        else:
            db.session.commit()
            flash(_("Rencana tindak lanjut disimpan."), "success")
            return redirect(url_for("admin.skm_tl", periode=periode.id))
    return render_template("admin/skm/form.html", form=form, title=_("Rencana tindak lanjut — %(periode)s", periode=periode.nama),
                           multipart=False)


@bp.get("/skm/tindak-lanjut/<int:tl_id>")
@role_required(*TL)
def skm_tl_detail(tl_id: int):
    tl = _tl_or_403(tl_id)
    form = StatusForm()
    form.status.choices = [(s, _(service.STATUS_TL[s])) for s in service.bisa_ubah_tl(tl, current_user)]
    can_edit = current_user.has_role(Role.pengelola_skm) or (current_user.has_role(Role.unit)
                                                               and current_user.unit_id == tl.unit_id)
    return render_template("admin/skm/tl_detail.html", tl=tl, form=form, bukti_form=BuktiForm(), can_edit=can_edit,
                           bukti=attachments.attachments_of(OWNER, tl.id), status=service.STATUS_TL,
                           nama_unsur=UNSUR_NAMA)


@bp.post("/skm/tindak-lanjut/<int:tl_id>/status")
@role_required(Role.pengelola_skm, Role.unit)
def skm_tl_status(tl_id: int):
    tl = _tl_or_403(tl_id)
    form = StatusForm()
    form.status.choices = [(s, _(service.STATUS_TL[s])) for s in service.bisa_ubah_tl(tl, current_user)]
    if form.validate_on_submit():
        try:
            service.ubah_status_tl(tl, form.status.data, current_user, hasil_tl=form.hasil.data or "")
        except DomainError as e:
            db.session.rollback()
            flash(e.message, "danger")
        else:
            db.session.commit()
            flash(_("Status tindak lanjut diubah."), "success")
    else:
        flash(_("Pilih status yang tersedia."), "danger")
    return redirect(url_for("admin.skm_tl_detail", tl_id=tl.id))


@bp.post("/skm/tindak-lanjut/<int:tl_id>/bukti")
@role_required(Role.pengelola_skm, Role.unit)
def skm_tl_bukti(tl_id: int):
    tl = _tl_or_403(tl_id)
    if not BuktiForm().validate_on_submit():
        abort(400)
    if not current_user.has_role(Role.pengelola_skm) and tl.unit_id != current_user.unit_id:
        abort(403)
    try:
        cleans = attachments.inspect_files(request.files.getlist("lampiran"))
        if not cleans:
            raise storage.UploadError(_("Pilih berkas bukti terlebih dahulu."))
    except storage.UploadError as e:
        flash(e.message, "danger")
        return redirect(url_for("admin.skm_tl_detail", tl_id=tl.id))
    for clean in cleans:
        attachments.save_clean(clean, OWNER, tl.id)
    audit.record("skm.tl.bukti", OWNER, tl.id, {"jumlah": len(cleans)})
    db.session.commit()
    flash(_("Bukti diunggah."), "success")
    return redirect(url_for("admin.skm_tl_detail", tl_id=tl.id))


@bp.get("/skm/tindak-lanjut/<int:tl_id>/bukti/<int:att_id>")
@role_required(*TL)
def skm_tl_unduh(tl_id: int, att_id: int):
    tl = _tl_or_403(tl_id)
    att = db.get_or_404(Attachment, att_id)
    if att.owner_type != OWNER or att.owner_id != tl.id:
        abort(404)
    return download(attachments.read_attachment(att), f'bukti-{att.id}.{att.original_name.rsplit(".", 1)[-1][:5]}',
                    att.content_type)


@bp.get("/skm/tindak-lanjut/laporan/<int:periode_id>.<fmt>")
@role_required(*BACA)
def skm_tl_laporan(periode_id: int, fmt: str):
    periode = service.periode_or_404(periode_id)
    if fmt == "docx":
        return _file(laporan.tindak_lanjut_docx(periode), f"tindak-lanjut-skm-{periode.id}.docx", DOCX)
    if fmt == "pdf":
        return _file(laporan.tindak_lanjut_pdf(periode), f"tindak-lanjut-skm-{periode.id}.pdf", "application/pdf")
    abort(404)

