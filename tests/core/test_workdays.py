from datetime import date, datetime, timedelta, timezone

import pytest

from core import workdays
from core.workdays import WorkCalendar, add_workdays, format_tanggal, format_waktu, workdays_between


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_weekend_is_skipped(cal):
    friday = date(2026, 11, 20)
    assert not cal.is_workday(date(2026, 11, 21)) and not cal.is_workday(date(2026, 11, 22))
    assert cal.next_workday(friday) == date(2026, 11, 23)
    # Received Friday, "≤ 3 HK": Mon, Tue, Wed.
    assert cal.add_workdays(friday, 3) == date(2026, 11, 25)
    assert cal.add_workdays(friday, 0) == friday
    # Received on a Saturday: day 1 is Monday.
    assert cal.add_workdays(date(2026, 11, 21), 1) == date(2026, 11, 23)
    with pytest.raises(ValueError):
        cal.add_workdays(friday, -1)


def test_idul_fitri_and_cuti_bersama_2026(cal):
    # As the holidays package lists them for ID 2026: Nyepi 19 Mar (cuti bersama 18 Mar), Idul Fitri
    # 21–22 Mar (Sat–Sun) with cuti bersama 20, 23 and 24 Mar.
    assert cal.holiday_name(date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert cal.holiday_name(date(2026, 3, 20)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert cal.holiday_name(date(2026, 3, 18)) == "Cuti Bersama Hari Suci Nyepi"
    for d in (18, 19, 20, 23, 24):
        assert not cal.is_workday(date(2026, 3, d))
    assert cal.is_workday(date(2026, 3, 17)) and cal.is_workday(date(2026, 3, 25))
    # Received Tue 17 Mar: the first HK is Wed 25 Mar, the third Fri 27 Mar.
    assert cal.add_workdays(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert cal.add_workdays(date(2026, 3, 17), 3) == date(2026, 3, 27)
    assert cal.workdays_between(date(2026, 3, 17), date(2026, 3, 27)) == 3
    # Cuti bersama Natal (24 Dec) and Natal (25 Dec) 2026.
    assert cal.add_workdays(date(2026, 12, 23), 1) == date(2026, 12, 28)


def test_admin_added_day_off():
    extra = date(2026, 11, 24)
    cal = WorkCalendar(extra_off={extra: "Cuti Bersama tambahan (SKB)"})
    assert cal.holiday_name(extra) == "Cuti Bersama tambahan (SKB)"
    assert not cal.is_workday(extra)
    assert cal.add_workdays(date(2026, 11, 20), 3) == date(2026, 11, 26)
    assert workdays_between(date(2026, 11, 20), date(2026, 11, 26), cal) == 3


def test_admin_removed_holiday():
    # The SKB cancelled cuti bersama on 28 May 2026 (Idul Adha): it becomes a working day.
    cuti = date(2026, 5, 28)
    default = WorkCalendar()
    assert not default.is_workday(cuti)
    cal = WorkCalendar(extra_on={cuti})
    assert cal.is_workday(cuti) and cal.holiday_name(cuti) is None
    assert cal.add_workdays(date(2026, 5, 26), 1) == cuti
    assert default.add_workdays(date(2026, 5, 26), 1) == date(2026, 5, 29)
    # Removing a holiday that falls on a Sunday does not make Sunday a working day.
    assert not WorkCalendar(extra_on={date(2026, 3, 22)}).is_workday(date(2026, 3, 22))


def test_workdays_between_is_antisymmetric(cal):
    a, b = date(2026, 3, 10), date(2026, 4, 10)
    n = cal.workdays_between(a, b)
    assert n > 0
    assert cal.workdays_between(b, a) == -n
    assert cal.workdays_between(a, a) == 0
    for k in (0, 1, 5, 14, 60):
        assert cal.workdays_between(a, cal.add_workdays(a, k)) == k


def test_module_level_helpers_use_default_calendar():
    assert add_workdays(date(2026, 11, 20), 3) == date(2026, 11, 25)
    assert workdays_between(date(2026, 11, 25), date(2026, 11, 20)) == -3


def test_time_helpers():
    now = workdays.utcnow()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)
    local = workdays.to_local(datetime(2026, 11, 26, 17, 30))  # naive = UTC
    assert (local.date(), local.hour) == (date(2026, 11, 27), 0)
    assert isinstance(workdays.local_today(), date)


def test_format_tanggal_and_waktu():
    assert format_tanggal(date(2026, 11, 26)) == "26 November 2026"
    assert format_tanggal(date(2026, 2, 6)) == "6 Februari 2026"
    assert format_tanggal(date(2026, 8, 17)) == "17 Agustus 2026"
    assert format_waktu(datetime(2026, 11, 26, 11, 31, tzinfo=timezone.utc)) == "26 November 2026 18.31 WIB"
