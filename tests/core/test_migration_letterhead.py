"""0011_letterhead: a nota dinas stored as "Segera, Rahasia" comes out as Sifat "Segera" and Klasifikasi "Rahasia",
and goes back on downgrade."""
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from core.extensions import db
from tests.core.test_migrations import empty_app  # noqa: F401  (the fixture: a database of its own)


def _below_letterhead() -> None:
    downgrade(revision="0011_letterhead")  # whatever came later first, then this one
    downgrade(revision="-1")


def _rows():
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT * FROM pengaduan_nota_dinas")).mappings().all()


def test_sifat_and_klasifikasi_are_split_and_joined_again(empty_app):  # noqa: F811
    upgrade()
    assert current_app.test_cli_runner().invoke(args=["demo", "seed"]).exit_code == 0
    db.session.remove()
    _below_letterhead()
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE pengaduan_nota_dinas SET sifat = 'Segera, Rahasia'"))
    upgrade()
    [row] = _rows()
    assert (row["sifat"], row["klasifikasi"], row["tembusan"]) == ("Segera", "Rahasia", "")
    _below_letterhead()
    [row] = _rows()
    assert row["sifat"] == "Segera, Rahasia" and "klasifikasi" not in row
    upgrade()
