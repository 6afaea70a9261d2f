"""JSON API of Pelaporan Gratifikasi: the same service functions as the web form."""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Annotated, Literal

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from core.api import API_PREFIX, TERLIHAT, Bulat, bulat, operation, pilihan, pola, rentang_angka, tanggal_lalu
from core.extensions import limiter
from core.throttle import guessing_budget
from gratifikasi import rules, service, workflow

bp = Blueprint("gratifikasi_api", __name__, url_prefix=API_PREFIX + "/gratifikasi")
TAG = "Gratifikasi"

Jenis = Literal["penerimaan", "penolakan", "nihil"]
Acara = Literal[tuple(rules.ACARA)]  # type: ignore[valid-type]
Hubungan = Literal[tuple(rules.HUBUNGAN)]  # type: ignore[valid-type]
Bentuk = Literal[tuple(rules.BENTUK)]  # type: ignore[valid-type]
Posisi = Literal[tuple(k for k in rules.POSISI_OBJEK if k != "tidak_ada")]  # type: ignore[valid-type]


_MD = ("(?:(?:0[13578]|1[02])(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)(?:0[1-9]|[12][0-9]|30)"
       "|02(?:0[1-9]|1[0-9]|2[0-8]))")
# NIK (rules.check_identitas): region 11–99, birth day 01–31 (+40 for women), month 01–12
_NIK = r"^(?:1[1-9]|[2-9][0-9])[0-9]{4}(?:0[1-9]|[12][0-9]|3[01]|4[1-9]|[56][0-9]|7[01])(?:0[1-9]|1[0-2])[0-9]{6}$"
_TELEPON = r"^\+?(?:0(?:[ -]?[0-9]){8,14}|62(?:[ -]?[0-9]){7,13})$"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"
# what email_validator accepts, kept to plain ASCII addresses
_EMAIL = rf"^(?:|[A-Za-z0-9_%+-]{{1,32}}(?:\.[A-Za-z0-9_%+-]{{1,15}})?@{_LABEL}(?:\.{_LABEL}){{0,3}}\.[A-Za-z]{{2,24}})$"
_NILAI = r"^(?:Rp ?)?(?:[1-9][0-9]{0,10}|[1-9][0-9]?(?:\.[0-9]{3}){1,3})(?:,[0-9]{1,2})?$"
_SEJAK_UU = date(2001, 11, 21)


def _nip() -> str:
    """NIP: a birth date (year 1940 up to 15 years ago) then 10 digits (rules.check_identitas)."""
    top = date.today().year - 15
    leap = "|".join(str(y) for y in range(1940, top + 1) if calendar.isleap(y))
    return rf"^(?:{rentang_angka(1940, top, 4)}{_MD}|(?:{leap})0229)[0-9]{{10}}$"


_NILAI_SALAH = ("Nilai rupiah tidak sah: titik memisahkan ribuan, koma untuk desimal; contoh: 1500000, "
                "Rp1.500.000 atau 1.500.000,00.")
Nilai = bulat(1, rules.NILAI_MAKS) | Annotated[str, pola(_NILAI, _NILAI_SALAH)]
TanggalTerima = tanggal_lalu("Tanggal penerimaan tidak boleh setelah hari ini.", _SEJAK_UU,
                             "Tanggal penerimaan sebelum berlakunya kewajiban lapor gratifikasi "
                             "(UU 20/2001, 21 November 2001). Periksa tahunnya.")
TanggalPeriode = tanggal_lalu("Tanggal periode tidak boleh setelah hari ini.")
# rules across fields that JSON Schema cannot compare; the server refuses them with these fields named
ANTAR_ISIAN = [
    {"isian": ["tanggal_terima", "identitas_nomor"],
     "aturan": "Tanggal penerimaan tidak sebelum tanggal lahir dan TMT yang tertulis dalam NIP."},
    {"isian": ["periode_awal", "periode_akhir"],
     "aturan": "Laporan nihil: akhir periode tidak sebelum awalnya, paling lama satu tahun (366 hari)."},
]


