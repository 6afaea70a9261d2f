"""Builders of records for the ZI tests: evidence through the register's service, domain rows directly (the
tests construct the situations; the code under test reads them only through the domains' queries)."""
from __future__ import annotations

import io
import itertools
from datetime import date, datetime, time, timezone

from PIL import Image
from werkzeug.datastructures import FileStorage

from core.extensions import db
from zi import evidence

_seq = itertools.count(1)


def pdf(text: str = "bukti") -> bytes:
    from tests.wbs.helpers import pdf_bytes

    return pdf_bytes(text)  # a valid PDF: uploads are opened and cleaned (core.pdfs)


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 120, 40)).save(out, format="PNG")
    return out.getvalue()


def upload(data: bytes, name: str = "bukti.pdf") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


def bukti(tahun: int, kunci: str, mulai: date, selesai: date, *, jenis: str = "lainnya", user=None, **kw):
    """Evidence filed as every bukti of `kunci` in the year's catalogue, with a PDF (or a photo)."""
    names = evidence.bukti_nama_berkunci(tahun, kunci)
    assert names, kunci
    if jenis == "laporan_otomatis":
        kw.setdefault("data", pdf(kunci))
        kw.setdefault("nama_berkas", f"{kunci}.pdf")
    elif "berkas" not in kw and "tautan" not in kw:
        kw["berkas"] = upload(png(), "foto.png") if jenis == "foto" else upload(pdf(kunci), f"{kunci}.pdf")
    return evidence.tambah_bukti(judul=kw.pop("judul", f"Bukti {kunci} {next(_seq)}"), jenis=jenis,
                                 periode_mulai=mulai, periode_selesai=selesai, user=user, bukti_nama=names, **kw)


def sk(tahun: int, kunci: str, tanggal: date, berlaku_sampai: date | None = None, *, user=None, nomor=None):
    return bukti(tahun, kunci, None, None, jenis="sk", user=user, tanggal=tanggal, berlaku_sampai=berlaku_sampai,
                 nomor=nomor or f"{next(_seq)}/KPW/SK/{tanggal.year}", penandatangan="Kepala Perwakilan")


def pengaduan(tanggal: date, status: str = "diterima", *, kanal: str = "web", batas: date | None = None,
              dipindah_wbs: bool = False, respon_pada: date | None = None, lapor_id: str = ""):
    """A complaint row as the pengaduan service would leave it (and its first response, if any)."""
    from pengaduan.models import Pengaduan, Riwayat
    from pengaduan.workflow import OPEN

    n = next(_seq)
    # tickets far above what the service numbers, so a test may also file complaints through the service
    p = Pengaduan(tiket=f"PGD-{tanggal.year}-{900000 + n:06d}", kode_hash="x" * 64, jenis="pengaduan", judul=f"Uji {n}",
                  uraian="Uraian", kanal=kanal, status=status, terbuka=status in OPEN, lapor_id=lapor_id,
                  diterima_at=datetime.combine(tanggal, time(3), timezone.utc), tanggal_diterima=tanggal,
                  batas_verifikasi=batas or tanggal, batas=batas or tanggal, dipindah_wbs=dipindah_wbs)
    db.session.add(p)
    db.session.flush()
    if respon_pada is not None:
        db.session.add(Riwayat(pengaduan_id=p.id, at=datetime.combine(respon_pada, time(4), timezone.utc),
                               aksi="verifikasi", status_dari="diterima", status_ke="diverifikasi", oleh="petugas"))
    if status == "diarsipkan" and not dipindah_wbs:
        db.session.add(Riwayat(pengaduan_id=p.id, aksi="tutup_otomatis", status_dari="perlu_dilengkapi",
                               status_ke="diarsipkan", oleh="sistem"))
    db.session.flush()
    return p


def kampanye(tanggal: date):
    from gratifikasi.models import KegiatanKampanye

    k = KegiatanKampanye(tanggal=tanggal, media="banner", judul="Spanduk larangan gratifikasi")
    db.session.add(k)
    db.session.flush()
    return k


def skm_layanan():
    from skm.models import SkmLayanan
    from tests.factories import make_unit

    layanan = SkmLayanan(kode=f"uji-{next(_seq)}", nama="Konseling KB", unit_id=make_unit().id)
    db.session.add(layanan)
    db.session.flush()
    return layanan


def skm_periode(nama: str, mulai: date, selesai: date, *, responden: int = 5, publik: bool = True,
                layanan=None, nilai: dict[str, int] | None = None):
    """A survey period with `responden` answers inside it (every unsur 3 unless `nilai` says otherwise)."""
    from skm.models import SkmPeriode, SkmRespon

    layanan = layanan or skm_layanan()
    p = SkmPeriode(nama=nama, jenis="lainnya", mulai=mulai, selesai=selesai, publik=publik)
    db.session.add(p)
    answers = {f"u{i}": 3 for i in range(1, 10)} | {k.lower(): v for k, v in (nilai or {}).items()}
    for _ in range(responden):
        db.session.add(SkmRespon(layanan_id=layanan.id, tanggal=mulai, sumber="web", **answers))
    db.session.flush()
    return p


def persepsi(jenis: str, tanggal: date, nilai: list[int]):
    """One respondent of the IPAK/IPKP survey answering `nilai` to as many statements."""
    from skm.models import PersepsiItem, PersepsiJawaban, PersepsiRespon

    items = [i for i in db.session.query(PersepsiItem).filter_by(jenis=jenis).order_by(PersepsiItem.urutan)]
    while len(items) < len(nilai):
        item = PersepsiItem(jenis=jenis, urutan=len(items) + 1, teks=f"Pernyataan {len(items) + 1}")
        db.session.add(item)
        db.session.flush()
        items.append(item)
    r = PersepsiRespon(jenis=jenis, tanggal=tanggal)
    r.jawaban = [PersepsiJawaban(item_id=i.id, nilai=v) for i, v in zip(items, nilai)]
    db.session.add(r)
    db.session.flush()
    return r


def wbs_laporan(tanggal: date, status: str = "diterima", *, sumber: str = "web", diakui: date | None = None,
                diverifikasi: date | None = None, umpan_balik: date | None = None):
    """A WBS report row with dates only: its sealed fields hold placeholder bytes (the ZI reports never read them)."""
    import secrets

    from core.calendar import add_workdays
    from wbs.models import WbsReport

    sealed = b"\x00sealed"
    r = WbsReport(id=100_000_000 + secrets.randbelow(900_000_000), resi_hash=secrets.token_hex(32), resi_salt=b"s", resi_kdf="1:8:1",
                  resi_wrap=sealed, sumber=sumber, status=status, diterima_tanggal=tanggal,
                  batas_pengakuan=add_workdays(tanggal, 3), batas_verifikasi=add_workdays(tanggal, 7),
                  diakui_tanggal=diakui, diverifikasi_tanggal=diverifikasi, umpan_balik_tanggal=umpan_balik,
                  apa=sealed, dimana=sealed, kapan=sealed, siapa=sealed, bagaimana=sealed, mengapa=sealed,
                  jenis=sealed, identitas=sealed)
    db.session.add(r)
    db.session.flush()
    return r
