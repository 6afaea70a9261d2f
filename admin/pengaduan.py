"""Officers' pages for Pengaduan Masyarakat; rules — including who may see which complaint — live in
pengaduan.service, and the actions offered come from pengaduan.workflow. A refusal goes through core.web."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import LazyString
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
from core.errors import NotAllowed, NotFoundError
from core.extensions import db
from core.mail import failures, parse
from core.models import Role, User, unit_choices
from core.registry import CardValue
from core.security import role_required
from core.workdays import local_today
from core.web import DOCX, PDF, attempt, download
from pengaduan import queries, service
from pengaduan.forms import AksiForm, PetugasPengaduanForm
from pengaduan.models import NotaDinasPengaduan, Pengaduan, Riwayat
from pengaduan.workflow import (ACTION_LABEL, ACTOR_LABEL, MACHINE, OFFICER_ACTIONS, OFFICER_HINT, OFFICER_LABEL,
                                PETUGAS, STATUSES, UNIT)

READERS = (Role.petugas_pengaduan, Role.unit, Role.pimpinan, Role.tpi)


def _card(title: str, only_unit: int | None) -> CardValue:
    c = queries.open_counts(only_unit=only_unit)
    note = _("%(n)s lewat batas waktu", n=c["terlambat"]) if c["terlambat"] else _("tidak ada yang terlambat")
    return CardValue(title, c["terbuka"], note, "admin.pengaduan_queue", warning=bool(c["terlambat"]))


def card_officer() -> CardValue:
    return _card(_("Pengaduan terbuka"), None)


def card_unit() -> CardValue:
    return _card(_("Pengaduan untuk unit Anda"), current_user.unit_id or -1)


def _visible(read: Callable, *args):
    """A service read that decides access (`get_visible` and its kin), as an HTTP answer when it says no."""
    try:
        return read(*args, current_user)
    except NotFoundError:
        abort(404)
    except NotAllowed:
        abort(403)


def _unit_choices() -> list[tuple[str, str]]:
    return [(str(i), nama) for i, nama in unit_choices()]


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
    only = service.only_unit(current_user)
    page = queries.queue(f, after=after, only_unit=only)
    today = local_today()
    return render_template("admin/pengaduan/queue.html", page=page, f=f, today=today,
                           counts=queries.counts_by_status(only), open=queries.open_counts(only, today),
                           labels=OFFICER_LABEL, hints=OFFICER_HINT, jenis=service.JENIS, kanal=service.KANAL,
                           kategori=service.categories(), units=_unit_choices(), is_overdue=service.is_overdue,
                           near_60=service.near_60_days, calendar_day=service.calendar_day,
                           overall_days=service.OVERALL_DAYS)


@bp.get("/pengaduan/<int:pengaduan_id>")
@role_required(*READERS)
def pengaduan_case(pengaduan_id: int):
    p = _visible(service.get_visible, pengaduan_id)
    form = AksiForm()
    form.unit_id.choices = _unit_choices()
    return _case_page(p, form)


def _case_page(p: Pengaduan, form: AksiForm, refused: str | None = None) -> str:
    """The case page; after a refused action (`refused`) its form stays open with what was typed."""
    role = service.role_of(current_user, p)
    riwayat = db.session.scalars(select(Riwayat).where(Riwayat.pengaduan_id == p.id).order_by(Riwayat.id)).all()
    notas = db.session.scalars(select(NotaDinasPengaduan).where(NotaDinasPengaduan.pengaduan_id == p.id)
                               .order_by(NotaDinasPengaduan.id)).all()
    actions = MACHINE.actions_for(p, role, order=OFFICER_ACTIONS) if role else []
    can_files = role in (PETUGAS, UNIT)
    return render_template("admin/pengaduan/case.html", p=p, role=role, riwayat=riwayat, notas=notas,
                           actions=[(a, ACTIONS[a].teks) for a in actions], action_labels=ACTION_LABEL,
                           actor_labels=ACTOR_LABEL, form=form, labels=OFFICER_LABEL, hints=OFFICER_HINT,
                           identity=service.identity_for(p, role), files=attachments_of(service.OWNER, p.id),
                           evidence=service.follow_up_evidence(p), refused=refused,
                           can_files=can_files, jenis=service.JENIS, kanal=service.KANAL, tingkat=service.TINGKAT,
                           overdue=service.is_overdue(p), show_content=role is not None or not p.rahasia,
                           near_60=service.near_60_days(p), calendar_day=service.calendar_day(p),
                           overall_days=service.OVERALL_DAYS,
                           duplicates=service.possible_duplicates(p) if role == PETUGAS else [],
                           # e-mails given up on (a refused address): the officer calls or writes instead
                           mail_failed=[(parse(r.body)["subjek"], r.last_error) for r in failures(f"pengaduan:{p.id}:")]
                           if role == PETUGAS else [])


def _unit_id(form: AksiForm) -> int:
    try:
        return int(form.unit_id.data or 0)
    except ValueError:
        return 0


@dataclass(frozen=True)
class Action:
    """One officer action of the case page: the service call, its success message (a text, or made from
    the complaint and what the call returned), and the label of its text field (None: it takes no text)."""

    call: Callable[[Pengaduan, User, AksiForm], object]
    done: Callable[[Pengaduan, object], str] | LazyString
    teks: LazyString | None = None

    def message(self, p: Pengaduan, result) -> str:
        return self.done(p, result) if callable(self.done) else str(self.done)


def _teks(form: AksiForm) -> str:
    return form.teks.data or ""


def _evidence():
    """The follow-up's evidence files, checked by content before anything is recorded."""
    return inspect_files(request.files.getlist("lampiran"))


