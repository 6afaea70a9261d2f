"""Officers' pages for the Zona Integritas: the whole LKE scored (per area, sub-area and pertanyaan, with the
proposal the records justify, its evidence and what is missing), officers' answers, the evidence register and
its uploads, the policy documents, readiness, the monev / tindak lanjut reports and the export. The rules and
the scoring live in zi/; these views parse, call them, and render.

Reading: pimpinan, tpi, admin. Writing (answers that override a proposal, evidence, reports, follow-up): admin
only — the head of office is the one evaluated on the score, and the TPI only reads, so neither sets it.
"""
from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal, InvalidOperation

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from admin.forms import ActionForm
from admin.views import bp
from core.attachments import attachments_of, read_attachment
from core.errors import DomainError
from core.extensions import db
from core.models import Attachment, Role, unit_choices
from core.registry import CardValue
from core.security import fresh_login_required, role_required
from core.templating import angka as angka_halaman, persen
from core.web import attempt, download, refuse
from core.workdays import local_today
from zi import answers, catalogue, ekspor, evidence, laporan, lke, rapat, scoring, tindak_lanjut
from zi.forms import (BuktiForm, JawabanForm, KebijakanForm, LaporanForm, NotaDinasForm, RapatForm, RekomendasiForm,
                      StatusTindakLanjutForm, TautkanForm)
from zi.models import (BERKAS_RAPAT, JENIS_BUKTI, JENIS_KEBIJAKAN, KOMPONEN, STATUS_TINDAK_LANJUT, ZiBukti, ZiBuktiNama,
                       ZiIndikator, ZiTindakLanjut)
from zi.periode import bulan_lalu, periode

BACA = (Role.admin, Role.pimpinan, Role.tpi)
TULIS = (Role.admin,)
TAHUN_MIN, TAHUN_MAX = catalogue.TAHUN_MIN, catalogue.TAHUN_MAX


# --- shared helpers ------------------------------------------------------------------------------------------

def _tahun_bawaan() -> int:
    """This year when its catalogue is loaded, else the latest loaded year, else this year."""
    now = local_today().year
    loaded = catalogue.tahun_tersedia()
    return now if now in loaded or not loaded else loaded[0]


def _tahun() -> int:
    tahun = request.args.get("tahun", type=int) or request.form.get("tahun", type=int) or _tahun_bawaan()
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        abort(404)
    return tahun


def _boleh_tulis() -> bool:
    return current_user.has_role(*TULIS)


def jawaban_teks(item: ZiIndikator, pilihan: str | None, angka: Decimal | None) -> str:
    """How an answer reads on the sheet: 'B', '85,00 %', '3,45'; '-' when none."""
    if pilihan:
        return pilihan
    if angka is None:
        return "-"
    if item.jenis_jawaban == "persen":
        return persen(Decimal(angka) * 100, 2)
    return angka_halaman(angka)


def opsi_teks(item: ZiIndikator, pilihan: str | None) -> str:
    return next((o["teks"] for o in item.opsi if o["kode"] == pilihan), "")


def _render(template: str, status: int = 200, **ctx):
    return render_template(template, jawaban_teks=jawaban_teks, opsi_teks=opsi_teks,
                           jenis_bukti=JENIS_BUKTI, komponen=KOMPONEN, status_tl=STATUS_TINDAK_LANJUT, boleh_tulis=_boleh_tulis(), **ctx), status


def _item(tahun: int, kode: str) -> ZiIndikator:
    item = db.session.scalar(select(ZiIndikator).where(ZiIndikator.tahun == tahun, ZiIndikator.kode == kode)
                             .options(joinedload(ZiIndikator.area)))
    if item is None or item.tingkat != "pertanyaan":
        abort(404)
    return item


def _bukti(bukti_id: int) -> ZiBukti:
    b = db.session.get(ZiBukti, bukti_id)
    if b is None:
        abort(404)
    return b


def _register_choices(limit: int = 300) -> list[tuple[int, str]]:
    rows = db.session.scalars(select(ZiBukti).order_by(ZiBukti.id.desc()).limit(limit))
    return [(0, _("— pilih —"))] + [(b.id, f"#{b.id} {b.judul} ({b.periode_mulai:%d/%m/%Y}–{b.periode_selesai:%d/%m/%Y})")
                                    for b in rows]


