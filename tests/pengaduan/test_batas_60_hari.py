"""Overall settlement ≤ 60 calendar days caps every tier (DOMAIN §1): cases nearing day 60 are flagged."""
from datetime import timedelta

from core.extensions import db
from core.uow import unit_of_work
from core.workdays import local_today
from pengaduan import service
from pengaduan.models import Pengaduan
from tests.pengaduan.helpers import submit


def test_near_day_60_is_flagged(app_ctx):
    p, _ = submit()
    today = local_today()
    assert not service.near_60_days(p, today)
    p.tanggal_diterima = today - timedelta(days=52)
    assert service.near_60_days(p, today) and service.calendar_day(p, today) == 53
    p.terbuka = False
    assert not service.near_60_days(p, today)


def test_the_queue_shows_the_flag(app, login_as):
    with app.app_context(), unit_of_work():
        old, _ = submit(judul="Pengaduan lama")
        fresh, _ = submit(judul="Pengaduan baru")
        old.tanggal_diterima = local_today() - timedelta(days=57)
        ids = old.id, fresh.id
    officer = login_as("petugas_pengaduan")
    html = officer.get("/admin/pengaduan").get_data(as_text=True)
    assert html.count("hari-60") == 1 and "hari ke-58 dari 60" in html
    with app.app_context():
        assert db.session.get(Pengaduan, ids[0]).terbuka
    case = officer.get(f"/admin/pengaduan/{ids[0]}").get_data(as_text=True)
    assert "hari ke-58 dari 60" in case and "catat perpanjangan dan alasannya" in case
    assert "hari-60" not in officer.get(f"/admin/pengaduan/{ids[1]}").get_data(as_text=True)
