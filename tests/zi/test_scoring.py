"""The LKE arithmetic (DOMAIN §5–6), with hypothesis: sub-area = mean × weight, monotonicity, and the WBK/WBBM
thresholds exactly at their boundaries."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zi import catalogue_data, scoring
from zi.scoring import SKOR_OPSI, Area, SubArea

D = Decimal

JENIS = list(SKOR_OPSI)
bobot = st.decimals(min_value=D("0.25"), max_value=D("15"), places=2)
jawaban = st.sampled_from(JENIS).flatmap(lambda j: st.tuples(st.just(j), st.sampled_from(list(SKOR_OPSI[j]))))


def test_option_scores_are_the_regulation_s():
    assert scoring.skor_opsi("ya_tidak", "Ya") == 1 and scoring.skor_opsi("ya_tidak", "Tidak") == 0
    assert [scoring.skor_opsi("abc", k) for k in "ABC"] == [1, D("0.5"), 0]
    assert [scoring.skor_opsi("abcd", k) for k in "ABCD"] == [1, D("0.67"), D("0.33"), 0]
    assert [scoring.skor_opsi("abcde", k) for k in "ABCDE"] == [1, D("0.75"), D("0.5"), D("0.25"), 0]
    with pytest.raises(ValueError):
        scoring.skor_opsi("abc", "D")


def test_percentages_are_ratios():
    assert scoring.rasio(45, 50) == D("0.9")
    assert scoring.rasio(3, 0) is None
    assert scoring.rasio(7, 5) == 1  # never above 100 %
    assert scoring.penurunan(10, 4) == D("0.6") and scoring.penurunan(4, 10) == 0
    rumus = {"jenis": "rasio", "pembilang": ["4"], "penyebut": ["1", "2", "3"]}
    assert scoring.skor_rumus(rumus, {"1": 1, "2": 6, "3": 3, "4": 8}) == D("0.8")
    assert scoring.skor_rumus(rumus, {"1": 1, "2": 6, "4": 8}) is None  # a count missing


def test_surveys_score_index_over_four_times_17_5():
    assert scoring.nilai_survei(D("3.60")) == D("15.75")
    assert scoring.nilai_survei(D("3.20")) == D("14")
    assert scoring.nilai_survei(None) == 0
    with pytest.raises(ValueError):
        scoring.skor_indeks(D("4.5"))


@given(st.lists(jawaban, min_size=1, max_size=8), bobot)
def test_sub_area_is_mean_of_answers_times_weight(answers, w):
    skor = [scoring.skor_opsi(j, p) for j, p in answers]
    assert scoring.nilai_sub_area(skor, w) == sum(skor) / len(skor) * w
    assert 0 <= scoring.nilai_sub_area(skor, w) <= w


@given(st.lists(jawaban, min_size=1, max_size=8), bobot, st.integers(min_value=0, max_value=7))
def test_an_unanswered_item_counts_as_zero(answers, w, hole):
    skor = [scoring.skor_opsi(j, p) for j, p in answers]
    hole %= len(skor)
    with_none = skor[:hole] + [None] + skor[hole + 1:]
    assert scoring.nilai_sub_area(with_none, w) == scoring.nilai_sub_area(skor[:hole] + [D(0)] + skor[hole + 1:], w)


def _structure(scores: list[list[Decimal | None]]) -> tuple[Area, ...]:
    """The real catalogue's areas and weights, each sub-area's items given `scores` in order."""
    it = iter(scores)
    areas = []
    for a in catalogue_data.AREAS:
        if a["jenis"] != "pengungkit":
            continue
        subs = [SubArea(s["kode"], s["komponen"], D(s["bobot"]), tuple(next(it))) for s in a["sub_area"]]
        areas.append(scoring.nilai_area(a["kode"], a["nama"], D(a["bobot"]), subs))
    return tuple(areas)


def _sizes() -> list[int]:
    return [len(s["pertanyaan"]) for a in catalogue_data.AREAS if a["jenis"] == "pengungkit" for s in a["sub_area"]]


def item_scores():
    score = st.sampled_from([D(0), D("0.25"), D("0.33"), D("0.5"), D("0.67"), D("0.75"), D(1), None])
    return st.tuples(*[st.lists(score, min_size=n, max_size=n) for n in _sizes()]).map(list)


def test_full_marks_make_one_hundred():
    areas = _structure([[D(1)] * n for n in _sizes()])
    assert [a.nilai for a in areas] == [8, 7, 10, 10, 15, 10]
    r = scoring.rekap(areas, scoring.hasil(D(4), D(4), D(1)))
    assert r.pengungkit == 60 and r.hasil.nilai == 40 and r.total == 100
    assert r.wbk.memenuhi and r.wbbm.memenuhi and r.wbk.alasan == []


@settings(max_examples=60, deadline=None)
@given(item_scores(), st.data())
def test_raising_one_answer_never_lowers_a_score(scores, data):
    before = _structure(scores)
    flat = [(i, j) for i, sub in enumerate(scores) for j in range(len(sub))]
    i, j = data.draw(st.sampled_from(flat))
    old = scores[i][j] or D(0)
    new = data.draw(st.sampled_from([v for v in (D("0.33"), D("0.5"), D("0.67"), D("0.75"), D(1)) if v >= old]
                                    or [D(1)]))
    raised = [list(s) for s in scores]
    raised[i][j] = new
    after = _structure(raised)
    assert all(b.nilai <= a.nilai for b, a in zip(before, after))
    assert scoring.pengungkit(before) <= scoring.pengungkit(after)
    h = scoring.hasil(D("3.7"), D("3.7"), D("0.5"))
    r_before, r_after = scoring.rekap(before, h), scoring.rekap(after, h)
    assert r_before.total <= r_after.total
    # a verdict met stays met when an answer improves
    assert not r_before.wbk.memenuhi or r_after.wbk.memenuhi
    assert not r_before.wbbm.memenuhi or r_after.wbbm.memenuhi


@given(st.decimals(min_value=1, max_value=4, places=3), st.decimals(min_value=1, max_value=4, places=3))
def test_a_better_survey_never_lowers_hasil(a, b):
    lo, hi = min(a, b), max(a, b)
    assert scoring.hasil(lo, D(3), 0).nilai <= scoring.hasil(hi, D(3), 0).nilai
    assert scoring.hasil(D(3), lo, 0).nilai <= scoring.hasil(D(3), hi, 0).nilai


# --- thresholds exactly at their boundaries ----------------------------------------------------------

def _area(kode: str, b: str, nilai: Decimal) -> Area:
    """An area whose value is exactly `nilai` (one sub-area, one item)."""
    w = D(b)
    return Area(kode, kode, w, (SubArea(kode + ".P1", "pemenuhan", w, (nilai / w,)),))


def _verdict(predikat, *, total=D(90), pengungkit=D(50), area_ratio=D(1), ipak=D("3.8"), ipkp=D("3.8")):
    areas = [_area(k, w, D(w) * area_ratio) for k, w in (("MP", "8"), ("TL", "7"), ("SDM", "10"), ("AK", "10"),
                                                         ("PW", "15"), ("PP", "10"))]
    return scoring.putusan(predikat, nilai_total=total, nilai_pengungkit=pengungkit, areas=areas, ipak=ipak,
                           ipkp=ipkp)


@pytest.mark.parametrize("predikat", ["WBK", "WBBM"])
def test_total_75_passes_and_74_99_does_not(predikat):
    assert _verdict(predikat, total=D(75)).memenuhi
    v = _verdict(predikat, total=D("74.99"))
    assert not v.memenuhi and v.alasan == ["Nilai total 74,99 di bawah batas minimal 75,00."]


def test_totals_are_read_at_two_decimals_as_the_lke_shows_them():
    assert _verdict("WBK", total=D("74.995")).memenuhi
    assert not _verdict("WBK", total=D("74.9949")).memenuhi


@pytest.mark.parametrize("predikat", ["WBK", "WBBM"])
def test_pengungkit_40_passes_and_39_99_does_not(predikat):
    assert _verdict(predikat, pengungkit=D(40)).memenuhi
    assert not _verdict(predikat, pengungkit=D("39.99")).memenuhi


@given(st.sampled_from([("MP", "8"), ("TL", "7"), ("SDM", "10"), ("AK", "10"), ("PW", "15"), ("PP", "10")]))
def test_every_area_needs_60_percent_for_wbk_and_75_for_wbbm(area):
    kode, w = area
    w = D(w)

    def verdict(predikat, ratio):
        areas = [_area(k, b, D(b)) for k, b in (("MP", "8"), ("TL", "7"), ("SDM", "10"), ("AK", "10"),
                                                ("PW", "15"), ("PP", "10")) if k != kode]
        areas.append(_area(kode, str(w), w * ratio))
        return scoring.putusan(predikat, nilai_total=D(90), nilai_pengungkit=D(50), areas=areas, ipak=D(4),
                               ipkp=D(4))

    assert verdict("WBK", D("0.60")).memenuhi
    assert not verdict("WBK", D("0.60") - D("0.01") / w).memenuhi  # one hundredth of a point short
    assert not verdict("WBBM", D("0.60")).memenuhi
    assert verdict("WBBM", D("0.75")).memenuhi
    assert not verdict("WBBM", D("0.75") - D("0.01") / w).memenuhi


def test_survey_thresholds():
    assert _verdict("WBK", ipak=D("3.60"), ipkp=D("3.20")).memenuhi
    assert not _verdict("WBK", ipak=D("3.59")).memenuhi
    assert not _verdict("WBK", ipkp=D("3.19")).memenuhi
    assert not _verdict("WBBM", ipak=D("3.60"), ipkp=D("3.20")).memenuhi
    assert _verdict("WBBM", ipak=D("3.60"), ipkp=D("3.60")).memenuhi
    assert not _verdict("WBBM", ipkp=D("3.59")).memenuhi
    v = _verdict("WBK", ipak=None)
    assert v.alasan == ["Indeks Persepsi Anti Korupsi (IPAK): belum ada nilai (minimal 3,60)."]


def test_verdict_reasons_name_the_area_and_its_share():
    v = _verdict("WBK", area_ratio=D("0.5"))
    assert not v.memenuhi
    assert "Area PW 7,50 di bawah batas minimal 9,00 (60 % dari bobot 15,00)." in v.alasan
    assert len(v.alasan) == 6
