"""The whole sheet: answers over proposals over nothing, scored per sub-area, area, pengungkit, hasil, total."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from zi import answers, lke, scoring

from . import helpers as h
from .conftest import TAHUN

AFTER = date(TAHUN + 1, 1, 20)
D = Decimal


def test_a_year_without_any_data_is_scored_without_crashing(katalog):
    sheet = lke.lembar(TAHUN, AFTER)
    assert [a.area.kode for a in sheet.areas] == ["MP", "TL", "SDM", "AK", "PW", "PP"]
    # proposals the empty records still justify: caps at their floor, "nothing owed" counted as handled
    assert sheet.cari("PW.R2.a").sumber == "usulan" and sheet.cari("PW.R2.a").nilai == 1
    assert sheet.cari("MP.P1.a").sumber == "kosong"
    assert not sheet.rekap.wbk.memenuhi
    assert sheet.rekap.hasil.nilai == 0
    assert "Indeks Persepsi Anti Korupsi (IPAK): belum ada nilai (minimal 3,60)." in sheet.rekap.wbk.alasan


def test_officer_answers_override_proposals_and_the_sums_follow(katalog, petugas):
    # records: SK petugas (PW.P3.a → B), twelve monev reports (PW.P3.c → A)
    h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN, 1, 2))
    for m in range(1, 13):
        h.bukti(TAHUN, "laporan_monev_pengaduan", date(TAHUN, m, 1), date(TAHUN, m, 28), jenis="laporan_otomatis")
    answers.simpan_jawaban(katalog["PW.P3.a"], user=petugas, pilihan="A", alasan="Inovasi: kanal Telegram",
                           today=AFTER)
    answers.simpan_jawaban(katalog["PW.P3.d"], user=petugas, pilihan="B", today=AFTER)
    sheet = lke.lembar(TAHUN, AFTER)
    a, c = sheet.cari("PW.P3.a"), sheet.cari("PW.P3.c")
    assert (a.sumber, a.pilihan, a.menyimpang, a.usulan.pilihan) == ("jawaban", "A", True, "B")
    assert (c.sumber, c.pilihan) == ("usulan", "A")
    assert (sheet.cari("PW.P3.d").sumber, sheet.cari("PW.P3.d").pilihan) == ("jawaban", "B")
    b = sheet.cari("PW.P3.b")  # no complaints owed: Ya
    assert (b.sumber, b.pilihan) == ("usulan", "Ya")
    pengaduan = next(s for a_ in sheet.areas for s in a_.sub_area if s.item.kode == "PW.P3")
    assert pengaduan.skor.nilai == (D(1) + D(1) + D(1) + D("0.5")) / 4 * D("1.5")
    pw = next(x for x in sheet.areas if x.area.kode == "PW")
    assert pw.skor.nilai == sum(s.skor.nilai for s in pw.sub_area)
    assert sheet.rekap.pengungkit == sum(x.skor.nilai for x in sheet.areas)


def test_hasil_reads_ipak_ipkp_and_capaian_kinerja(katalog, petugas):
    answers.simpan_jawaban(katalog["HS.1.a"], user=petugas, angka=D("3.60"))
    answers.simpan_jawaban(katalog["HS.3.a"], user=petugas, angka=D("3.20"))
    answers.simpan_jawaban(katalog["HS.2.a"], user=petugas, pilihan="B")
    sheet = lke.lembar(TAHUN, AFTER)
    assert sheet.rekap.hasil.nilai_ipak == D("15.75") and sheet.rekap.hasil.nilai_ipkp == 14
    assert sheet.rekap.hasil.nilai_capaian == D("3.75")
    assert sheet.rekap.total == sheet.rekap.pengungkit + D("33.5")
    wbk = {s.uraian: s.terpenuhi for s in sheet.rekap.wbk.syarat}
    assert wbk["Indeks Persepsi Anti Korupsi (IPAK)"] and wbk["Indeks Persepsi Kualitas Pelayanan (IPKP)"]
    assert not {s.uraian: s.terpenuhi for s in sheet.rekap.wbbm.syarat}["Indeks Persepsi Kualitas Pelayanan (IPKP)"]


def test_officers_alone(katalog, petugas):
    answers.simpan_jawaban(katalog["MP.P1.a"], user=petugas, pilihan="Ya")
    sheet = lke.lembar(TAHUN, AFTER, dengan_usulan=False)
    assert sheet.rekap.pengungkit == D("0.25")  # 1 of 2 items × 0,5
    assert all(b.usulan is None for b in sheet.baris)
    assert scoring.dua_desimal(sheet.rekap.total) == D("0.25")
