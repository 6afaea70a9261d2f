"""Forms of Pelaporan Gratifikasi (Indonesian msgids, English through lazy_gettext). The rules live in
gratifikasi.rules/service: the forms only carry the fields; the service's check_laporan puts its messages
under each field."""
from __future__ import annotations

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.attachments import inspect_files
from core.forms import PublicForm
from core.storage import Clean, UploadError
from core.web import refuse
from gratifikasi import rules
from gratifikasi.models import CARA_TERUSKAN, MEDIA_KAMPANYE, PENETAPAN

REQUIRED = _l("Wajib diisi.")
DATE_MSG = _l("Tanggal tidak valid.")


def _int_or_zero(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def files_of(form, name: str, **limits) -> list[Clean] | None:
    """The checked files of the upload field `name`, or None once a bad file is refused on that field."""
    try:
        return inspect_files(request.files.getlist(name), **limits)
    except UploadError as e:
        refuse(UploadError(e.message, name), form)
        return None


class Pilihan(SelectField):
    """A select whose value the service checks (with an Indonesian message); WTForms' own check is English."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)


class TanggalField(DateField):
    """DateField whose parse error is in Indonesian (WTForms has no Indonesian catalog)."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Tanggal tidak valid; gunakan format HH/BB/TTTT.")) from exc


class AngkaField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Harus berupa bilangan bulat.")) from exc


PILIH = _l("— pilih —")


def _choices(mapping: dict, blank=PILIH) -> list[tuple[str, str]]:
    """Choices from a label dictionary (N_-marked), translated when the page is rendered."""
    return ([("", blank)] if blank else []) + [(k, _l(v)) for k, v in mapping.items()]


class WajibLaporForm(FlaskForm):
    """The helper; submitted by GET so it works without JavaScript and can be bookmarked."""

    class Meta:
        csrf = False  # read-only question, no state changes

    acara = Pilihan(_l("Acara atau peristiwa pemberian"), choices=_choices(rules.ACARA),
                        validators=[DataRequired(_l("Pilih acaranya."))])
    pemberi_hubungan = Pilihan(_l("Hubungan Anda dengan pemberi"), choices=_choices(rules.HUBUNGAN),
                                   validators=[DataRequired(_l("Pilih hubungan dengan pemberi."))])
    bentuk = Pilihan(_l("Bentuk pemberian"), choices=_choices(rules.BENTUK), validators=[Optional()])
    nilai = StringField(_l("Nilai (nominal atau taksiran)"), validators=[DataRequired(REQUIRED), Length(max=40)],
                        render_kw={"inputmode": "decimal", "placeholder": _l("mis. Rp1.500.000")})
    tanggal_terima = TanggalField(_l("Tanggal diterima"), validators=[DataRequired(DATE_MSG)])
    total_setahun = StringField(_l("Total dari pemberi yang sama setahun ini (bila rekan kerja, termasuk ini)"),
                                validators=[Optional(), Length(max=40)], render_kw={"inputmode": "decimal"})
    submit = SubmitField(_l("Periksa"))


