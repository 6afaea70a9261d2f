"""The read-only functions the ZI evidence register can call, and the recap arithmetic."""
from datetime import date, timedelta

import pytest

from core.extensions import db
from core.workdays import local_today
from gratifikasi import queries, service
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input


def test_periods():
    assert queries.periode("bulan", 2026, 2) == queries.Periode(date(2026, 2, 1), date(2026, 2, 28), "Februari 2026")
    assert queries.periode("bulan", 2026, 12).akhir == date(2026, 12, 31)
    assert queries.periode("triwulan", 2026, 1) == queries.Periode(date(2026, 1, 1), date(2026, 3, 31), "Triwulan I 2026")
    assert queries.periode("triwulan", 2026, 4).akhir == date(2026, 12, 31)
    assert queries.periode("semester", 2026, 2).awal == date(2026, 7, 1)
    assert queries.periode("tahun", 2026).label == "Tahun 2026"
    for bad in (("bulan", 2026, 13), ("triwulan", 2026, 0), ("minggu", 2026, 1), ("tahun", 1900, 1)):
        with pytest.raises(ValueError):
            queries.periode(*bad)


def test_counts_timeliness_and_summary(app_ctx):
    upg, _ = make_user(["upg"])
    # received 17 March 2026 (UPG same day): forwarded on time; another reported after 30 HK
    on_time, _ = service.submit(laporan_input(tanggal_terima=date(2026, 3, 17), nilai="1.000.000"),
                                today=date(2026, 3, 17))
    late, _ = service.submit(laporan_input(tanggal_terima=date(2026, 3, 17), bentuk="uang", nilai="5.000.000"),
                             today=date(2026, 5, 8))
    nihil, _ = service.submit(laporan_input(jenis="nihil", periode_awal=date(2026, 1, 1), periode_akhir=date(2026, 3, 31)),
                              today=date(2026, 4, 1))
    service.verifikasi(on_time, upg)
    service.teruskan_kpk(on_time, upg, tanggal=date(2026, 3, 25), cara="gol")
    service.catat_kampanye(service.KampanyeInput(tanggal=date(2026, 2, 10), media="banner", judul="Banner"), [], upg)
    db.session.commit()

    assert queries.jumlah_per_status(2026) == {"diterima": 2, "perlu_dilengkapi": 0, "diverifikasi": 0,
                                               "diteruskan": 1, "diminta_kpk": 0, "ditetapkan": 0, "selesai": 0}
    months = queries.jumlah_per_periode(2026, "bulan")
    assert months[2]["penerimaan"] == 1 and months[3]["nihil"] == 1 and months[4]["penerimaan"] == 1
    assert queries.jumlah_per_periode(2026, "triwulan")[1] == {
        "periode": "Triwulan II 2026", "awal": date(2026, 4, 1), "akhir": date(2026, 6, 30),
        "penerimaan": 1, "penolakan": 0, "nihil": 1}
    k = queries.ketepatan_waktu(date(2026, 1, 1), date(2026, 12, 31), today=date(2026, 5, 8))
    assert k["jumlah"] == 2 and k["pelapor_tepat_waktu"] == 1 and k["pelapor_terlambat_kpk"] == 1
    assert k["upg_tepat_waktu"] == 1 and k["persen_upg_tepat_waktu"] == 100.0
    # reported after the 30 HK: its UPG deadline (capped at 7 May) has passed the day it arrived
    assert k["belum_diteruskan_lewat_tenggat"] == 1 and k["belum_diteruskan_dalam_tenggat"] == 0

    r = queries.rekap(date(2026, 1, 1), date(2026, 12, 31), today=date(2026, 5, 8))
    assert r["per_jenis"] == {"penerimaan": 2, "penolakan": 0, "nihil": 1}
    assert r["nilai_penerimaan"] == 6_000_000
    assert [(x["label"], x["jumlah"], x["nilai"]) for x in r["per_bentuk"]] == [("Barang", 1, 1_000_000),
                                                                                ("Uang", 1, 5_000_000)]
    summary = queries.ringkasan_upg(2026, today=date(2026, 5, 8))
    assert summary["jumlah_laporan"] == 3 and summary["diteruskan_ke_kpk"] == 1
    assert summary["kegiatan_kampanye"] == 1 and summary["kampanye_per_media"] == {"banner": 1}
    assert queries.kegiatan_kampanye(date(2026, 3, 1), None) == []


def test_register_filters(app_ctx):
    today = local_today()
    a, _ = service.submit(laporan_input(tanggal_terima=today), today=today)
    b, _ = service.submit(laporan_input(jenis="nihil", periode_awal=today - timedelta(days=5), periode_akhir=today),
                          today=today)
    db.session.commit()
    rows, total = queries.register(jenis="nihil")
    assert total == 1 and rows[0].id == b.id
    rows, total = queries.register(status="terbuka")
    assert total == 2
    rows, total = queries.register(nomor="%")  # a LIKE wildcard is a literal here
    assert total == 0
    assert queries.dashboard_counts() == {"terbuka": 2, "lewat": 0}