def _tally(row: Riwayat) -> str:
    n = len(attachments_of(service.OWNER_TINDAK_LANJUT, row.id))
    return " " + _("%(n)s berkas bukti disimpan.", n=n) if n else ""


def _with_text(call: Callable[[Pengaduan, User, str], object], done: LazyString, teks: LazyString) -> Action:
    """An action whose one input is its text."""
    return Action(lambda p, u, f: call(p, u, _teks(f)), done, teks)


ACTIONS: dict[str, Action] = {
    "verifikasi": Action(lambda p, u, f: service.verifikasi(p, u, f.tingkat.data, _teks(f)),
                         lambda p, _r: _("Pengaduan diverifikasi; target selesai %(tgl)s.",
                                         tgl=p.batas_selesai.strftime("%d-%m-%Y")),
                         _l("Catatan internal (opsional)")),
    "minta_lengkapi": _with_text(service.minta_lengkapi, _l("Permintaan kelengkapan dikirim kepada pelapor."),
                                 _l("Yang perlu dilengkapi pelapor")),
    "disposisi": Action(lambda p, u, f: service.disposisi(p, u, _unit_id(f), f.sifat.data or "Biasa", _teks(f),
                                                          klasifikasi=f.klasifikasi.data or None,
                                                          plh={"pejabat": False, "plh": True}.get(f.penandatangan.data)),
                        lambda p, nd: _("Didisposisikan dengan nota dinas nomor %(nomor)s.", nomor=nd.nomor),
                        _l("Catatan internal (opsional)")),
    "tindak_lanjut": Action(lambda p, u, f: service.tindak_lanjut(p, u, _teks(f), _evidence()),
                            lambda p, row: _("Tindak lanjut dicatat.") + _tally(row),
                            _l("Tindak lanjut yang telah dilakukan")),
    "jawab": _with_text(service.jawab, _l("Jawaban dikirim kepada pelapor."), _l("Jawaban kepada pelapor")),
    "tutup": Action(lambda p, u, f: service.tutup(p, u), _l("Pengaduan ditutup (selesai).")),
    "tawarkan_wbs": _with_text(service.tawarkan_wbs, _l("Tawaran pindah ke WBS disampaikan kepada pelapor."),
                               _l("Pesan kepada pelapor (opsional)")),
    "tolak": Action(lambda p, u, f: service.tolak(p, u, _teks(f), f.rujukan.data or ""),
                    _l("Pengaduan ditolak; alasan disampaikan kepada pelapor."), _l("Alasan")),
    "alihkan": _with_text(service.alihkan, _l("Pengaduan dialihkan; pelapor diberi tahu ke mana."),
                          _l("Dialihkan kepada (instansi berwenang atau SP4N-LAPOR!)")),
    "arsipkan": _with_text(service.arsipkan, _l("Pengaduan diarsipkan."), _l("Alasan")),
    "tandai_duplikat": Action(lambda p, u, f: service.tandai_duplikat(p, u, _teks(f)),
                              lambda p, asal: _("Ditandai sebagai duplikat dari %(tiket)s dan diarsipkan.",
                                                tiket=asal.tiket),
                              _l("Nomor tiket pengaduan yang sama yang diterima lebih dahulu")),
    "buka_kembali": _with_text(service.buka_kembali, _l("Pengaduan dibuka kembali."), _l("Alasan")),
    "buka_identitas_unit": _with_text(service.buka_identitas_unit, _l("Identitas pelapor dibuka untuk unit."),
                                      _l("Alasan unit memerlukan identitas pelapor")),
    "catatan": _with_text(service.catatan, _l("Catatan internal disimpan."),
                          _l("Catatan internal (tidak terlihat pelapor)")),
}


