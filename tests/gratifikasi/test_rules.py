"""Rupiah parsing, NIP/NIK, the "wajib lapor?" thresholds across 20 January 2026, and working-day deadlines
across holidays and cuti bersama."""
from datetime import date

import pytest

from core.errors import DomainError
from core.extensions import db
from core.models import CalendarDay
from core.settings import set_setting
from gratifikasi import rules
from gratifikasi.rules import check_identitas, parse_rupiah, tenggat_pelaporan, tenggat_teruskan, wajib_lapor

BEFORE, CHANGE = date(2026, 1, 19), date(2026, 1, 20)


@pytest.mark.parametrize("text, amount", [
    ("1.500.000,00", 1_500_000), ("Rp1.500.000", 1_500_000), ("1500000", 1_500_000), ("Rp 1.500.000,-", 1_500_000),
    ("rp. 250.000", 250_000), ("IDR 75.000", 75_000), ("1,5 juta", 1_500_000), ("2 jt", 2_000_000), ("250 rb", 250_000),
    ("1.500", 1_500), ("1.500.000,50", 1_500_001), (" 1.000.000 ", 1_000_000), (1_500_000, 1_500_000),
    ("100.000.000.000", 100_000_000_000),
])
def test_parse_rupiah_indonesian_style(app_ctx, text, amount):
    assert parse_rupiah(text) == amount


@pytest.mark.parametrize("text, message", [
    ("0", "Nilai harus lebih dari Rp0"),
    ("Rp0,00", "Nilai harus lebih dari Rp0"),
    ("-500.000", "Nilai tidak boleh negatif."),
    ("Rp-1.000", "Nilai tidak boleh negatif."),
    (-1, "Nilai tidak boleh negatif."),
    ("100.000.000.001", "melebihi batas wajar Rp100.000.000.000"),
    ("9" * 400, "melebihi batas wajar"),
    ("1,500,000", "Gunakan titik sebagai pemisah ribuan dan koma untuk desimal"),
    ("1.5", "titik hanya untuk memisahkan ribuan"),
    ("15.00.000", "titik hanya untuk memisahkan ribuan"),
    ("satu juta", "Nilai hanya boleh berisi angka"),
    ("1e9", "Nilai hanya boleh berisi angka"),
    ("", "Nilai wajib diisi"),
    ("   ", "Nilai wajib diisi"),
    (float("nan"), "Nilai harus berupa angka"),
])
def test_parse_rupiah_refuses_with_clear_message(app_ctx, text, message):
    with pytest.raises(DomainError) as err:
        parse_rupiah(text)
    assert message in err.value.message
    assert err.value.field == "nilai"


def test_identitas():
    ident = check_identitas("NIP", "19850101 201001 1 001")
    assert ident.nomor == "198501012010011001" and ident.tanggal_lahir == date(1985, 1, 1)
    assert ident.tmt == date(2010, 1, 1)
    for jenis, nomor, message in [
        ("NIP", "19850101201001100", "NIP harus 18 angka; yang Anda isi 17 angka."),
        ("NIP", "1985010120100110011", "NIP harus 18 angka; yang Anda isi 19 angka."),
        ("NIP", "19851301201001100A", "NIP hanya berisi angka."),
        ("NIP", "198513012010011001", "8 angka pertama harus tanggal lahir"),
        ("NIK", "167101010190000", "NIK harus 16 angka; yang Anda isi 15 angka."),
        ("NIK", "1671019901900001", "NIK tidak sah"),
        ("NIP", "", "NIP wajib diisi."),
    ]:
        with pytest.raises(DomainError) as err:
            check_identitas(jenis, nomor)
        assert message in err.value.message, nomor
    assert check_identitas("NIK", "1671014501900001").jenis == "NIK"  # a woman's NIK: day + 40


def test_date_received_rules():
    today = date(2026, 11, 26)
    ident = check_identitas("NIP", "199001012015031001")  # TMT March 2015
    assert rules.check_tanggal_terima(date(2026, 11, 26), today, ident) == date(2026, 11, 26)
    cases = [(date(2026, 11, 27), "tidak boleh setelah hari ini"),
             (date(2015, 2, 28), "sebelum Anda diangkat sebagai pegawai (TMT 03/2015"),
             (None, "wajib diisi")]
    for d, message in cases:
        with pytest.raises(DomainError) as err:
            rules.check_tanggal_terima(d, today, ident)
        assert message in err.value.message
    with pytest.raises(DomainError) as err:
        rules.check_tanggal_terima(date(1999, 5, 1), today, None)
    assert "UU 20/2001" in err.value.message


# --- thresholds ----------------------------------------------------------------------------------

def test_wedding_threshold_changes_on_20_january_2026(app_ctx):
    v = wajib_lapor("pernikahan", "lainnya", 1_500_000, BEFORE)
    assert v.wajib and v.batas == 1_000_000 and v.dasar == "Peraturan KPK Nomor 2 Tahun 2019"
    assert "melebihi batas Rp1.000.000 per pemberi" in v.alasan
    v = wajib_lapor("pernikahan", "lainnya", 1_500_000, CHANGE)
    assert not v.wajib and v.batas == 1_500_000 and v.dasar == "Peraturan KPK Nomor 1 Tahun 2026"
    assert v.berlaku_mulai == CHANGE
    assert wajib_lapor("pernikahan", "lainnya", 1_500_001, CHANGE).wajib
    assert not wajib_lapor("pernikahan", "rekan_kerja", 1_000_000, BEFORE).wajib  # at the limit: exempt


