"""The IKM calculator (PermenPANRB 14/2017), the sample size and the IPAK/IPKP prediction — pure functions."""
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skm.calculator import (UNSUR_KODE, Prediksi, angka, hitung_ikm, hitung_persepsi, jumlahkan, krejcie_morgan,
                            mutu_dari_konversi, sampel)

CONTOH = [105, 101, 100, 116, 102, 105, 106, 105, 115]  # DOMAIN.md §4, 29 respondents
WEIGHT = {"1/9": Decimal(1) / 9, "0,111": Decimal("0.111"), "0,11": Decimal("0.11")}


def _per_unsur(totals, n):
    return {k: (t, n) for k, t in zip(UNSUR_KODE, totals)}


@pytest.mark.parametrize("metode, konversi, ikm", [("1/9", "91,48", "3,659"), ("0,111", "91,38", "3,655"),
                                                   ("0,11", "90,56", "3,622")])
def test_worked_example_of_the_domain(metode, konversi, ikm):
    h = hitung_ikm(_per_unsur(CONTOH, 29), metode)
    assert h.responden == 29
    assert h.konversi_tampil == konversi
    assert h.ikm_tampil == ikm
    assert (h.mutu, h.kinerja) == ("A", "Sangat Baik")
    assert [u.nrr_tampil for u in h.unsur] == ["3,62", "3,48", "3,45", "4,00", "3,52", "3,62", "3,66", "3,62", "3,97"]
    assert h.metode == metode and metode in h.metode_label.replace("tepat ", "")
    assert h.metode_label in h.ringkasan() and konversi in h.ringkasan()


def test_exact_weight_is_not_rounded_before_display():
    h = hitung_ikm(_per_unsur(CONTOH, 29))
    # 955 ÷ 29 ÷ 9 × 25 = 23875/261 = 91,4750957…: kept unrounded, shown with two decimals
    assert abs(h.konversi - Decimal(23875) / Decimal(261)) < Decimal("1e-20")
    assert h.metode == "1/9" and "1/9" in h.metode_label


def test_weight_method_spellings_and_unknown():
    assert hitung_ikm(_per_unsur(CONTOH, 29), "0.111").metode == "0,111"
    with pytest.raises(ValueError, match="tidak dikenal"):
        hitung_ikm(_per_unsur(CONTOH, 29), "0,1")