def _nama_choices(item: ZiIndikator | None, names: list[ZiBuktiNama] | None = None) -> list[tuple[str, str]]:
    names = names if names is not None else (item.bukti_nama if item else [])
    return [("", _("— bukti lain (tanpa nama juknis) —"))] + [(str(n.id), n.nama) for n in names]


def _nama_terpilih(value: str, allowed: list[ZiBuktiNama]) -> ZiBuktiNama | None:
    if not value:
        return None
    found = next((n for n in allowed if str(n.id) == value), None)
    if found is None:
        raise DomainError(_("Pilih nama bukti dukung dari daftar."), "bukti_nama")
    return found


# --- dashboard card ------------------------------------------------------------------------------------------

def card() -> CardValue:
    tahun = local_today().year
    if not catalogue.ada(tahun):
        return CardValue(_("Nilai ZI %(tahun)s", tahun=tahun), "-", _("katalog LKE belum dimuat"), "admin.zi_index")
    rekap = lke.lembar(tahun).rekap
    if rekap.wbk.memenuhi:
        note = _("memenuhi syarat WBBM") if rekap.wbbm.memenuhi else _("memenuhi syarat WBK")
    else:
        note = _("belum memenuhi WBK: %(n)s syarat", n=len(rekap.wbk.alasan))
    return CardValue(_("Nilai ZI %(tahun)s", tahun=tahun), angka_halaman(rekap.total), note, "admin.zi_index",
                     warning=not rekap.wbk.memenuhi)


# --- the sheet: total, areas, items ----------------------------------------------------------------------------

@bp.get("/zi/")
@role_required(*BACA)
def zi_index():
    tahun = _tahun()
    if not catalogue.ada(tahun):
        return _render("admin/zi/index.html", tahun=tahun, lb=None, tersedia=catalogue.tahun_tersedia(),
                       form=ActionForm())
    lb = lke.lembar(tahun)
    return _render("admin/zi/index.html", tahun=tahun, lb=lb, tersedia=catalogue.tahun_tersedia(),
                   ambang=scoring.AMBANG, form=ActionForm())


@bp.post("/zi/katalog")
@role_required(*TULIS)
def zi_muat_katalog():
    tahun = _tahun()
    if not ActionForm().validate_on_submit():
        abort(400)
    ok, hasil = attempt(catalogue.load, tahun)
    if ok:
        flash(_("Katalog LKE tahun %(tahun)s dimuat: %(n)s baris baru.", tahun=tahun, n=hasil.baru), "success")
    return redirect(url_for("admin.zi_index", tahun=tahun))


def _area_lembar(lb: lke.Lembar, kode: str) -> lke.AreaLembar:
    for a in lb.areas + ([lb.hasil] if lb.hasil else []):
        if a.area.kode == kode:
            return a
    abort(404)


@bp.get("/zi/area/<kode>")
@role_required(*BACA)
def zi_area(kode: str):
    tahun = _tahun()
    if not catalogue.ada(tahun):
        abort(404)
    lb = lke.lembar(tahun)
    kes = {k.indikator.id: k for k in evidence.kesiapan(tahun).indikator}
    return _render("admin/zi/area.html", tahun=tahun, lb=lb, al=_area_lembar(lb, kode), ambang=scoring.AMBANG, kes=kes)


