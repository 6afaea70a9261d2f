"""Officers' pages for Pelaporan Gratifikasi (the UPG's register, transitions, letters, recaps, campaign log);
rules live in gratifikasi/ (who may open a report: service.get_visible; which actions to offer:
gratifikasi.workflow), the transaction is the request's (core.uow), refusals reach the page through core.web."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from admin.views import bp
from core import audit
from core.attachments import attachments_of, read_attachment
from core.calendar import workdays_between
from core.errors import DomainError, N_
from core.extensions import db
from core.models import Role, Unit
from core.registry import CardValue
from core.security import fresh_login_required, role_required
from core.storage import ALLOWED
from core.uow import doom
from core.web import PDF, attempt, download, refuse
from core.workdays import local_today
from gratifikasi import documents, formulir, queries, rules, service, workflow
from gratifikasi.forms import (BatasForm, CatatanForm, KampanyeForm, KodeForm, KpkDilengkapiForm, KpkMintaForm,
                               LaporanPetugasForm, PenetapanForm, PengaturanForm, TeruskanForm, files_of)
from gratifikasi.models import CARA_TERUSKAN, STATUS, LaporanGratifikasi


def card() -> CardValue:
    counts = queries.dashboard_counts()
    note = _("%(n)s lewat target UPG meneruskan", n=counts["lewat"]) if counts["lewat"] else _("semua dalam tenggat")
    return CardValue(_("Gratifikasi belum diteruskan"), counts["terbuka"], note, "admin.gratifikasi_register",
                     warning=bool(counts["lewat"]))


UPG = Role.upg
READERS = (Role.upg, Role.pimpinan, Role.tpi)
PAGE = 50
# each action the case page offers: its form, and the service call with what the form carries
ACTIONS = {
    "verifikasi": (CatatanForm, lambda lap, f: service.verifikasi(lap, current_user, f.catatan.data)),
    "minta_lengkapi": (CatatanForm, lambda lap, f: service.minta_lengkapi(lap, current_user, f.catatan.data)),
    "selesaikan": (CatatanForm, lambda lap, f: service.selesaikan(lap, current_user, f.catatan.data)),
    "teruskan_kpk": (TeruskanForm, lambda lap, f: service.teruskan_kpk(
        lap, current_user, tanggal=f.tanggal.data, cara=f.cara.data, nomor_registrasi=f.nomor_registrasi.data or "",
        catatan=f.catatan.data)),
    "kpk_minta": (KpkMintaForm, lambda lap, f: service.kpk_minta_lengkapi(
        lap, current_user, tanggal=f.tanggal.data, nomor_surat=f.nomor_surat.data or "", catatan=f.catatan.data)),
    "kpk_dilengkapi": (KpkDilengkapiForm, lambda lap, f: service.kpk_dilengkapi(
        lap, current_user, tanggal=f.tanggal.data, catatan=f.catatan.data)),
    "tetapkan": (PenetapanForm, lambda lap, f: service.tetapkan(
        lap, current_user, penetapan=f.penetapan.data, nomor_sk=f.nomor_sk.data or "",
        nomor_surat_kpk=f.nomor_surat_kpk.data or "", tanggal_sk=f.tanggal_sk.data, tindak_lanjut=f.tindak_lanjut.data)),
}
TOMBOL = {"verifikasi": N_("Nyatakan lengkap"), "minta_lengkapi": N_("Minta pelapor melengkapi"),
          "teruskan_kpk": N_("Teruskan ke KPK"), "kpk_minta": N_("Catat permintaan kelengkapan KPK"),
          "kpk_dilengkapi": N_("Catat kelengkapan terkirim ke KPK"), "tetapkan": N_("Catat penetapan"),
          "selesaikan": N_("Tutup laporan (selesai)")}


def _page(template: str, **context):
    """An officer's page, with the deadlines in working days and their names as the office set them."""
    return render_template(template, hk=rules.hari_kerja(), nt=rules.nama_tenggat(_), **context)


def _filters() -> dict:
    args = request.args
    return {"status": args.get("status", "")[:20], "jenis": args.get("jenis", "")[:20],
            "tahun": args.get("tahun", type=int), "unit_id": args.get("unit", type=int),
            "tenggat": args.get("tenggat", "")[:10], "nomor": args.get("nomor", "")[:20]}