def _laporan_schema(schema: dict) -> None:
    """What each kind of report requires (check_laporan), stated as if/then; the office's units as enum."""
    filled = {"type": "string", "pattern": TERLIHAT}
    gift = {"required": ["pemberi_nama", "tempat_terima", "uraian", "kronologi", "pemberi_hubungan", "acara",
                         "bentuk", "nilai", "tanggal_terima"],
            "properties": {**{k: filled for k in ("pemberi_nama", "tempat_terima", "uraian", "kronologi")},
                           "pemberi_hubungan": {"enum": sorted(rules.HUBUNGAN)}, "acara": {"enum": sorted(rules.ACARA)},
                           "bentuk": {"enum": sorted(rules.BENTUK)}, "nilai": {"not": {"type": "null"}},
                           "tanggal_terima": {"type": "string"}}}
    schema["allOf"] = [
        {"if": {"required": ["identitas_jenis"], "properties": {"identitas_jenis": {"const": "NIK"}}},
         "then": {"properties": {"identitas_nomor": {"pattern": _NIK}}},
         "else": {"properties": {"identitas_nomor": {"pattern": _nip()}}}},
        {"anyOf": [{"required": ["unit_id"], "properties": {"unit_id": {"type": "integer"}}},
                   {"required": ["unit_nama"], "properties": {"unit_nama": filled}}]},
        {"if": {"properties": {"jenis": {"const": "nihil"}}},
         "then": {"required": ["periode_awal", "periode_akhir"],
                  "properties": {"periode_awal": {"type": "string"}, "periode_akhir": {"type": "string"}}},
         "else": gift},
        {"if": {"properties": {"jenis": {"const": "penerimaan"}}},
         "then": {"required": ["posisi_objek"], "properties": {"posisi_objek": {"enum": list(Posisi.__args__)}}}},
        {"if": {"required": ["acara"],
                "properties": {"jenis": {"not": {"const": "nihil"}}, "acara": {"const": "lainnya"}}},
         "then": {"required": ["acara_keterangan"], "properties": {"acara_keterangan": filled}}},
    ]
    schema["x-aturan-antar-isian"] = ANTAR_ISIAN


def _units() -> list[int]:
    from sqlalchemy import select

    from core.extensions import db
    from core.models import Unit

    return list(db.session.scalars(select(Unit.id).where(Unit.aktif).order_by(Unit.id)))


class LaporanGratifikasiIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_laporan_schema)

    jenis: Jenis = Field(description="penerimaan, penolakan, atau nihil")
    pelapor_nama: str = pola(TERLIHAT, "Nama wajib diisi.", max_length=200)
    identitas_jenis: Literal["NIP", "NIK"] = "NIP"
    identitas_nomor: str = pola(r"^(?:[0-9]{16}|[0-9]{18})$", "NIP 18 angka atau NIK 16 angka, tanpa pemisah.",
                                max_length=18, description="NIP 18 angka (diawali tanggal lahir TTTTBBHH) atau "
                                                           "NIK 16 angka")
    pelapor_jabatan: str = pola(TERLIHAT, "Jabatan wajib diisi.", max_length=200)
    pelapor_pangkat: str = Field("", max_length=100)
    unit_id: Annotated[Bulat, pilihan(_units, "Unit kerja tidak dikenal; pilih dari daftar.")] | None = Field(
        None, description="id unit kerja (yang aktif saat dokumen ini dibuat); atau isi unit_nama")
    unit_nama: str = Field("", max_length=200)
    pelapor_telepon: str = pola(_TELEPON, "Nomor telepon tidak sah; contoh: 0812 3456 7890 atau +62 812 3456 7890.",
                                max_length=30)
    pelapor_email: str = pola(_EMAIL, "Alamat e-mail tidak sah.", default="", max_length=254)
    pelapor_alamat: str = pola(TERLIHAT, "Alamat wajib diisi.", max_length=500)
    pemberi_nama: str = Field("", max_length=200, description="Wajib kecuali laporan nihil")
    pemberi_hubungan: Hubungan | Literal[""] = ""
    pemberi_pekerjaan: str = Field("", max_length=200)
    pemberi_alamat: str = Field("", max_length=500)
    tempat_terima: str = Field("", max_length=200)
    tanggal_terima: TanggalTerima | None = None
    acara: Acara | Literal[""] = ""
    acara_keterangan: str = Field("", max_length=200)
    bentuk: Bentuk | Literal[""] = ""
    uraian: str = Field("", max_length=2000)
    nilai: Nilai | None = Field(None, description='Rupiah: 1500000 atau "Rp1.500.000" atau "1.500.000,00"')
    nilai_taksiran: bool = False
    kronologi: str = Field("", max_length=10000)
    posisi_objek: Posisi | Literal[""] = ""
    periode_awal: TanggalPeriode | None = None
    periode_akhir: TanggalPeriode | None = None
    kunci_idempoten: str | None = Field(None, max_length=64,
                                        description="Kirim ulang dengan kunci yang sama: tidak membuat laporan ganda")

    @field_validator("identitas_nomor")
    @classmethod
    def _identitas(cls, nomor: str, info: ValidationInfo) -> str:
        # the document's if/then, enforced here: the service alone would also take separators
        jenis = info.data.get("identitas_jenis")
        if jenis == "NIK" and not re.fullmatch(_NIK, nomor):
            raise PydanticCustomError("aturan", "{pesan}", {"pesan": "NIK tidak sah: 16 angka sesuai KTP."})
        if jenis == "NIP" and not re.fullmatch(_nip(), nomor):
            raise PydanticCustomError("aturan", "{pesan}", {
                "pesan": "NIP tidak sah: 18 angka, 8 angka pertama tanggal lahir (TTTTBBHH)."})
        return nomor


