"""Officers' pages for Pengaduan Masyarakat; rules live in pengaduan/."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from admin.forms import REQUIRED
from admin.views import bp
from core import audit
from core.attachments import attachments_of, inspect_files, read_attachment
from core.documents import nota_dinas_docx, nota_dinas_pdf
from core.errors import DomainError
from core.extensions import db
from core.models import Attachment, Role, Unit
from core.registry import CardValue
from core.security import role_required
from core.storage import UploadError
from core.workdays import local_today
from core.web import DOCX, PDF, download
from pengaduan import queries, service
from pengaduan.forms import AksiForm, PetugasPengaduanForm
from pengaduan.models import NotaDinasPengaduan, Pengaduan, Riwayat
from pengaduan.workflow import ACTION_LABEL, OFFICER_LABEL, PETUGAS, STATUSES, UNIT, actions_for

READERS = (Role.petugas_pengaduan, Role.unit, Role.pimpinan, Role.tpi)
# officer actions offered on the case page, in this order
OFFICER_ACTIONS = ("verifikasi", "minta_lengkapi", "disposisi", "tindak_lanjut", "jawab", "tutup", "tawarkan_wbs",
                   "tolak", "arsipkan", "buka_kembali", "catatan")


def _card(title: str, only_unit: int | None) -> CardValue:
    c = queries.open_counts(only_unit=only_unit)
    note = _("%(n)s lewat batas waktu", n=c["terlambat"]) if c["terlambat"] else _("tidak ada yang terlambat")
    return CardValue(title, c["terbuka"], note, "admin.pengaduan_queue", warning=bool(c["terlambat"]))


def card_officer() -> CardValue:
    return _card(_("Pengaduan terbuka"), None)


def card_unit() -> CardValue:
    return _card(_("Pengaduan untuk unit Anda"), current_user.unit_id or -1)


def _only_unit() -> int | None:
    """A unit's person in charge sees only the complaints disposed to the unit."""
    if current_user.has_role(Role.petugas_pengaduan, Role.pimpinan, Role.tpi):
        return None
    return current_user.unit_id or -1


def _visible(pengaduan_id: int) -> Pengaduan:
    p = db.session.get(Pengaduan, pengaduan_id)
    if p is None:
        abort(404)
    only = _only_unit()
    if only is not None and p.unit_id != only:
        abort(403)
    return p


def _unit_choices() -> list[tuple[str, str]]:
    units = db.session.scalars(select(Unit).where(Unit.aktif).order_by(Unit.nama))
    return [(str(u.id), u.nama) for u in units]


@bp.get("/pengaduan")
@role_required(*READERS)
def pengaduan_queue():
    a = request.args
    status = a.get("status", "terbuka")
    f = queries.QueueFilter(status=status if status in (*STATUSES, "terbuka", "terlambat", "semua") else "terbuka",
                            jenis=(a.get("jenis") or "")[:20], kategori=(a.get("kategori") or "")[:100],
                            unit_id=a.get("unit", type=int), kanal=(a.get("kanal") or "")[:20],
                            q=(a.get("q") or "")[:100])
    after = None
    if a.get("setelah"):
        try:
            d, i = a["setelah"].split("_", 1)
            after = (date.fromisoformat(d), int(i))
        except ValueError:
            after = None
    only = _only_unit()
    page = queries.queue(f, after=after, only_unit=only)
    today = local_today()
    return render_template("admin/pengaduan/queue.html", page=page, f=f, today=today,
                           counts=queries.counts_by_status(only), open=queries.open_counts(only, today),
                           labels=OFFICER_LABEL, jenis=service.JENIS, kanal=service.KANAL,
                           kategori=service.categories(), units=_unit_choices(), is_overdue=service.is_overdue)


@bp.get("/pengaduan/<int:pengaduan_id>")
@role_required(*READERS)
def pengaduan_case(pengaduan_id: int):
    p = _visible(pengaduan_id)
    role = service.role_of(current_user, p)
    riwayat = db.session.scalars(select(Riwayat).where(Riwayat.pengaduan_id == p.id).order_by(Riwayat.id)).all()
    notas = db.session.scalars(select(NotaDinasPengaduan).where(NotaDinasPengaduan.pengaduan_id == p.id)
                               .order_by(NotaDinasPengaduan.id)).all()
    actions = [a for a in OFFICER_ACTIONS if role and a in actions_for(p.status, role)]
    if p.tawaran_wbs and "tawarkan_wbs" in actions:
        actions.remove("tawarkan_wbs")
    if p.dipindah_wbs and "buka_kembali" in actions:
        actions.remove("buka_kembali")
    form = AksiForm()
    form.unit_id.choices = _unit_choices()
    can_files = role in (PETUGAS, UNIT)
    return render_template("admin/pengaduan/case.html", p=p, role=role, riwayat=riwayat, notas=notas,
                           actions=actions, action_labels=ACTION_LABEL, form=form, labels=OFFICER_LABEL,
                           identity=service.identity_for(p, role), files=attachments_of(service.OWNER, p.id),
                           can_files=can_files, jenis=service.JENIS, kanal=service.KANAL, tingkat=service.TINGKAT,
                           overdue=service.is_overdue(p), show_content=role is not None or not p.rahasia)


