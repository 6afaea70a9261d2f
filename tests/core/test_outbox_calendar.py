from datetime import date

from core import calendar, outbox
from core.extensions import db
from core.models import CalendarDay, Outbox


def test_outbox_dedups_and_encrypts_recipient(app_ctx):
    assert outbox.enqueue("telegram", "123456789", "Status berubah", "uji:1") is not None
    assert outbox.enqueue("telegram", "123456789", "Status berubah", "uji:1") is None
    db.session.commit()
    row = db.session.query(Outbox).one()
    assert "123456789" not in row.recipient and outbox.recipient_of(row) == "123456789"
    assert [r.id for r in outbox.due("telegram")] == [row.id]
    outbox.mark_failed(row, "timeout")
    db.session.commit()
    assert outbox.due("telegram") == []  # retried later, not at once


def test_admin_day_off_moves_deadlines(app_ctx):
    # Friday 27 Nov 2026 + 1 HK = Monday 30 Nov; declare the Monday a day off -> Tuesday
    assert calendar.add_workdays(date(2026, 11, 27), 1) == date(2026, 11, 30)
    db.session.add(CalendarDay(tanggal=date(2026, 11, 30), libur=True, keterangan="Cuti bersama (SKB)"))
    db.session.commit()
    from flask import g

    g.pop("_calendar", None)
    assert calendar.add_workdays(date(2026, 11, 27), 1) == date(2026, 12, 1)
