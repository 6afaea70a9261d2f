"""JSON API of the Whistleblowing System. The receipt is sent in the request body only, never in a URL."""
from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Literal

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict, Field

from core import storage
from core.api import API_PREFIX, TERLIHAT, kode_pola, operation, pola
from core.attachments import MAX_FILES
from core.errors import N_, DomainError
from wbs import service
from wbs.limits import receipt_limit, submit_limit

bp = Blueprint("wbs_api", __name__, url_prefix=API_PREFIX + "/wbs")
TAG = "WBS"
JenisWbs = Literal["korupsi", "gratifikasi", "pungli", "benturan_kepentingan", "penyalahgunaan_wewenang",
                   "pelanggaran_disiplin", "lainnya"]
Teks = Field(default="", max_length=service.MAX_TEXT)
# standard base64 with padding, not empty (an empty file is refused)
_BASE64 = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)$"


Resi = pola(kode_pola(4), "Resi terdiri dari 16 huruf dan angka, misalnya ABCD-EFGH-JKMN-PQRS.", max_length=19)
# what JSON Schema cannot check: the file's content (wbs.service via core.storage.inspect_upload)
ISI_BERKAS = [{"isian": ["lampiran"],
               "aturan": "Isi berkas diperiksa dari isinya: JPG, PNG, WebP atau PDF yang utuh, tidak melebihi "
                         "batas ukuran berkas."}]


class LampiranIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nama: str = Field(max_length=255, description="Nama berkas (juga dienkripsi).")
    isi_base64: str = pola(
        _BASE64, "Isi berkas bukan base64 yang sah.",
        description="Isi berkas, base64 (RFC 4648, dengan padding). JPG, PNG, WebP atau PDF, diperiksa dari isinya; "
                    "metadata PDF TIDAK dihapus.",
        json_schema_extra={"contentEncoding": "base64"})


class LaporanWbsIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"x-aturan-antar-isian": ISI_BERKAS})
    apa: str = pola(TERLIHAT, "Ceritakan apa yang terjadi.", max_length=service.MAX_TEXT,
                    description="Apa yang terjadi (wajib).")
    dimana: str = Teks
    kapan: str = Teks
    siapa: str = Teks
    bagaimana: str = Teks
    mengapa: str = Teks
    jenis: JenisWbs = "lainnya"
    identitas: str = Field(default="", max_length=service.MAX_IDENTITAS, description="Opsional; dienkripsi.")
    lampiran: list[LampiranIn] = Field(default_factory=list, max_length=MAX_FILES)
    kunci_idempotensi: str | None = Field(
        default=None, min_length=20, max_length=64,
        description="Nilai acak rahasia buatan klien: kiriman ulang dengan nilai yang sama menghasilkan "
                    "laporan dan resi yang sama.")


class LaporanWbsOut(BaseModel):
    resi: str = Field(description="Tampilkan sekali kepada pelapor; tidak dapat dipulihkan.")
    status: str
    status_label: str
    diterima_tanggal: date
    pesan: str


class AksesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    resi: str = Resi


class EntriOut(BaseModel):
    dari: str
    tanggal: date
    teks: str
    status: str | None = None
    tujuan: str | None = None
    lampiran: list[str] = []


class IsianOut(BaseModel):
    label: str
    teks: str


class KotakOut(BaseModel):
    status: str
    status_label: str
    diterima_tanggal: date
    jenis: str
    isian: list[IsianOut]
    kurang: list[str] = Field(description="Unsur 4W+1H yang belum diisi; lengkapi lewat pesan.")
    lampiran: list[str]
    percakapan: list[EntriOut]
    terbuka: bool


def _pesan_atau_berkas(schema: dict) -> None:
    """A message holds text or at least one file (add_reporter_message)."""
    schema["anyOf"] = [{"required": ["pesan"], "properties": {"pesan": {"pattern": TERLIHAT}}},
                       {"required": ["lampiran"], "properties": {"lampiran": {"minItems": 1}}}]
    schema["x-aturan-antar-isian"] = ISI_BERKAS


class PesanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_pesan_atau_berkas)
    resi: str = Resi
    pesan: str = Teks
    lampiran: list[LampiranIn] = Field(default_factory=list, max_length=MAX_FILES)
    kunci_idempotensi: str | None = Field(default=None, min_length=20, max_length=64)


def _files(items: list[LampiranIn]) -> list[storage.Clean]:
    limit = current_app.config["MAX_FILE_BYTES"]
    out = []
    for item in items:
        try:
            data = base64.b64decode(item.isi_base64, validate=True)
        except (binascii.Error, ValueError):
            raise DomainError(N_("Isi berkas «%(nama)s» bukan base64 yang sah.",
                                 nama=storage.sanitize_filename(item.nama)), "lampiran")
        out.append(storage.inspect_upload(data, item.nama, max_bytes=limit))  # UploadError names «lampiran»
    return out


def _kotak(m: service.Mailbox) -> KotakOut:
    return KotakOut(status=m.status, status_label=m.status_label, diterima_tanggal=m.diterima_tanggal,
                    jenis=m.jenis_label, isian=[IsianOut(label=k, teks=v) for k, v in m.isian], kurang=m.kurang,
                    lampiran=m.lampiran_awal, terbuka=m.terbuka,
                    percakapan=[EntriOut(dari=e.dari, tanggal=e.tanggal, teks=e.teks, status=e.status,
                                         tujuan=e.tujuan, lampiran=e.lampiran) for e in m.entri])


@operation(bp, "/laporan", method="POST", operation_id="createLaporanWbs", status=201, tag=TAG,
           errors={503: "Saluran WBS belum dibuka: Tim WBS belum memiliki kunci untuk membuka laporan"},
           summary="Kirim laporan WBS secara anonim (mengembalikan resi)", body=LaporanWbsIn, response=LaporanWbsOut,
           links={"aksesLaporanWbs": {"resi": "$response.body#/resi"}, "kirimPesanWbs": {"resi": "$response.body#/resi"}},
           description="Hanya `apa` yang wajib; unsur yang kurang ditanyakan Tim WBS lewat kotak pesan. "
                       "Tidak ada alamat IP, perangkat, atau jam yang disimpan. Simpan resi: hanya resi yang "
                       "membuka kotak pesan, dan resi tidak dapat dipulihkan.")
@submit_limit
def create(body: LaporanWbsIn) -> LaporanWbsOut:
    fields = body.model_dump(include={"apa", "dimana", "kapan", "siapa", "bagaimana", "mengapa", "jenis",
                                      "identitas"})
    report_id, receipt = service.submit_report(fields, _files(body.lampiran), sumber="api",
                                               idempotency_key=body.kunci_idempotensi)
    report = service.submitted(report_id)
    return LaporanWbsOut(resi=receipt, status=report.status, status_label=report.status_label,
                         diterima_tanggal=report.diterima_tanggal,
                         pesan="Laporan diterima. Simpan resi ini; resi hanya ditampilkan sekali.")


@operation(bp, "/akses", method="POST", operation_id="aksesLaporanWbs", tag=TAG, body=AksesIn, response=KotakOut,
           summary="Buka kotak pesan laporan WBS dengan resi (resi di badan permintaan)",
           errors={404: "Resi tidak dikenali"})
@receipt_limit
def akses(body: AksesIn) -> KotakOut:
    return _kotak(service.open_mailbox(body.resi))


@operation(bp, "/pesan", method="POST", operation_id="kirimPesanWbs", status=201, tag=TAG, body=PesanIn,
           response=KotakOut, summary="Kirim pesan atau bukti tambahan ke Tim WBS dengan resi",
           errors={404: "Resi tidak dikenali"})
@receipt_limit
def pesan(body: PesanIn) -> KotakOut:
    return _kotak(service.add_reporter_message(body.resi, body.pesan, _files(body.lampiran),
                                               idempotency_key=body.kunci_idempotensi))