def test_colleague_thresholds_across_the_change(app_ctx):
    assert wajib_lapor("lainnya", "rekan_kerja", 300_000, BEFORE, bentuk="barang").wajib
    v = wajib_lapor("lainnya", "rekan_kerja", 300_000, CHANGE, bentuk="barang")
    assert not v.wajib and v.batas == 500_000 and v.batas_setahun == 1_500_000
    assert "selama total dari pemberi yang sama dalam setahun tidak lebih dari Rp1.500.000" in v.alasan
    # annual total from the same giver
    assert wajib_lapor("lainnya", "rekan_kerja", 400_000, CHANGE, bentuk="barang", total_setahun=1_600_000).wajib
    assert not wajib_lapor("lainnya", "rekan_kerja", 400_000, CHANGE, bentuk="barang", total_setahun=1_500_000).wajib
    assert wajib_lapor("lainnya", "rekan_kerja", 150_000, BEFORE, bentuk="barang", total_setahun=1_100_000).wajib
    # money is never covered by the colleague exemption
    v = wajib_lapor("lainnya", "rekan_kerja", 50_000, CHANGE, bentuk="uang")
    assert v.wajib and "uang" in v.alasan


def test_farewell_limit_removed_in_2026(app_ctx):
    assert not wajib_lapor("pisah_sambut", "rekan_kerja", 300_000, BEFORE, bentuk="barang").wajib
    v = wajib_lapor("pisah_sambut", "rekan_kerja", 350_000, BEFORE, bentuk="barang")
    assert v.wajib and v.batas == 300_000
    v = wajib_lapor("pisah_sambut", "rekan_kerja", 350_000, CHANGE, bentuk="barang")
    assert not v.wajib and v.batas == 500_000  # now the general colleague limit


def test_relations_and_events_without_a_value_exemption(app_ctx):
    v = wajib_lapor("pernikahan", "rekanan", 100_000, CHANGE)
    assert v.wajib and "konflik kepentingan" in v.alasan and v.batas is None
    assert wajib_lapor("hari_raya", "pengguna_layanan", 50_000, CHANGE).wajib
    assert not wajib_lapor("hari_raya", "keluarga", 50_000_000, CHANGE).wajib
    assert wajib_lapor("kedinasan", "rekan_kerja", 100_000, CHANGE, bentuk="barang").wajib
    assert wajib_lapor("hari_raya", "lainnya", 100_000, CHANGE).wajib
    assert not wajib_lapor("musibah", "lainnya", 1_000_000, CHANGE).wajib
    assert wajib_lapor("musibah", "lainnya", 1_000_001, CHANGE).wajib
    big = wajib_lapor("hari_raya", "lainnya", 10_000_000, CHANGE)
    assert any("Pasal 12B" in c for c in big.catatan)
    with pytest.raises(DomainError):
        wajib_lapor("pesta", "lainnya", 1, CHANGE)
    with pytest.raises(DomainError):
        wajib_lapor("pernikahan", "lainnya", 0, CHANGE)


def test_threshold_table_is_a_setting_with_effective_dates(app_ctx):
    table = [dict(r) for r in rules.BATAS_NILAI_DEFAULT]
    table.append({"berlaku_mulai": "2027-07-01", "dasar": "Peraturan KPK (uji) 2027", "pernikahan_adat": 2_000_000,
                  "musibah": 1_000_000, "rekan_kerja": 500_000, "rekan_kerja_setahun": 1_500_000, "pisah_sambut": None})
    set_setting("gratifikasi.batas_nilai", table)
    db.session.commit()
    assert wajib_lapor("pernikahan", "lainnya", 1_800_000, date(2027, 6, 30)).wajib
    v = wajib_lapor("pernikahan", "lainnya", 1_800_000, date(2027, 7, 1))
    assert not v.wajib and v.dasar == "Peraturan KPK (uji) 2027"
    assert rules.aturan_berlaku(date(2010, 1, 1)).dasar == "Peraturan KPK Nomor 2 Tahun 2019"


# --- deadlines -----------------------------------------------------------------------------------

def test_deadlines_across_nyepi_idul_fitri_and_cuti_bersama(app_ctx):
    # Tue 17 March 2026; off: 18 (cuti Nyepi), 19 (Nyepi), 20 (cuti Idul Fitri), 21-22 (weekend, Idul Fitri),
    # 23-24 (cuti bersama), 3 April (Wafat Yesus Kristus), 1 May (Hari Buruh)
    t = tenggat_pelaporan(date(2026, 3, 17), today=date(2026, 3, 17))
    assert t.upg == date(2026, 4, 8)
    assert t.kpk == date(2026, 5, 7)
    assert t.sisa_hk == 30 and not t.terlambat_upg and not t.terlambat_kpk
    late = tenggat_pelaporan(date(2026, 3, 17), today=date(2026, 4, 9))
    assert late.terlambat_upg and not late.terlambat_kpk
    assert "melewati batas 10 hari kerja" in rules.akibat_terlambat(late)
    very = tenggat_pelaporan(date(2026, 3, 17), today=date(2026, 5, 8))
    assert very.terlambat_kpk and very.sisa_hk == -1
    assert "milik negara" in rules.akibat_terlambat(very)


def test_upg_deadline_never_past_the_30_workdays(app_ctx):
    received = date(2026, 3, 17)
    assert tenggat_teruskan(received, date(2026, 3, 25)) == date(2026, 4, 9)  # 10 HK after UPG receipt
    assert tenggat_teruskan(received, date(2026, 4, 28)) == date(2026, 5, 7)  # capped at the 30 HK


def test_deadlines_follow_the_office_calendar(app_ctx):
    # the admin declares an extra day off (a new SKB): every deadline after it moves one working day
    db.session.add(CalendarDay(tanggal=date(2026, 3, 25), libur=True, keterangan="Cuti bersama tambahan"))
    db.session.commit()
    t = tenggat_pelaporan(date(2026, 3, 17), today=date(2026, 3, 17))
    assert t.upg == date(2026, 4, 9)
