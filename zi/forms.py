"""Forms of the ZI screens. They carry the fields and check CSRF; the rules (and their Indonesian messages) live
in zi.evidence, zi.answers, zi.tindak_lanjut and zi.laporan, which put their messages under the field they name.
Messages are Indonesian msgids: WTForms has no Indonesian catalog."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from zi.models import JENIS_BUKTI, STATUS_TINDAK_LANJUT

PILIH = _l("— pilih —")


def angka_bulat(value) -> int:
    """Coerce a select's value to an id; an empty or forged value is 0 (the service then says what is missing)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class Pilihan(SelectField):
    """A select whose value the service checks (with an Indonesian message); WTForms' own check is English."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        super().__init__(*args, **kwargs)


class PilihanBanyak(SelectMultipleField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validate_choice", False)
        kwargs.setdefault("coerce", angka_bulat)
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = []


class TanggalField(DateField):
    """A date input whose parse error is in Indonesian."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [Optional()])
        kwargs.setdefault("render_kw", {"type": "date"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(_l("Tanggal tidak valid; gunakan format TTTT-BB-HH.")) from exc


def _jenis_choices(keys=None) -> list[tuple[str, str]]:
    return [("", PILIH)] + [(k, _l(v)) for k, v in JENIS_BUKTI.items()
                            if k != "laporan_otomatis" and (keys is None or k in keys)]


class BuktiForm(FlaskForm):
    """An item of evidence uploaded (or linked) by an officer; SK/SOP also carry number, date and signatory."""

    judul = StringField(_l("Judul bukti"), validators=[Length(max=300)], render_kw={"maxlength": 300})
    jenis = Pilihan(_l("Jenis bukti"), choices=_jenis_choices())
    bukti_nama = Pilihan(_l("Dicatat sebagai bukti dukung"), choices=[])
    periode_mulai = TanggalField(_l("Periode yang dicakup: mulai"))
    periode_selesai = TanggalField(_l("Periode yang dicakup: selesai"))
    berkas = FileField(_l("Berkas: PDF, JPEG, PNG, WebP, atau XLSX, paling besar 10 MB"),
                       render_kw={"accept": "application/pdf,image/jpeg,image/png,image/webp,.xlsx"})
    tautan = StringField(_l("Atau tautan (alamat web lengkap)"), validators=[Length(max=500)],
                         render_kw={"inputmode": "url", "maxlength": 500})
    keterangan = TextAreaField(_l("Keterangan (opsional)"), validators=[Length(max=5000)], render_kw={"rows": 3})
    nomor = StringField(_l("Nomor dokumen (SK/SOP)"), validators=[Length(max=120)], render_kw={"maxlength": 120})
    tanggal = TanggalField(_l("Tanggal penetapan (SK/SOP)"))
    penandatangan = StringField(_l("Pejabat penandatangan (SK/SOP)"), validators=[Length(max=200)],
                                render_kw={"maxlength": 200})
    berlaku_sampai = TanggalField(_l("Berlaku sampai (kosongkan bila sampai dicabut)"))


class KebijakanForm(BuktiForm):
    """A policy document: an SK or an SOP (standar pelayanan, maklumat, SK tim …), filed against what it serves."""

    jenis = Pilihan(_l("Jenis dokumen"), choices=_jenis_choices(("sk", "sop")))


class TautkanForm(FlaskForm):
    bukti_id = Pilihan(_l("Bukti dari register"), coerce=angka_bulat, choices=[])
    bukti_nama = Pilihan(_l("Dicatat sebagai bukti dukung"), choices=[])


class JawabanForm(FlaskForm):
    """An officer's answer to a pertanyaan; a departure from the proposal needs a reason (zi.answers)."""

    pilihan = Pilihan(_l("Jawaban"), choices=[])
    angka = StringField(_l("Nilai"), validators=[Length(max=20)], render_kw={"inputmode": "decimal"})
    alasan = TextAreaField(_l("Alasan (wajib bila berbeda dari usulan berdasarkan data)"),
                           validators=[Length(max=5000)], render_kw={"rows": 3})
    bukti = PilihanBanyak(_l("Bukti dari register yang mendukung jawaban"), choices=[])


class LaporanForm(FlaskForm):
    jenis = Pilihan(_l("Laporan"), choices=[])
    periode = Pilihan(_l("Periode"), choices=[("bulan", _l("Bulan")), ("triwulan", _l("Triwulan")),
                                               ("semester", _l("Semester")), ("tahun", _l("Tahun"))])
    tahun = StringField(_l("Tahun"), validators=[Length(max=4)], render_kw={"inputmode": "numeric"})
    ke = StringField(_l("Ke- (bulan 1–12, triwulan 1–4, semester 1–2)"), validators=[Length(max=2)],
                     render_kw={"inputmode": "numeric"})


class RekomendasiForm(FlaskForm):
    rekomendasi = TextAreaField(_l("Rekomendasi"), validators=[Length(max=5000)], render_kw={"rows": 3})
    unit_id = Pilihan(_l("Unit penanggung jawab"), coerce=angka_bulat, choices=[])
    tenggat = TanggalField(_l("Tenggat"))
    indikator_kode = Pilihan(_l("Ditindaklanjuti untuk"), choices=[])
    sumber_id = Pilihan(_l("Laporan asal rekomendasi"), coerce=angka_bulat, choices=[])


class StatusTindakLanjutForm(FlaskForm):
    status = Pilihan(_l("Status"), choices=[(k, _l(v)) for k, v in STATUS_TINDAK_LANJUT.items()])
    hasil = TextAreaField(_l("Hasil tindak lanjut (wajib bila selesai)"), validators=[Length(max=5000)],
                          render_kw={"rows": 3})
    bukti = PilihanBanyak(_l("Bukti dari register"), choices=[])


class NotaDinasForm(FlaskForm):
    """The units a monev report is sent to by nota dinas (one letter per unit)."""

    unit_id = PilihanBanyak(_l("Unit tujuan nota dinas"), choices=[], widget=ListWidget(prefix_label=False),
                            option_widget=CheckboxInput())


_BERKAS_RAPAT = {"accept": "application/pdf,image/jpeg,image/png,image/webp,.xlsx"}


class RapatForm(FlaskForm):
    """A monev meeting: when, who, the minutes (typed or a file), the invitation, the attendance list, photos."""

    tanggal = TanggalField(_l("Tanggal rapat"))
    acara = StringField(_l("Acara (opsional)"), validators=[Length(max=300)], render_kw={"maxlength": 300})
    peserta = TextAreaField(_l("Peserta (satu nama dan jabatan per baris)"), validators=[Length(max=20000)],
                            render_kw={"rows": 4})
    notulen = TextAreaField(_l("Notulen (ketik di sini, atau unggah berkasnya di bawah)"),
                            validators=[Length(max=20000)], render_kw={"rows": 6})
    notulen_berkas = FileField(_l("Berkas notulen (PDF/JPEG/PNG/WebP, paling besar 10 MB)"), render_kw=_BERKAS_RAPAT)
    undangan = FileField(_l("Undangan rapat"), render_kw=_BERKAS_RAPAT)
    daftar_hadir = FileField(_l("Daftar hadir"), render_kw=_BERKAS_RAPAT)
    foto = MultipleFileField(_l("Foto rapat (boleh beberapa, paling banyak 10)"),
                             render_kw={"accept": "image/jpeg,image/png,image/webp"})
