"""JSON API of Pengaduan Masyarakat: file a complaint, read its status (ticket + code in the body, never
in a URL). The same service functions as the web form; the schemas below validate and document."""
from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from flask import Blueprint, current_app, jsonify
from pydantic import BaseModel, ConfigDict, Field

from core.api import (API_PREFIX, TERLIHAT, minimal_terisi, operation, pilihan, pola, tanggal_lalu,
                      terlihat_kecuali, wajib_true)
from core.extensions import limiter
from core.throttle import guessing_budget
from pengaduan import service

bp = Blueprint("pengaduan_api", __name__, url_prefix=API_PREFIX + "/pengaduan")


# the service's rules (pengaduan.service.validate), spelled so the document can state them
_TELEPON = r"^\+?[0-9][0-9 \-]{5,18}[0-9\-]$"
_E = terlihat_kecuali("@.")
_EMAIL = rf"^{_E}{terlihat_kecuali('@')}*@{_E}+(?:\.{_E}+)*\.{_E}+$"
_NIK = r"^[0-9]{16}$"
_CHAT = r"^-?[0-9]{1,20}$"


def _identitas_wajib(schema: dict) -> None:
    """Not anonymous: a name and a way to reach the reporter (telepon or e-mail) — JSON Schema can say so."""
    named = {"required": ["nama"], "properties": {"nama": {"type": "string"}}}
    schema["anyOf"] = [
        {"required": ["anonim"], "properties": {"anonim": {"const": True}}},
        {"allOf": [named, {"anyOf": [{"required": [k], "properties": {k: {"type": "string"}}}
                                     for k in ("telepon", "email")]}]},
    ]


class PengaduanIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_identitas_wajib)

    jenis: Literal["pengaduan", "aspirasi", "informasi"] = Field(description="Pengaduan, Aspirasi, atau Permintaan Informasi")
    kategori: Annotated[str, pilihan(service.categories, "Pilih kategori dari daftar.")] = Field(
        max_length=100, description="Salah satu kategori yang berlaku di kantor saat dokumen ini dibuat")
    judul: str = pola(TERLIHAT, "Judul wajib diisi.", max_length=service.MAX_JUDUL)
    uraian: str = pola(minimal_terisi(10), "Uraian terlalu singkat (minimal 10 karakter).",
                       max_length=service.MAX_URAIAN, description="Apa yang terjadi (10–10.000 karakter)")
    lokasi: str = Field("", max_length=300)
    tanggal_kejadian: tanggal_lalu("Tanggal kejadian tidak boleh di masa depan.") | None = None
    layanan_terkait: str = Field("", max_length=200)
    anonim: bool = Field(False, description="true: nama dan kontak tidak wajib (tanpa kontak, status hanya "
                                            "dapat dilihat dengan tiket dan kode)")
    rahasia: bool = False
    nama: str | None = pola(TERLIHAT, "Nama wajib diisi, atau pilih «anonim».", default=None, max_length=200,
                            description="Wajib bila tidak anonim")
    telepon: str | None = pola(_TELEPON, "Nomor telepon tidak valid (angka, boleh diawali +).", default=None,
                               max_length=30, description="Telepon atau e-mail wajib bila tidak anonim")
    email: str | None = pola(_EMAIL, "Alamat e-mail tidak valid.", default=None, max_length=254)
    nik: str | None = pola(_NIK, "NIK terdiri dari 16 angka.", default=None, max_length=16,
                           description="Tidak disimpan bila anonim")
    telegram_chat: str | None = pola(_CHAT, "ID obrolan Telegram tidak valid.", default=None, max_length=21,
                                     description="ID obrolan Telegram untuk pemberitahuan")
    setuju: Annotated[bool, wajib_true("Anda perlu menyetujui pemberitahuan privasi untuk mengirim.")] = Field(
        description="Persetujuan atas pemberitahuan privasi (wajib true)")
    kunci_idempotensi: str | None = Field(
        None, min_length=22, max_length=64,
        description="Nilai acak (≥128 bit) per pengaduan: kiriman ulang dengan kunci sama mengembalikan tiket "
                    "dan kode yang sama, bukan pengaduan baru.")


class PengaduanCreated(BaseModel):
    tiket: str
    kode_pelacakan: str = Field(description="Rahasia; ditampilkan sekali, simpan baik-baik")
    status: str
    status_label: str
    batas_verifikasi: date
    jawaban_pertama_hk: int = Field(description="Hari kerja setelah verifikasi")
    penyelesaian_hk: list[int] = Field(description="Hari kerja per tingkat: ringan, normatif, tidak berkadar, berkadar")


class StatusPengaduanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tiket: str = Field(max_length=30)
    kode: str = Field(max_length=60)


class RiwayatPengaduanOut(BaseModel):
    waktu: datetime
    status: str
    keterangan: str


class StatusPengaduanOut(BaseModel):
    tiket: str
    status: str
    status_label: str
    jenis: str
    kategori: str
    judul: str
    diterima: date
    batas_berikutnya: date | None
    diteruskan_ke: str | None = Field(description="Nama unit, bila sudah didisposisikan")
    jawaban: str
    alasan_tolak: str
    rujukan: str
    riwayat: list[RiwayatPengaduanOut]


@bp.errorhandler(service.InputError)
def _input_error(e: service.InputError):
    return jsonify({"kode": 422, "pesan": "Ada isian yang belum benar.", "kesalahan": e.errors}), 422


def _submit_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


def _tracking_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


@operation(bp, "", method="POST", operation_id="createPengaduan", summary="Kirim pengaduan masyarakat",
           body=PengaduanIn, response=PengaduanCreated, status=201, tag="Pengaduan",
           links={"getPengaduanStatus": {"tiket": "$response.body#/tiket", "kode": "$response.body#/kode_pelacakan"}},
           description="Mengembalikan nomor tiket dan kode pelacakan rahasia (sekali tampil).")
@limiter.limit(_submit_limit)
def create(body: PengaduanIn) -> PengaduanCreated:
    data = body.model_dump()
    token = data.pop("kunci_idempotensi")
    p, code = service.submit(data, [], kanal="api", token=token)
    cfg = service.settings()
    return PengaduanCreated(tiket=p.tiket, kode_pelacakan=code, status=p.status,
                            status_label=service.PUBLIC_LABEL[p.status], batas_verifikasi=p.batas_verifikasi,
                            jawaban_pertama_hk=int(cfg["jawaban_hk"]),
                            penyelesaian_hk=[int(cfg["tingkat_hk"][k]) for k in service.TINGKAT])


@operation(bp, "/status", method="POST", operation_id="getPengaduanStatus", summary="Status pengaduan",
           body=StatusPengaduanIn, response=StatusPengaduanOut, tag="Pengaduan",
           errors={404: "Tiket atau kode tidak cocok"},
           description="Nomor tiket dan kode pelacakan dikirim dalam isi permintaan, tidak pernah di alamat.")
@guessing_budget
def status(body: StatusPengaduanIn) -> StatusPengaduanOut:
    v = service.public_view(service.find_for_reporter(body.tiket, body.kode))
    return StatusPengaduanOut(
        tiket=v.tiket, status=v.status, status_label=v.status_label, jenis=v.jenis, kategori=v.kategori,
        judul=v.judul, diterima=v.diterima, batas_berikutnya=v.batas_berikutnya, diteruskan_ke=v.diteruskan_ke,
        jawaban=v.jawaban, alasan_tolak=v.alasan_tolak, rujukan=v.rujukan,
        riwayat=[RiwayatPengaduanOut(waktu=r["waktu"], status=r["status"], keterangan=r["keterangan"])
                 for r in v.riwayat])
