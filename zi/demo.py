"""Demo data for `flask demo seed`: this year's LKE catalogue and a little evidence — two SKs (one ending soon),
a photo of the complaint box, last month's complaint monev with one tracked recommendation, the nota dinas that sends
it to the Sekretariat, and its monev meeting (typed minutes)."""
from __future__ import annotations

import io
from datetime import date, timedelta

from werkzeug.datastructures import FileStorage

from core import documents
from core.calendar import add_workdays
from core.models import Unit
from core.settings import office
from core.workdays import format_tanggal, local_today
from zi import catalogue, evidence, laporan, rapat, tindak_lanjut
from zi.periode import bulan_lalu


def _sk_pdf(judul: str, nomor: str, tanggal: date) -> bytes:
    k = office()
    html = documents.render_html("zi_contoh_sk.html", {"kantor": k, "kop": documents.letterhead(), "judul": judul, "nomor": nomor,
                                                       "tanggal": format_tanggal(tanggal)})
    return documents.render_pdf(html)


def _foto() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (480, 320), (236, 241, 246))
    draw = ImageDraw.Draw(img)
    draw.rectangle([140, 60, 340, 260], fill=(11, 61, 145))
    draw.rectangle([190, 90, 290, 100], fill=(255, 255, 255))
    draw.text((165, 200), "KOTAK PENGADUAN", fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _sk(tahun: int, kunci: str, judul: str, nomor: str, tanggal: date, sampai: date | None) -> None:
    names = evidence.bukti_nama_berkunci(tahun, kunci)
    data = _sk_pdf(judul, nomor, tanggal)
    evidence.tambah_bukti(judul=judul, jenis="sk", nomor=nomor, tanggal=tanggal, berlaku_sampai=sampai,
                          penandatangan=office().get("kepala_nama") or "Kepala Perwakilan", bukti_nama=names,
                          berkas=FileStorage(io.BytesIO(data), filename=f"{kunci}.pdf"))


def seed_demo(units: dict[str, Unit]) -> None:
    today = local_today()
    tahun = today.year
    catalogue.load(tahun)
    _sk(tahun, "sk_petugas_pengaduan", "SK Petugas Pengelola Pengaduan Masyarakat", f"800/012/KPW/{tahun}",
        date(tahun, 1, 2), date(tahun, 12, 31))
    _sk(tahun, "sk_upg", "SK Unit Pengendalian Gratifikasi", f"800/013/KPW/{tahun}", date(tahun, 1, 2),
        today + timedelta(days=20))  # ends soon: the readiness view warns
    evidence.tambah_bukti(judul="Foto kotak pengaduan di ruang layanan", jenis="foto",
                          periode_mulai=date(tahun, 1, 2), periode_selesai=today,
                          bukti_nama=evidence.bukti_nama_berkunci(tahun, "capture_kotak_pengaduan"),
                          berkas=FileStorage(io.BytesIO(_foto()), filename="kotak-pengaduan.png"))
    last = bulan_lalu(today)
    t = laporan.terbitkan("monev_pengaduan", last, today=today)
    if "SEKR" in units:
        tindak_lanjut.buat(tahun=last.tahun, rekomendasi="Pasang spanduk informasi kanal pengaduan dan WBS di ruang "
                           "pelayanan.", unit_id=units["SEKR"].id, tenggat=add_workdays(today, 20),
                           indikator_kode="PW.P3.d", sumber=t.bukti)
        laporan.kirim_nota_dinas(t.bukti, [units["SEKR"].id], today=today)
    rapat.catat(t.bukti, tanggal=today, acara=f"Rapat monitoring dan evaluasi penanganan pengaduan {last.label}",
                peserta="Kepala Perwakilan\nKepala Bagian Umum\nPetugas Pengelola Pengaduan",
                notulen="Angka penanganan pengaduan bulan lalu dibahas bersama.\nDisepakati memasang spanduk informasi "
                        "kanal pengaduan dan WBS di ruang pelayanan.", today=today)
