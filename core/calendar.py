"""The office's working-day calendar: the holidays package plus the admin's corrections (CalendarDay)."""
from __future__ import annotations

from datetime import date

from flask import g, has_app_context
from sqlalchemy import select

from core.extensions import db
from core.officecache import cached
from core.models import CalendarDay
from core.workdays import WorkCalendar


def office_calendar() -> WorkCalendar:
    """Cached per request/app context; the admin's days override the package's."""
    if has_app_context() and "_calendar" in g:
        return g._calendar
    cal = cached("calendar", _load)
    if has_app_context():
        g._calendar = cal
    return cal


def _load() -> WorkCalendar:
    rows = db.session.execute(select(CalendarDay.tanggal, CalendarDay.libur, CalendarDay.keterangan)).all()
    return WorkCalendar(extra_off={r.tanggal: r.keterangan or "Libur" for r in rows if r.libur},
                        extra_on={r.tanggal for r in rows if not r.libur})


def add_workdays(d: date, n: int) -> date:
    return office_calendar().add_workdays(d, n)


def workdays_between(a: date, b: date) -> int:
    return office_calendar().workdays_between(a, b)
