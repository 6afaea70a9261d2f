"""Forms of Pelaporan Gratifikasi (messages in Indonesian). The rules live in gratifikasi.rules/service:
the forms only carry the fields; the service's check_laporan puts its messages under each field."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import MultipleFileField
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, SubmitField,
                     TextAreaField)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from core.forms import REQUIRED, PublicForm
from gratifikasi import rules
from gratifikasi.models import CARA_TERUSKAN, MEDIA_KAMPANYE, PENETAPAN

DATE_MSG = "Tanggal tidak valid."


def _int_or_zero(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


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
            raise ValueError("Tanggal tidak valid; gunakan format HH/BB/TTTT.") from exc


class AngkaField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError("Harus berupa bilangan bulat.") from exc


def _choices(mapping: dict, blank: str | None = "— pilih —") -> list[tuple[str, str]]:
    return ([("", blank)] if blank else []) + list(mapping.items())


class WajibLaporForm(FlaskForm):
    """The helper; submitted by GET so it works without JavaScript and can be bookmarked."""

    class Meta:
        csrf = False  # read-only question, no state changes

    acara = Pilihan("Acara atau peristiwa pemberian", choices=_choices(rules.ACARA),
                        validators=[DataRequired("Pilih acaranya.")])
    pemberi_hubungan = Pilihan("Hubungan Anda dengan pemberi", choices=_choices(rules.HUBUNGAN),
                                   validators=[DataRequired("Pilih hubungan dengan pemberi.")])
    bentuk = Pilihan("Bentuk pemberian", choices=_choices(rules.BENTUK), validators=[Optional()])
    nilai = StringField("Nilai (nominal atau taksiran)", validators=[DataRequired(REQUIRED), Length(max=40)],
                        render_kw={"inputmode": "decimal", "placeholder": "mis. Rp1.500.000"})
    tanggal_terima = TanggalField("Tanggal diterima", validators=[DataRequired(DATE_MSG)])
    total_setahun = StringField("Total dari pemberi yang sama setahun ini (bila rekan kerja, termasuk ini)",
                                validators=[Optional(), Length(max=40)], render_kw={"inputmode": "decimal"})
    submit = SubmitField("Periksa")


class LaporanForm(PublicForm):
    idem = HiddenField()
    jenis = Pilihan("Jenis laporan", choices=_choices(rules.JENIS, None), default="penerimaan")
    # recipient
    pelapor_nama = StringField("Nama lengkap", validators=[DataRequired(REQUIRED)],
                               render_kw={"autocomplete": "name"})
    identitas_jenis = Pilihan("Jenis nomor identitas", choices=list(rules.IDENTITAS.items()), default="NIP")
    identitas_nomor = StringField("NIP / NIK", validators=[DataRequired(REQUIRED)],
                                  render_kw={"inputmode": "numeric", "autocomplete": "off"})
    pelapor_jabatan = StringField("Jabatan", validators=[DataRequired(REQUIRED)])
    pelapor_pangkat = StringField("Pangkat/golongan", validators=[Optional()])
    unit_id = Pilihan("Unit kerja", coerce=_int_or_zero, validators=[Optional()])
    unit_nama = StringField("Unit kerja (bila tidak ada di daftar)", validators=[Optional()])
    pelapor_telepon = StringField("Nomor telepon/WA", validators=[DataRequired(REQUIRED)],
                                  render_kw={"inputmode": "tel", "autocomplete": "tel"})
    pelapor_email = StringField("E-mail (untuk pemberitahuan, tidak wajib)", validators=[Optional()],
                                render_kw={"inputmode": "email", "autocomplete": "email"})
    pelapor_alamat = TextAreaField("Alamat", validators=[DataRequired(REQUIRED)], render_kw={"rows": 2})
    # giver and gift
    pemberi_nama = StringField("Nama pemberi", validators=[Optional()])
    pemberi_hubungan = Pilihan("Hubungan dengan pemberi", choices=_choices(rules.HUBUNGAN),
                                   validators=[Optional()])
    pemberi_pekerjaan = StringField("Pekerjaan/jabatan pemberi", validators=[Optional()])
    pemberi_alamat = TextAreaField("Alamat pemberi (bila diketahui)", validators=[Optional()], render_kw={"rows": 2})
    tempat_terima = StringField("Tempat penerimaan", validators=[Optional()])
    tanggal_terima = TanggalField("Tanggal penerimaan (atau penolakan)", validators=[Optional()])
    acara = Pilihan("Acara atau peristiwa", choices=_choices(rules.ACARA), validators=[Optional()])
    acara_keterangan = StringField("Keterangan acara", validators=[Optional()])
    bentuk = Pilihan("Bentuk gratifikasi", choices=_choices(rules.BENTUK), validators=[Optional()])
    uraian = TextAreaField("Uraian objek (jenis, merek, jumlah)", validators=[Optional()], render_kw={"rows": 2})
    nilai = StringField("Nilai dalam rupiah", validators=[Optional()],
                        render_kw={"inputmode": "decimal", "placeholder": "mis. Rp1.500.000"})
    nilai_taksiran = BooleanField("Nilai ini taksiran (perkiraan harga pasar)")
    kronologi = TextAreaField("Kronologi (bagaimana pemberian terjadi)", validators=[Optional()],
                              render_kw={"rows": 5})
    posisi_objek = Pilihan("Keberadaan objek saat ini", choices=_choices(
        {k: v for k, v in rules.POSISI_OBJEK.items() if k != "tidak_ada"}), validators=[Optional()])
    periode_awal = TanggalField("Awal periode", validators=[Optional()])
    periode_akhir = TanggalField("Akhir periode", validators=[Optional()])
    lampiran = MultipleFileField("Bukti (foto/PDF, paling banyak 5 berkas, masing-masing ≤ 10 MB)")
    submit = SubmitField("Kirim laporan")


class LacakForm(FlaskForm):
    nomor = StringField("Nomor laporan", validators=[DataRequired(REQUIRED), Length(max=40)],
                        render_kw={"placeholder": "GRT-2026-000001", "autocomplete": "off"})
    kode = StringField("Kode rahasia", validators=[DataRequired(REQUIRED), Length(max=60)],
                       render_kw={"autocomplete": "off"})
    submit = SubmitField("Lihat status")


class LengkapiForm(FlaskForm):
    nomor = HiddenField()
    kode = HiddenField()
    tambahan = TextAreaField("Keterangan tambahan", validators=[Optional()], render_kw={"rows": 4})
    lampiran = MultipleFileField("Berkas tambahan (foto/PDF)")
    submit = SubmitField("Kirim kelengkapan")


# --- officers' forms ------------------------------------------------------------------------------

class CatatanForm(FlaskForm):
    catatan = TextAreaField("Catatan", validators=[Optional()], render_kw={"rows": 3})
    submit = SubmitField("Simpan")


class TeruskanForm(FlaskForm):
    tanggal = TanggalField("Tanggal diteruskan ke KPK", validators=[DataRequired(DATE_MSG)])
    cara = Pilihan("Cara penerusan", choices=_choices(CARA_TERUSKAN), validators=[DataRequired("Pilih caranya.")])
    nomor_registrasi = StringField("Nomor registrasi/laporan di KPK (bila ada)", validators=[Optional(), Length(max=80)])
    catatan = TextAreaField("Catatan", validators=[Optional()], render_kw={"rows": 2})
    submit = SubmitField("Teruskan ke KPK")


class PenetapanForm(FlaskForm):
    penetapan = Pilihan("Penetapan KPK", choices=_choices(PENETAPAN), validators=[DataRequired("Pilih penetapan.")])
    nomor_sk = StringField("Nomor SK", validators=[DataRequired(REQUIRED), Length(max=120)])
    tanggal_sk = TanggalField("Tanggal SK", validators=[DataRequired(DATE_MSG)])
    tindak_lanjut = TextAreaField("Tindak lanjut atas objek (mis. disetor ke kas negara, diserahkan kepada penerima)",
                                  validators=[DataRequired(REQUIRED)], render_kw={"rows": 2})
    submit = SubmitField("Catat penetapan")


class KampanyeForm(FlaskForm):
    tanggal = TanggalField("Tanggal kegiatan", validators=[DataRequired(DATE_MSG)])
    media = Pilihan("Media", choices=_choices(MEDIA_KAMPANYE), validators=[DataRequired("Pilih media.")])
    judul = StringField("Kegiatan", validators=[DataRequired(REQUIRED), Length(max=200)])
    uraian = TextAreaField("Uraian", validators=[Optional()], render_kw={"rows": 3})
    tautan = StringField("Tautan (bila ada)", validators=[Optional(), Length(max=500)])
    peserta = AngkaField("Jumlah peserta (bila ada)",
                           validators=[Optional(), NumberRange(min=0, max=1_000_000, message="Jumlah tidak wajar.")])
    foto = MultipleFileField("Foto bukti (JPEG/PNG/WebP/PDF)")
    submit = SubmitField("Simpan kegiatan")


class PengaturanForm(FlaskForm):
    upg_nama = StringField("Nama UPG", validators=[DataRequired(REQUIRED), Length(max=200)])
    upg_telepon = StringField("Telepon/WA UPG", validators=[Optional(), Length(max=40)])
    upg_email = StringField("E-mail UPG (juga menerima pemberitahuan laporan baru)", validators=[Optional(), Length(max=254)])
    upg_alamat = StringField("Alamat/ruang UPG", validators=[Optional(), Length(max=300)])
    upg_ketua_nama = StringField("Nama penandatangan surat UPG", validators=[Optional(), Length(max=200)])
    upg_ketua_jabatan = StringField("Jabatan penandatangan", validators=[Optional(), Length(max=200)])
    upg_ketua_nip = StringField("NIP penandatangan", validators=[Optional(), Length(max=30)])
    submit = SubmitField("Simpan pengaturan")


class BatasForm(FlaskForm):
    berlaku_mulai = TanggalField("Berlaku mulai", validators=[DataRequired(DATE_MSG)])
    dasar = StringField("Dasar hukum", validators=[DataRequired(REQUIRED), Length(max=200)])
    pernikahan_adat = StringField("Pernikahan/upacara adat/agama, per pemberi", validators=[DataRequired(REQUIRED)])
    musibah = StringField("Musibah/bencana, per pemberi", validators=[DataRequired(REQUIRED)])
    rekan_kerja = StringField("Rekan kerja (bukan uang), per pemberi", validators=[DataRequired(REQUIRED)])
    rekan_kerja_setahun = StringField("Rekan kerja, total setahun dari pemberi yang sama",
                                      validators=[DataRequired(REQUIRED)])
    pisah_sambut = StringField("Pisah sambut/pensiun (kosongkan bila mengikuti batas rekan kerja)",
                               validators=[Optional()])
    submit = SubmitField("Tambah batas nilai")