def _act(p: Pengaduan, aksi: str, form: AksiForm) -> str:
    """Call the service for one officer action; returns the success message."""
    user = current_user._get_current_object()
    teks = form.teks.data or ""
    if aksi == "verifikasi":
        service.verifikasi(p, user, form.tingkat.data, teks)
        return _("Pengaduan diverifikasi; target selesai %(tgl)s.", tgl=p.batas_selesai.strftime("%d-%m-%Y"))
    if aksi == "minta_lengkapi":
        service.minta_lengkapi(p, user, teks)
        return _("Permintaan kelengkapan dikirim kepada pelapor.")
    if aksi == "tolak":
        service.tolak(p, user, teks, form.rujukan.data or "")
        return _("Pengaduan ditolak; alasan disampaikan kepada pelapor.")
    if aksi == "disposisi":
        try:
            unit_id = int(form.unit_id.data or 0)
        except ValueError:
            unit_id = 0
        nd = service.disposisi(p, user, unit_id, form.sifat.data or "Biasa", teks)
        return _("Didisposisikan dengan nota dinas nomor %(nomor)s.", nomor=nd.nomor)
    if aksi == "tindak_lanjut":
        service.tindak_lanjut(p, user, teks)
        return _("Tindak lanjut dicatat.")
    if aksi == "jawab":
        service.jawab(p, user, teks)
        return _("Jawaban dikirim kepada pelapor.")
    if aksi == "tutup":
        service.tutup(p, user)
        return _("Pengaduan ditutup (selesai).")
    if aksi == "buka_kembali":
        service.buka_kembali(p, user, teks)
        return _("Pengaduan dibuka kembali.")
    if aksi == "arsipkan":
        service.arsipkan(p, user, teks)
        return _("Pengaduan diarsipkan.")
    if aksi == "tawarkan_wbs":
        service.tawarkan_wbs(p, user, teks)
        return _("Tawaran pindah ke WBS disampaikan kepada pelapor.")
    if aksi == "catatan":
        service.catatan(p, user, teks)
        return _("Catatan internal disimpan.")
    abort(404)


@bp.post("/pengaduan/<int:pengaduan_id>/aksi/<aksi>")
@role_required(Role.petugas_pengaduan, Role.unit)
def pengaduan_action(pengaduan_id: int, aksi: str):
    p = _visible(pengaduan_id)
    form = AksiForm()
    form.unit_id.choices = _unit_choices()
    if not form.validate_on_submit():
        abort(400)
    try:
        message = _act(p, aksi, form)
    except DomainError as e:
        db.session.rollback()
        flash(e.message, "danger")
        return redirect(url_for("admin.pengaduan_case", pengaduan_id=pengaduan_id)), 303
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("admin.pengaduan_case", pengaduan_id=pengaduan_id)), 303


@bp.get("/pengaduan/<int:pengaduan_id>/lampiran/<int:attachment_id>")
@role_required(Role.petugas_pengaduan, Role.unit)
def pengaduan_attachment(pengaduan_id: int, attachment_id: int):
    p = _visible(pengaduan_id)
    if service.role_of(current_user, p) is None:
        abort(403)
    att = db.session.get(Attachment, attachment_id)
    if att is None or att.owner_type != service.OWNER or att.owner_id != p.id:
        abort(404)
    audit.record("pengaduan.lampiran.unduh", "pengaduan", p.id, {"lampiran": att.id})
    db.session.commit()
    return download(read_attachment(att), f'lampiran-{att.id}.{att.content_type.split("/")[-1]}', att.content_type)


@bp.get("/pengaduan/nota-dinas/<int:nota_id>/<fmt>")
@role_required(*READERS)
def pengaduan_nota_dinas(nota_id: int, fmt: str):
    nd = db.session.get(NotaDinasPengaduan, nota_id)
    if nd is None or fmt not in ("docx", "pdf"):
        abort(404)
    _visible(nd.pengaduan_id)
    doc = service.nota_dinas_document(nd)
    data = nota_dinas_docx(doc) if fmt == "docx" else nota_dinas_pdf(doc)
    audit.record("pengaduan.nota_dinas.unduh", "pengaduan", nd.pengaduan_id, {"nomor": nd.nomor, "format": fmt})
    db.session.commit()
    return download(data, f'nota-dinas-{nd.nomor.replace("/", "-")}.{fmt}', DOCX if fmt == "docx" else PDF)