def _halaman_item(tahun: int, item: ZiIndikator, *, jawaban_form: JawabanForm | None = None,
                  bukti_form: BuktiForm | None = None, tautkan_form: TautkanForm | None = None, status: int = 200):
    today = local_today()
    saved = answers.jawaban(tahun, item)
    usulan = answers.usulan_satu(tahun, item.kode, today)
    baris = lke.Baris(item, saved, usulan)
    rows = evidence.bukti_indikator(item, today=today)
    dipakai = {r.bukti_nama.id for r in rows if r.bukti_nama is not None and r.dapat_dipakai}
    if jawaban_form is None:
        jawaban_form = JawabanForm(formdata=None)
        jawaban_form.pilihan.data = baris.pilihan
        if item.jenis_jawaban == "persen" and baris.angka is not None:
            jawaban_form.angka.data = angka_halaman(Decimal(baris.angka) * 100)
        elif baris.angka is not None:
            jawaban_form.angka.data = angka_halaman(baris.angka)
        jawaban_form.alasan.data = saved.alasan if saved else ""
        jawaban_form.bukti.data = [b.id for b in saved.bukti] if saved else []
    jawaban_form.pilihan.choices = [("", _("— pilih —"))] + [(o["kode"], f"{o['kode']}. {o['teks']}")
                                                             for o in item.opsi]
    jawaban_form.bukti.choices = [(r.bukti.id, f"#{r.bukti.id} {r.bukti.judul}") for r in rows]
    if bukti_form is None:
        bukti_form = BuktiForm(formdata=None, periode_mulai=date(tahun, 1, 1), periode_selesai=min(
            today, date(tahun, 12, 31)))
    bukti_form.bukti_nama.choices = _nama_choices(item)
    tautkan_form = tautkan_form or TautkanForm(formdata=None)
    tautkan_form.bukti_id.choices = _register_choices()
    tautkan_form.bukti_nama.choices = _nama_choices(item)
    isian = [n for n in catalogue.indikator_tahun(tahun).values() if n.parent_id == item.id]
    return _render("admin/zi/indikator.html", status, tahun=tahun, item=item, baris=baris, usulan=usulan,
                   saved=saved, rows=rows, dipakai=dipakai, jawaban_form=jawaban_form, bukti_form=bukti_form,
                   tautkan_form=tautkan_form, isian=isian, isian_nilai=(saved.isian if saved else {}) or
                   (usulan.isian if usulan else {}), tl=tindak_lanjut.dari_sumber(tahun, item.kode),
                   action_form=ActionForm(), today=today)


@bp.get("/zi/indikator/<kode>")
@role_required(*BACA)
def zi_indikator(kode: str):
    tahun = _tahun()
    return _halaman_item(tahun, _item(tahun, kode))


def _angka_form(text: str | None, persen: bool) -> Decimal | None:
    text = (text or "").strip().replace(" ", "").rstrip("%")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise DomainError(_("Isi angka, misalnya 85,5."), "angka") from None
    return value / 100 if persen else value


@bp.post("/zi/indikator/<kode>/jawaban")
@role_required(*TULIS)
def zi_jawab(kode: str):
    tahun = _tahun()
    item = _item(tahun, kode)
    form = JawabanForm()
    if not form.validate_on_submit():
        return _halaman_item(tahun, item, jawaban_form=form, status=400)
    rows = {r.bukti.id: r.bukti for r in evidence.bukti_indikator(item)}
    try:
        angka = _angka_form(form.angka.data, item.jenis_jawaban == "persen")
        isian = {n.kode.rsplit(".", 1)[1]: request.form.get("isian_" + n.kode.rsplit(".", 1)[1], "").strip()
                 for n in catalogue.indikator_tahun(tahun).values() if n.parent_id == item.id}
        answers.simpan_jawaban(item, user=current_user, pilihan=form.pilihan.data or None, angka=angka,
                               isian=isian if any(isian.values()) else None, alasan=form.alasan.data or "",
                               bukti=[rows[i] for i in form.bukti.data if i in rows])
    except DomainError as e:
        refuse(e, form)
        return _halaman_item(tahun, item, jawaban_form=form, status=400)
    flash(_("Jawaban %(kode)s disimpan.", kode=item.kode), "success")
    return redirect(url_for("admin.zi_indikator", kode=item.kode, tahun=tahun))


@bp.post("/zi/indikator/<kode>/jawaban/hapus")
@role_required(*TULIS)
def zi_jawab_hapus(kode: str):
    tahun = _tahun()
    item = _item(tahun, kode)
    if not ActionForm().validate_on_submit():
        abort(400)
    answers.hapus_jawaban(item, user=current_user)
    flash(_("Jawaban petugas ditarik; %(kode)s kembali memakai usulan berdasarkan data.", kode=item.kode), "success")
    return redirect(url_for("admin.zi_indikator", kode=item.kode, tahun=tahun))


