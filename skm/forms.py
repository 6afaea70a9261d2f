"""Forms of the surveys (messages in Indonesian, given explicitly: WTForms has no Indonesian catalog; English
through Flask-Babel, msgid = the Indonesian text)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import AnyOf, ValidationError, DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from core.forms import PublicForm
from core.templating import angka, teks_kantor
from skm import vocab

REQUIRED = _l("Wajib diisi.")
PILIH = _l("Pilih salah satu jawaban.")
PILIH_KOSONG = ("", _l("— pilih —"))


def _pilihan(labels: dict[str, str]) -> list[tuple[str, object]]:
    """(code, translated label) for a vocabulary whose labels are marked N_ in skm/vocab.py."""
    return [(code, _l(label)) for code, label in labels.items()]


def _usia_wajar(form, field):
    if field.data and field.data.strip().isdigit() and not vocab.USIA_MIN <= int(field.data) <= vocab.USIA_MAX:
        raise ValidationError(_("Usia harus %(min)s–%(max)s tahun.", min=vocab.USIA_MIN, max=vocab.USIA_MAX))
_SKALA = ["1", "2", "3", "4"]


class DesimalField(StringField):
    """A number written the Indonesian way («82,5», also «82.5»); empty is None."""

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip().replace(" ", "")
        if text:
            try:
                self.data = Decimal(text.replace(",", "."))
            except InvalidOperation:
                self.data = text
                raise ValueError(_("Tulis angka, mis. 82,50.")) from None

    def _value(self):
        if isinstance(self.data, Decimal):
            return angka(self.data, 2)
        return self.data or ""


class _SurveiBase(PublicForm):
    token = HiddenField()
    jenis_kelamin = RadioField(_l("Jenis kelamin"), choices=_pilihan(vocab.JENIS_KELAMIN), validate_choice=False,
                               validators=[InputRequired(PILIH), AnyOf(list(vocab.JENIS_KELAMIN), message=PILIH)])
    usia = StringField(_l("Usia (tahun)"), validators=[DataRequired(REQUIRED),
                                                   Regexp(r"^\s*\d{1,3}\s*$", message=_l("Tulis usia dengan angka.")),
                                                   _usia_wajar],
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": "3"})
    pendidikan = SelectField(_l("Pendidikan terakhir"), choices=[PILIH_KOSONG] + _pilihan(vocab.PENDIDIKAN),
                             validate_choice=False,
                             validators=[DataRequired(PILIH), AnyOf(list(vocab.PENDIDIKAN), message=PILIH)])
    pekerjaan = SelectField(_l("Pekerjaan"), choices=[PILIH_KOSONG] + _pilihan(vocab.PEKERJAAN),
                            validate_choice=False,
                            validators=[DataRequired(PILIH), AnyOf(list(vocab.PEKERJAAN), message=PILIH)])
    saran = TextAreaField(_l("Saran dan masukan (boleh dikosongkan)"),
                          validators=[Optional(), Length(max=2000, message=_l("Paling banyak 2000 karakter."))],
                          render_kw={"rows": 3})
    submit = SubmitField(_l("Kirim penilaian"))


def survei_form(pertanyaan, *, wajib_kode: bool, **kwargs) -> _SurveiBase:
    """The survey form for the office's questionnaire: one radio group per unsur, named by unsur code."""
    attrs = {}
    for p in pertanyaan:
        attrs[p.kode] = RadioField(teks_kantor(p.pertanyaan, p.pertanyaan_en),
                                   choices=[(str(i), teks_kantor(lab, en)) for i, (lab, en) in
                                            enumerate(zip(p.label, p.label_en), 1)],
                                   validate_choice=False,
                                   validators=[InputRequired(PILIH), AnyOf(_SKALA, message=PILIH)])
    if wajib_kode:
        attrs["kode"] = StringField(_l("Kode survei pada bukti layanan Anda"),
                                    validators=[DataRequired(REQUIRED), Length(max=20)],
                                    render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    # the code and the questions come first, as on the page, so the error summary lists them in that order
    order = (["kode"] if wajib_kode else []) + [p.kode for p in pertanyaan]
    for i, name in enumerate(order):
        attrs[name].creation_counter = i - len(order)
    cls = type("SurveiForm", (_SurveiBase,), attrs)
    return cls(**kwargs)


def persepsi_form(items, **kwargs) -> PublicForm:
    attrs = {"token": HiddenField(), "submit": SubmitField(_l("Kirim jawaban"))}
    for it in items:
        attrs[f"item_{it.kunci}"] = RadioField(teks_kantor(it.teks, it.teks_en), choices=[(str(i), _l(lab)) for i, lab in
                                                              enumerate(vocab.PERSEPSI_SKALA, 1)],
                                            validate_choice=False,
                                            validators=[InputRequired(PILIH), AnyOf(_SKALA, message=PILIH)])
    return type("PersepsiForm", (PublicForm,), attrs)(**kwargs)


# --- officers' forms --------------------------------------------------------------------------------

class LayananForm(FlaskForm):
    nama = StringField(_l("Nama jenis layanan"), validators=[DataRequired(REQUIRED), Length(max=200)])
    nama_en = StringField(_l("Nama layanan dalam bahasa Inggris (opsional, untuk halaman ?lang=en)"),
                          validators=[Optional(), Length(max=200)])
    kode = StringField(_l("Kode tautan pendek (huruf kecil, angka, tanda hubung)"),
                       validators=[DataRequired(REQUIRED), Length(max=40)])
    unit_id = SelectField(_l("Unit pemilik"), coerce=int, validators=[DataRequired(_l("Pilih unit."))])
    populasi = IntegerField(_l("Populasi pengguna per periode (untuk ukuran sampel)"),
                            validators=[Optional(), NumberRange(min=1, message=_l("Minimal 1."))])
    wajib_kode = BooleanField(_l("Wajib memakai kode sekali pakai dari bukti layanan"))
    aktif = BooleanField(_l("Survei dibuka"), default=True)
    submit = SubmitField(_l("Simpan"))


class PeriodeForm(FlaskForm):
    nama = StringField(_l("Nama periode (mis. Triwulan I 2026)"), validators=[DataRequired(REQUIRED), Length(max=100)])
    jenis = SelectField(_l("Jenis"), choices=[("triwulan", _l("Triwulan")), ("semester", _l("Semester")),
                                              ("tahunan", _l("Tahunan")), ("lainnya", _l("Lainnya"))])
    mulai = DateField(_l("Mulai"), validators=[DataRequired(_l("Tanggal tidak valid."))])
    selesai = DateField(_l("Selesai"), validators=[DataRequired(_l("Tanggal tidak valid."))])
    metode_bobot = SelectField(_l("Metode bobot"), choices=[("1/9", _l("1/9 tepat (bawaan)")), ("0,111", "0,111"),
                                                             ("0,11", "0,11")])
    publik = BooleanField(_l("Tampilkan hasil di halaman publik"), default=True)
    target_unsur = DesimalField(_l("Target nilai setiap unsur (skala 25–100, mis. 88,31 untuk mutu A; boleh "
                                   "dikosongkan). Unsur di bawah target perlu ditindaklanjuti, selain tiga "
                                   "unsur terendah."), validators=[Optional()], render_kw={"inputmode": "decimal"})
    submit = SubmitField(_l("Simpan"))


class PertanyaanForm(FlaskForm):
    pertanyaan = TextAreaField(_l("Teks pertanyaan"), validators=[DataRequired(REQUIRED), Length(max=1000)])
    label_1 = StringField(_l("Label nilai %(n)s", n=1), validators=[DataRequired(REQUIRED), Length(max=100)])
    label_2 = StringField(_l("Label nilai %(n)s", n=2), validators=[DataRequired(REQUIRED), Length(max=100)])
    label_3 = StringField(_l("Label nilai %(n)s", n=3), validators=[DataRequired(REQUIRED), Length(max=100)])
    label_4 = StringField(_l("Label nilai %(n)s", n=4), validators=[DataRequired(REQUIRED), Length(max=100)])
    # English beside the Indonesian (optional): shown on ?lang=en, the Indonesian where empty
    pertanyaan_en = TextAreaField(_l("Teks pertanyaan dalam bahasa Inggris (opsional)"),
                                  validators=[Optional(), Length(max=1000)])
    label_1_en = StringField(_l("Label nilai %(n)s dalam bahasa Inggris", n=1), validators=[Optional(), Length(max=100)])
    label_2_en = StringField(_l("Label nilai %(n)s dalam bahasa Inggris", n=2), validators=[Optional(), Length(max=100)])
    label_3_en = StringField(_l("Label nilai %(n)s dalam bahasa Inggris", n=3), validators=[Optional(), Length(max=100)])
    label_4_en = StringField(_l("Label nilai %(n)s dalam bahasa Inggris", n=4), validators=[Optional(), Length(max=100)])
    urutan = IntegerField(_l("Urutan tampil (1–9)"), validators=[InputRequired(REQUIRED),
                                                              NumberRange(1, 9, message=_l("Urutan 1–9."))])
    submit = SubmitField(_l("Simpan"))


class ItemPersepsiForm(FlaskForm):
    teks = TextAreaField(_l("Pernyataan"), validators=[DataRequired(REQUIRED), Length(max=1000)])
    teks_en = TextAreaField(_l("Pernyataan dalam bahasa Inggris (opsional, untuk halaman ?lang=en)"),
                            validators=[Optional(), Length(max=1000)])
    urutan = IntegerField(_l("Urutan"), validators=[InputRequired(REQUIRED),
                                               NumberRange(1, 99, message=_l("Urutan 1–99."))])
    aktif = BooleanField(_l("Dipakai"), default=True)
    submit = SubmitField(_l("Simpan"))


class ImporForm(FlaskForm):
    berkas = FileField(_l("Berkas CSV atau XLSX (satu baris per responden; kolom U1 … U9)"))
    layanan_id = SelectField(_l("Layanan"), coerce=int, validators=[DataRequired(_l("Pilih layanan."))])
    periode_id = SelectField(_l("Periode"), coerce=int, validators=[DataRequired(_l("Pilih periode."))])
    submit = SubmitField(_l("Periksa dan impor"))


class KodeForm(FlaskForm):
    jumlah = IntegerField(_l("Jumlah kode"), default=50,
                          validators=[InputRequired(REQUIRED), NumberRange(1, 1000, message=_l("1–1000 kode."))])
    submit = SubmitField(_l("Buat kode"))


class TindakLanjutForm(FlaskForm):
    unsur = SelectField(_l("Unsur"), validators=[DataRequired(_l("Pilih unsur."))])
    layanan_id = SelectField(_l("Layanan"), coerce=int)
    masalah = TextAreaField(_l("Masalah yang ditemukan"), validators=[Optional(), Length(max=2000)])
    rencana = TextAreaField(_l("Rencana perbaikan"), validators=[DataRequired(REQUIRED), Length(max=2000)])
    unit_id = SelectField(_l("Unit penanggung jawab"), coerce=int, validators=[DataRequired(_l("Pilih unit."))])
    tenggat = DateField(_l("Tenggat"), validators=[DataRequired(_l("Tanggal tidak valid."))])
    submit = SubmitField(_l("Simpan rencana"))


class StatusForm(FlaskForm):
    status = SelectField(_l("Status baru"), choices=[])
    hasil = TextAreaField(_l("Hasil perbaikan yang sudah dilakukan"), validators=[Optional(), Length(max=2000)])
    submit = SubmitField(_l("Ubah status"))


class BuktiForm(FlaskForm):
    lampiran = FileField(_l("Bukti (foto atau PDF)"))
    submit = SubmitField(_l("Unggah bukti"))
