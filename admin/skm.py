"""Officers' pages for the surveys (Pengelola Survei; read-only for Pimpinan and TPI; unit officers see and
update the improvement actions of their own unit). Rules live in skm/."""
from __future__ import annotations

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from admin.views import bp
from core import attachments, storage
from core.errors import DomainError
from core.extensions import db
from core.models import Attachment, Role, unit_choices
from core.registry import CardValue
from core.security import role_required
from core.templating import angka as angka_halaman, teks_kantor
from core.web import DOCX, PDF, attempt, download, refuse
from core.workdays import local_today
from skm import laporan, service
from skm.calculator import JENIS_PERSEPSI, UNSUR_KODE, UNSUR_NAMA
from skm.format import keterangan_sampel
from skm.forms import (BuktiForm, ImporForm, ItemPersepsiForm, KodeForm, LayananForm, PeriodeForm, PertanyaanForm,
                       StatusForm, TindakLanjutForm)
from skm.models import SkmLayanan
from skm import queries
from skm.workflow import STATUS_TL

TULIS = (Role.pengelola_skm,)
BACA = service.PEMBACA_TL  # the survey manager, Pimpinan and TPI read every result and action
TL = (*BACA, Role.unit)


def card() -> CardValue:
    periode = service.periode_berjalan() or next(iter(service.semua_periode()), None)
    if periode is None:
        return CardValue("IKM", "-", _("belum ada periode survei"), "admin.skm_index")
    h = service.hasil(periode)
    note = (_("%(periode)s · %(jumlah)s responden", periode=periode.nama, jumlah=h.responden) if h.ada_data
            else _("%(periode)s · belum ada data", periode=periode.nama))
    return CardValue("IKM", angka_halaman(h.konversi) + (f" ({h.mutu})" if h.mutu else ""), note, "admin.skm_index")


def _can_write() -> bool:
    return current_user.has_role(*TULIS)


# --- overview, services, periods ---------------------------------------------------------------------

@bp.get("/skm/")
@role_required(*BACA)
def skm_index():
    periods = service.semua_periode()
    rows = [(p, service.hasil(p)) for p in periods]
    years = sorted({p.mulai.year for p in periods}, reverse=True)
    tahun = request.args.get("tahun", type=int) or (years[0] if years else local_today().year)
    return render_template("admin/skm/index.html", rows=rows, layanan=service.semua_layanan(),
                           can_write=_can_write(), tahun=tahun, tahun_lain=years,
                           putaran=queries.survei_berbeda_tahun(tahun))