# --- evidence: upload, file, download --------------------------------------------------------------------------

def _tambah_dari_form(form: BuktiForm, names: list[ZiBuktiNama]) -> ZiBukti:
    nama = _nama_terpilih(form.bukti_nama.data or "", names)
    return evidence.tambah_bukti(
        judul=form.judul.data or "", jenis=form.jenis.data or "", periode_mulai=form.periode_mulai.data,
        periode_selesai=form.periode_selesai.data, user=current_user, berkas=request.files.get("berkas"),
        tautan=form.tautan.data or "", keterangan=form.keterangan.data or "", nomor=form.nomor.data or "",
        tanggal=form.tanggal.data, penandatangan=form.penandatangan.data or "",
        berlaku_sampai=form.berlaku_sampai.data, bukti_nama=[nama] if nama else [])


def _pilih_lagi(form: BuktiForm, e: DomainError) -> None:
    """A browser never fills a file input again: say so when another field sent the form back."""
    if request.files.get("berkas") and e.field != "berkas":
        form.berkas.errors = [*form.berkas.errors, _("Isian lain tetap di formulir; pilih berkasnya sekali lagi.")]


@bp.post("/zi/indikator/<kode>/bukti")
@role_required(*TULIS)
def zi_bukti_unggah(kode: str):
    tahun = _tahun()
    item = _item(tahun, kode)
    form = BuktiForm()
    if not form.validate_on_submit():
        return _halaman_item(tahun, item, bukti_form=form, status=400)
    try:
        b = _tambah_dari_form(form, list(item.bukti_nama))
        if not b.tautan_indikator:
            evidence.tautkan(b, item, user=current_user)
    except DomainError as e:
        refuse(e, form)
        _pilih_lagi(form, e)
        return _halaman_item(tahun, item, bukti_form=form, status=400)
    flash(_("Bukti «%(judul)s» dicatat untuk %(kode)s.", judul=b.judul, kode=item.kode), "success")
    return redirect(url_for("admin.zi_indikator", kode=item.kode, tahun=tahun))


@bp.post("/zi/indikator/<kode>/tautkan")
@role_required(*TULIS)
def zi_tautkan(kode: str):
    tahun = _tahun()
    item = _item(tahun, kode)
    form = TautkanForm()
    if not form.validate_on_submit():
        return _halaman_item(tahun, item, tautkan_form=form, status=400)
    try:
        b = db.session.get(ZiBukti, form.bukti_id.data or 0)
        if b is None:
            raise DomainError(_("Pilih bukti dari register."), "bukti_id")
        evidence.tautkan(b, item, _nama_terpilih(form.bukti_nama.data or "", list(item.bukti_nama)),
                         user=current_user)
    except DomainError as e:
        refuse(e, form)
        return _halaman_item(tahun, item, tautkan_form=form, status=400)
    flash(_("Bukti #%(id)s ditautkan ke %(kode)s.", id=b.id, kode=item.kode), "success")
    return redirect(url_for("admin.zi_indikator", kode=item.kode, tahun=tahun))


@bp.post("/zi/indikator/<kode>/lepas/<int:bukti_id>")
@role_required(*TULIS)
def zi_lepas(kode: str, bukti_id: int):
    tahun = _tahun()
    item = _item(tahun, kode)
    if not ActionForm().validate_on_submit():
        abort(400)
    evidence.lepaskan(_bukti(bukti_id), item, user=current_user)
    flash(_("Bukti #%(id)s dilepas dari %(kode)s.", id=bukti_id, kode=item.kode), "success")
    return redirect(url_for("admin.zi_indikator", kode=item.kode, tahun=tahun))