def _find_inputs(metode: str, target: str):
    """Respondent count and unsur totals whose IKM konversi shows exactly `target` under `metode`."""
    want = Decimal(target)
    per = WEIGHT[metode] * 25
    for n in range(1, 5000):
        guess = int(want / per * n)
        for s in (guess - 1, guess, guess + 1, guess + 2):
            if not 9 * n <= s <= 36 * n:
                continue
            totals = [s // 9 + (1 if i < s % 9 else 0) for i in range(9)]
            h = hitung_ikm(_per_unsur(totals, n), metode)
            if h.konversi_tampil == angka(want):
                return n, totals
    raise AssertionError(f"no inputs found for {target} ({metode})")


@pytest.mark.parametrize("metode", ["1/9", "0,111", "0,11"])
@pytest.mark.parametrize("shown, mutu, kinerja", [
    ("88.31", "A", "Sangat Baik"), ("88.30", "B", "Baik"),
    ("76.61", "B", "Baik"), ("76.60", "C", "Kurang Baik"),
    ("65.00", "C", "Kurang Baik"), ("64.99", "D", "Tidak Baik"),
])
def test_mutu_boundaries_for_each_weight_method(metode, shown, mutu, kinerja):
    n, totals = _find_inputs(metode, shown)
    h = hitung_ikm(_per_unsur(totals, n), metode)
    assert h.konversi_tampil == shown.replace(".", ",")
    assert (h.mutu, h.kinerja) == (mutu, kinerja), (n, totals, h.konversi)


def test_mutu_reads_the_konversi_at_two_decimals():
    assert mutu_dari_konversi(Decimal("88.305")) == ("A", "Sangat Baik")  # shown as 88,31
    assert mutu_dari_konversi(Decimal("88.3049")) == ("B", "Baik")
    assert mutu_dari_konversi(Decimal("100")) == ("A", "Sangat Baik")
    assert mutu_dari_konversi(Decimal("25")) == ("D", "Tidak Baik")


def test_zero_respondents_is_no_data_never_a_division_by_zero():
    for metode in ("1/9", "0,111", "0,11"):
        h = hitung_ikm({k: (0, 0) for k in UNSUR_KODE}, metode)
        assert not h.ada_data and h.responden == 0
        assert h.mutu is None and h.konversi is None and h.konversi_tampil == "-"
        assert "Belum ada data" in h.pesan and h.metode_label in h.ringkasan()
        assert h.terendah() == []
        assert h.as_dict()["ikm_konversi"] is None


def test_impossible_sums_and_missing_unsur_are_refused():
    with pytest.raises(ValueError, match="tidak ada: U9"):
        hitung_ikm({k: (3, 1) for k in UNSUR_KODE[:8]})
    with pytest.raises(ValueError, match="tidak mungkin"):
        hitung_ikm({**{k: (3, 1) for k in UNSUR_KODE}, "U4": (5, 1)})  # one answer cannot sum to 5
    with pytest.raises(ValueError, match="U2 belum berjawaban"):
        hitung_ikm({**{k: (3, 1) for k in UNSUR_KODE}, "U2": (0, 0)})


def test_sums_from_rows_equal_the_sql_shape():
    rows = [{k: 4 for k in UNSUR_KODE}, {k: 2 for k in UNSUR_KODE}]
    assert jumlahkan(rows) == {k: (6, 2) for k in UNSUR_KODE}
    h = hitung_ikm(jumlahkan(rows))
    assert h.konversi_tampil == "75,00" and h.mutu == "C"


def test_three_lowest_unsur():
    h = hitung_ikm(_per_unsur(CONTOH, 29))
    assert [u.kode for u in h.terendah(3)] == ["U3", "U2", "U5"]


@pytest.mark.parametrize("populasi, n", [(100, 80), (1000, 278), (10_000, 370), (1_000_000, 384), (1, 1)])
def test_krejcie_morgan(populasi, n):
    assert krejcie_morgan(populasi) == n


def test_sample_reached_or_not():
    assert sampel(100, 80).tercapai is True
    s = sampel(1000, 200)
    assert s.tercapai is False and "kurang 78" in s.keterangan and "1.000" in s.keterangan
    assert sampel(None, 10).tercapai is None
    with pytest.raises(ValueError):
        krejcie_morgan(0)


def test_indonesian_number_format():
    assert angka(Decimal("1234567.456")) == "1.234.567,46"
    assert angka(Decimal("91.475")) == "91,48"
    assert angka(384, 0) == "384"
    assert angka(None) == "-"


def test_ipak_ipkp_index_lke_score_and_thresholds():
    ipak = hitung_persepsi("ipak", {"a": (36, 10), "b": (37, 10)}, 10)  # means 3,6 and 3,7 → 3,65
    assert ipak.indeks_tampil == "3,65"
    assert ipak.nilai_lke_tampil == "15,97"  # 3,65 ÷ 4 × 17,5 = 15,96875
    ipkp = hitung_persepsi("ipkp", {"x": (33, 10)}, 10)  # 3,30
    assert ipkp.nilai_lke_tampil == "14,44"
    p = Prediksi(ipak, ipkp)
    assert p.wbk is True and p.wbbm is False
    assert Prediksi(ipak, hitung_persepsi("ipkp", {"x": (36, 10)}, 10)).wbbm is True
    assert Prediksi(hitung_persepsi("ipak", {"a": (359, 100)}, 100), ipkp).wbk is False  # 3,59 < 3,60
    kosong = hitung_persepsi("ipak", {}, 0)
    assert not kosong.ada_data and kosong.memenuhi("WBK") is None and Prediksi(kosong, ipkp).wbk is None


# --- from a published table: NRR per unsur (and n) ------------------------------------------------------

@pytest.mark.parametrize("metode, konversi", [("1/9", "91,48"), ("0,111", "91,38"), ("0,11", "90,56")])
def test_worked_example_from_the_nrrs_shown(metode, konversi):
    from skm.calculator import hitung_ikm_nrr

    shown = {k: Decimal(x.replace(",", ".")) for k, x in zip(UNSUR_KODE, ["3,62", "3,48", "3,45", "4,00", "3,52",
                                                                        "3,62", "3,66", "3,62", "3,97"])}
    h, how = hitung_ikm_nrr(shown, metode, dict.fromkeys(UNSUR_KODE, 29), 2)
    assert h.konversi_tampil == konversi and h.mutu == "A" and [u.jumlah for u in h.unsur] == CONTOH
    assert how.startswith("Jumlah nilai per unsur dipulihkan")
    h, how = hitung_ikm_nrr(shown, metode, None, 2)  # without n: as written, and it says so
    assert h.responden is None and h.ada_data and "seperti tertulis" in how


@given(n=st.integers(1, 99), data=st.data())
def test_the_sum_behind_an_nrr_is_recovered_when_its_decimals_allow(n, data):
    from skm.calculator import pulihkan_jumlah

    total = data.draw(st.integers(n, 4 * n))
    shown = (Decimal(total) / n).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert pulihkan_jumlah(shown, n, 2) == total  # two decimals fix Σ for fewer than 100 respondents
    assert pulihkan_jumlah(shown.quantize(Decimal("1"), rounding="ROUND_HALF_UP"), n, 0) in (None, total)
