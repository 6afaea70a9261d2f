"""Edge cases of the issue not covered elsewhere: an indicator whose regulation wording changed in a later year,
a period spanning two years, two officers sending the same monev report by nota dinas at once."""
from __future__ import annotations

import threading
from datetime import date

from sqlalchemy import func, select

from core.extensions import db
from core.models import Attachment
from core.uow import unit_of_work
from tests.factories import make_unit
from zi import answers, catalogue, evidence, laporan
from zi.models import ZiBukti, ZiNotaDinas
from zi.periode import periode

from . import helpers as h
from .conftest import TAHUN


def test_a_changed_regulation_wording_is_its_own_years_version(katalog, petugas):
    lama = catalogue.item(TAHUN, "PW.P3.c")
    teks_lama, opsi_lama = lama.nama, [dict(o) for o in lama.opsi]
    h.pengaduan(date(TAHUN, 3, 2), "selesai")
    monev = laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN, 3), today=date(TAHUN, 4, 1)).bukti
    answers.simpan_jawaban(lama, user=petugas, pilihan="B", alasan="Belum setiap bulan.", today=date(TAHUN, 4, 2))
    catalogue.load(TAHUN + 1)
    baru = catalogue.item(TAHUN + 1, "PW.P3.c")
    catalogue.ubah_teks(baru, nama="Monitoring dan evaluasi penanganan pengaduan dilakukan secara berkala (rumusan "
                        "baru)", opsi_teks={"A": "Jika dilakukan setiap bulan"}, actor=petugas)
    db.session.commit()
    # the earlier year keeps the wording it was evaluated on, with its answer and its evidence
    lama = catalogue.item(TAHUN, "PW.P3.c")
    assert (lama.nama, lama.opsi) == (teks_lama, opsi_lama)
    assert answers.jawaban(TAHUN, lama).pilihan == "B"
    assert monev.id in {r.bukti.id for r in evidence.bukti_indikator(lama)}
    # the new version starts empty: no answer, none of last year's evidence, its own wording on the sheet
    assert baru.nama.endswith("(rumusan baru)") and baru.opsi[0]["teks"] == "Jika dilakukan setiap bulan"
    assert answers.jawaban(TAHUN + 1, baru) is None
    assert evidence.bukti_indikator(baru) == []
    # a report of the new year files itself against the new version only
    jan = laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN + 1, 1), today=date(TAHUN + 1, 2, 2)).bukti
    assert {t.indikator.tahun for t in jan.tautan_indikator} == {TAHUN + 1}
    assert {t.indikator.tahun for t in monev.tautan_indikator} == {TAHUN}


def test_a_period_spanning_two_years_counts_each_months_report(katalog):
    laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN, 12), today=date(TAHUN + 1, 1, 4))
    laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN + 1, 1), today=date(TAHUN + 1, 2, 2))
    db.session.commit()
    u = answers.usulan_tahun(TAHUN + 1, date(TAHUN + 1, 2, 10), mulai=date(TAHUN, 12, 1),
                             selesai=date(TAHUN + 1, 1, 31))["PW.P3.c"]
    assert u.dasar[0] == "Laporan monev penanganan pengaduan tercatat untuk 2 dari 2 bulan yang sudah berakhir."
    assert u.pilihan == "A" and u.kurang == []


def test_two_officers_sending_the_same_nota_dinas_at_once_get_one_letter(app, katalog):
    kb = make_unit("KB", "Bidang KB-KR")
    monev = laporan.terbitkan("monev_pengaduan", periode("bulan", TAHUN, 3), today=date(TAHUN, 4, 1)).bukti
    db.session.commit()
    monev_id, kb_id = monev.id, kb.id
    files_before = db.session.scalar(select(func.count()).select_from(Attachment))
    barrier, results, errors = threading.Barrier(2), [], []

    def one():
        with app.app_context():
            try:
                barrier.wait(timeout=10)
                with unit_of_work():
                    t = laporan.kirim_nota_dinas(db.session.get(ZiBukti, monev_id), [kb_id],
                                                 today=date(TAHUN, 4, 2))[0]
                    results.append((t.bukti.id, t.bukti.nomor, t.baru))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len({r[:2] for r in results}) == 1 and sorted(r[2] for r in results) == [False, True]
    assert db.session.scalar(select(func.count()).select_from(ZiNotaDinas)) == 1
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == files_before + 2  # its PDF and DOCX