@bp.get("/zi/bukti")
@role_required(*BACA)
def zi_register():
    tahun = _tahun()
    jenis = request.args.get("jenis", "")
    q = select(ZiBukti).options(joinedload(ZiBukti.attachment)).order_by(ZiBukti.id.desc())
    if jenis in JENIS_BUKTI:
        q = q.where(ZiBukti.jenis == jenis)
    page = max(1, request.args.get("hal", 1, type=int))
    rows = list(db.session.scalars(q.limit(51).offset((page - 1) * 50)).unique())
    today = local_today()
    infos = [evidence.info(b, b.periode_mulai, b.periode_selesai, today) for b in rows[:50]]
    kode = {b.id: sorted({t.indikator.kode for t in b.tautan_indikator if t.indikator.tahun == tahun})
            for b in rows[:50]}
    return _render("admin/zi/register.html", tahun=tahun, infos=infos, kode=kode, jenis=jenis, page=page,
                   more=len(rows) > 50)


@bp.get("/zi/bukti/<int:bukti_id>/berkas")
@role_required(*BACA)
def zi_berkas(bukti_id: int):
    b = _bukti(bukti_id)
    if b.attachment is None or evidence.status_berkas(b) != evidence.ADA:
        flash(_("Berkas bukti «%(judul)s» tidak ditemukan di penyimpanan; unggah ulang.", judul=b.judul), "warning")
        return redirect(url_for("admin.zi_register"))
    att = b.attachment
    return download(read_attachment(att), att.original_name, att.content_type,
                    inline=att.content_type in ("application/pdf", "image/png", "image/jpeg", "image/webp"))


@bp.get("/zi/bukti/<int:bukti_id>/salinan/<int:att_id>")
@role_required(*BACA)
def zi_salinan(bukti_id: int, att_id: int):
    """The editable copy (DOCX) a generated report keeps beside its PDF."""
    att = db.session.get(Attachment, att_id)
    if att is None or att.owner_type != evidence.OWNER_SALINAN or att.owner_id != bukti_id:
        abort(404)
    return download(read_attachment(att), att.original_name, att.content_type)


def salinan(b: ZiBukti) -> list[Attachment]:
    return attachments_of(evidence.OWNER_SALINAN, b.id)


# --- policy documents and readiness -----------------------------------------------------------------------------

def _nama_kebijakan(tahun: int) -> list[ZiBuktiNama]:
    return [n for n in catalogue.bukti_nama_tahun(tahun) if n.jenis in JENIS_KEBIJAKAN]


def _halaman_kebijakan(tahun: int, form: KebijakanForm | None = None, status: int = 200):
    today = local_today()
    form = form or KebijakanForm(formdata=None)
    names = _nama_kebijakan(tahun)
    form.bukti_nama.choices = [("", _("— pilih yang dilayani dokumen ini —"))] + [
        (str(n.id), f"{n.indikator.kode} · {n.nama}") for n in names]
    return _render("admin/zi/kebijakan.html", status, tahun=tahun, form=form, rows=evidence.dokumen_kebijakan(today),
                   names=names, today=today)


@bp.get("/zi/kebijakan")
@role_required(*BACA)
def zi_kebijakan():
    return _halaman_kebijakan(_tahun())


@bp.post("/zi/kebijakan")
@role_required(*TULIS)
def zi_kebijakan_tambah():
    tahun = _tahun()
    form = KebijakanForm()
    if not form.validate_on_submit():
        return _halaman_kebijakan(tahun, form, 400)
    if form.jenis.data not in JENIS_KEBIJAKAN:
        form.jenis.errors = [_("Pilih SK atau SOP.")]
        return _halaman_kebijakan(tahun, form, 400)
    try:
        b = _tambah_dari_form(form, _nama_kebijakan(tahun))
    except DomainError as e:
        refuse(e, form)
        _pilih_lagi(form, e)
        return _halaman_kebijakan(tahun, form, 400)
    flash(_("Dokumen kebijakan «%(judul)s» nomor %(nomor)s dicatat.", judul=b.judul, nomor=b.nomor), "success")
    return redirect(url_for("admin.zi_kebijakan", tahun=tahun))


