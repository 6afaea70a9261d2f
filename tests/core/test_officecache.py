"""The office's settings and calendar, kept per process for a few seconds (core.officecache): a change saved
here shows on the next page, a change saved by another worker within OFFICE_CACHE_SECONDS, a change rolled
back never."""
from __future__ import annotations

import time
from datetime import date

import pytest

from app import create_app
from core.calendar import add_workdays
from core.extensions import db
from core.models import CalendarDay
from core.settings import get_setting, set_setting
from tests.conftest import base_config, dispose_app

SECONDS = 0.5


@pytest.fixture
def app_config() -> dict:
    return {"OFFICE_CACHE_SECONDS": SECONDS}


def _office_name(app, name: str) -> None:
    with app.app_context():
        set_setting("kantor", {"nama": name})
        db.session.commit()


def _home(client) -> str:
    return client.get("/").get_data(as_text=True)


def test_a_change_saved_here_shows_on_the_next_page(app, client):
    _office_name(app, "Kantor Lama Sekali")
    assert "Kantor Lama Sekali" in _home(client)
    _office_name(app, "Kantor Baru Sekali")
    assert "Kantor Baru Sekali" in _home(client)


def test_a_change_rolled_back_is_never_shown(app, client):
    _office_name(app, "Kantor Tetap")
    assert "Kantor Tetap" in _home(client)
    with app.app_context():
        set_setting("kantor", {"nama": "Kantor Batal"})
        assert get_setting("kantor")["nama"] == "Kantor Batal"  # the unit of work reads its own write
        db.session.rollback()
    page = _home(client)
    assert "Kantor Tetap" in page and "Kantor Batal" not in page


def test_another_worker_sees_a_change_within_the_cache_time(app, client, tmp_path, database_url):
    _office_name(app, "Kantor Sebelum")
    assert "Kantor Sebelum" in _home(client)
    other = create_app({**base_config(tmp_path / "lain", database_url), "OFFICE_CACHE_SECONDS": SECONDS})
    try:
        _office_name(other, "Kantor Sesudah")
    finally:
        dispose_app(other)
    time.sleep(SECONDS + 0.1)
    assert "Kantor Sesudah" in _home(client)


def test_a_holiday_added_moves_the_next_deadline_at_once(app):
    monday = date(2026, 3, 2)  # Mon 2 March 2026; no national holiday that week
    with app.app_context():
        assert add_workdays(monday, 1) == date(2026, 3, 3)
    with app.app_context():
        db.session.add(CalendarDay(tanggal=date(2026, 3, 3), libur=True, keterangan="Libur daerah"))
        db.session.commit()
    with app.app_context():
        assert add_workdays(monday, 1) == date(2026, 3, 4)
