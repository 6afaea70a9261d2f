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


def _straightforward(reports, awal, akhir, today):
    """The recap worked out report by report, as the rules read: what queries.rekap must agree with."""
    rows = [r for r in reports if awal <= r.tanggal_lapor <= akhir]
    pel = [r for r in rows if r.jenis != "nihil"]
    terima = [r for r in pel if r.jenis == "penerimaan"]
    sent = [r for r in pel if r.tanggal_teruskan]
    waiting = [r for r in pel if not r.tanggal_teruskan and r.status in ("diterima", "perlu_dilengkapi", "diverifikasi")]

    def by(key):
        out = {}
        for r in pel:
            n, v = out.get(key(r) or "-", (0, 0))
            out[key(r) or "-"] = (n + 1, v + (r.nilai or 0))
        return out

    return {
        "jumlah": len(rows), "per_jenis": {j: sum(r.jenis == j for r in rows) for j in ("penerimaan", "penolakan", "nihil")},
        "per_status": {s: sum(r.status == s for r in rows) for s in {r.status for r in rows}},
        "nilai_penerimaan": sum(r.nilai or 0 for r in terima),
        "nilai_penolakan": sum(r.nilai or 0 for r in pel if r.jenis == "penolakan"),
        "per_bentuk": by(lambda r: r.bentuk), "per_acara": by(lambda r: r.acara), "per_unit": by(lambda r: r.unit_nama),
        "per_penetapan": by(lambda r: r.penetapan or "belum"),
        "ketepatan": {
            "jumlah": len(pel),
            "pelapor_tepat_waktu": sum(not r.terlambat_upg and not r.terlambat_kpk for r in terima),
            "pelapor_terlambat_upg": sum(r.terlambat_upg and not r.terlambat_kpk for r in terima),
            "pelapor_terlambat_kpk": sum(r.terlambat_kpk for r in terima),
            "upg_tepat_waktu": sum(r.tanggal_teruskan <= r.tenggat_teruskan for r in sent),
            "upg_terlambat": sum(r.tanggal_teruskan > r.tenggat_teruskan for r in sent),
            "belum_diteruskan_dalam_tenggat": sum(today <= r.tenggat_teruskan for r in waiting),
            "belum_diteruskan_lewat_tenggat": sum(today > r.tenggat_teruskan for r in waiting),
        },
    }