@bp.get("/zi/kesiapan")
@role_required(*BACA)
def zi_kesiapan():
    tahun = _tahun()
    if not catalogue.ada(tahun):
        abort(404)
    k = evidence.kesiapan(tahun)
    per_area: dict[str, list] = {}
    for row in k.belum_siap:
        per_area.setdefault(row.indikator.kode.split(".")[0], []).append(row)
    areas = {a.kode: a for a in catalogue.areas(tahun)}
    return _render("admin/zi/kesiapan.html", tahun=tahun, k=k, per_area=per_area, areas=areas,
                   kebijakan=[r for r in evidence.dokumen_kebijakan() if r.peringatan])


# --- monev / tindak lanjut reports ------------------------------------------------------------------------------

def _halaman_laporan(tahun: int, form: LaporanForm | None = None, status: int = 200):
    today = local_today()
    if form is None:
        last = bulan_lalu(today)
        form = LaporanForm(formdata=None, jenis="monev_pengaduan", periode="bulan", tahun=str(last.tahun),
                           ke=str(last.ke))
    form.jenis.choices = [(k, j.judul) for k, j in laporan.JENIS.items()]
    rows = laporan.laporan_terbit(tahun)
    return _render("admin/zi/laporan.html", status, tahun=tahun, form=form, rows=rows,
                   salinan={b.id: salinan(b) for b in rows})


@bp.get("/zi/laporan")
@role_required(*BACA)
def zi_laporan():
    return _halaman_laporan(_tahun())


@bp.post("/zi/laporan")
@role_required(*TULIS)
def zi_laporan_buat():
    tahun = _tahun()
    form = LaporanForm()
    if not form.validate_on_submit():
        return _halaman_laporan(tahun, form, 400)
    try:
        try:
            p = periode(form.periode.data or "", int(form.tahun.data or 0), int(form.ke.data or 1))
        except ValueError:
            raise DomainError(_("Tahun dan ke- harus berupa angka."), "tahun") from None
        t = laporan.terbitkan(form.jenis.data or "", p, user=current_user)
    except DomainError as e:
        refuse(e, form)
        return _halaman_laporan(tahun, form, 400)
    if t.baru:
        flash(_("%(judul)s dibuat dengan nomor %(nomor)s dan dicatat di register bukti.", judul=t.bukti.judul,
                nomor=t.bukti.nomor), "success")
    else:
        flash(_("%(judul)s sudah ada (nomor %(nomor)s); laporan yang sama tidak dibuat dua kali.",
                judul=t.bukti.judul, nomor=t.bukti.nomor), "info")
    return redirect(url_for("admin.zi_laporan", tahun=tahun))


def _laporan(bukti_id: int) -> ZiBukti:
    b = _bukti(bukti_id)
    if laporan.jenis_dari_bukti(b) is None:
        abort(404)
    return b


def _halaman_satu_laporan(b: ZiBukti, nd_form: NotaDinasForm | None = None, rapat_form: RapatForm | None = None,
                          status: int = 200):
    """One generated report: its files, its recommendations, the nota dinas that sent it to the units concerned,
    and the monev meetings attached to it."""
    today = local_today()
    if nd_form is None:
        nd_form = NotaDinasForm(formdata=None)
        nd_form.unit_id.data = laporan.unit_rekomendasi(b)
    nd_form.unit_id.choices = _unit_choices()[1:]
    rapat_form = rapat_form or RapatForm(formdata=None, tanggal=today)
    meetings = rapat.rapat_laporan([b.id])
    berkas_rapat = {m.id: [evidence.info(x, x.periode_mulai, x.periode_selesai, today) for x in m.bukti]
                    for m in meetings}
    notas = laporan.nota_dinas_laporan(b)
    return _render("admin/zi/laporan_satu.html", status, tahun=b.periode_selesai.year, b=b,
                   info=evidence.info(b, b.periode_mulai, b.periode_selesai, today), salinan=salinan(b),
                   salinan_nd={n.bukti_id: salinan(n.bukti) for n in notas}, notas=notas,
                   rekomendasi=list(db.session.scalars(select(ZiTindakLanjut).where(
                       ZiTindakLanjut.sumber_bukti_id == b.id).options(joinedload(ZiTindakLanjut.unit))
                       .order_by(ZiTindakLanjut.unit_id, ZiTindakLanjut.id))),
                   dapat_dikirim=laporan.dapat_dikirim(b), nd_form=nd_form, rapat_form=rapat_form,
                   meetings=meetings, berkas_rapat=berkas_rapat, berkas_rapat_jenis=BERKAS_RAPAT)


