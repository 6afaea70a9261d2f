"""The public transparency page: complaint statistics per month, the published SKM results, WBS and gratifikasi
counts for the year — and nothing personal, no content."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timezone

from core.extensions import db
from core.workdays import local_today

from . import helpers as h
from .conftest import TAHUN


def _text(resp) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", resp.get_data(as_text=True)))


def _answered(day: date, answered: date, status: str = "selesai"):
    p = h.pengaduan(day, status)
    p.dijawab_at = datetime.combine(answered, time(4), timezone.utc)
    return p


def test_the_page_shows_counts_per_month_and_nothing_personal(app, client):
    from gratifikasi import service as g
    from pengaduan import service as ps
    from tests.gratifikasi.helpers import laporan_input
    from tests.pengaduan.helpers import data

    with app.app_context():
        # through the service first: its ticket numbers come from the counter, the helper's from its own sequence
        ps.submit(data(nama="Budi Rahasia Santoso", judul="Pungli di loket tiga"), [], kanal="web")
        _answered(date(TAHUN, 1, 5), date(TAHUN, 1, 7))  # Monday → Wednesday: 2 HK
        _answered(date(TAHUN, 1, 5), date(TAHUN, 1, 9), "ditolak")  # 4 HK
        h.pengaduan(date(TAHUN, 1, 6), "diverifikasi")
        h.pengaduan(date(TAHUN, 2, 2), "diterima")
        h.pengaduan(date(TAHUN, 2, 2), "diarsipkan", dipindah_wbs=True)  # handled as WBS: not a complaint here
        h.pengaduan(date(TAHUN - 1, 12, 30), "selesai")  # another year
        h.wbs_laporan(date(TAHUN, 3, 2), "selesai")
        h.wbs_laporan(date(TAHUN, 3, 3), "verifikasi")
        g.submit(laporan_input(tanggal_terima=date(TAHUN, 3, 2), pelapor_nama="Andi Saputra"), today=date(TAHUN, 3, 3))
        layanan = h.skm_layanan()
        h.skm_periode("Triwulan I 2026", date(TAHUN, 1, 1), date(TAHUN, 3, 31), responden=6, layanan=layanan)
        h.skm_periode("Uji internal", date(TAHUN, 4, 1), date(TAHUN, 4, 30), responden=2, layanan=layanan, publik=False)
        db.session.commit()
    resp = client.get(f"/transparansi/?tahun={TAHUN}")
    assert resp.status_code == 200
    text = _text(resp)
    assert f"Transparansi layanan {TAHUN}" in text
    assert "Januari 3 2 3,0" in text  # received 3, finished 2 (a reasoned refusal counts), (2 + 4) / 2 HK
    assert "Februari 1 0 -" in text
    submitted_this_year = local_today().year == TAHUN  # the one filed through the service is dated today
    assert f"Diterima {5 if submitted_this_year else 4} Selesai 2" in text
    assert "Triwulan I 2026 6 75,00 C (Kurang Baik)" in text and "Uji internal" not in text
    assert "Laporan diterima: 2 · selesai diputus: 1 · masih diproses: 1." in text
    assert "Laporan penerimaan: 1 · penolakan: 0 · laporan nihil: 0" in text
    html = resp.get_data(as_text=True)
    for secret in ("Budi Rahasia Santoso", "Pungli di loket tiga", "Andi Saputra", "PGD-", "Uraian"):
        assert secret not in html


def test_an_empty_year_and_the_link_from_home(client):
    text = _text(client.get("/transparansi/?tahun=2021"))
    assert "Belum ada hasil survei yang diumumkan untuk tahun ini." in text and "Laporan diterima: 0" in text
    assert client.get("/transparansi/?tahun=2999").status_code == 404
    assert 'href="/transparansi/"' in client.get("/").get_data(as_text=True)
