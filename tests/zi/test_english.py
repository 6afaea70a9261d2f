"""The ZI pages' refusals in the officer's language (?lang=en), and in Indonesian by default."""
from __future__ import annotations

from tests.conftest import csrf_from
from tests.zi.conftest import TAHUN


def _generate(c, **over) -> str:
    page = c.get(f"/admin/zi/laporan?tahun={TAHUN}").get_data(as_text=True)
    data = {"csrf_token": csrf_from(page), "jenis": "monev_pengaduan", "periode": "bulan", "tahun": str(TAHUN),
            "ke": "3", **over}
    resp = c.post(f"/admin/zi/laporan?tahun={TAHUN}", data=data)
    assert resp.status_code == 400
    return resp.get_data(as_text=True)


def test_report_refusals_in_english_and_indonesian(app, muat, login_as):
    en = login_as("admin")
    en.get("/admin/?lang=en")  # the language cookie
    future = {"periode": "triwulan", "tahun": "2100", "ke": "4"}
    html = _generate(en, **future)  # the period, its end and the month all in English
    assert "Quarter IV 2100 has not ended yet: its report is made after 31 December 2100." in html
    assert "belum berakhir" not in html
    assert "For a month period, the number must be between 1 and 12." in _generate(en, ke="13")

    id_ = login_as("admin")
    html = _generate(id_, **future)
    assert "Triwulan IV 2100 belum berakhir: laporannya dibuat setelah 31 Desember 2100." in html
    assert "has not ended" not in html
    assert "Untuk periode bulan, isi ke- antara 1 dan 12." in _generate(id_, ke="13")