@bp.get("/gratifikasi")
@role_required(UPG)
def gratifikasi_register():
    f = _filters()
    page = max(1, request.args.get("hal", 1, type=int))
    rows, total = queries.register(**f, limit=PAGE, offset=(page - 1) * PAGE)
    units = db.session.scalars(select(Unit).order_by(Unit.nama)).all()
    today = local_today()
    tanda = {r.id: queries.tandai_tenggat(r, today) for r in rows}
    return _page("admin/gratifikasi/register.html", rows=rows, total=total, page=page, pages=-(-total // PAGE),
                 f=f, units=units, statuses=STATUS, jenis=rules.JENIS, today=today, tanda=tanda,
                 sisa={r.id: workdays_between(today, r.tenggat_berikut) for r in rows if tanda[r.id] == "dekat"})


def _laporan(lap_id: int) -> LaporanGratifikasi:
    return service.get_visible(lap_id, current_user)  # NotFoundError: a 404 page


def _detail(lap: LaporanGratifikasi, forms: dict | None = None, status: int = 200):
    allowed = workflow.actions_for(lap, current_user)
    forms = forms or {}
    for aksi in allowed:
        if aksi not in forms:
            form = ACTIONS[aksi][0](formdata=None)
            if aksi in ("teruskan_kpk", "kpk_minta", "kpk_dilengkapi"):
                form.tanggal.data = local_today()
            if aksi == "teruskan_kpk":
                form.cara.data = "gol"
            forms[aksi] = form
    t = service.tenggat_of(lap)
    return _page("admin/gratifikasi/detail.html", lap=lap, allowed=allowed, forms=forms, t=t,
                 tanda=queries.tandai_tenggat(lap), berikut=lap.tenggat_berikut,
                 sisa=service.sisa_hari_kerja(lap),
                 lampiran=attachments_of(service.OWNER, lap.id), gol=documents.gol_fields(lap),
                 aksi_label=workflow.AKSI_LABEL, akibat=rules.akibat_terlambat(t, _), cara=CARA_TERUSKAN,
                 tombol=TOMBOL), status


@bp.route("/gratifikasi/catat", methods=["GET", "POST"])
@role_required(UPG)
def gratifikasi_catat():
    """A paper report typed in by the UPG (channel "petugas"): the public form's fields and checks, dated to the day
    the UPG received the paper; the reporter's code is shown once, to be handed over with the receipt."""
    form, jenis = formulir.buka(LaporanPetugasForm)
    if request.method == "GET":
        form.diterima_upg.data = local_today()
    elif (checked := formulir.periksa(form, diterima_upg=form.diterima_upg.data)) is not None:
        inp, clean = checked
        try:
            lap, kode = service.submit(inp, clean, kanal="petugas", idem_token=form.idem.data, petugas=current_user,
                                       diterima_upg=form.diterima_upg.data)
        except service.DuplicateSubmission as e:
            doom()
            flash(e.message, "info")
            return redirect(url_for("admin.gratifikasi_detail", lap_id=e.laporan.id))
        except DomainError as e:
            refuse(e, form)
        else:
            t = service.tenggat_of(lap)
            return _page("admin/gratifikasi/tercatat.html", lap=lap, kode=kode, t=t, akibat=rules.akibat_terlambat(t, _))
    jenis = formulir.tampilkan(form, jenis)
    return _page("admin/gratifikasi/catat.html", form=form, jenis=jenis, jenis_labels=rules.JENIS)


@bp.post("/gratifikasi/<int:lap_id>/tanda-terima.pdf")
@role_required(UPG)
def gratifikasi_tanda_terima(lap_id: int):
    """The receipt with the reporter's code, for a report the UPG typed in: the page that showed the code once
    posts it back, and it is checked against the report."""
    lap = _laporan(lap_id)
    form = KodeForm()
    if not form.validate_on_submit():
        abort(400)
    found, _lap = attempt(service.lacak, lap.nomor, form.kode.data)
    if not found:
        return redirect(url_for("admin.gratifikasi_detail", lap_id=lap.id))
    pdf = documents.tanda_terima_pdf(lap, kode=form.kode.data.strip(),
                                     alamat_lacak=url_for("gratifikasi.lacak", _external=True))
    return download(pdf, f"tanda-terima-{lap.nomor}.pdf", PDF)


@bp.get("/gratifikasi/<int:lap_id>")
@role_required(UPG)
def gratifikasi_detail(lap_id: int):
    return _detail(_laporan(lap_id))


@bp.post("/gratifikasi/<int:lap_id>/aksi/<aksi>")
@role_required(UPG)
def gratifikasi_aksi(lap_id: int, aksi: str):
    lap = _laporan(lap_id)
    if aksi not in ACTIONS:
        abort(404)
    form_class, act = ACTIONS[aksi]
    form = form_class()
    if not form.validate_on_submit():
        return _detail(lap, {aksi: form}, 400)
    try:
        act(lap, form)
    except DomainError as e:
        refuse(e, form)
        return _detail(lap, {aksi: form}, e.status)
    flash(_("%(aksi)s: %(nomor)s kini berstatus «%(status)s».", aksi=_(workflow.AKSI_LABEL[aksi]), nomor=lap.nomor,
            status=_(lap.status_label)), "success")
    return redirect(url_for("admin.gratifikasi_detail", lap_id=lap.id))


@bp.get("/gratifikasi/<int:lap_id>/surat.<fmt>")
@role_required(UPG)
def gratifikasi_surat(lap_id: int, fmt: str):
    """The cover letter to KPK; before the sending is recorded (a verified report), its draft, marked DRAF and
    without a number: the officer needs the letter to send the report, the number comes with the record."""
    lap = _laporan(lap_id)
    render = {"docx": (documents.surat_kpk_docx, documents.DOCX_MIME), "pdf": (documents.surat_kpk_pdf, PDF)}
    if fmt not in render:
        abort(404)
    draf = not lap.nomor_surat
    if draf and "teruskan_kpk" not in workflow.actions_for(lap, current_user):
        flash(_("Draf surat pengantar tersedia setelah laporan dinyatakan lengkap."), "warning")
        return redirect(url_for("admin.gratifikasi_detail", lap_id=lap.id))
    audit.record("gratifikasi.unduh_surat", "laporan_gratifikasi", lap.id, {"format": fmt, "draf": draf})
    make, mimetype = render[fmt]
    return download(make(lap, draf=draf), f"{'draf-' if draf else ''}surat-kpk-{lap.nomor}.{fmt}", mimetype)


@bp.get("/gratifikasi/<int:lap_id>/gol.<fmt>")
@role_required(UPG)
@fresh_login_required
def gratifikasi_gol(lap_id: int, fmt: str):
    lap = _laporan(lap_id)
    if fmt not in ("xlsx", "csv"):
        abort(404)
    audit.record("gratifikasi.ekspor_gol", "laporan_gratifikasi", lap.id, {"format": fmt})
    if fmt == "xlsx":
        return download(documents.gol_xlsx([lap]), f"gol-{lap.nomor}.xlsx", documents.XLSX_MIME)
    return download(documents.gol_csv([lap]), f"gol-{lap.nomor}.csv", "text/csv; charset=utf-8")


@bp.get("/gratifikasi/<int:lap_id>/lampiran/<int:att_id>")
@role_required(UPG)
def gratifikasi_lampiran(lap_id: int, att_id: int):
    att = service.lampiran(lap_id, att_id, current_user)
    return download(read_attachment(att), att.original_name.replace('"', ""), att.content_type)


@bp.get("/gratifikasi/ekspor.<fmt>")
@role_required(UPG)
@fresh_login_required
def gratifikasi_ekspor(fmt: str):
    if fmt not in ("xlsx", "csv"):
        abort(404)
    rows, _total = queries.register(**_filters(), limit=100_000, with_pii=True)
    audit.record("gratifikasi.ekspor_register", "laporan_gratifikasi", "", {"format": fmt, "baris": len(rows)})
    if fmt == "xlsx":
        return download(documents.register_xlsx(rows), "register-gratifikasi.xlsx", documents.XLSX_MIME)
    return download(documents.gol_csv(rows), "register-gratifikasi-gol.csv", "text/csv; charset=utf-8")


def _periode():
    jenis = request.args.get("periode", "tahun")
    tahun = request.args.get("tahun", local_today().year, type=int)
    ke = request.args.get("ke", 1, type=int)
    try:
        return jenis, tahun, ke, queries.periode(jenis, tahun, ke)
    except ValueError:
        abort(404)


@bp.get("/gratifikasi/rekap")
@role_required(*READERS)
def gratifikasi_rekap():
    jenis, tahun, ke, p = _periode()
    r = queries.rekap(p.awal, p.akhir, daftar=False)
    return _page("admin/gratifikasi/rekap.html", r=r, p=p, jenis=jenis, tahun=tahun, ke=ke,
                 jenis_labels=rules.JENIS, statuses=STATUS,
                 kampanye=queries.kegiatan_kampanye(p.awal, p.akhir), years=range(local_today().year, 2019, -1))


@bp.get("/gratifikasi/rekap.<fmt>")
@role_required(*READERS)
def gratifikasi_rekap_unduh(fmt: str):
    jenis, tahun, ke, p = _periode()
    r = queries.rekap(p.awal, p.akhir, daftar=fmt != "xlsx")  # the periodic report lists every report
    kampanye = queries.kegiatan_kampanye(p.awal, p.akhir)
    name = f"laporan-periodik-gratifikasi-{p.awal:%Y%m%d}-{p.akhir:%Y%m%d}"
    if fmt == "docx":
        return download(documents.laporan_periodik_docx(r, p.label, kampanye), name + ".docx", documents.DOCX_MIME)
    if fmt == "pdf":
        return download(documents.laporan_periodik_pdf(r, p.label, kampanye), name + ".pdf", PDF)
    if fmt == "xlsx":
        return download(documents.rekap_xlsx(r, p.label), f"rekap-gratifikasi-{p.awal:%Y%m%d}-{p.akhir:%Y%m%d}.xlsx",
                         documents.XLSX_MIME)
    abort(404)


@bp.get("/gratifikasi/kampanye")
@role_required(*READERS)
def gratifikasi_kampanye():
    form = KampanyeForm(formdata=None, tanggal=local_today())
    return render_template("admin/gratifikasi/kampanye.html", form=form, rows=queries.kegiatan_kampanye(),
                           can_add=current_user.has_role(UPG))


@bp.post("/gratifikasi/kampanye")
@role_required(UPG)
def gratifikasi_kampanye_baru():
    form = KampanyeForm()
    if form.validate_on_submit() and (clean := files_of(form, "foto", allowed=ALLOWED)) is not None:
        saved, _row = attempt(service.catat_kampanye, service.KampanyeInput(
            tanggal=form.tanggal.data, media=form.media.data, judul=form.judul.data, uraian=form.uraian.data or "",
            tautan=form.tautan.data or "", peserta=form.peserta.data), clean, current_user, form=form)
        if saved:
            flash(_("Kegiatan kampanye dicatat."), "success")
            return redirect(url_for("admin.gratifikasi_kampanye"))
    return render_template("admin/gratifikasi/kampanye.html", form=form, rows=queries.kegiatan_kampanye(),
                           can_add=True), 400


@bp.get("/gratifikasi/kampanye/<int:kegiatan_id>/bukti/<int:att_id>")
@role_required(*READERS)
def gratifikasi_kampanye_bukti(kegiatan_id: int, att_id: int):
    att = service.bukti_kampanye(kegiatan_id, att_id)
    return download(read_attachment(att), att.original_name.replace('"', ""), att.content_type, inline=True)


@bp.get("/gratifikasi/saya")
@role_required(*tuple(Role))
def gratifikasi_saya():
    return _page("admin/gratifikasi/saya.html", rows=service.laporan_saya(current_user))



SETTINGS_ROLES = (Role.upg, Role.admin)


def _pengaturan_page(form: PengaturanForm | None = None, batas_form: BatasForm | None = None, status: int = 200):
    s = rules.pengaturan()
    form = form or PengaturanForm(formdata=None, data={k: s.get(k, "") for k in service.PENGATURAN_TEKS})
    return _page("admin/gratifikasi/pengaturan.html", form=form, batas_form=batas_form or BatasForm(formdata=None),
                 tabel=rules.tabel_batas(), today=local_today(), s=s), status


@bp.get("/gratifikasi/pengaturan")
@role_required(*SETTINGS_ROLES)
def gratifikasi_pengaturan():
    return _pengaturan_page()


@bp.post("/gratifikasi/pengaturan")
@role_required(*SETTINGS_ROLES)
def gratifikasi_pengaturan_simpan():
    form = PengaturanForm()
    if form.validate_on_submit() and attempt(service.simpan_pengaturan, form.data, current_user, form=form)[0]:
        flash(_("Pengaturan UPG disimpan."), "success")
        return redirect(url_for("admin.gratifikasi_pengaturan"))
    return _pengaturan_page(form=form, status=400)


@bp.post("/gratifikasi/pengaturan/batas")
@role_required(*SETTINGS_ROLES)
def gratifikasi_batas_tambah():
    form = BatasForm()
    if form.validate_on_submit() and attempt(
            service.tambah_batas, berlaku_mulai=form.berlaku_mulai.data, dasar=form.dasar.data,
            nilai={k: getattr(form, k).data for k in service.BATAS_KOLOM}, actor=current_user, form=form)[0]:
        flash(_("Batas nilai ditambahkan."), "success")
        return redirect(url_for("admin.gratifikasi_pengaturan"))
    return _pengaturan_page(batas_form=form, status=400)


@bp.post("/gratifikasi/pengaturan/batas/hapus")
@role_required(*SETTINGS_ROLES)
def gratifikasi_batas_hapus():
    if not CatatanForm().validate_on_submit():
        abort(400)
    if attempt(service.hapus_batas, request.form.get("berlaku_mulai", "")[:10], current_user)[0]:
        flash(_("Baris batas nilai dihapus."), "success")
    return redirect(url_for("admin.gratifikasi_pengaturan"))
