from sqlalchemy import delete, update

from core import audit
from core.extensions import db
from core.models import AuditEvent


def _three_events():
    for i in range(3):
        audit.record("uji.aksi", "uji", i, {"nomor": i, "teks": "ünïcödé ✓"})
    db.session.commit()


def test_chain_verifies(app_ctx, runner):
    _three_events()
    assert audit.verify() == (3, None)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "3 baris" in result.output


def test_edited_row_is_named(app_ctx, runner):
    _three_events()
    db.session.execute(update(AuditEvent).where(AuditEvent.id == 2).values(detail={"nomor": 99}))
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "baris #2" in result.output


def test_removed_row_is_named(app_ctx, runner):
    _three_events()
    db.session.execute(delete(AuditEvent).where(AuditEvent.id == 2))
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "#2" in result.output


def test_removed_last_row_is_noticed(app_ctx, runner):
    _three_events()
    db.session.execute(delete(AuditEvent).where(AuditEvent.id == 3))
    db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "#3" in result.output


def test_recomputed_hash_still_breaks_the_next_link(app_ctx):
    _three_events()
    ev = db.session.get(AuditEvent, 2)
    ev.action = "uji.dipalsukan"
    ev.hash = audit.event_hash(ev)  # a forger who recomputes this row's hash…
    db.session.commit()
    checked, problem = audit.verify()
    assert problem and "#3" in problem  # …still breaks the link of the row after it


def test_audit_page_lists_and_filters(app, login_as):
    client = login_as("admin")
    html = client.get("/admin/audit?aksi=login.").get_data(as_text=True)
    assert "login.success" in html
    html = client.get("/admin/audit?periksa=1").get_data(as_text=True)
    assert "Rantai utuh" in html


def test_audit_page_in_english_names_a_broken_row_in_english(app, login_as):
    english = login_as("admin")
    html = english.get("/admin/audit?periksa=1&lang=en").get_data(as_text=True)
    assert "Audit log" in html and "Check the chain" in html and "Chain intact:" in html and "rows checked." in html
    assert "Log audit" not in html and "Periksa rantai" not in html and "Rantai utuh" not in html
    with app.app_context():
        db.session.execute(update(AuditEvent).where(AuditEvent.id == 1).values(detail={"nomor": 99}))
        db.session.commit()
    html = english.get("/admin/audit?periksa=1").get_data(as_text=True)
    assert "Chain broken: row #1: contents changed (hash does not match)" in html and "isi diubah" not in html
    html = login_as("admin").get("/admin/audit?periksa=1").get_data(as_text=True)  # no ?lang=en: Indonesian
    assert "Rantai rusak: baris #1: isi diubah (hash tidak cocok)" in html and "Chain broken" not in html
