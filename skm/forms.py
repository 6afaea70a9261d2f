"""Forms of the surveys (messages in Indonesian, given explicitly: WTForms has no Indonesian catalog)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (BooleanField, DateField, HiddenField, IntegerField, RadioField, SelectField, StringField,
                     SubmitField, TextAreaField)
from wtforms.validators import AnyOf, ValidationError, DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

from core.forms import REQUIRED, PublicForm
from skm import vocab

PILIH = "Pilih salah satu jawaban."


def _usia_wajar(form, field):
    if field.data and field.data.strip().isdigit() and not vocab.USIA_MIN <= int(field.data) <= vocab.USIA_MAX:
        raise ValidationError(f"Usia harus {vocab.USIA_MIN}–{vocab.USIA_MAX} tahun.")
_SKALA = ["1", "2", "3", "4"]


class _SurveiBase(PublicForm):
    token = HiddenField()
    jenis_kelamin = RadioField("Jenis kelamin", choices=list(vocab.JENIS_KELAMIN.items()), validate_choice=False,
                               validators=[InputRequired(PILIH), AnyOf(list(vocab.JENIS_KELAMIN), message=PILIH)])
    usia = StringField("Usia (tahun)", validators=[DataRequired(REQUIRED),
                                                   Regexp(r"^\s*\d{1,3}\s*$", message="Tulis usia dengan angka."),
                                                   _usia_wajar],
                       render_kw={"inputmode": "numeric", "autocomplete": "off", "maxlength": "3"})
    pendidikan = SelectField("Pendidikan terakhir", choices=[("", "— pilih —")] + list(vocab.PENDIDIKAN.items()),
                             validate_choice=False,
                             validators=[DataRequired(PILIH), AnyOf(list(vocab.PENDIDIKAN), message=PILIH)])
    pekerjaan = SelectField("Pekerjaan", choices=[("", "— pilih —")] + list(vocab.PEKERJAAN.items()),
                            validate_choice=False,
                            validators=[DataRequired(PILIH), AnyOf(list(vocab.PEKERJAAN), message=PILIH)])
    saran = TextAreaField("Saran dan masukan (boleh dikosongkan)",
                          validators=[Optional(), Length(max=2000, message="Paling banyak 2000 karakter.")],
                          render_kw={"rows": 3})
    submit = SubmitField("Kirim penilaian")


def survei_form(pertanyaan, *, wajib_kode: bool, **kwargs) -> _SurveiBase:
    """The survey form for the office's questionnaire: one radio group per unsur, named by unsur code."""
    attrs = {}
    for p in pertanyaan:
        attrs[p.kode] = RadioField(p.pertanyaan, choices=[(str(i), lab) for i, lab in enumerate(p.label, 1)],
                                   validate_choice=False,
                                   validators=[InputRequired(PILIH), AnyOf(_SKALA, message=PILIH)])
    if wajib_kode:
        attrs["kode"] = StringField("Kode survei pada bukti layanan Anda",
                                    validators=[DataRequired(REQUIRED), Length(max=20)],
                                    render_kw={"autocomplete": "off", "autocapitalize": "characters"})
    cls = type("SurveiForm", (_SurveiBase,), attrs)
    return cls(**kwargs)


def persepsi_form(items, **kwargs) -> PublicForm:
    attrs = {"token": HiddenField(), "submit": SubmitField("Kirim jawaban")}
    for it in items:
        attrs[f"item_{it.id}"] = RadioField(it.teks, choices=[(str(i), lab) for i, lab in
                                                              enumerate(vocab.PERSEPSI_SKALA, 1)],
                                            validate_choice=False,
                                            validators=[InputRequired(PILIH), AnyOf(_SKALA, message=PILIH)])
    return type("PersepsiForm", (PublicForm,), attrs)(**kwargs)


# --- officers' forms --------------------------------------------------------------------------------

class LayananForm(FlaskForm):
    nama = StringField("Nama jenis layanan", validators=[DataRequired(REQUIRED), Length(max=200)])
    kode = StringField("Kode tautan pendek (huruf kecil, angka, tanda hubung)",
                       validators=[DataRequired(REQUIRED), Length(max=40)])
    unit_id = SelectField("Unit pemilik", coerce=int, validators=[DataRequired("Pilih unit.")])
    populasi = IntegerField("Populasi pengguna per periode (untuk ukuran sampel)",
                            validators=[Optional(), NumberRange(min=1, message="Minimal 1.")])
    wajib_kode = BooleanField("Wajib memakai kode sekali pakai dari bukti layanan")
    aktif = BooleanField("Survei dibuka", default=True)
    submit = SubmitField("Simpan")


