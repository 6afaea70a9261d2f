"""Office settings for admins: identity (kop surat), units, letter codes, and the holiday calendar."""
from __future__ import annotations

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from admin.forms import REQUIRED, ActionForm
from admin.views import bp
from core import audit, documents
from core.calendar import office_calendar
from core.extensions import db
from core.models import CalendarDay, Role, Unit
from core.security import role_required
from core.settings import get_setting, set_setting
from core.storage import UploadError

NIP = _l("NIP terdiri dari 18 angka.")
ND_FIELDS = ("template_nomor", "kode_jabatan", "kka", "penandatangan_jabatan", "penandatangan_nama",
             "penandatangan_nip", "plh_nama", "plh_nip", "berhalangan")


class OfficeForm(FlaskForm):
    nama = StringField(_l("Nama instansi"), validators=[DataRequired(REQUIRED), Length(max=200)])
    nama_en = StringField(_l("Nama instansi dalam bahasa Inggris (opsional, untuk halaman ?lang=en)"),
                          validators=[Optional(), Length(max=200)])
    nama_singkat = StringField(_l("Nama singkat layanan"), validators=[DataRequired(REQUIRED), Length(max=60)])
    induk = StringField(_l("Instansi induk"), validators=[Optional(), Length(max=200)])
    alamat = StringField(_l("Alamat"), validators=[Optional(), Length(max=300)])
    telepon = StringField(_l("Telepon"), validators=[Optional(), Length(max=60)])
    email = StringField(_l("E-mail"), validators=[Optional(), Length(max=200)])
    situs = StringField(_l("Situs web"), validators=[Optional(), Length(max=200)])
    kota = StringField(_l("Kota (untuk tanggal surat)"), validators=[Optional(), Length(max=100)])
    kepala_nama = StringField(_l("Nama kepala kantor"), validators=[Optional(), Length(max=200)])
    kepala_jabatan = StringField(_l("Jabatan kepala kantor"), validators=[Optional(), Length(max=200)])
    kepala_nip = StringField(_l("NIP kepala kantor"), validators=[Optional(), Regexp(r"^\d{18}$", message=NIP)])
    template_nomor = StringField(_l("Format nomor nota dinas"), validators=[DataRequired(REQUIRED), Length(max=120)])
    kode_jabatan = StringField(_l("Kode jabatan penanda tangan"), validators=[DataRequired(REQUIRED), Length(max=30)])
    kka = StringField(_l("Kode klasifikasi arsip (KKA)"), validators=[DataRequired(REQUIRED), Length(max=30)])
    # the official who signs a nota dinas (DOMAIN §7), and the deputy who signs when the official is absent
    penandatangan_jabatan = StringField(_l("Jabatan pejabat penanda tangan"), validators=[Optional(), Length(max=200)])
    penandatangan_nama = StringField(_l("Nama pejabat penanda tangan"), validators=[Optional(), Length(max=200)])
    penandatangan_nip = StringField(_l("NIP pejabat penanda tangan"),
                                    validators=[Optional(), Regexp(r"^\d{18}$", message=NIP)])
    plh_nama = StringField(_l("Nama pelaksana harian (Plh.)"), validators=[Optional(), Length(max=200)])
    plh_nip = StringField(_l("NIP pelaksana harian (Plh.)"), validators=[Optional(), Regexp(r"^\d{18}$", message=NIP)])
    berhalangan = BooleanField(_l("Pejabat penanda tangan sedang berhalangan (Plh. menandatangani)"))
    tembusan = TextAreaField(_l("Tembusan bawaan (satu per baris)"), validators=[Optional(), Length(max=1000)],
                             render_kw={"rows": 3})
    logo = FileField(_l("Logo kop surat (PNG atau JPEG, paling besar 512 KB)"))
    hapus_logo = BooleanField(_l("Hapus logo"))

    def validate_berhalangan(self, field):
        from wtforms.validators import ValidationError

        if field.data and not (self.plh_nama.data or "").strip():
            raise ValidationError(_("Isi nama pelaksana harian (Plh.) bila pejabat berhalangan."))
    # office defaults of the e-mail alerts (core.mail); each officer may still switch their own
    kabar_petugas_pengaduan = BooleanField(
        _l("Petugas pengaduan: pengaduan baru, tanggapan pelapor, tenggat 1 HK lagi"))
    kabar_unit = BooleanField(_l("Unit: disposisi diterima, tenggat tindak lanjut dekat"))
    kabar_upg = BooleanField(_l("UPG: laporan gratifikasi baru, tenggat KPK dekat"))
    kabar_tim_wbs = BooleanField(_l("Tim WBS: kabar harian «Ada laporan WBS baru.»"))

    def validate_template_nomor(self, field):
        from wtforms.validators import ValidationError

        from core.documents import format_nomor
        from core.web import translated

        try:
            format_nomor(field.data, seq=1, kode_jabatan="X", kka="Y", when=date.today())
        except ValueError as e:
            raise ValidationError(translated(e.args[0]))


class UnitForm(FlaskForm):
    kode = StringField(_l("Kode"), validators=[DataRequired(REQUIRED), Length(max=20)])
    nama = StringField(_l("Nama unit"), validators=[DataRequired(REQUIRED), Length(max=200)])
    nama_en = StringField(_l("Nama unit dalam bahasa Inggris (opsional)"), validators=[Optional(), Length(max=200)])
    kepala_nama = StringField(_l("Nama kepala unit"), validators=[Optional(), Length(max=200)])
    kepala_jabatan = StringField(_l("Jabatan kepala unit"), validators=[Optional(), Length(max=200)])
    kepala_nip = StringField(_l("NIP kepala unit"), validators=[Optional(), Regexp(r"^\d{18}$", message=NIP)])
    aktif = BooleanField(_l("Aktif"), default=True)