def test_recap_counts_equal_a_report_by_report_count(app_ctx):
    """The recap counts in the database; its figures are the ones a count report by report gives, on the edges:
    reported on the last working day, a day off declared by the office inside the window, late either way."""
    from sqlalchemy import select

    from core import workdays
    from core.calendar import add_workdays
    from core.models import CalendarDay
    from gratifikasi.models import LaporanGratifikasi

    upg, _ = make_user(["upg"])
    received = date(2026, 9, 1)
    no_day_off = workdays.add_workdays(received, 10)  # the national calendar alone
    db.session.add(CalendarDay(tanggal=date(2026, 9, 9), libur=True, keterangan="Libur daerah"))
    db.session.commit()
    last_day = add_workdays(received, 10)
    assert last_day == no_day_off + timedelta(days=1)  # the office's day off moves the deadline

    def lapor(on, **over):
        lap, _ = service.submit(laporan_input(**over), today=on)
        return lap

    def teruskan(lap, on):
        service.verifikasi(lap, upg)
        service.teruskan_kpk(lap, upg, tanggal=on, cara="gol")

    on_deadline = lapor(last_day, tanggal_terima=received, nilai="1.500.000")  # the 10th HK, counting the day off
    teruskan(on_deadline, on_deadline.tenggat_teruskan)  # forwarded on its deadline day: on time
    late_upg = lapor(add_workdays(last_day, 1), tanggal_terima=received, bentuk="uang", nilai="2.000.000",
                     acara="pernikahan", unit_nama="Sekretariat")
    teruskan(late_upg, add_workdays(late_upg.tenggat_teruskan, 1))  # a working day too late
    late_kpk = lapor(date(2026, 9, 10), tanggal_terima=date(2026, 7, 20), bentuk="uang", nilai="750.000")
    waiting = lapor(date(2026, 10, 6), tanggal_terima=date(2026, 10, 5), nilai="3.000.000", acara="kedinasan")
    service.verifikasi(waiting, upg)
    refused = lapor(date(2026, 9, 15), jenis="penolakan", tanggal_terima=date(2026, 9, 14), bentuk="voucher",
                    nilai="500.000")
    teruskan(refused, date(2026, 9, 16))
    refused_waiting = lapor(date(2026, 9, 15), jenis="penolakan", tanggal_terima=date(2026, 9, 14), nilai="400.000")
    decided = lapor(date(2026, 9, 2), tanggal_terima=date(2026, 9, 1), nilai="5.000.000", unit_nama="Sekretariat")
    teruskan(decided, date(2026, 9, 3))
    service.tetapkan(decided, upg, penetapan="milik_negara", tanggal_sk=date(2026, 10, 1), nomor_sk="SK-1/2026",
                     tindak_lanjut="Diserahkan ke KPK")
    asked = lapor(date(2026, 9, 2), tanggal_terima=date(2026, 9, 1), nilai="1.000.000")
    teruskan(asked, date(2026, 9, 4))
    service.kpk_minta_lengkapi(asked, upg, tanggal=date(2026, 9, 10), catatan="Foto barang")
    answered = lapor(date(2026, 9, 2), tanggal_terima=date(2026, 9, 1), nilai="1.000.000")
    teruskan(answered, date(2026, 9, 4))
    service.kpk_minta_lengkapi(answered, upg, tanggal=date(2026, 9, 10), catatan="Foto barang")
    service.kpk_dilengkapi(answered, upg, tanggal=date(2026, 9, 14))
    nihil = lapor(date(2026, 10, 1), jenis="nihil", periode_awal=date(2026, 7, 1), periode_akhir=date(2026, 9, 30))
    before = lapor(date(2026, 8, 28), tanggal_terima=date(2026, 8, 27))  # outside the period
    db.session.commit()
    assert not on_deadline.terlambat_upg and late_upg.terlambat_upg and not late_upg.terlambat_kpk
    assert late_kpk.terlambat_kpk

    awal, akhir, today = date(2026, 9, 1), date(2026, 10, 31), waiting.tenggat_teruskan  # its deadline is today
    reports = db.session.scalars(select(LaporanGratifikasi)).all()
    expected = _straightforward(reports, awal, akhir, today)
    r = queries.rekap(awal, akhir, today=today)
    for key in ("jumlah", "per_jenis", "per_status", "nilai_penerimaan", "nilai_penolakan", "ketepatan"):
        got = {k: v for k, v in r[key].items() if k != "persen_upg_tepat_waktu"} if key == "ketepatan" else r[key]
        assert got == expected[key], key
    for key in ("per_bentuk", "per_acara", "per_unit", "per_penetapan"):
        assert {x["kunci"]: (x["jumlah"], x["nilai"]) for x in r[key]} == expected[key], key
        assert [x["jumlah"] for x in r[key]] == sorted((x["jumlah"] for x in r[key]), reverse=True)
    # and the figures themselves, so the two counts cannot share a mistake
    assert r["ketepatan"] == {"jumlah": 9, "pelapor_tepat_waktu": 5, "pelapor_terlambat_upg": 1,
                              "pelapor_terlambat_kpk": 1, "upg_tepat_waktu": 5, "upg_terlambat": 1,
                              "belum_diteruskan_dalam_tenggat": 1, "belum_diteruskan_lewat_tenggat": 2,
                              "persen_upg_tepat_waktu": 83.3}
    assert r["per_jenis"] == {"penerimaan": 7, "penolakan": 2, "nihil": 1} and r["jumlah"] == 10
    assert r["nilai_penerimaan"] == 14_250_000 and r["nilai_penolakan"] == 900_000
    assert r["per_penetapan"][-1] == {"kunci": "milik_negara", "label": "Milik negara", "jumlah": 1, "nilai": 5_000_000}
    assert queries.ketepatan_waktu(awal, akhir, today=today) == r["ketepatan"]
    # the periodic report's list: the period's reports, oldest first; the page asks for none
    assert [x["nomor"] for x in r["laporan"]] == [x.nomor for x in reports if awal <= x.tanggal_lapor <= akhir]
    assert before.nomor not in {x["nomor"] for x in r["laporan"]} and nihil.nomor in {x["nomor"] for x in r["laporan"]}
    assert "laporan" not in queries.rekap(awal, akhir, today=today, daftar=False)

    # the register's deadline filter: the UPG's next deadline (forwarding an open report, or answering KPK's
    # request for completion) past, soonest first, whatever each report went through
    def next_deadline(x):
        if x.status in ("diterima", "perlu_dilengkapi", "diverifikasi"):
            return x.tenggat_teruskan
        return x.kelengkapan_kpk.tenggat if x.status == "diminta_kpk" else None

    overdue = sorted((d, x.id) for x in reports if (d := next_deadline(x)) and d < today)
    rows, total = queries.register(tenggat="lewat", today=today)
    assert [x.id for x in rows] == [i for _, i in overdue] and total == len(overdue)
    assert asked.id in [x.id for x in rows] and answered.id not in [x.id for x in rows]
    assert {late_kpk.id, refused_waiting.id, before.id} <= {x.id for x in rows} and waiting.id not in [x.id for x in rows]