@bp.get("/zi/laporan/<int:bukti_id>")
@role_required(*BACA)
def zi_laporan_satu(bukti_id: int):
    return _halaman_satu_laporan(_laporan(bukti_id))


@bp.post("/zi/laporan/<int:bukti_id>/nota-dinas")
@role_required(*TULIS)
def zi_laporan_nota_dinas(bukti_id: int):
    b = _laporan(bukti_id)
    form = NotaDinasForm()
    if not form.validate_on_submit():
        return _halaman_satu_laporan(b, nd_form=form, status=400)
    try:
        hasil = laporan.kirim_nota_dinas(b, form.unit_id.data or [], user=current_user)
    except DomainError as e:
        refuse(e, form)
        return _halaman_satu_laporan(b, nd_form=form, status=400)
    baru = [t.bukti.nomor for t in hasil if t.baru]
    ada = [t.bukti.nomor for t in hasil if not t.baru]
    if baru:
        flash(_("Nota dinas dibuat: %(nomor)s.", nomor=", ".join(baru)), "success")
    if ada:
        flash(_("Nota dinas untuk unit itu sudah ada (%(nomor)s); tidak dibuat dua kali.", nomor=", ".join(ada)), "info")
    return redirect(url_for("admin.zi_laporan_satu", bukti_id=b.id) + "#nota-dinas")


@bp.post("/zi/laporan/<int:bukti_id>/rapat")
@role_required(*TULIS)
def zi_laporan_rapat(bukti_id: int):
    b = _laporan(bukti_id)
    form = RapatForm()
    if not form.validate_on_submit():
        return _halaman_satu_laporan(b, rapat_form=form, status=400)
    try:
        r = rapat.catat(b, tanggal=form.tanggal.data, acara=form.acara.data or "", peserta=form.peserta.data or "",
                        notulen=form.notulen.data or "", notulen_berkas=request.files.get("notulen_berkas"),
                        undangan=request.files.get("undangan"), daftar_hadir=request.files.get("daftar_hadir"),
                        foto=request.files.getlist("foto"), user=current_user)
    except DomainError as e:
        refuse(e, form)
        if any(f.filename for f in request.files.values()):
            form.foto.errors = [*form.foto.errors, _("Isian tetap di formulir; pilih berkas-berkasnya sekali lagi.")]
        return _halaman_satu_laporan(b, rapat_form=form, status=400)
    flash(_("Rapat monev %(tanggal)s dicatat dengan %(n)s berkas bukti.", tanggal=r.tanggal.strftime("%d/%m/%Y"),
            n=len(r.bukti)), "success")
    return redirect(url_for("admin.zi_laporan_satu", bukti_id=b.id) + "#rapat")


def _unit_choices() -> list[tuple[int, str]]:
    return [(0, _("— pilih —"))] + unit_choices()


TL_INDIKATOR = {"PW.P3.d": "PW.P3.d — hasil evaluasi penanganan pengaduan",
                "PW.P4.c": "PW.P4.c — hasil evaluasi penerapan WBS",
                "MP.P3.c": "MP.P3.c — hasil monitoring dan evaluasi pembangunan ZI"}


