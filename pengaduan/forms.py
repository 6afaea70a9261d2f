"""Forms of Pengaduan Masyarakat. They render fields and check CSRF and the honeypot; the rules (and their
Indonesian messages) live in pengaduan.service.validate, shared with the API."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (BooleanField, EmailField, HiddenField, MultipleFileField, RadioField, SelectField, StringField,
                     TextAreaField)

from core.forms import PublicForm
from pengaduan.service import JENIS, KANAL, KANAL_PETUGAS, SIFAT, TINGKAT


class _ComplaintFields:
    """The fields of a complaint, shared by the public form and the officers' intake form."""

    jenis = SelectField("Jenis", choices=list(JENIS.items()), validate_choice=False)
    kategori = SelectField("Kategori", choices=[], validate_choice=False)
    judul = StringField("Judul singkat", render_kw={"maxlength": 200})
    uraian = TextAreaField("Uraian: apa yang terjadi?", render_kw={"rows": 7})
    lokasi = StringField("Tempat kejadian (opsional)", render_kw={"maxlength": 300})
    tanggal_kejadian = StringField("Tanggal kejadian (opsional)", render_kw={"type": "date"})
    layanan_terkait = StringField("Unit atau layanan yang dimaksud (opsional)", render_kw={"maxlength": 200})
    lampiran = MultipleFileField("Lampiran (opsional): foto JPEG/PNG/WebP atau PDF, paling banyak 5 berkas, "
                                 "masing-masing maksimal 10 MB",
                                 render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
    anonim = BooleanField("Anonim: saya tidak ingin mencantumkan nama.")
    rahasia = BooleanField("Rahasia: isi pengaduan dan identitas saya tidak boleh diketahui selain petugas yang "
                           "menangani.")
    nama = StringField("Nama", render_kw={"autocomplete": "name", "maxlength": 200})
    telepon = StringField("Nomor telepon / WhatsApp", render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = EmailField("E-mail", render_kw={"autocomplete": "email"})
    nik = StringField("NIK (opsional, 16 angka)", render_kw={"inputmode": "numeric", "maxlength": 16})

    def data_dict(self) -> dict:
        return {name: getattr(self, name).data for name in COMPLAINT_FIELDS if hasattr(self, name)}


COMPLAINT_FIELDS = ("jenis", "kategori", "judul", "uraian", "lokasi", "tanggal_kejadian", "layanan_terkait",
                    "anonim", "rahasia", "nama", "telepon", "email", "nik", "setuju", "kanal", "lapor_id")


class PengaduanForm(_ComplaintFields, PublicForm):
    setuju = BooleanField("Saya telah membaca pemberitahuan privasi dan menyetujui data saya diproses untuk "
                          "menangani pengaduan ini.")


class PetugasPengaduanForm(_ComplaintFields, FlaskForm):
    kanal = SelectField("Diterima melalui", choices=[(k, KANAL[k]) for k in KANAL_PETUGAS], validate_choice=False)
    lapor_id = StringField("Nomor pelacakan SP4N-LAPOR! (bila dari LAPOR!)", render_kw={"maxlength": 40})


class LacakForm(PublicForm):
    tiket = StringField("Nomor tiket", render_kw={"placeholder": "PGD-2026-000123", "autocomplete": "off",
                                                  "autocapitalize": "characters"})
    kode = StringField("Kode pelacakan", render_kw={"placeholder": "XXXX-XXXX-XXXX-XXXX", "autocomplete": "off",
                                                    "autocapitalize": "characters", "spellcheck": "false"})


class TanggapanForm(FlaskForm):
    teks = TextAreaField("Tulisan Anda", render_kw={"rows": 5})
    lampiran = MultipleFileField("Lampiran tambahan (opsional)",
                                 render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})


class NilaiForm(FlaskForm):
    skor = RadioField("Nilai penanganan (1 = sangat buruk, 5 = sangat baik)",
                      choices=[(str(i), str(i)) for i in range(1, 6)], validate_choice=False)
    komentar = TextAreaField("Komentar (opsional)", render_kw={"rows": 3})


class PindahWbsForm(FlaskForm):
    sertakan_identitas = BooleanField("Sertakan identitas saya (nama dan kontak) dalam laporan WBS.")
    token = HiddenField()


class AksiForm(FlaskForm):
    """One form for every officer action; each action reads the fields it needs."""

    teks = TextAreaField("Teks", render_kw={"rows": 4})
    tingkat = SelectField("Tingkat penyelesaian", choices=[(k, f"{v}") for k, v in TINGKAT.items()],
                          validate_choice=False)
    unit_id = SelectField("Unit tujuan", choices=[], validate_choice=False)
    sifat = SelectField("Sifat nota dinas", choices=[(s, s) for s in SIFAT], validate_choice=False)
    rujukan = StringField("Disarankan menyampaikan kepada (bila bukan kewenangan kami)")
