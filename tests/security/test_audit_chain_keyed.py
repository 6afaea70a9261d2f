"""Finding 10: the audit chain was a plain SHA-256 chain, so anyone with a copy of the database could delete
a row, recompute every later hash and the counter, and `flask audit verify` passed. The chain is now an
HMAC under a key kept in the instance secrets (outside the database), and `flask audit verify` prints the
head so it can be anchored elsewhere."""
import hashlib
import os
import stat
from pathlib import Path

from sqlalchemy import delete, select, update

from core import audit
from core.extensions import db
from core.models import AuditEvent, Counter


def _events(n: int = 4) -> None:
    for i in range(n):
        audit.record("uji.aksi", "uji", i, {"nomor": i})
    db.session.commit()


def _forge_without_row(victim: int) -> None:
    """What a database writer can do: drop a row, renumber the rest, recompute a plain SHA-256 chain."""
    db.session.execute(delete(AuditEvent).where(AuditEvent.id == victim))
    db.session.commit()
    prev = audit.GENESIS
    rows = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    for new_id, ev in enumerate(rows, 1):
        if ev.id != new_id:
            db.session.execute(update(AuditEvent).where(AuditEvent.id == ev.id).values(id=new_id))
            db.session.commit()
            ev = db.session.get(AuditEvent, new_id)
        ev.prev_hash = prev
        ev.hash = hashlib.sha256(audit.event_payload(ev)).hexdigest()
        prev = ev.hash
    db.session.execute(update(Counter).where(Counter.name == "audit").values(value=len(rows)))
    db.session.commit()


def test_deleted_row_with_recomputed_plain_chain_is_detected(app_ctx, runner):
    _events()
    _forge_without_row(2)
    checked, problem = audit.verify()
    assert problem is not None, "a recomputed SHA-256 chain passed verification"
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "GAGAL" in result.output


def test_verify_prints_the_head_to_anchor(app_ctx, runner):
    _events(3)
    head = db.session.get(AuditEvent, 3)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0
    assert f"#3 {head.hash}" in result.output


def test_anchored_head_must_still_be_in_the_chain(app_ctx, runner):
    _events(3)
    anchor = f"2:{db.session.get(AuditEvent, 2).hash}"
    assert runner.invoke(args=["audit", "verify", "--jangkar", anchor]).exit_code == 0
    # the last rows removed (and the counter lowered): the chain is whole, the anchor is not in it
    db.session.execute(delete(AuditEvent).where(AuditEvent.id >= 2))
    db.session.execute(update(Counter).where(Counter.name == "audit").values(value=1))
    db.session.commit()
    result = runner.invoke(args=["audit", "verify", "--jangkar", anchor])
    assert result.exit_code == 1 and "jangkar" in result.output.lower()


def test_audit_key_lives_in_the_instance_secrets(app):
    path = Path(app.instance_path) / "secrets" / "audit_key"
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with app.app_context():
        ev = audit.record("uji.aksi")
        assert ev.hash != hashlib.sha256(audit.event_payload(ev)).hexdigest()
        db.session.rollback()


def test_upgrade_rekeys_an_existing_plain_chain_and_records_it(tmp_path):
    from flask_migrate import downgrade, upgrade

    from app import create_app
    from tests.conftest import base_config, dispose_app

    app = create_app(base_config(tmp_path, f"sqlite:///{tmp_path / 'lama.db'}"))
    with app.app_context():
        upgrade(revision="0002_pengaduan")  # an install from before the keyed chain
        prev = audit.GENESIS
        for i in range(1, 4):
            ev = AuditEvent(id=i, at=audit.utcnow(), actor="", action="uji.aksi", object_type="uji",
                            object_id=str(i), detail={"nomor": i}, ip="", prev_hash=prev)
            ev.hash = prev = hashlib.sha256(audit.event_payload(ev)).hexdigest()
            db.session.add(ev)
        db.session.add(Counter(name="audit", year=0, value=3))
        db.session.commit()
        old_head = prev

        upgrade()
        db.session.expire_all()
        assert audit.verify() == (4, None)
        rekey = db.session.get(AuditEvent, 4)
        assert rekey.action == "audit.rekey"
        assert rekey.detail["kepala_lama"] == f"#3 {old_head}" and rekey.detail["masalah_lama"] is None

        downgrade(revision="0002_pengaduan")  # back to the plain chain, every row kept
        db.session.expire_all()
        rows = list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
        assert [r.id for r in rows] == [1, 2, 3, 4]
        assert rows[2].hash == old_head
        assert all(r.hash == hashlib.sha256(audit.event_payload(r)).hexdigest() for r in rows)
    dispose_app(app)