class LaporanForm(PublicForm):
    idem = HiddenField()
    jenis = Pilihan(_l("Jenis laporan"), choices=_choices(rules.JENIS, None), default="penerimaan")
    # recipient
    pelapor_nama = StringField(_l("Nama lengkap"), validators=[DataRequired(REQUIRED)],
                               render_kw={"autocomplete": "name"})
    identitas_jenis = Pilihan(_l("Jenis nomor identitas"), choices=_choices(rules.IDENTITAS, None), default="NIP")
    identitas_nomor = StringField(_l("NIP / NIK"), validators=[DataRequired(REQUIRED)],
                                  render_kw={"inputmode": "numeric", "autocomplete": "off"})
    pelapor_jabatan = StringField(_l("Jabatan"), validators=[DataRequired(REQUIRED)])
    pelapor_pangkat = StringField(_l("Pangkat/golongan"), validators=[Optional()])
    unit_id = Pilihan(_l("Unit kerja"), coerce=_int_or_zero, validators=[Optional()])
    unit_nama = StringField(_l("Unit kerja (bila tidak ada di daftar)"), validators=[Optional()])
    pelapor_telepon = StringField(_l("Nomor telepon/WA"), validators=[DataRequired(REQUIRED)],
                                  render_kw={"inputmode": "tel", "autocomplete": "tel"})
    pelapor_email = StringField(_l("E-mail (untuk pemberitahuan, tidak wajib)"), validators=[Optional()],
                                render_kw={"inputmode": "email", "autocomplete": "email"})
    pelapor_alamat = TextAreaField(_l("Alamat"), validators=[DataRequired(REQUIRED)], render_kw={"rows": 2})
    # giver and gift
    pemberi_nama = StringField(_l("Nama pemberi"), validators=[Optional()])
    pemberi_hubungan = Pilihan(_l("Hubungan dengan pemberi"), choices=_choices(rules.HUBUNGAN),
                                   validators=[Optional()])
    pemberi_pekerjaan = StringField(_l("Pekerjaan/jabatan pemberi"), validators=[Optional()])
    pemberi_alamat = TextAreaField(_l("Alamat pemberi (bila diketahui)"), validators=[Optional()], render_kw={"rows": 2})
    tempat_terima = StringField(_l("Tempat penerimaan"), validators=[Optional()])
    tanggal_terima = TanggalField(_l("Tanggal penerimaan (atau penolakan)"), validators=[Optional()])
    acara = Pilihan(_l("Acara atau peristiwa"), choices=_choices(rules.ACARA), validators=[Optional()])
    acara_keterangan = StringField(_l("Keterangan acara"), validators=[Optional()])
    bentuk = Pilihan(_l("Bentuk gratifikasi"), choices=_choices(rules.BENTUK), validators=[Optional()])
    uraian = TextAreaField(_l("Uraian objek (jenis, merek, jumlah)"), validators=[Optional()], render_kw={"rows": 2})
    nilai = StringField(_l("Nilai dalam rupiah"), validators=[Optional()],
                        render_kw={"inputmode": "decimal", "placeholder": _l("mis. Rp1.500.000")})
    nilai_taksiran = BooleanField(_l("Nilai ini taksiran (perkiraan harga pasar)"))
    kronologi = TextAreaField(_l("Kronologi (bagaimana pemberian terjadi)"), validators=[Optional()],
                              render_kw={"rows": 5})
    posisi_objek = Pilihan(_l("Keberadaan objek saat ini"), choices=_choices(
        {k: v for k, v in rules.POSISI_OBJEK.items() if k != "tidak_ada"}), validators=[Optional()])
    periode_awal = TanggalField(_l("Awal periode"), validators=[Optional()])
    periode_akhir = TanggalField(_l("Akhir periode"), validators=[Optional()])
    lampiran = MultipleFileField(_l("Bukti (foto/PDF, paling banyak 5 berkas, masing-masing ≤ 10 MB)"))
    submit = SubmitField(_l("Kirim laporan"))


class LacakForm(FlaskForm):
    nomor = StringField(_l("Nomor laporan"), validators=[DataRequired(REQUIRED), Length(max=40)],
                        render_kw={"placeholder": "GRT-2026-000001", "autocomplete": "off"})
    kode = StringField(_l("Kode rahasia"), validators=[DataRequired(REQUIRED), Length(max=60)],
                       render_kw={"autocomplete": "off"})
    submit = SubmitField(_l("Lihat status"))


class LengkapiForm(FlaskForm):
    nomor = HiddenField()
    kode = HiddenField()
    tambahan = TextAreaField(_l("Keterangan tambahan"), validators=[Optional()], render_kw={"rows": 4})
    lampiran = MultipleFileField(_l("Berkas tambahan (foto/PDF)"))
    submit = SubmitField(_l("Kirim kelengkapan"))


# --- officers' forms ------------------------------------------------------------------------------

class CatatanForm(FlaskForm):
    catatan = TextAreaField(_l("Catatan"), validators=[Optional()], render_kw={"rows": 3})
    submit = SubmitField(_l("Simpan"))