class PeriodeForm(FlaskForm):
    nama = StringField("Nama periode (mis. Triwulan I 2026)", validators=[DataRequired(REQUIRED), Length(max=100)])
    jenis = SelectField("Jenis", choices=[("triwulan", "Triwulan"), ("semester", "Semester"),
                                          ("tahunan", "Tahunan"), ("lainnya", "Lainnya")])
    mulai = DateField("Mulai", validators=[DataRequired("Tanggal tidak valid.")])
    selesai = DateField("Selesai", validators=[DataRequired("Tanggal tidak valid.")])
    metode_bobot = SelectField("Metode bobot", choices=[("1/9", "1/9 tepat (bawaan)"), ("0,111", "0,111"),
                                                         ("0,11", "0,11")])
    publik = BooleanField("Tampilkan hasil di halaman publik", default=True)
    submit = SubmitField("Simpan")


class PertanyaanForm(FlaskForm):
    pertanyaan = TextAreaField("Teks pertanyaan", validators=[DataRequired(REQUIRED), Length(max=1000)])
    label_1 = StringField("Label nilai 1", validators=[DataRequired(REQUIRED), Length(max=100)])
    label_2 = StringField("Label nilai 2", validators=[DataRequired(REQUIRED), Length(max=100)])
    label_3 = StringField("Label nilai 3", validators=[DataRequired(REQUIRED), Length(max=100)])
    label_4 = StringField("Label nilai 4", validators=[DataRequired(REQUIRED), Length(max=100)])
    urutan = IntegerField("Urutan tampil (1–9)", validators=[InputRequired(REQUIRED),
                                                              NumberRange(1, 9, message="Urutan 1–9.")])
    submit = SubmitField("Simpan")


class ItemPersepsiForm(FlaskForm):
    teks = TextAreaField("Pernyataan", validators=[DataRequired(REQUIRED), Length(max=1000)])
    urutan = IntegerField("Urutan", validators=[InputRequired(REQUIRED), NumberRange(1, 99, message="Urutan 1–99.")])
    aktif = BooleanField("Dipakai", default=True)
    submit = SubmitField("Simpan")


class ImporForm(FlaskForm):
    berkas = FileField("Berkas CSV atau XLSX (satu baris per responden; kolom U1 … U9)")
    layanan_id = SelectField("Layanan", coerce=int, validators=[DataRequired("Pilih layanan.")])
    periode_id = SelectField("Periode", coerce=int, validators=[DataRequired("Pilih periode.")])
    submit = SubmitField("Periksa dan impor")


class KodeForm(FlaskForm):
    jumlah = IntegerField("Jumlah kode", default=50,
                          validators=[InputRequired(REQUIRED), NumberRange(1, 1000, message="1–1000 kode.")])
    submit = SubmitField("Buat kode")


class TindakLanjutForm(FlaskForm):
    unsur = SelectField("Unsur", validators=[DataRequired("Pilih unsur.")])
    layanan_id = SelectField("Layanan", coerce=int)
    masalah = TextAreaField("Masalah yang ditemukan", validators=[Optional(), Length(max=2000)])
    rencana = TextAreaField("Rencana perbaikan", validators=[DataRequired(REQUIRED), Length(max=2000)])
    unit_id = SelectField("Unit penanggung jawab", coerce=int, validators=[DataRequired("Pilih unit.")])
    tenggat = DateField("Tenggat", validators=[DataRequired("Tanggal tidak valid.")])
    submit = SubmitField("Simpan rencana")


class StatusForm(FlaskForm):
    status = SelectField("Status baru", choices=[])
    hasil = TextAreaField("Hasil perbaikan yang sudah dilakukan", validators=[Optional(), Length(max=2000)])
    submit = SubmitField("Ubah status")


class BuktiForm(FlaskForm):
    lampiran = FileField("Bukti (foto atau PDF)")
    submit = SubmitField("Unggah bukti")