@bp.route("/pengaduan/baru", methods=["GET", "POST"])
@role_required(Role.petugas_pengaduan)
def pengaduan_new():
    """A complaint received by letter, phone, walk-in, the complaint box, e-mail or SP4N-LAPOR!."""
    form = PetugasPengaduanForm()
    form.kategori.choices = [("", _("— pilih kategori —"))] + [(k, k) for k in service.categories()]
    if form.validate_on_submit():
        try:
            files = inspect_files(request.files.getlist("lampiran"))
            p, code = service.submit(form.data_dict(), files, kanal=form.kanal.data, petugas=current_user,
                                     token=(request.form.get("token") or "")[:64] or None)
        except service.InputError as e:
            for name, message in e.errors.items():
                if hasattr(form, name):
                    getattr(form, name).errors = [message]
        except UploadError as e:
            form.lampiran.errors = [e.message]
        except DomainError as e:
            flash(e.message, "danger")
        else:
            resp = render_template("admin/pengaduan/dicatat.html", p=p, code=code)
            return resp, 201, {"Cache-Control": "no-store"}
    return render_template("admin/pengaduan/new.html", form=form, token=service.new_token())


@bp.get("/pengaduan/buku-agenda")
@role_required(Role.petugas_pengaduan, Role.pimpinan, Role.tpi)
def pengaduan_register():
    year = request.args.get("tahun", type=int) or local_today().year
    rows = db.session.scalars(select(NotaDinasPengaduan).where(NotaDinasPengaduan.tahun == year)
                              .order_by(NotaDinasPengaduan.register, NotaDinasPengaduan.urut.desc()).limit(1000)).all()
    return render_template("admin/pengaduan/register.html", rows=rows, year=year)


class PengaturanForm(FlaskForm):
    kategori = TextAreaField(_l("Kategori pengaduan (satu per baris)"), validators=[DataRequired(REQUIRED)])
    verifikasi_hk = IntegerField(_l("Batas verifikasi (HK sejak diterima)"), validators=[InputRequired(REQUIRED)])
    jawaban_hk = IntegerField(_l("Batas jawaban pertama (HK sejak diverifikasi)"), validators=[InputRequired(REQUIRED)])
    tanggapan_pelapor_hk = IntegerField(_l("Batas tanggapan pelapor sebelum ditutup otomatis (HK)"),
                                        validators=[InputRequired(REQUIRED)])
    tingkat_ringan = IntegerField(_l("Penyelesaian: ringan (HK)"), validators=[InputRequired(REQUIRED)])
    tingkat_normatif = IntegerField(_l("Penyelesaian: normatif (HK)"), validators=[InputRequired(REQUIRED)])
    tingkat_tidak_berkadar = IntegerField(_l("Penyelesaian: tidak berkadar pengawasan (HK)"),
                                          validators=[InputRequired(REQUIRED)])
    tingkat_berkadar = IntegerField(_l("Penyelesaian: berkadar pengawasan (HK)"), validators=[InputRequired(REQUIRED)])
    register = StringField(_l("Buku agenda nota dinas"), validators=[DataRequired(REQUIRED)])


@bp.route("/pengaduan/pengaturan", methods=["GET", "POST"])
@role_required(Role.admin)
def pengaduan_settings():
    """Categories and deadlines as the office's SK Kepala sets them."""
    cfg = service.settings()
    form = PengaturanForm(data={
        "kategori": "\n".join(cfg["kategori"]), "verifikasi_hk": cfg["verifikasi_hk"], "jawaban_hk": cfg["jawaban_hk"],
        "tanggapan_pelapor_hk": cfg["tanggapan_pelapor_hk"], "register": cfg["register_nota_dinas"],
        **{f"tingkat_{t}": cfg["tingkat_hk"][t] for t in service.TINGKAT}})
    if form.validate_on_submit():
        hk = {name: getattr(form, name).data for name in form.data if name.endswith("_hk") or name.startswith("tingkat_")}
        try:
            service.save_settings(form.kategori.data, hk, form.register.data, current_user)
        except DomainError as e:
            db.session.rollback()
            getattr(form, e.field if e.field in form else "kategori").errors.append(e.message)
        else:
            db.session.commit()
            flash(_("Pengaturan pengaduan disimpan. Tenggat baru berlaku untuk langkah berikutnya."), "success")
            return redirect(url_for("admin.pengaduan_settings"))
    return render_template("admin/pengaduan/pengaturan.html", form=form)
