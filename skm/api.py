"""JSON API of the surveys: answer (createResponSkm) and read published results (getHasilSkm)."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, request
from pydantic import BaseModel, ConfigDict, Field

from core.api import API_PREFIX, operation
from core.extensions import limiter
from skm import service
from skm.views import submit_limit

bp = Blueprint("skm_api", __name__, url_prefix=API_PREFIX + "/skm")
TAG = "Survei Kepuasan Masyarakat"


class ResponSkmIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    layanan: str = Field(description="Kode tautan layanan, mis. «kb-konseling».", max_length=40)
    jawaban: dict[str, int] = Field(description="Nilai 1–4 per kode unsur: {\"U1\": 4, …, \"U9\": 3}.")
    jenis_kelamin: str = Field(description="L atau P.", max_length=20)
    usia: int = Field(ge=15, le=100)
    pendidikan: str = Field(description="SD, SMP, SMA, D1-D3, D4-S1, S2, S3.", max_length=40)
    pekerjaan: str = Field(description="PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA.", max_length=40)
    saran: str = Field(default="", max_length=2000)
    kode: str | None = Field(default=None, description="Kode sekali pakai dari bukti layanan (bila diwajibkan).",
                             max_length=20)
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


@operation(bp, "/hasil/<int:periode_id>", method="GET", operation_id="getHasilSkm",
           summary="Hasil SKM satu periode (seluruh layanan, atau satu layanan dengan ?layanan=kode)",
           response=HasilSkmOut, tag=TAG, errors={404: "Periode atau layanan tidak ditemukan"})
def get_hasil(periode_id: int):
    periode = service.periode_or_404(periode_id, publik=True)
    kode = (request.args.get("layanan") or "").strip()
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