def _halaman_tl(tahun: int, rek_form: RekomendasiForm | None = None, status_forms: dict | None = None,
                status: int = 200):
    today = local_today()
    rows = list(db.session.scalars(select(ZiTindakLanjut).where(ZiTindakLanjut.tahun == tahun)
                                   .options(joinedload(ZiTindakLanjut.unit), joinedload(ZiTindakLanjut.sumber_bukti))))
    rows.sort(key=lambda r: (r.status == "selesai", r.tenggat, r.id))  # open ones first, nearest deadline first
    rek_form = rek_form or RekomendasiForm(formdata=None, tenggat=laporan.tenggat_rekomendasi(today))
    rek_form.unit_id.choices = _unit_choices()
    rek_form.indikator_kode.choices = list(TL_INDIKATOR.items())
    rek_form.sumber_id.choices = [(0, _("— tanpa laporan asal —"))] + [
        (b.id, f"{b.nomor} · {b.judul}") for b in laporan.laporan_terbit(tahun)]
    register = _register_choices()[1:]
    forms = {}
    for r in rows:
        f = (status_forms or {}).get(r.id) or StatusTindakLanjutForm(formdata=None, status=r.status, hasil=r.hasil,
                                                                       bukti=[b.id for b in r.bukti])
        f.bukti.choices = register
        forms[r.id] = f
    return _render("admin/zi/tindak_lanjut.html", status, tahun=tahun, rows=rows, forms=forms, rek_form=rek_form,
                   today=today, indikator=TL_INDIKATOR)


@bp.get("/zi/tindak-lanjut")
@role_required(*BACA)
def zi_tindak_lanjut():
    return _halaman_tl(_tahun())


@bp.post("/zi/tindak-lanjut")
@role_required(*TULIS)
def zi_tindak_lanjut_buat():
    tahun = _tahun()
    form = RekomendasiForm()
    if not form.validate_on_submit():
        return _halaman_tl(tahun, rek_form=form, status=400)
    try:
        if form.indikator_kode.data not in TL_INDIKATOR:
            raise DomainError(_("Pilih pertanyaan yang ditindaklanjuti."), "indikator_kode")
        sumber = db.session.get(ZiBukti, form.sumber_id.data) if form.sumber_id.data else None
        tindak_lanjut.buat(tahun=tahun, rekomendasi=form.rekomendasi.data or "", unit_id=form.unit_id.data or 0,
                           tenggat=form.tenggat.data, indikator_kode=form.indikator_kode.data, sumber=sumber,
                           user=current_user)
    except DomainError as e:
        refuse(e, form)
        return _halaman_tl(tahun, rek_form=form, status=400)
    flash(_("Rekomendasi dicatat sebagai tindak lanjut."), "success")
    return redirect(url_for("admin.zi_tindak_lanjut", tahun=tahun))


@bp.post("/zi/tindak-lanjut/<int:tl_id>")
@role_required(*TULIS)
def zi_tindak_lanjut_ubah(tl_id: int):
    tahun = _tahun()
    tl = db.session.get(ZiTindakLanjut, tl_id)
    if tl is None:
        abort(404)
    form = StatusTindakLanjutForm()
    if not form.validate_on_submit():
        return _halaman_tl(tahun, status_forms={tl_id: form}, status=400)
    bukti = [b for b in (db.session.get(ZiBukti, i) for i in form.bukti.data) if b is not None]
    try:
        tindak_lanjut.ubah_status(tl, form.status.data or "", hasil=form.hasil.data or "", bukti=bukti,
                                  user=current_user)
    except DomainError as e:
        refuse(e, form)
        return _halaman_tl(tahun, status_forms={tl_id: form}, status=400)
    flash(_("Status tindak lanjut diperbarui."), "success")
    return redirect(url_for("admin.zi_tindak_lanjut", tahun=tahun) + f"#tl-{tl_id}")


# --- export ---------------------------------------------------------------------------------------------------

@bp.get("/zi/ekspor/<int:tahun>.zip")
@role_required(*BACA)
@fresh_login_required
def zi_ekspor(tahun: int):
    """The evaluators' package; written to a temporary file first (scans add up), then streamed."""
    if not catalogue.ada(tahun):
        abort(404)
    tmp = tempfile.TemporaryFile()
    ekspor.paket(tahun, tmp, user=current_user)
    tmp.seek(0)
    resp = send_file(tmp, mimetype="application/zip", as_attachment=True, download_name=f"paket-lke-zi-{tahun}.zip")
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/zi/lke/<int:tahun>.xlsx")
@role_required(*BACA)
def zi_lke_xlsx(tahun: int):
    if not catalogue.ada(tahun):
        abort(404)
    return download(ekspor.lembar_xlsx(lke.lembar(tahun)), f"lembar-kerja-lke-zi-{tahun}.xlsx", ekspor.XLSX)
