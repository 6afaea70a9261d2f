"""Each proposed answer from constructed records (DOMAIN §6), the caps of missing policy documents, and the
officers' answers (an override needs a reason; audited)."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from flask import current_app
from pathlib import Path
from sqlalchemy import select

from core.errors import DomainError
from core.extensions import db
from core.models import AuditEvent
from zi import answers, tindak_lanjut

from . import helpers as h
from .conftest import TAHUN

AFTER = date(TAHUN + 1, 1, 20)  # every month, quarter and semester of the year has ended
D = Decimal


def usul(kode: str, today: date = AFTER):
    return answers.usulan_satu(TAHUN, kode, today)


def monthly_reports(months):
    for m in months:
        start = date(TAHUN, m, 1)
        end = (date(TAHUN + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
        h.bukti(TAHUN, "laporan_monev_pengaduan", start, end, jenis="laporan_otomatis",
                kunci_sumber=f"pengaduan.monev:{TAHUN}-{m:02d}")


# --- complaint monev: berkala only when every month has its report -----------------------------------

def test_twelve_monthly_monev_reports_are_berkala(katalog):
    monthly_reports(range(1, 13))
    u = usul("PW.P3.c")
    assert (u.pilihan, u.nilai, u.kurang) == ("A", 1, [])
    assert len(u.bukti) == 12
    assert usul("PP.P3.c").pilihan == "A"  # the same reports answer Pengelolaan Pengaduan c


def test_eleven_of_twelve_monthly_reports_are_tidak_berkala(katalog):
    monthly_reports([m for m in range(1, 13) if m != 7])
    u = usul("PW.P3.c")
    assert (u.pilihan, u.nilai) == ("B", D("0.5"))
    assert u.kurang == [f"Laporan monev penanganan pengaduan Juli {TAHUN} belum ada di register."]
    assert u.dasar[0] == "Laporan monev penanganan pengaduan tercatat untuk 11 dari 12 bulan yang sudah berakhir."


def test_no_monev_report_is_belum(katalog):
    u = usul("PW.P3.c")
    assert (u.pilihan, u.nilai) == ("C", 0)


def test_a_month_whose_report_file_was_deleted_is_not_covered(katalog):
    monthly_reports(range(1, 13))
    db.session.commit()
    lost = answers.evidence.bukti_sumber(f"pengaduan.monev:{TAHUN}-05")
    (Path(current_app.config["UPLOAD_FOLDER"]) / lost.attachment.stored_name).unlink()
    u = usul("PW.P3.c")
    assert u.pilihan == "B"
    assert f"Laporan monev penanganan pengaduan Mei {TAHUN} belum ada di register." in u.kurang
    assert any("tidak ditemukan di penyimpanan" in k for k in u.kurang)


def test_the_running_month_is_not_yet_owed(katalog):
    monthly_reports(range(1, 10))  # January–September
    # on 1 October the September report is made on the first working day after 30 September
    assert usul("PW.P3.c", date(TAHUN, 10, 15)).pilihan == "A"
    assert usul("PW.P3.c", date(TAHUN, 11, 15)).pilihan == "B"  # October's is now missing


def test_a_period_spanning_two_years_is_cut_into_its_own_units():
    units = answers._satuan(date(TAHUN, 7, 1), date(TAHUN + 1, 6, 30), "semester")
    assert [u[2] for u in units] == [f"semester II {TAHUN}", f"semester I {TAHUN + 1}"]
    months = answers._satuan(date(TAHUN, 11, 15), date(TAHUN + 1, 2, 28), "bulan")
    assert [u[2] for u in months] == [f"Desember {TAHUN}", f"Januari {TAHUN + 1}", f"Februari {TAHUN + 1}"]


# --- a missing SK caps the policy answer --------------------------------------------------------------

def test_missing_sk_caps_the_complaint_policy_answer(katalog):
    u = usul("PW.P3.a")
    assert (u.pilihan, u.nilai, u.batas) == ("C", 0, "C")
    assert "SK petugas Pengaduan Masyarakat belum ada di register bukti." in u.kurang
    h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN, 1, 2))
    u = usul("PW.P3.a")
    assert (u.pilihan, u.nilai, u.batas) == ("B", D("0.5"), None)


def test_an_expired_sk_caps_like_a_missing_one(katalog):
    sk = h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN - 2, 1, 2), date(TAHUN, 6, 30))
    u = usul("PW.P3.a")
    assert u.pilihan == "C"
    assert u.kurang[0] == (f"SK petugas Pengaduan Masyarakat: nomor {sk.nomor} berakhir pada 30 Juni {TAHUN}; "
                           "belum ada penggantinya di register.")
    assert usul("PW.P3.a", date(TAHUN, 5, 1)).pilihan == "B"  # still in force in May


def test_a_cap_applies_to_an_item_without_a_rule(katalog):
    u = usul("PP.P1.a")  # standar pelayanan: no rule of its own, capped at E without the document
    assert (u.pilihan, u.batas) == ("E", "E")
    h.sk(TAHUN, "standar_pelayanan", date(TAHUN, 1, 2))
    assert usul("PP.P1.a") is None  # nothing left to justify: the officer answers


def test_a_cap_limits_an_officers_higher_answer_only_with_a_reason(katalog, petugas):
    item = katalog["PW.P4.a"]  # no SK Tim WBS: capped at C
    with pytest.raises(DomainError) as e:
        answers.simpan_jawaban(item, user=petugas, pilihan="B", today=AFTER)
    assert e.value.field == "alasan"
    assert e.value.message == "Jawaban berbeda dari usulan berdasarkan data (C); tuliskan alasannya."
    row = answers.simpan_jawaban(item, user=petugas, pilihan="B", alasan="SK Tim WBS sedang ditandatangani",
                                 today=AFTER)
    assert (row.pilihan, row.nilai, row.usulan_pilihan) == ("B", D("0.5"), "C")
    ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "zi.jawaban.simpan"))
    assert ev.detail["menyimpang"] is True and ev.detail["usulan"] == "C" and ev.actor_id == petugas.id


# --- complaints followed up, and the percentage -----------------------------------------------------------

def _complaints():
    d = date(TAHUN, 3, 2)
    for _ in range(3):
        h.pengaduan(d, "selesai")
    h.pengaduan(d, "ditolak")  # reasoned and told to the reporter: counts as selesai
    h.pengaduan(d, "diverifikasi", batas=date(TAHUN + 1, 3, 1))  # in progress, not late
    h.pengaduan(d, "diarsipkan")  # never completed by the reporter: stays owed
    h.pengaduan(d, "dialihkan")  # not this office's authority: not owed
    h.pengaduan(d, "diarsipkan", dipindah_wbs=True)  # handled in WBS: not owed
    h.pengaduan(date(TAHUN - 1, 12, 30), "diterima")  # another year


def test_complaint_percentage_is_selesai_over_owed_with_in_progress(katalog):
    _complaints()
    u = usul("PW.R2.a")
    assert u.isian == {"1": 6, "2": 1, "3": 4}
    assert u.angka == u.nilai == D(4) / D(6)
    assert u.dasar[0] == "Selesai 4 ÷ harus ditindaklanjuti 6 (sedang diproses 1)."
    assert "1 pengaduan dialihkan (tidak dihitung)." in u.dasar
    assert "1 pengaduan diarsipkan karena tidak dilengkapi pelapor (tetap dihitung)." in u.dasar


def test_a_marked_duplicate_is_left_out_and_said(katalog):
    from pengaduan.models import Riwayat

    _complaints()
    p = h.pengaduan(date(TAHUN, 3, 2), "diarsipkan")
    db.session.add(Riwayat(pengaduan_id=p.id, aksi="tandai_duplikat", status_dari="diterima", status_ke="diarsipkan",
                           oleh="petugas"))  # the latest archiving: a duplicate, not an incomplete report
    db.session.flush()
    u = usul("PW.R2.a")
    assert u.isian == {"1": 6, "2": 1, "3": 4}
    assert "1 pengaduan ditandai duplikat dari pengaduan lain (tidak dihitung)." in u.dasar


def test_no_complaints_owed_reads_as_fully_handled_with_a_note(katalog):
    u = usul("PW.R2.a")
    assert u.nilai == 1 and u.isian == {"1": 0, "2": 0, "3": 0}
    assert any("dinilai 100 %" in d for d in u.dasar)


def test_complaints_followed_up_unless_one_is_late(katalog):
    _complaints()
    assert usul("PW.P3.b").pilihan == "Ya"
    h.pengaduan(date(TAHUN, 5, 4), "diterima", batas=date(TAHUN, 5, 7))  # verification deadline passed
    u = usul("PW.P3.b")
    assert (u.pilihan, u.nilai) == ("Tidak", 0)
    assert u.kurang[0] == "1 pengaduan melewati batas waktu tanpa tindak lanjut."


def test_monev_follow_up_is_the_share_of_recommendations_done(katalog, unit):
    assert not usul("PW.P3.d").ada
    a = tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Percepat verifikasi", unit_id=unit.id,
                           tenggat=date(TAHUN, 6, 1), indikator_kode="PW.P3.d")
    b = tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Tambah kanal surat", unit_id=unit.id,
                           tenggat=date(TAHUN, 6, 1), indikator_kode="PW.P3.d")
    assert usul("PW.P3.d").pilihan == "C"
    tindak_lanjut.ubah_status(a, "selesai", hasil="Verifikasi 1 HK")
    assert usul("PW.P3.d").pilihan == "B"
    tindak_lanjut.ubah_status(b, "selesai", hasil="Kanal surat dibuka")
    assert usul("PW.P3.d").pilihan == "A"


# --- WBS and gratifikasi ---------------------------------------------------------------------------------

def test_wbs_applied_evaluated_and_followed_up(katalog, unit):
    assert usul("PW.P4.a").pilihan == "C"
    h.sk(TAHUN, "sk_tim_wbs", date(TAHUN, 1, 2))
    assert usul("PW.P4.a").pilihan == "B"
    assert usul("PW.P4.b").pilihan == "C"
    h.bukti(TAHUN, "laporan_evaluasi_wbs", date(TAHUN, 1, 1), date(TAHUN, 6, 30), jenis="laporan_otomatis")
    assert usul("PW.P4.b").pilihan == "B"  # one semester of two
    h.bukti(TAHUN, "laporan_evaluasi_wbs", date(TAHUN, 7, 1), date(TAHUN, 12, 31), jenis="laporan_otomatis")
    assert usul("PW.P4.b").pilihan == "A"
    tl = tindak_lanjut.buat(tahun=TAHUN, rekomendasi="Sosialisasi WBS", unit_id=unit.id, tenggat=date(TAHUN, 9, 1),
                            indikator_kode="PW.P4.c")
    assert usul("PW.P4.c").pilihan == "C"
    tindak_lanjut.ubah_status(tl, "selesai", hasil="Sosialisasi di apel pagi")
    assert usul("PW.P4.c").pilihan == "A"


def test_gratifikasi_campaign_is_berkala_when_every_quarter_has_one(katalog):
    assert usul("PW.P1.a").pilihan == "C"
    for m in (2, 5, 8):
        h.kampanye(date(TAHUN, m, 10))
    u = usul("PW.P1.a")
    assert u.pilihan == "B" and f"Belum ada kegiatan public campaign pada triwulan IV {TAHUN}." in u.kurang
    h.kampanye(date(TAHUN, 11, 10))
    assert usul("PW.P1.a").pilihan == "A"


def test_upg_ladder(katalog):
    assert usul("PW.P1.b").pilihan == "D"  # no UPG
    h.sk(TAHUN, "sk_upg", date(TAHUN, 1, 2))
    assert usul("PW.P1.b").pilihan == "C"  # UPG, nothing done yet
    h.kampanye(date(TAHUN, 3, 1))
    assert usul("PW.P1.b").pilihan == "B"  # efforts begun
    h.sk(TAHUN, "sop_gratifikasi", date(TAHUN, 2, 1)).jenis  # a SOP is a policy document too
    assert usul("PW.P1.b").pilihan == "A"


# --- Pelayanan Publik --------------------------------------------------------------------------------------

def test_complaint_channels_ladder(katalog):
    h.pengaduan(date(TAHUN, 2, 2), "selesai", kanal="web")
    assert usul("PP.P3.a").pilihan == "D"  # online only
    h.pengaduan(date(TAHUN, 2, 3), "selesai", kanal="kotak")
    assert usul("PP.P3.a").pilihan == "C"
    h.sk(TAHUN, "sk_petugas_pengaduan", date(TAHUN, 1, 2))
    assert usul("PP.P3.a").pilihan == "B"
    h.pengaduan(date(TAHUN, 2, 4), "selesai", kanal="lapor", lapor_id="LAP-123")
    assert usul("PP.P3.a").pilihan == "A"


def test_complaint_unit_ladder(katalog):
    assert usul("PP.P3.b").pilihan == "C"
    h.sk(TAHUN, "sk_pengelola_sp4n", date(TAHUN, 1, 2))
    assert usul("PP.P3.b").pilihan == "B"
    h.sk(TAHUN, "sk_unit_pengelola_pengaduan", date(TAHUN, 1, 2))
    assert usul("PP.P3.b").pilihan == "A"


def test_skm_held_four_distinct_rounds(katalog):
    layanan = h.skm_layanan()
    quarters = [(date(TAHUN, m, 1), date(TAHUN, m + 2, 28)) for m in (1, 4, 7, 10)]
    for i, (a, b) in enumerate(quarters[:3], 1):
        h.skm_periode(f"TW {i}", a, b, layanan=layanan)
    h.skm_periode("Semester I", date(TAHUN, 1, 1), date(TAHUN, 6, 30), layanan=layanan)  # overlaps two quarters
    h.skm_periode("Kosong", date(TAHUN, 10, 1), date(TAHUN, 12, 31), responden=0, layanan=layanan)  # no results
    u = usul("PP.P4.a")
    assert u.pilihan == "B" and u.dasar[0].startswith("3 putaran SKM")
    assert "Periode Semester I tumpang tindih dengan putaran lain: tidak dihitung lagi." in u.dasar
    h.skm_periode("TW 4", *quarters[3], layanan=layanan)
    assert usul("PP.P4.a").pilihan == "A"


def test_no_survey_is_e(katalog):
    assert usul("PP.P4.a").pilihan == "E"


def test_skm_results_open_online_and_offline(katalog):
    assert usul("PP.P4.b").pilihan == "C"
    h.skm_periode("TW 1", date(TAHUN, 1, 1), date(TAHUN, 3, 31), publik=False)
    assert usul("PP.P4.b").pilihan == "C"  # neither
    h.bukti(TAHUN, "foto_poster_skm", date(TAHUN, 4, 5), date(TAHUN, 4, 5), jenis="foto")
    assert usul("PP.P4.b").pilihan == "B"  # offline only (a photo of the posted poster)
    h.skm_periode("TW 2", date(TAHUN, 4, 1), date(TAHUN, 6, 30), publik=True)
    u = usul("PP.P4.b")
    assert (u.pilihan, u.kurang) == ("A", [])


def test_skm_follow_up_is_the_share_of_unsur_done_not_of_actions(katalog, unit):
    from skm.models import SkmTindakLanjut

    p = h.skm_periode("TW 1", date(TAHUN, 1, 1), date(TAHUN, 3, 31), nilai={"U1": 1, "U2": 2, "U3": 2})
    assert usul("PP.P4.c").pilihan == "D"  # three weakest unsur, no action done

    def action(unsur, status):
        db.session.add(SkmTindakLanjut(periode_id=p.id, unsur=unsur, masalah="m", rencana="r", unit_id=unit.id,
                                       tenggat=date(TAHUN, 5, 1), status=status))
        db.session.flush()

    for _ in range(5):  # many actions on one unsur do not make "most"
        action("U1", "selesai")
    assert usul("PP.P4.c").pilihan == "C"
    action("U2", "selesai")
    assert usul("PP.P4.c").pilihan == "B"
    action("U3", "proses")
    assert usul("PP.P4.c").pilihan == "B"
    db.session.query(SkmTindakLanjut).filter_by(unsur="U3").update({"status": "selesai"})
    assert usul("PP.P4.c").pilihan == "A"


def test_responsive_multichannel_handling_from_first_response_times(katalog):
    assert not usul("PP.R2.a").ada
    d = date(TAHUN, 3, 2)  # Monday
    for kanal in ("web", "telegram"):
        h.pengaduan(d, "diverifikasi", kanal=kanal, respon_pada=date(TAHUN, 3, 3))
    assert usul("PP.R2.a").pilihan == "B"  # quick, two channels
    h.pengaduan(d, "diverifikasi", kanal="surat", respon_pada=date(TAHUN, 3, 3))
    assert usul("PP.R2.a").pilihan == "A"  # quick, three channels
    h.pengaduan(d, "diverifikasi", kanal="surat", respon_pada=date(TAHUN, 3, 16))  # 10 HK
    u = usul("PP.R2.a")
    assert u.pilihan == "C" and "Respons pertama kanal surat melewati batas 3 HK." in u.kurang


def test_the_office_sets_how_many_channels_are_many_and_how_often_is_berkala(katalog):
    from core.settings import set_setting

    d = date(TAHUN, 3, 2)
    for kanal in ("web", "telegram"):
        h.pengaduan(d, "diverifikasi", kanal=kanal, respon_pada=date(TAHUN, 3, 3))
    h.bukti(TAHUN, "laporan_monev_pengaduan", date(TAHUN, 1, 1), date(TAHUN, 6, 30), jenis="laporan_otomatis")
    h.bukti(TAHUN, "laporan_monev_pengaduan", date(TAHUN, 7, 1), date(TAHUN, 12, 31), jenis="laporan_otomatis")
    assert (usul("PP.R2.a").pilihan, usul("PW.P3.c").pilihan) == ("B", "B")
    set_setting("zi", {"kanal_berbagai": 2, "frekuensi": {"monev_pengaduan": "semester"}})
    assert (usul("PP.R2.a").pilihan, usul("PW.P3.c").pilihan) == ("A", "A")


def test_ipak_and_ipkp_are_predicted_from_the_internal_survey(katalog):
    assert not usul("HS.1.a").ada
    h.persepsi("ipak", date(TAHUN, 5, 1), [4, 4, 3, 4, 4])
    h.persepsi("ipak", date(TAHUN, 5, 2), [4, 3, 3, 4, 4])
    u = usul("HS.1.a")
    assert u.angka == D("3.70") and u.nilai == D("3.70") / 4
    assert "survei eksternal" in u.dasar[0]


# --- officers' answers -------------------------------------------------------------------------------------

def test_an_answer_equal_to_the_proposal_needs_no_reason_and_is_audited(katalog, petugas):
    monthly_reports(range(1, 13))
    row = answers.simpan_jawaban(katalog["PW.P3.c"], user=petugas, pilihan="A", today=AFTER)
    assert (row.nilai, row.alasan, row.usulan_pilihan) == (1, "", "A")
    ev = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "zi.jawaban.simpan"))
    assert ev.detail["kode"] == "PW.P3.c" and ev.detail["menyimpang"] is False


def test_answers_are_checked_against_the_item_kind(katalog, petugas):
    with pytest.raises(DomainError, match="Pilih salah satu"):
        answers.simpan_jawaban(katalog["MP.P1.a"], user=petugas, pilihan="A")
    row = answers.simpan_jawaban(katalog["MP.P1.a"], user=petugas, pilihan="Ya")
    assert row.nilai == 1
    lhkpn = katalog["PW.R3.a"]
    row = answers.simpan_jawaban(lhkpn, user=petugas, isian={"1": 1, "2": 6, "3": 3, "4": 8})
    assert (row.angka, row.nilai, row.isian) == (D("0.8"), D("0.8"), {"1": 1, "2": 6, "3": 3, "4": 8})
    with pytest.raises(DomainError, match="pembagi"):
        answers.simpan_jawaban(lhkpn, user=petugas, isian={"1": 0, "2": 0, "3": 0, "4": 0})
    with pytest.raises(DomainError, match="antara 1 dan 4"):
        answers.simpan_jawaban(katalog["HS.3.a"], user=petugas, angka=D("4.2"))
    # the official survey index differs from the internal prediction without needing a reason
    h.persepsi("ipkp", date(TAHUN, 5, 1), [3, 3, 3])
    assert answers.simpan_jawaban(katalog["HS.3.a"], user=petugas, angka=D("3.41")).nilai == D("3.41") / 4


def test_withdrawing_an_answer_falls_back_to_the_proposal(katalog, petugas):
    answers.simpan_jawaban(katalog["PW.P3.c"], user=petugas, pilihan="A", alasan="Laporan manual ada", today=AFTER)
    answers.hapus_jawaban(katalog["PW.P3.c"], user=petugas)
    assert answers.jawaban(TAHUN, katalog["PW.P3.c"]) is None
    assert db.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "zi.jawaban.hapus"))["pilihan"] == "A"
