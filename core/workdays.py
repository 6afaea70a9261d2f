"""Working days (hari kerja, HK) and Jakarta time.

HK = Monday–Friday minus national holidays and cuti bersama, from the `holidays` package, corrected by the
dates an admin adds (extra_off) or removes (extra_on) when the SKB changes.

Counting convention for deadlines ("≤ n HK after receipt"): day 1 is the first working day *after* the
event date, so `add_workdays(d, n)` is the n-th working day strictly after d, and
`workdays_between(d, add_workdays(d, n)) == n`. `add_workdays(d, 0)` is d itself.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from babel.dates import format_date, format_datetime

JAKARTA = ZoneInfo("Asia/Jakarta")
_ONE_DAY = timedelta(days=1)


class WorkCalendar:
    def __init__(self, extra_off: dict[date, str] | None = None, extra_on: set[date] | None = None) -> None:
        # The package computes years lazily, so the calendar stays valid for any year asked about.
        self._holidays = _package_holidays()
        self.extra_off: dict[date, str] = dict(extra_off or {})
        # extra_on cancels a listed holiday; it never turns a Saturday or Sunday into a working day.
        self.extra_on: set[date] = set(extra_on or ())

    def holiday_name(self, d: date) -> str | None:
        """Name of the holiday on d (admin-added days take precedence), or None."""
        if d in self.extra_off:
            return self.extra_off[d]
        if d in self.extra_on:
            return None
        return self._holidays.get(d)

    def holidays_in(self, year: int) -> list[tuple[date, str]]:
        """Every day off in `year` that is not a weekend-only day: the package's plus the admin's."""
        days = {d: name for d, name in self._holidays.items() if d.year == year}
        if not days:  # the package fills a year when first asked about it
            self._holidays.get(date(year, 1, 1))
            days = {d: name for d, name in self._holidays.items() if d.year == year}
        days.update({d: name for d, name in self.extra_off.items() if d.year == year})
        return sorted((d, name) for d, name in days.items() if d not in self.extra_on or d in self.extra_off)

    def is_workday(self, d: date) -> bool:
        return d.weekday() < 5 and self.holiday_name(d) is None

    def next_workday(self, d: date) -> date:
        """The first working day strictly after d."""
        d += _ONE_DAY
        while not self.is_workday(d):
            d += _ONE_DAY
        return d

    def add_workdays(self, d: date, n: int) -> date:
        """The n-th working day after d (see the module docstring); n must be ≥ 0."""
        if n < 0:
            raise ValueError("n must be >= 0")
        for _ in range(n):
            d = self.next_workday(d)
        return d

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b]; negative (−count of (b, a]) when b < a, so it is antisymmetric."""
        if b < a:
            return -self.workdays_between(b, a)
        count, d = 0, a + _ONE_DAY
        while d <= b:
            count += self.is_workday(d)
            d += _ONE_DAY
        return count


@cache
def _package_holidays():
    # shared by every calendar: building the package's tables is the slow part
    return holidays.country_holidays("ID", categories=("public", "government"), language="id")


@cache
def default_calendar() -> WorkCalendar:
    """Package holidays only; the app builds its own calendar with the admin's corrections."""
    return WorkCalendar()


def add_workdays(d: date, n: int, cal: WorkCalendar | None = None) -> date:
    return (cal or default_calendar()).add_workdays(d, n)


def workdays_between(a: date, b: date, cal: WorkCalendar | None = None) -> int:
    return (cal or default_calendar()).workdays_between(a, b)


# --- time -----------------------------------------------------------------------------------------

def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def to_local(dt: datetime) -> datetime:
    """Convert to Jakarta time; a naive datetime is taken as UTC (that is how the database stores them)."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(JAKARTA)


def local_today() -> date:
    return datetime.now(JAKARTA).date()


def format_tanggal(d: date, locale: str = "id") -> str:
    """'26 November 2026' (documents always use Indonesian; pages pass the reader's language)."""
    return format_date(d, "d MMMM y", locale=locale)


def format_waktu(dt: datetime, locale: str = "id") -> str:
    """'26 November 2026 18.31 WIB' (Jakarta time)."""
    pattern = "d MMMM y HH.mm 'WIB'" if locale == "id" else "d MMMM y HH:mm 'WIB'"
    return format_datetime(to_local(dt), pattern, tzinfo=JAKARTA, locale=locale)
