"""Property-based tests of the pure calculators: the IKM (PermenPANRB 14/2017), Rupiah parsing and the
working-day calendar. Bounded example counts keep them well under a minute."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Context, Decimal, localcontext

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core.errors import DomainError
from core.templating import rupiah
from core.workdays import WorkCalendar, add_workdays, default_calendar, workdays_between
from gratifikasi.rules import NILAI_MAKS, parse_rupiah
from skm.calculator import MUTU, UNSUR_KODE, hitung_ikm, jumlahkan

FAST = settings(max_examples=60, deadline=None)

answer = st.integers(min_value=1, max_value=4)
respondent = st.fixed_dictionaries({k: answer for k in UNSUR_KODE})
respondents = st.lists(respondent, min_size=1, max_size=40)


# --- IKM ---------------------------------------------------------------------------------------------------

@FAST
@given(respondents, st.sampled_from(["1/9", "0,111", "0,11"]))
def test_ikm_stays_on_the_scale_and_konversi_is_25_times(rows, metode):
    hasil = hitung_ikm(jumlahkan(rows), metode)
    assert hasil.responden == len(rows)
    assert Decimal("0.99") <= hasil.ikm <= 4  # a rounded weight (0,11 × 9 = 0,99) may sit just under 1
    with localcontext(Context(prec=60)):  # the calculator works at 50 digits; compare at more
        assert abs(hasil.konversi - hasil.ikm * 25) < Decimal("1e-45")
    for u in hasil.unsur:
        assert 1 <= u.nrr <= 4 and u.responden == len(rows)
        with localcontext(Context(prec=50)):
            assert u.nrr == Decimal(sum(r[u.kode] for r in rows)) / len(rows)


@FAST
@given(respondents)
def test_ikm_exact_weight_is_the_mean_of_the_nrr(rows):
    hasil = hitung_ikm(jumlahkan(rows), "1/9")
    with localcontext(Context(prec=60)):
        assert abs(hasil.ikm - sum(u.nrr for u in hasil.unsur) / 9) < Decimal("1e-45")


@FAST
@given(answer, st.integers(min_value=1, max_value=50))
def test_everyone_answering_v_gives_ikm_v(v, n):
    hasil = hitung_ikm(jumlahkan([{k: v for k in UNSUR_KODE}] * n))
    assert hasil.ikm == v and hasil.konversi == 25 * v


@FAST
@given(respondents, st.randoms(use_true_random=False))
def test_ikm_does_not_depend_on_order_or_batching(rows, rnd):
    whole = hitung_ikm(jumlahkan(rows))
    shuffled = list(rows)
    rnd.shuffle(shuffled)
    cut = rnd.randint(0, len(rows))
    a, b = jumlahkan(shuffled[:cut]), jumlahkan(shuffled[cut:])
    summed = {k: (a[k][0] + b[k][0], a[k][1] + b[k][1]) for k in UNSUR_KODE}  # what SUM/COUNT GROUP BY gives
    assert hitung_ikm(summed).ikm == whole.ikm == hitung_ikm(jumlahkan(shuffled)).ikm


@FAST
@given(respondents, st.data())
def test_a_better_answer_never_lowers_the_ikm(rows, data):
    i = data.draw(st.integers(0, len(rows) - 1))
    k = data.draw(st.sampled_from(UNSUR_KODE))
    assume(rows[i][k] < 4)
    better = [dict(r) for r in rows]
    better[i][k] += 1
    assert hitung_ikm(jumlahkan(better)).ikm > hitung_ikm(jumlahkan(rows)).ikm


@FAST
@given(respondents)
def test_mutu_follows_the_konversi_at_two_decimals(rows):
    hasil = hitung_ikm(jumlahkan(rows))
    shown = hasil.konversi.quantize(Decimal("0.01"))
    expected = next((letter for letter, lower, _ in MUTU if shown >= lower), "D")
    assert hasil.mutu == expected


@FAST
@given(st.dictionaries(st.sampled_from(UNSUR_KODE), st.tuples(st.integers(-5, 500), st.integers(-5, 100)),
                       min_size=9, max_size=9))
def test_impossible_sums_are_refused_not_computed(per_unsur):
    possible = all(0 < n and n <= s <= 4 * n for s, n in per_unsur.values())
    try:
        hasil = hitung_ikm(per_unsur)
    except ValueError:
        assert not possible
    else:
        assert possible or hasil.responden == 0 and hasil.ikm is None


# --- Rupiah ------------------------------------------------------------------------------------------------

amount = st.integers(min_value=1, max_value=NILAI_MAKS)


def _grouped(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@FAST
@given(amount)
def test_rupiah_written_every_way_parses_back(n):
    for text in (rupiah(n), str(n), _grouped(n), f"Rp {_grouped(n)}", f"Rp{_grouped(n)},00", f"{_grouped(n)},-",
                 f"IDR {n}", f"rp.{_grouped(n)}", f"  {_grouped(n)}  ", f"Rp\u00a0{_grouped(n)}"):
        assert parse_rupiah(text) == n, text
    assert parse_rupiah(n) == n


@FAST
@given(st.integers(min_value=0, max_value=NILAI_MAKS - 1), st.integers(min_value=0, max_value=99))
def test_sen_round_half_up(n, sen):
    expected = n + (1 if sen >= 50 else 0)
    if expected == 0:
        with pytest.raises(DomainError):
            parse_rupiah(f"{_grouped(n)},{sen:02d}")
    else:
        assert parse_rupiah(f"{_grouped(n)},{sen:02d}") == expected


@FAST
@given(st.integers(min_value=1, max_value=999), st.sampled_from([("juta", 10**6), ("jt", 10**6), ("rb", 10**3),
                                                                 ("ribu", 10**3)]))
def test_words_multiply(n, word):
    name, factor = word
    assert parse_rupiah(f"{n} {name}") == n * factor
    assert parse_rupiah(f"{n},5 {name}") == n * factor + factor // 2


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.text(alphabet="0123456789.,-Rp rbjutaIDR()", max_size=25),
                 st.integers(), st.floats(allow_nan=True, allow_infinity=True)))
def test_any_input_is_a_whole_rupiah_or_a_message(value):
    try:
        n = parse_rupiah(value)
    except DomainError as e:
        assert e.message and e.field == "nilai"
    else:
        assert isinstance(n, int) and 1 <= n <= NILAI_MAKS


@FAST
@given(amount)
def test_negative_and_zero_are_refused(n):
    for text in (f"-{n}", f"-Rp{_grouped(n)}", f"Rp-{_grouped(n)}", "0", "Rp0", "0,00"):
        with pytest.raises(DomainError):
            parse_rupiah(text)


# --- working days ----------------------------------------------------------------------------------------

day = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
span = st.integers(min_value=0, max_value=90)


@FAST
@given(day, span)
def test_add_workdays_lands_on_a_workday_n_workdays_later(d, n):
    cal = default_calendar()
    end = add_workdays(d, n)
    assert end >= d and workdays_between(d, end) == n
    if n:
        assert cal.is_workday(end) and end > d
        assert workdays_between(d, end - timedelta(days=1)) == n - 1  # the first day that counts n
    else:
        assert end == d


@FAST
@given(day, span, span)
def test_add_workdays_is_additive(d, a, b):
    assert add_workdays(add_workdays(d, a), b) == add_workdays(d, a + b)


@FAST
@given(day, day)
def test_workdays_between_is_antisymmetric_and_bounded(a, b):
    n = workdays_between(a, b)
    assert n == -workdays_between(b, a)
    assert abs(n) <= abs((b - a).days)
    assert workdays_between(a, a) == 0


@FAST
@given(day, st.sets(st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 12, 31)), max_size=15),
       st.integers(min_value=1, max_value=40), st.randoms(use_true_random=False))
def test_admin_days_off_are_skipped_and_days_on_only_cancel_holidays(d, off, n, rnd):
    on = {x for x in off if rnd.random() < 0.3}
    cal = WorkCalendar(extra_off={x: "Libur kantor" for x in off - on}, extra_on=on)
    end = cal.add_workdays(d, n)
    assert cal.workdays_between(d, end) == n and cal.is_workday(end)
    for x in off - on:
        assert not cal.is_workday(x)
    for x in on:  # a cancelled holiday is a workday only on a weekday
        assert cal.is_workday(x) == (x.weekday() < 5)
    # never earlier than the plain calendar's answer... unless a cancelled holiday made a day count
    if not on:
        assert end >= add_workdays(d, n)


def test_weekends_are_never_workdays():
    cal = default_calendar()
    rnd = random.Random(7)
    for _ in range(200):
        d = date(2020, 1, 4) + timedelta(days=7 * rnd.randint(0, 800) + rnd.choice([0, 1]))  # a Saturday or Sunday
        assert not cal.is_workday(d)