class VerdictOut(BaseModel):
    wajib: bool
    judul: str
    alasan: str
    batas: int | None
    batas_setahun: int | None
    dasar: str
    berlaku_mulai: date | None
    catatan: list[str]


class LaporanGratifikasiCreated(BaseModel):
    nomor: str
    kode_rahasia: str = Field(description="Ditampilkan sekali; simpan untuk memantau laporan")
    status: str
    tanggal_lapor: date
    tenggat_upg: date | None
    tenggat_kpk: date | None = Field(description="Batas lapor ke KPK (HK sejak diterima, Pasal 12C; bawaan 30 HK); "
                                                  "kosong untuk penolakan dan laporan nihil")
    tenggat_teruskan: date | None = Field(description="Target UPG meneruskan (HK sejak diterima UPG; bawaan 10 HK)")
    sisa_hari_kerja: int | None = Field(description="Hari kerja tersisa sampai batas lapor ke KPK")
    terlambat: bool
    akibat_terlambat: str
    wajib_lapor: bool | None
    alasan_wajib: str


class StatusGratifikasiIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nomor: str = Field(max_length=40)
    kode: str = Field(max_length=60)


class RiwayatGratifikasiOut(BaseModel):
    tanggal: date
    langkah: str
    status: str
    catatan: str


class StatusGratifikasiOut(BaseModel):
    nomor: str
    jenis: str
    status: str
    status_label: str
    tanggal_lapor: date
    tenggat_kpk: date | None
    sisa_hari_kerja: int | None
    tanggal_teruskan: date | None
    kelengkapan_kpk: str = Field(description="Hal yang diminta KPK untuk dilengkapi (kosong bila tidak ada)")
    tenggat_kelengkapan_kpk: date | None = Field(
        description="Batas kelengkapan ke KPK (HK sejak diminta KPK, PerKPK 1/2026; bawaan 20 HK), bila KPK meminta")
    penetapan: str
    nomor_sk: str = Field(description="Nomor SK penetapan; untuk tidak_dapat_ditindaklanjuti, nomor surat KPK")
    tanggal_sk: date | None = Field(description="Tanggal SK atau surat KPK itu")
    riwayat: list[RiwayatGratifikasiOut]


class WajibLaporIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    acara: Acara
    pemberi_hubungan: Hubungan
    nilai: Nilai
    tanggal_terima: TanggalTerima
    bentuk: Bentuk | None = None
    total_setahun: Nilai | None = None


def _tracking_limit() -> str:
    return current_app.config["RATELIMIT_TRACKING"]


def _submit_limit() -> str:
    return current_app.config["RATELIMIT_PUBLIC_SUBMIT"]


