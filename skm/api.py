"""JSON API of the surveys: answer (createResponSkm) and read published results (getHasilSkm)."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from flask import Blueprint, request
from pydantic import BaseModel, ConfigDict, Field

from core.api import API_PREFIX, Aturan, bulat, operation, pilihan
from core.errors import NotFoundError
from core.extensions import limiter
from skm import service, vocab
from skm.calculator import UNSUR_KODE
from skm.views import submit_limit

bp = Blueprint("skm_api", __name__, url_prefix=API_PREFIX + "/skm")
TAG = "Survei Kepuasan Masyarakat"


UnsurKode = Literal[UNSUR_KODE]  # type: ignore[valid-type]


def _layanan_aktif() -> list[str]:
    return service.kode_layanan(aktif_saja=True)


def _tanpa_kode() -> Aturan:
    """While no open service asks for a one-time code, a code sent would be refused: the document says so."""
    def wajib() -> bool:
        return service.ada_wajib_kode()
    return Aturan(lambda: {} if wajib() else {"maxLength": 0},
                  lambda v: None if not v or wajib() else "Layanan ini tidak memakai kode survei; kosongkan kode.")


class ResponSkmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    layanan: Annotated[str, pilihan(_layanan_aktif, "Layanan tidak ditemukan atau survei untuk layanan ini tidak "
                                                    "dibuka.")] = Field(
        description="Kode tautan layanan yang surveinya dibuka saat dokumen ini dibuat, mis. «kb-konseling».",
        max_length=40)
    jawaban: dict[UnsurKode, bulat(1, 4)] = Field(
        min_length=len(UNSUR_KODE), description="Nilai 1–4 untuk setiap unsur U1…U9: {\"U1\": 4, …, \"U9\": 3}.")
    jenis_kelamin: Literal[tuple(vocab.JENIS_KELAMIN)] = Field(description="L atau P.")  # type: ignore[valid-type]
    usia: bulat(vocab.USIA_MIN, vocab.USIA_MAX)
    pendidikan: Literal[tuple(vocab.PENDIDIKAN)] = Field(  # type: ignore[valid-type]
        description="SD, SMP, SMA, D1-D3, D4-S1, S2, S3.")
    pekerjaan: Literal[tuple(vocab.PEKERJAAN)] = Field(  # type: ignore[valid-type]
        description="PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA.")
    saran: str = Field(default="", max_length=2000)
    kode: Annotated[str, Field(max_length=20), _tanpa_kode()] | None = Field(
        default=None, description="Kode sekali pakai dari bukti layanan (bila layanan mewajibkannya).")
    token: str | None = Field(default=None, max_length=64,
                              description="Kunci idempotensi: kiriman ulang dengan token sama dicatat sekali.")


class ResponSkmOut(BaseModel):
    diterima: bool
    layanan: str
    tanggal: date
    pesan: str


class UnsurOut(BaseModel):
    kode: str
    nama: str
    jumlah: int
    responden: int
    nrr: str


class HasilSkmOut(BaseModel):
    periode: str
    mulai: date
    selesai: date
    layanan: str | None
    metode_bobot: str
    metode_label: str
    responden: int
    ada_data: bool
    pesan: str
    ikm: str | None
    ikm_konversi: str | None
    mutu: str | None
    kinerja: str | None
    unsur: list[UnsurOut]
    sampel_minimal: int | None
    sampel_tercapai: bool | None


@operation(bp, "/respon", method="POST", operation_id="createResponSkm", summary="Kirim jawaban SKM satu responden",
           body=ResponSkmIn, response=ResponSkmOut, status=201, tag=TAG,
           errors={400: "Jawaban tidak sah", 404: "Layanan tidak ditemukan", 409: "Survei ditutup"})
@limiter.limit(submit_limit)
def create_respon(body: ResponSkmIn):
    layanan = service.layanan_by_kode(body.layanan)
    data = service.ResponBaru(jawaban=dict(body.jawaban), jenis_kelamin=body.jenis_kelamin, usia=body.usia,
                              pendidikan=body.pendidikan, pekerjaan=body.pekerjaan, saran=body.saran)
    respon = service.kirim_respon(layanan, data, sumber="api", token=body.token, kode_sekali=body.kode)
    return ResponSkmOut(diterima=True, layanan=layanan.kode, tanggal=respon.tanggal,
                        pesan="Terima kasih, penilaian Anda tercatat.")


def _hasil_parameters() -> list[dict]:
    """The published periods and the services, as they are when the document is generated."""
    periods = service.periode_publik_ids()
    return [{"name": "periode_id", "in": "path", "required": True,
             "schema": {"type": "integer", **({"enum": periods} if periods else {"not": {}})},
             "description": "id periode yang hasilnya sudah diumumkan"},
            {"name": "layanan", "in": "query", "required": False,
             "schema": {"type": "string", **pilihan(lambda: service.kode_layanan(aktif_saja=False), "").schema()},
             "description": "kode layanan; tanpa ini: seluruh layanan"}]


@operation(bp, "/hasil/<int:periode_id>", method="GET", operation_id="getHasilSkm",
           summary="Hasil SKM satu periode (seluruh layanan, atau satu layanan dengan ?layanan=kode)",
           response=HasilSkmOut, tag=TAG, errors={404: "Periode atau layanan tidak ditemukan"},
           parameters=_hasil_parameters)
def get_hasil(periode_id: int):
    periode = service.periode_or_404(periode_id, publik=True)
    kode = request.args.get("layanan")
    if kode is not None and kode not in service.kode_layanan(aktif_saja=False):  # the document's enum, as written
        raise NotFoundError("Layanan tidak ditemukan.")
    layanan = service.layanan_by_kode(kode, aktif_saja=False) if kode else None
    h = service.hasil(periode, layanan)
    s = service.ukuran_sampel(periode, layanan, h.responden)
    d = h.as_dict()
    return HasilSkmOut(periode=periode.nama, mulai=periode.mulai, selesai=periode.selesai,
                       layanan=layanan.kode if layanan else None, metode_bobot=d["metode_bobot"],
                       metode_label=d["metode_label"], responden=h.responden, ada_data=h.ada_data, pesan=h.pesan,
                       ikm=d["ikm"], ikm_konversi=d["ikm_konversi"], mutu=h.mutu, kinerja=h.kinerja,
                       unsur=[UnsurOut(**u) for u in d["unsur"]], sampel_minimal=s.minimal,
                       sampel_tercapai=s.tercapai)
