"""The read functions the ZI work appended to the domains' queries modules."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from core.extensions import db
from pengaduan import queries as pq

from . import helpers as h
from .conftest import TAHUN


def test_the_grouped_first_response_figures_equal_the_row_by_row_ones(app_ctx):
    from pengaduan.models import Riwayat

    d = date(TAHUN, 3, 2)
    for i in range(12):
        h.pengaduan(d, "diverifikasi", kanal=("web", "surat", "telegram")[i % 3],
                    respon_pada=date(TAHUN, 3, 3 + i % 9) if i % 4 else None)
    late = h.pengaduan(date(TAHUN, 3, 6), "diverifikasi", kanal="web")  # a Friday
    # answered at 18:00 UTC on Friday: already Saturday in Jakarta, so no working day has passed
    db.session.add(Riwayat(pengaduan_id=late.id, at=datetime.combine(date(TAHUN, 3, 6), time(18), timezone.utc),
                           aksi="minta_lengkapi", status_dari="diterima", status_ke="perlu_dilengkapi", oleh="petugas"))
    db.session.flush()
    today = date(TAHUN, 4, 1)
    grouped = pq.first_response_summary(date(TAHUN, 3, 1), date(TAHUN, 3, 31), today)
    assert grouped == pq.first_response_per_channel(date(TAHUN, 3, 1), date(TAHUN, 3, 31), today)
    assert grouped["web"]["jumlah"] == 5 and grouped["web"]["belum_direspon_lewat"] == 1


def test_a_complaint_moved_to_wbs_has_no_first_response_here(app_ctx):
    h.pengaduan(date(TAHUN, 3, 2), "diarsipkan", dipindah_wbs=True)
    assert pq.first_response_summary(date(TAHUN, 3, 1), date(TAHUN, 3, 31), date(TAHUN, 4, 1)) == {}