@bp.route("/skm/layanan/baru", methods=["GET", "POST"])
@bp.route("/skm/layanan/<int:layanan_id>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_layanan(layanan_id: int | None = None):
    layanan = db.get_or_404(SkmLayanan, layanan_id) if layanan_id else None
    form = LayananForm(obj=layanan)
    form.unit_id.choices = unit_choices()
    if form.validate_on_submit():
        ok, _saved = attempt(service.simpan_layanan, layanan, kode=form.kode.data, nama=form.nama.data,
                             nama_en=form.nama_en.data or "",
                             unit_id=form.unit_id.data, populasi=form.populasi.data,
                             wajib_kode=form.wajib_kode.data, aktif=form.aktif.data, actor=current_user, form=form)
        if ok:
            flash(_("Layanan disimpan."), "success")
            return redirect(url_for("admin.skm_index"))
    return render_template("admin/skm/layanan.html", form=form, layanan=layanan, kode_form=KodeForm())


@bp.route("/skm/layanan/<int:layanan_id>/kode", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_kode(layanan_id: int):
    layanan = db.get_or_404(SkmLayanan, layanan_id)
    form = KodeForm()
    if form.validate_on_submit():
        ok, _codes = attempt(service.buat_kode, layanan, form.jumlah.data, actor=current_user)
        if ok:
            flash(_("%(jumlah)s kode dibuat. Cetak dan bagikan bersama bukti layanan.", jumlah=form.jumlah.data), "success")
        return redirect(url_for("admin.skm_kode", layanan_id=layanan.id))
    return render_template("admin/skm/kode.html", layanan=layanan, kode=service.kode_belum_dipakai(layanan),
                           form=form)


@bp.route("/skm/periode/baru", methods=["GET", "POST"])
@bp.route("/skm/periode/<int:periode_id>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_periode(periode_id: int | None = None):
    periode = service.periode_or_404(periode_id) if periode_id else None
    form = PeriodeForm(obj=periode)
    if form.validate_on_submit():
        ok, p = attempt(service.simpan_periode, periode, nama=form.nama.data, jenis=form.jenis.data,
                        mulai=form.mulai.data, selesai=form.selesai.data, metode_bobot=form.metode_bobot.data,
                        publik=form.publik.data, target_unsur=form.target_unsur.data, actor=current_user, form=form)
        if ok:
            flash(_("Periode %(nama)s disimpan.", nama=p.nama), "success")
            return redirect(url_for("admin.skm_index"))
    return render_template("admin/skm/form.html", form=form,
                           title=_("Ubah periode %(nama)s", nama=periode.nama) if periode else _("Periode survei baru"))


# --- questionnaires ----------------------------------------------------------------------------------

@bp.get("/skm/kuesioner")
@role_required(*BACA)
def skm_kuesioner():
    items = {j: service.persepsi_items(j, aktif_saja=False) for j in JENIS_PERSEPSI}
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
        form.pertanyaan_en.data = current.pertanyaan_en
        for i, (lab, en) in enumerate(zip(current.label, current.label_en), 1):
            form[f"label_{i}"].data, form[f"label_{i}_en"].data = lab, en
    if form.validate_on_submit():
        ok, _saved = attempt(service.simpan_pertanyaan, kode, form.pertanyaan.data,
                             [form[f"label_{i}"].data for i in range(1, 5)], form.urutan.data, actor=current_user,
                             pertanyaan_en=form.pertanyaan_en.data or "",
                             label_en=[form[f"label_{i}_en"].data or "" for i in range(1, 5)], form=form)
        if ok:
            flash(_("Pertanyaan %(kode)s disimpan.", kode=kode), "success")
            return redirect(url_for("admin.skm_kuesioner"))
    return render_template("admin/skm/form.html", form=form,
                           title=_("Pertanyaan %(kode)s — %(unsur)s", kode=kode, unsur=_(UNSUR_NAMA[kode])),
                           note=_("Identitas unsur tetap; hanya teks dan label yang diubah."))


@bp.route("/skm/persepsi/<jenis>/baru", methods=["GET", "POST"])
@bp.route("/skm/persepsi/<jenis>/<kunci>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_item(jenis: str, kunci: str | None = None):
    if jenis not in JENIS_PERSEPSI:
        abort(404)
    item = service.item_persepsi(jenis, kunci) if kunci else None  # a default statement is stored on save
    form = ItemPersepsiForm(obj=item)
    if form.validate_on_submit():
        ok, _saved = attempt(service.simpan_item_persepsi, item, jenis=jenis, teks=form.teks.data,
                             teks_en=form.teks_en.data or "",
                             urutan=form.urutan.data, aktif=form.aktif.data, actor=current_user, form=form)
        if ok:
            flash(_("Pernyataan disimpan."), "success")
            return redirect(url_for("admin.skm_kuesioner"))
    return render_template("admin/skm/form.html", form=form, title=_("Pernyataan %(jenis)s", jenis=_(JENIS_PERSEPSI[jenis])))


# --- import -------------------------------------------------------------------------------------------

@bp.route("/skm/impor", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_impor():
    form = ImporForm()
    form.layanan_id.choices = [(lay.id, f"{teks_kantor(lay.nama, lay.nama_en)} "
                                        f"({teks_kantor(lay.unit.nama, lay.unit.nama_en)})")
                               for lay in service.semua_layanan()]
    form.periode_id.choices = [(p.id, p.nama) for p in service.semua_periode()]
    kesalahan: list[str] = []
    pemetaan = []
    if form.validate_on_submit():
        layanan = db.get_or_404(SkmLayanan, form.layanan_id.data)
        periode = service.periode_or_404(form.periode_id.data)
        try:
            batch = service.impor_berkas(layanan, periode, *_unggahan(request.files.get("berkas")),
                                         actor=current_user)
        except DomainError as e:
            refuse(e, form)
            kesalahan = getattr(e, "kesalahan", [])
            pemetaan = getattr(e, "pemetaan", [])
        else:
            return redirect(url_for("admin.skm_impor_hasil", impor_id=batch.id))
    return render_template("admin/skm/impor.html", form=form, kesalahan=kesalahan, pemetaan=pemetaan,
                           nama_unsur=UNSUR_NAMA)


@bp.get("/skm/impor/<int:impor_id>")
@role_required(*TULIS)
def skm_impor_hasil(impor_id: int):
    """What an import stored, and how the file's header was read (the columns an officer should check)."""
    batch = service.impor_or_404(impor_id)
    layanan = db.get_or_404(SkmLayanan, batch.layanan_id)
    periode = service.periode_or_404(batch.periode_id)
    return render_template("admin/skm/impor_hasil.html", batch=batch, layanan=layanan, periode=periode,
                           hasil=service.hasil(periode, layanan), pemetaan=service.pemetaan_impor(batch),
                           nama_unsur=UNSUR_NAMA)


def _unggahan(upload) -> tuple[bytes, str]:
    """The uploaded spreadsheet's bytes and name, checked by content (size, type)."""
    if upload is None or not upload.filename:
        raise DomainError(_("Pilih berkas CSV atau XLSX."), field="berkas")
    raw = upload.read(storage_limit() + 1)
    try:
        clean = storage.inspect_upload(raw, upload.filename, max_bytes=storage_limit(), allowed=storage.SPREADSHEETS)
    except storage.UploadError as e:
        raise DomainError(e.message, field="berkas") from e
    return clean.data, clean.original_name


def storage_limit() -> int:
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
    terendah, di_bawah = queries.unsur_perlu_tindak_lanjut(h, periode.target_unsur)
    return render_template("admin/skm/hasil.html", periode=periode, layanan=layanan, hasil=h,
                           perlu=[(u, u.kode in terendah, u.kode in di_bawah) for u in h.unsur
                                  if u.kode in terendah or u.kode in di_bawah],
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
        return download(laporan.laporan_docx(periode, layanan), name + ".docx", DOCX)
    if fmt == "pdf":
        return download(laporan.laporan_pdf(periode, layanan), name + ".pdf", PDF)
    abort(404)


def _poster(periode_id: int, *, cetak: bool) -> Response:
    periode = service.periode_or_404(periode_id)
    ukuran = "A3" if request.args.get("ukuran") == "A3" else "A4"
    pdf = laporan.poster_pdf(periode, _layanan_param(), ukuran)
    if cetak:
        service.catat_poster_dicetak(periode, ukuran, actor=current_user)
    return download(pdf, f"poster-skm-{periode.id}-{ukuran}.pdf", PDF)


@bp.get("/skm/hasil/<int:periode_id>/poster.pdf")
@role_required(*BACA)
def skm_poster(periode_id: int):
    return _poster(periode_id, cetak=False)


@bp.post("/skm/hasil/<int:periode_id>/poster.pdf")
@role_required(*TULIS)
def skm_poster_cetak(periode_id: int):
    """The survey manager downloads the poster to print: the offline publication is recorded."""
    return _poster(periode_id, cetak=True)


# --- follow-up -----------------------------------------------------------------------------------------

@bp.get("/skm/tindak-lanjut")
@role_required(*TL)
def skm_tl():
    periode_id = request.args.get("periode", type=int)
    periode = service.periode_or_404(periode_id) if periode_id else None
    rows = service.tindak_lanjut_terlihat(current_user, periode)
    # the LKE answer is the share of the unsur that needed action, never of the actions (DOMAIN.md §4)
    perlu = queries.tindak_lanjut_unsur([periode.id]) if periode else None
    return render_template("admin/skm/tl_list.html", rows=rows, periode=periode, semua_periode=service.semua_periode(),
                           perlu=perlu, status=STATUS_TL, can_write=_can_write(), nama_unsur=UNSUR_NAMA)


@bp.route("/skm/tindak-lanjut/baru/<int:periode_id>", methods=["GET", "POST"])
@role_required(*TULIS)
def skm_tl_baru(periode_id: int):
    periode = service.periode_or_404(periode_id)
    form = TindakLanjutForm()
    form.unsur.choices = [(k, f"{k} {_(UNSUR_NAMA[k])}") for k in UNSUR_KODE]
    form.layanan_id.choices = [(0, _("Seluruh layanan"))] + [(lay.id, teks_kantor(lay.nama, lay.nama_en))
                                                            for lay in service.semua_layanan()]
    form.unit_id.choices = unit_choices()
    if request.method == "GET":
        h = service.hasil(periode)
        weakest = h.terendah(1)
        form.unsur.data = request.args.get("unsur") or (weakest[0].kode if weakest else "U1")
        form.tenggat.data = periode.selesai
    if form.validate_on_submit():
        layanan = db.session.get(SkmLayanan, form.layanan_id.data) if form.layanan_id.data else None
        ok, _tl = attempt(service.buat_tindak_lanjut, periode=periode, layanan=layanan, unsur=form.unsur.data,
                          masalah=form.masalah.data or "", rencana=form.rencana.data, unit_id=form.unit_id.data,
                          tenggat=form.tenggat.data, actor=current_user, form=form)
        if ok:
            flash(_("Rencana tindak lanjut disimpan."), "success")
            return redirect(url_for("admin.skm_tl", periode=periode.id))
    return render_template("admin/skm/form.html", form=form, title=_("Rencana tindak lanjut — %(periode)s", periode=periode.nama),
                           multipart=False)


@bp.get("/skm/tindak-lanjut/<int:tl_id>")
@role_required(*TL)
def skm_tl_detail(tl_id: int):
    tl = service.get_visible_tl(tl_id, current_user)
    form = _status_form(tl)
    return render_template("admin/skm/tl_detail.html", tl=tl, form=form, bukti_form=BuktiForm(),
                           can_edit=service.boleh_ubah_tl(tl, current_user),
                           bukti=attachments.attachments_of(service.BUKTI_TL, tl.id), status=STATUS_TL,
                           nama_unsur=UNSUR_NAMA)


def _status_form(tl) -> StatusForm:
    form = StatusForm()
    form.status.choices = [(s, _(STATUS_TL[s])) for s in service.bisa_ubah_tl(tl, current_user)]
    return form


@bp.post("/skm/tindak-lanjut/<int:tl_id>/status")
@role_required(Role.pengelola_skm, Role.unit)
def skm_tl_status(tl_id: int):
    tl = service.get_visible_tl(tl_id, current_user, ubah=True)
    form = _status_form(tl)
    if form.validate_on_submit():
        ok, _done = attempt(service.ubah_status_tl, tl, form.status.data, current_user,
                            hasil_tl=form.hasil.data or "")
        if ok:
            flash(_("Status tindak lanjut diubah."), "success")
    else:
        flash(_("Pilih status yang tersedia."), "danger")
    return redirect(url_for("admin.skm_tl_detail", tl_id=tl.id))


@bp.post("/skm/tindak-lanjut/<int:tl_id>/bukti")
@role_required(Role.pengelola_skm, Role.unit)
def skm_tl_bukti(tl_id: int):
    tl = service.get_visible_tl(tl_id, current_user, ubah=True)
    if not BuktiForm().validate_on_submit():
        abort(400)
    ok, _done = attempt(_simpan_bukti, tl, request.files.getlist("lampiran"))
    if ok:
        flash(_("Bukti diunggah."), "success")
    return redirect(url_for("admin.skm_tl_detail", tl_id=tl.id))


def _simpan_bukti(tl, files) -> None:
    cleans = attachments.inspect_files(files)
    if not cleans:
        raise storage.UploadError(_("Pilih berkas bukti terlebih dahulu."))
    service.tambah_bukti_tl(tl, cleans, current_user)


@bp.get("/skm/tindak-lanjut/<int:tl_id>/bukti/<int:att_id>")
@role_required(*TL)
def skm_tl_unduh(tl_id: int, att_id: int):
    tl = service.get_visible_tl(tl_id, current_user)
    att = db.get_or_404(Attachment, att_id)
    if att.owner_type != service.BUKTI_TL or att.owner_id != tl.id:
        abort(404)
    return download(attachments.read_attachment(att), f'bukti-{att.id}.{att.original_name.rsplit(".", 1)[-1][:5]}',
                    att.content_type)


@bp.get("/skm/tindak-lanjut/laporan/<int:periode_id>.<fmt>")
@role_required(*BACA)
def skm_tl_laporan(periode_id: int, fmt: str):
    periode = service.periode_or_404(periode_id)
    if fmt == "docx":
        return download(laporan.tindak_lanjut_docx(periode), f"tindak-lanjut-skm-{periode.id}.docx", DOCX)
    if fmt == "pdf":
        return download(laporan.tindak_lanjut_pdf(periode), f"tindak-lanjut-skm-{periode.id}.pdf", PDF)
    abort(404)

