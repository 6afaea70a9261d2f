"""A new gratifikasi report is told to the UPG by e-mail: to the UPG's own address when set, else to each UPG
officer who did not switch their alerts off; the report's words stay out of it."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.extensions import db
from core.mail import parse
from core.models import Outbox
from core.outbox import recipient_of
from core.settings import set_setting
from gratifikasi import service
from tests.factories import make_user
from tests.gratifikasi.helpers import laporan_input


def _upg_rows() -> dict[str, str]:
    rows = db.session.scalars(select(Outbox).where(Outbox.dedup_key.like("gratifikasi:%:upg%"))).all()
    return {recipient_of(r): parse(r.body)["subjek"] for r in rows}


def test_a_new_report_alerts_each_upg_officer_who_wants_it(app_ctx):
    keen, _ = make_user(["upg"], email="upg1@kantor.go.id")
    quiet, _ = make_user(["upg"], email="upg2@kantor.go.id")
    quiet.kabar_surel = False
    db.session.commit()
    lap, kode = service.submit(laporan_input(tanggal_terima=date(2026, 11, 20)), today=date(2026, 11, 23))
    db.session.commit()
    rows = _upg_rows()
    assert list(rows) == ["upg1@kantor.go.id"] and lap.nomor in rows["upg1@kantor.go.id"]
    bodies = " ".join(db.session.scalars(select(Outbox.body)))
    assert kode not in bodies and "Parsel" not in bodies and "PT Sumber Rejeki" not in bodies


def test_the_upg_address_when_the_office_set_one(app_ctx):
    make_user(["upg"], email="upg1@kantor.go.id")
    set_setting("gratifikasi", {"upg_email": "upg@kantor.go.id"})
    service.submit(laporan_input(tanggal_terima=date(2026, 11, 20)), today=date(2026, 11, 23))
    db.session.commit()
    assert list(_upg_rows()) == ["upg@kantor.go.id"]