@operation(bp, "/laporan", method="POST", operation_id="createLaporanGratifikasi", status=201, tag=TAG,
           summary="Kirim laporan gratifikasi (penerimaan, penolakan, atau nihil) kepada UPG",
           body=LaporanGratifikasiIn, response=LaporanGratifikasiCreated,
           links={"getLaporanGratifikasiStatus": {"nomor": "$response.body#/nomor",
                                                  "kode": "$response.body#/kode_rahasia"}},
           errors={409: "Laporan dengan kunci idempoten ini sudah diterima"})
@limiter.limit(_submit_limit)
def create(body: LaporanGratifikasiIn) -> LaporanGratifikasiCreated:
    data = body.model_dump(exclude={"kunci_idempoten"})
    inp = service.LaporanInput(**{k: ("" if v is None and k not in ("unit_id", "tanggal_terima", "nilai",
                                                                    "periode_awal", "periode_akhir") else v)
                                  for k, v in data.items()})
    # a refusal (DomainError) becomes a JSON problem and a rolled-back request in core
    lap, kode = service.submit(inp, kanal="api", idem_token=body.kunci_idempoten)
    t = service.tenggat_of(lap)
    return LaporanGratifikasiCreated(
        nomor=lap.nomor, kode_rahasia=kode, status=lap.status, tanggal_lapor=lap.tanggal_lapor,
        tenggat_upg=lap.tenggat_upg, tenggat_kpk=lap.tenggat_kpk, tenggat_teruskan=lap.tenggat_teruskan,
        sisa_hari_kerja=service.sisa_hari_kerja(lap),
        terlambat=bool(lap.terlambat_upg or lap.terlambat_kpk), akibat_terlambat=rules.akibat_terlambat(t),
        wajib_lapor=lap.wajib_lapor, alasan_wajib=lap.alasan_wajib)


@operation(bp, "/status", method="POST", operation_id="getLaporanGratifikasiStatus", tag=TAG,
           summary="Status laporan gratifikasi dengan nomor dan kode rahasia (di badan permintaan, bukan di URL)",
           body=StatusGratifikasiIn, response=StatusGratifikasiOut, errors={404: "Nomor atau kode tidak cocok"})
@guessing_budget
def status(body: StatusGratifikasiIn) -> StatusGratifikasiOut:
    from core.workdays import to_local

    lap = service.lacak(body.nomor, body.kode)
    return StatusGratifikasiOut(
        nomor=lap.nomor, jenis=lap.jenis, status=lap.status, status_label=lap.status_label,
        tanggal_lapor=lap.tanggal_lapor, tenggat_kpk=lap.tenggat_kpk, sisa_hari_kerja=service.sisa_hari_kerja(lap),
        tanggal_teruskan=lap.tanggal_teruskan,
        kelengkapan_kpk=lap.kelengkapan_kpk.catatan if lap.kelengkapan_kpk else "",
        tenggat_kelengkapan_kpk=lap.kelengkapan_kpk.tenggat if lap.kelengkapan_kpk else None,
        penetapan=lap.penetapan, nomor_sk=lap.nomor_sk, tanggal_sk=lap.tanggal_sk,
        riwayat=[RiwayatGratifikasiOut(tanggal=to_local(r.at).date(), langkah=workflow.AKSI_LABEL.get(r.aksi, r.aksi),
                            status=r.status, catatan=r.catatan) for r in lap.riwayat])


@operation(bp, "/wajib-lapor", method="POST", operation_id="cekWajibLaporGratifikasi", tag=TAG,
           summary="Apakah pemberian ini wajib dilaporkan? (menurut batas nilai yang berlaku pada tanggal diterima)",
           body=WajibLaporIn, response=VerdictOut)
def cek_wajib_lapor(body: WajibLaporIn) -> VerdictOut:
    v = rules.periksa_wajib_lapor(body.acara, body.pemberi_hubungan, body.nilai, body.tanggal_terima,
                                  bentuk=body.bentuk, total_setahun=body.total_setahun)
    return VerdictOut(wajib=v.wajib, judul=v.judul, alasan=v.alasan, batas=v.batas, batas_setahun=v.batas_setahun,
                      dasar=v.dasar, berlaku_mulai=v.berlaku_mulai, catatan=v.catatan)