@bp.post("/pengaduan/<int:pengaduan_id>/aksi/<aksi>")
@role_required(Role.petugas_pengaduan, Role.unit)
def pengaduan_action(pengaduan_id: int, aksi: str):
    p = _visible(service.get_visible, pengaduan_id)
    form = AksiForm()
    form.unit_id.choices = _unit_choices()
    if not form.validate_on_submit():
        abort(400)
    action = ACTIONS.get(aksi) or abort(404)
    ok, result = attempt(action.call, p, current_user._get_current_object(), form, form=form)
    if ok:
        flash(action.message(p, result), "success")
    elif any(f.errors for f in form):  # a field to correct (a wrong file, an empty text): keep what was typed
        return _case_page(p, form, refused=aksi), 422
    return redirect(url_for("admin.pengaduan_case", pengaduan_id=pengaduan_id)), 303


@bp.get("/pengaduan/<int:pengaduan_id>/lampiran/<int:attachment_id>")
@role_required(Role.petugas_pengaduan, Role.unit)
def pengaduan_attachment(pengaduan_id: int, attachment_id: int):
    p, att = _visible(service.get_attachment, pengaduan_id, attachment_id)
    audit.record("pengaduan.lampiran.unduh", "pengaduan", p.id, {"lampiran": att.id})
    return download(read_attachment(att), f'lampiran-{att.id}.{att.content_type.split("/")[-1]}', att.content_type)


@bp.get("/pengaduan/nota-dinas/<int:nota_id>/<fmt>")
@role_required(*READERS)
def pengaduan_nota_dinas(nota_id: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        abort(404)
    nd = _visible(service.get_nota_dinas, nota_id)
    doc = service.nota_dinas_document(nd)
    data = nota_dinas_docx(doc) if fmt == "docx" else nota_dinas_pdf(doc)
    audit.record("pengaduan.nota_dinas.unduh", "pengaduan", nd.pengaduan_id, {"nomor": nd.nomor, "format": fmt})
    return download(data, f'nota-dinas-{nd.nomor.replace("/", "-")}.{fmt}', DOCX if fmt == "docx" else PDF)


@bp.route("/pengaduan/baru", methods=["GET", "POST"])
@role_required(Role.petugas_pengaduan)
def pengaduan_new():
    """A complaint received by letter, phone, walk-in, the complaint box, e-mail or SP4N-LAPOR!."""
    form = PetugasPengaduanForm()
    form.kategori.choices = [("", _("— pilih kategori —"))] + [(k, k) for k in service.categories()]
    if form.validate_on_submit():
        ok, made = attempt(_record, form)
        if ok:
            p, code = made
            resp = render_template("admin/pengaduan/dicatat.html", p=p, code=code)
            return resp, 201, {"Cache-Control": "no-store"}
    return render_template("admin/pengaduan/new.html", form=form, token=service.new_token())


def _record(form: PetugasPengaduanForm):
    files = inspect_files(request.files.getlist("lampiran"))
    return service.submit(form.data_dict(), files, kanal=form.kanal.data, petugas=current_user,
                          token=(request.form.get("token") or "")[:64] or None)


@bp.get("/pengaduan/buku-agenda")
@role_required(Role.petugas_pengaduan, Role.pimpinan, Role.tpi)
def pengaduan_register():
    year = request.args.get("tahun", type=int) or local_today().year
    rows = db.session.scalars(select(NotaDinasPengaduan).where(NotaDinasPengaduan.tahun == year)
                              .order_by(NotaDinasPengaduan.register, NotaDinasPengaduan.urut.desc()).limit(1000)).all()
    return render_template("admin/pengaduan/register.html", rows=rows, year=year)


class PengaturanForm(FlaskForm):
    kategori = TextAreaField(_l("Kategori pengaduan (satu per baris)"), validators=[DataRequired(REQUIRED)],
                             description=_l("Terjemahan Inggris untuk halaman ?lang=en boleh ditulis di sampingnya "
                                            "setelah tanda |, mis. «Perilaku petugas | Staff conduct». Tanpa "
                                            "terjemahan, kategori tampil dalam bahasa Indonesia."))
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
        "kategori": service.categories_text(), "verifikasi_hk": cfg["verifikasi_hk"], "jawaban_hk": cfg["jawaban_hk"],
        "tanggapan_pelapor_hk": cfg["tanggapan_pelapor_hk"], "register": cfg["register_nota_dinas"],
        **{f"tingkat_{t}": cfg["tingkat_hk"][t] for t in service.TINGKAT}})
    if form.validate_on_submit():
        hk = {name: getattr(form, name).data for name in form.data if name.endswith("_hk") or name.startswith("tingkat_")}
        ok, _saved = attempt(service.save_settings, form.kategori.data, hk, form.register.data, current_user,
                             form=form)
        if ok:
            flash(_("Pengaturan pengaduan disimpan. Tenggat baru berlaku untuk langkah berikutnya."), "success")
            return redirect(url_for("admin.pengaduan_settings"))
    return render_template("admin/pengaduan/pengaturan.html", form=form)
