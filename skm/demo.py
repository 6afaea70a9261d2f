"""Demo data for `flask demo seed`: services per unit, this year's quarters, and some answers."""
from __future__ import annotations

import random

from core.extensions import db
from core.models import Unit
from core.workdays import local_today
from skm import service
from skm.calculator import UNSUR_KODE, krejcie_morgan
from skm.models import SkmRespon

LAYANAN = [  # users served per quarter
    ("KB", "kb-konseling", "Konseling dan pelayanan KB", 120),
    ("KS", "bkb-kit", "Peminjaman BKB Kit dan materi KIE", 40),
    ("DALDUK", "data-kependudukan", "Permintaan data dan informasi kependudukan", 60),
    ("SEKR", "ppid", "Layanan informasi publik (PPID)", 30),
]


def seed(units: dict[str, Unit]) -> None:
    rng = random.Random(2026)
    today = local_today()
    periods = []
    for ke in range(1, 5):
        nama, mulai, selesai = service.periode_triwulan(today.year, ke)
        periods.append(service.buat_periode(nama=nama, jenis="triwulan", mulai=mulai, selesai=selesai))
    for unit_kode, kode, nama, populasi in LAYANAN:
        lay = service.simpan_layanan(None, kode=kode, nama=nama, unit_id=units[unit_kode].id, populasi=populasi,
                                     wajib_kode=False)
        for p in periods:
            if p.mulai > today:
                continue
            # a past quarter reaches its sample (Krejcie & Morgan); the running one has what came in so far
            share = min(1.0, ((today - p.mulai).days + 1) / ((p.selesai - p.mulai).days + 1))
            for _ in range(int(rng.randint(krejcie_morgan(populasi), krejcie_morgan(populasi) + 8) * share)):
                answers = {k.lower(): rng.choices((2, 3, 4), weights=(1, 5, 4))[0] for k in UNSUR_KODE}
                db.session.add(SkmRespon(layanan_id=lay.id, tanggal=min(p.selesai, today), sumber="impor",
                                         jenis_kelamin=rng.choice("LP"), usia=rng.randint(18, 60),
                                         pendidikan=rng.choice(["SMA", "D4-S1", "D1-D3", "S2"]),
                                         pekerjaan=rng.choice(["PNS", "SWASTA", "WIRAUSAHA", "LAINNYA"]), **answers))
    db.session.flush()
