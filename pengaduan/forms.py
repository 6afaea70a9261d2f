"""Forms of Pengaduan Masyarakat. They render fields and check CSRF and the honeypot; the rules (and their
Indonesian messages) live in pengaduan.service.validate, shared with the API."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (BooleanField, EmailField, HiddenField, MultipleFileField, RadioField, SelectField, StringField,
                     TextAreaField)

from core.forms import PublicForm
from pengaduan.service import JENIS, KANAL, KANAL_PETUGAS, KLASIFIKASI, SIFAT, TINGKAT


class _ComplaintFields:
    """The fields of a complaint, shared by the public form and the officers' intake form."""

    jenis = SelectField(_l("Jenis"), choices=[(k, _l(v)) for k, v in JENIS.items()], validate_choice=False)
    kategori = SelectField(_l("Kategori"), choices=[], validate_choice=False)
    judul = StringField(_l("Judul singkat"), render_kw={"maxlength": 200})
    uraian = TextAreaField(_l("Uraian: apa yang terjadi?"), render_kw={"rows": 7})
    lokasi = StringField(_l("Tempat kejadian (opsional)"), render_kw={"maxlength": 300})
    tanggal_kejadian = StringField(_l("Tanggal kejadian (opsional)"), render_kw={"type": "date"})
    layanan_terkait = StringField(_l("Unit atau layanan yang dimaksud (opsional)"), render_kw={"maxlength": 200})
    lampiran = MultipleFileField(_l("Lampiran (opsional): foto JPEG/PNG/WebP atau PDF, paling banyak 5 berkas, "
                                    "masing-masing maksimal 10 MB"),
                                 render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
    anonim = BooleanField(_l("Anonim: saya tidak ingin mencantumkan nama."))
    rahasia = BooleanField(_l("Rahasia: isi pengaduan dan identitas saya tidak boleh diketahui selain petugas yang "
                              "menangani."))
    boleh_diteruskan = BooleanField(_l("Identitas saya boleh diteruskan kepada unit yang menindaklanjuti."))
    nama = StringField(_l("Nama"), render_kw={"autocomplete": "name", "maxlength": 200})
    telepon = StringField(_l("Nomor telepon / WhatsApp"), render_kw={"autocomplete": "tel", "inputmode": "tel"})
    email = EmailField(_l("E-mail"), render_kw={"autocomplete": "email"})
    nik = StringField(_l("NIK (opsional, 16 angka)"), render_kw={"inputmode": "numeric", "maxlength": 16})

    def data_dict(self) -> dict:
        return {name: getattr(self, name).data for name in COMPLAINT_FIELDS if hasattr(self, name)}


COMPLAINT_FIELDS = ("jenis", "kategori", "judul", "uraian", "lokasi", "tanggal_kejadian", "layanan_terkait",
                    "anonim", "rahasia", "boleh_diteruskan", "nama", "telepon", "email", "nik", "setuju", "kanal", "lapor_id")


class PengaduanForm(_ComplaintFields, PublicForm):
    setuju = BooleanField(_l("Saya telah membaca pemberitahuan privasi dan menyetujui data saya diproses untuk "
                             "menangani pengaduan ini."))


class PetugasPengaduanForm(_ComplaintFields, FlaskForm):
    kanal = SelectField(_l("Diterima melalui"), choices=[(k, _l(KANAL[k])) for k in KANAL_PETUGAS],
                        validate_choice=False)
    lapor_id = StringField(_l("Nomor pelacakan SP4N-LAPOR! (bila dari LAPOR!)"), render_kw={"maxlength": 40})


class LacakForm(PublicForm):
    tiket = StringField(_l("Nomor tiket"), render_kw={"placeholder": "PGD-2026-000123", "autocomplete": "off",
                                                      "autocapitalize": "characters"})
    kode = StringField(_l("Kode pelacakan"), render_kw={"placeholder": "XXXX-XXXX-XXXX-XXXX", "autocomplete": "off",
                                                        "autocapitalize": "characters", "spellcheck": "false"})


class TanggapanForm(FlaskForm):
    teks = TextAreaField(_l("Tulisan Anda"), render_kw={"rows": 5})
    lampiran = MultipleFileField(_l("Lampiran tambahan (opsional)"),
                                 render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})


class NilaiForm(FlaskForm):
    skor = RadioField(_l("Nilai penanganan (1 = sangat buruk, 5 = sangat baik)"),
                      choices=[(str(i), str(i)) for i in range(1, 6)], validate_choice=False)
    komentar = TextAreaField(_l("Komentar (opsional)"), render_kw={"rows": 3})


class PindahWbsForm(FlaskForm):
    sertakan_identitas = BooleanField(_l("Sertakan identitas saya (nama dan kontak) dalam laporan WBS."))
    token = HiddenField()


class AksiForm(FlaskForm):
    """One form for every officer action; each action reads the fields it needs."""

    teks = TextAreaField(_l("Teks"), render_kw={"rows": 4})
    tingkat = SelectField(_l("Tingkat penyelesaian"), choices=[(k, _l(v)) for k, v in TINGKAT.items()],
                          validate_choice=False)
    unit_id = SelectField(_l("Unit tujuan"), choices=[], validate_choice=False)
    sifat = SelectField(_l("Sifat nota dinas"), choices=[(s, _l(s)) for s in SIFAT], validate_choice=False)
    # empty: Rahasia for a confidential complaint, otherwise Biasa
    klasifikasi = SelectField(_l("Klasifikasi nota dinas"),
                              choices=[("", _l("Sesuai pengaduan (Rahasia bila pengaduan rahasia)")),
                                       *[(k, _l(k)) for k in KLASIFIKASI]], validate_choice=False)
    # empty: the official set in the settings, or the deputy when the official is marked absent
    penandatangan = SelectField(_l("Penanda tangan nota dinas"),
                                choices=[("", _l("Sesuai pengaturan kantor")), ("pejabat", _l("Pejabat penanda tangan")),
                                         ("plh", _l("Pelaksana harian (Plh.)"))], validate_choice=False)
    rujukan = StringField(_l("Disarankan menyampaikan kepada (bila bukan kewenangan kami)"))
    lampiran = MultipleFileField(_l("Bukti tindak lanjut (opsional): foto JPEG/PNG/WebP atau surat PDF, paling banyak "
                                    "5 berkas, masing-masing maksimal 10 MB"),
                                 render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"})