class TeruskanForm(FlaskForm):
    tanggal = TanggalField(_l("Tanggal diteruskan ke KPK"), validators=[DataRequired(DATE_MSG)])
    cara = Pilihan(_l("Cara penerusan"), choices=_choices(CARA_TERUSKAN), validators=[DataRequired(_l("Pilih caranya."))])
    nomor_registrasi = StringField(_l("Nomor registrasi/laporan di KPK (bila ada)"), validators=[Optional(), Length(max=80)])
    catatan = TextAreaField(_l("Catatan"), validators=[Optional()], render_kw={"rows": 2})
    submit = SubmitField(_l("Teruskan ke KPK"))


class PenetapanForm(FlaskForm):
    penetapan = Pilihan(_l("Penetapan KPK"), choices=_choices(PENETAPAN), validators=[DataRequired(_l("Pilih penetapan."))])
    nomor_sk = StringField(_l("Nomor SK"), validators=[DataRequired(REQUIRED), Length(max=120)])
    tanggal_sk = TanggalField(_l("Tanggal SK"), validators=[DataRequired(DATE_MSG)])
    tindak_lanjut = TextAreaField(_l("Tindak lanjut atas objek (mis. disetor ke kas negara, diserahkan kepada penerima)"),
                                  validators=[DataRequired(REQUIRED)], render_kw={"rows": 2})
    submit = SubmitField(_l("Catat penetapan"))


class KampanyeForm(FlaskForm):
    tanggal = TanggalField(_l("Tanggal kegiatan"), validators=[DataRequired(DATE_MSG)])
    media = Pilihan(_l("Media"), choices=_choices(MEDIA_KAMPANYE), validators=[DataRequired(_l("Pilih media."))])
    judul = StringField(_l("Kegiatan"), validators=[DataRequired(REQUIRED), Length(max=200)])
    uraian = TextAreaField(_l("Uraian"), validators=[Optional()], render_kw={"rows": 3})
    tautan = StringField(_l("Tautan (bila ada)"), validators=[Optional(), Length(max=500)])
    peserta = AngkaField(_l("Jumlah peserta (bila ada)"),
                           validators=[Optional(), NumberRange(min=0, max=1_000_000, message=_l("Jumlah tidak wajar."))])
    foto = MultipleFileField(_l("Foto bukti (JPEG/PNG/WebP/PDF)"))
    submit = SubmitField(_l("Simpan kegiatan"))


class PengaturanForm(FlaskForm):
    upg_nama = StringField(_l("Nama UPG"), validators=[DataRequired(REQUIRED), Length(max=200)])
    upg_telepon = StringField(_l("Telepon/WA UPG"), validators=[Optional(), Length(max=40)])
    upg_email = StringField(_l("E-mail UPG (juga menerima pemberitahuan laporan baru)"), validators=[Optional(), Length(max=254)])
    upg_alamat = StringField(_l("Alamat/ruang UPG"), validators=[Optional(), Length(max=300)])
    upg_ketua_nama = StringField(_l("Nama penandatangan surat UPG"), validators=[Optional(), Length(max=200)])
    upg_ketua_jabatan = StringField(_l("Jabatan penandatangan"), validators=[Optional(), Length(max=200)])
    upg_ketua_nip = StringField(_l("NIP penandatangan"), validators=[Optional(), Length(max=30)])
    submit = SubmitField(_l("Simpan pengaturan"))


class BatasForm(FlaskForm):
    berlaku_mulai = TanggalField(_l("Berlaku mulai"), validators=[DataRequired(DATE_MSG)])
    dasar = StringField(_l("Dasar hukum"), validators=[DataRequired(REQUIRED), Length(max=200)])
    pernikahan_adat = StringField(_l("Pernikahan/upacara adat/agama, per pemberi"), validators=[DataRequired(REQUIRED)])
    musibah = StringField(_l("Musibah/bencana, per pemberi"), validators=[DataRequired(REQUIRED)])
    rekan_kerja = StringField(_l("Rekan kerja (bukan uang), per pemberi"), validators=[DataRequired(REQUIRED)])
    rekan_kerja_setahun = StringField(_l("Rekan kerja, total setahun dari pemberi yang sama"),
                                      validators=[DataRequired(REQUIRED)])
    pisah_sambut = StringField(_l("Pisah sambut/pensiun (kosongkan bila mengikuti batas rekan kerja)"),
                               validators=[Optional()])
    submit = SubmitField(_l("Tambah batas nilai"))