class DayForm(FlaskForm):
    tanggal = DateField(_l("Tanggal"), validators=[DataRequired(_l("Isi tanggal yang sah."))])
    libur = BooleanField(_l("Hari libur (kosongkan untuk menjadikannya hari kerja)"), default=True)
    keterangan = StringField(_l("Keterangan (mis. Cuti bersama, SKB 3 Menteri)"),
                             validators=[Optional(), Length(max=200)])


@bp.route("/pengaturan", methods=["GET", "POST"])
@role_required(Role.admin)
def settings_office():
    kantor, nd, kabar = get_setting("kantor"), get_setting("nota_dinas"), get_setting("kabar_surel")
    bawaan = documents.tembusan_nota_dinas() if nd.get("tembusan") is None else None
    form = OfficeForm(data={**kantor, **{k: nd.get(k) for k in ND_FIELDS},
                            "tembusan": "\n".join(documents.tembusan_nota_dinas()),
                            **{f"kabar_{role}": bool(on) for role, on in kabar.items()}})
    if form.validate_on_submit():
        upload = form.logo.data
        try:
            if upload is not None and getattr(upload, "filename", ""):
                documents.save_logo(upload.read(documents.LOGO_MAX_BYTES + 1), upload.filename)
            elif form.hapus_logo.data:
                documents.remove_logo()
        except UploadError as e:
            form.logo.errors = [e.message]
        else:
            set_setting("kantor", {k: getattr(form, k).data or "" for k in kantor if hasattr(form, k)})
            tembusan = [t.strip() for t in (form.tembusan.data or "").splitlines() if t.strip()]
            # left as the head of office: keep following the head of office when that changes
            set_setting("nota_dinas", {**{k: getattr(form, k).data for k in ND_FIELDS},
                                       "tembusan": None if bawaan is not None and tembusan == bawaan else tembusan})
            set_setting("kabar_surel", {role: bool(getattr(form, f"kabar_{role}").data) for role in kabar
                                        if hasattr(form, f"kabar_{role}")})
            audit.record("settings.update", "setting", "kantor")
            flash(_("Pengaturan kantor disimpan."), "success")
            return redirect(url_for("admin.settings_office"))
    units = db.session.scalars(select(Unit).order_by(Unit.nama)).all()
    return render_template("admin/settings.html", form=form, units=units, logo=documents.letterhead()["logo"])


@bp.route("/pengaturan/unit/baru", methods=["GET", "POST"], defaults={"unit_id": None})
@bp.route("/pengaturan/unit/<int:unit_id>", methods=["GET", "POST"])
@role_required(Role.admin)
def settings_unit(unit_id: int | None):
    unit = db.get_or_404(Unit, unit_id) if unit_id else None
    form = UnitForm(obj=unit)
    if form.validate_on_submit():
        kode = form.kode.data.strip().upper()
        clash = db.session.scalar(select(Unit).where(Unit.kode == kode))
        if clash is not None and clash is not unit:
            form.kode.errors.append(_("Kode unit sudah dipakai."))
        else:
            if unit is None:
                unit = Unit(kode=kode, nama="")
                db.session.add(unit)
            form.populate_obj(unit)
            unit.kode = kode
            for name in ("nama_en", "kepala_nama", "kepala_jabatan", "kepala_nip"):  # an empty field is None
                setattr(unit, name, (getattr(unit, name) or "").strip())
            db.session.flush()
            audit.record("unit.save", "unit", unit.id, {"kode": kode, "nama": unit.nama, "nama_en": unit.nama_en,
                                                     "aktif": unit.aktif})
            flash(_("Unit disimpan."), "success")
            return redirect(url_for("admin.settings_office"))
    return render_template("admin/unit_form.html", form=form, unit=unit)


@bp.route("/pengaturan/kalender", methods=["GET", "POST"])
@role_required(Role.admin)
def settings_calendar():
    form = DayForm()
    if form.validate_on_submit():
        day = db.session.get(CalendarDay, form.tanggal.data) or CalendarDay(tanggal=form.tanggal.data)
        day.libur, day.keterangan = form.libur.data, form.keterangan.data or ""
        db.session.add(day)
        audit.record("calendar.save", "calendar_day", form.tanggal.data.isoformat(),
                     {"libur": day.libur, "keterangan": day.keterangan})
        flash(_("Kalender diperbarui; tenggat baru dihitung dengan kalender ini."), "success")
        return redirect(url_for("admin.settings_calendar"))
    year = request.args.get("tahun", type=int) or date.today().year
    year = min(max(year, 2000), 2100)
    cal = office_calendar()
    days = sorted((d, name) for d, name in cal.holidays_in(year))
    own = db.session.scalars(select(CalendarDay).order_by(CalendarDay.tanggal)).all()
    return render_template("admin/calendar.html", form=form, days=days, own=own, year=year,
                           action_form=ActionForm())


@bp.post("/pengaturan/kalender/<tanggal>/hapus")
@role_required(Role.admin)
def settings_calendar_delete(tanggal: str):
    try:
        day = db.session.get(CalendarDay, date.fromisoformat(tanggal))
    except ValueError:
        day = None
    if day is not None and ActionForm().validate_on_submit():
        db.session.delete(day)
        audit.record("calendar.delete", "calendar_day", tanggal)
        flash(_("Koreksi kalender dihapus."), "info")
    return redirect(url_for("admin.settings_calendar"))
