"""audit chain keyed with HMAC-SHA256 under AUDIT_KEY

Revision ID: 0003_audit_hmac
Revises: 0002_pengaduan
Create Date: 2026-12-01 09:00:00

The row format stays; every hash is recomputed under the key (instance/secrets/audit_key, or the AUDIT_KEY
environment variable). The old plain chain is checked first, and one `audit.rekey` row records its head and
any problem found, so a head anchored before the upgrade can still be matched and a break is not laundered.
The payload is frozen here on purpose: a migration must not change with core.audit.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone
from types import SimpleNamespace

import sqlalchemy as sa
from alembic import op
from flask import current_app

revision = '0003_audit_hmac'
# the chain's hashes are recomputed under the key (and back, on downgrade); every row stays
REWRITES = {"audit_event": ["hash", "prev_hash"], "counter": ["value"]}  # + one audit.rekey row
down_revision = '0002_pengaduan'
branch_labels = None
depends_on = None

GENESIS = "0" * 64

audit_event = sa.table(
    "audit_event",
    sa.column("id", sa.Integer), sa.column("at", sa.DateTime(timezone=True)), sa.column("actor_id", sa.Integer),
    sa.column("actor", sa.String), sa.column("action", sa.String), sa.column("object_type", sa.String),
    sa.column("object_id", sa.String), sa.column("detail", sa.JSON), sa.column("ip", sa.String),
    sa.column("prev_hash", sa.String), sa.column("hash", sa.String),
)
counter = sa.table("counter", sa.column("name", sa.String), sa.column("year", sa.Integer),
                   sa.column("value", sa.Integer))


def _payload(row, prev_hash: str) -> bytes:
    at = row.at
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return json.dumps(
        [row.id, at.strftime("%Y-%m-%dT%H:%M:%S.%f"), row.actor_id, row.actor, row.action, row.object_type,
         row.object_id, row.detail or {}, row.ip, prev_hash],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def _plain(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def _keyed(payload: bytes) -> str:
    return hmac.new(current_app.config["AUDIT_KEY"], payload, hashlib.sha256).hexdigest()


def _rows(conn):
    return conn.execute(sa.select(audit_event).order_by(audit_event.c.id)).fetchall()


def _check(rows, digest) -> str | None:
    """The first problem in the chain as it is, or None (the same rules as core.audit.verify)."""
    prev, expected = GENESIS, 1
    for row in rows:
        if row.id != expected:
            return f"baris #{expected} hilang (berikutnya #{row.id})"
        if row.prev_hash != prev or digest(_payload(row, row.prev_hash)) != row.hash:
            return f"baris #{row.id}: rantai atau isi tidak cocok"
        prev, expected = row.hash, row.id + 1
    return None


def _clear_hashes(conn) -> None:
    # hashes are unique: clear them first so a recomputed one never meets an old one mid-way
    conn.execute(audit_event.update().values(hash=sa.cast(audit_event.c.id, sa.String)))


def _rechain(conn, rows, digest) -> str:
    prev = GENESIS
    for row in rows:
        new = digest(_payload(row, prev))
        conn.execute(audit_event.update().where(audit_event.c.id == row.id).values(prev_hash=prev, hash=new))
        prev = new
    return prev


def upgrade():
    conn = op.get_bind()
    rows = _rows(conn)
    if not rows:
        return
    problem = _check(rows, _plain)
    issued = conn.execute(sa.select(counter.c.value).where(counter.c.name == "audit", counter.c.year == 0)).scalar()
    if problem is None and (issued or 0) > rows[-1].id:
        problem = f"baris #{rows[-1].id + 1} sampai #{issued} (terakhir) hilang"
    old_head = f"#{rows[-1].id} {rows[-1].hash}"
    _clear_hashes(conn)
    prev = _rechain(conn, rows, _keyed)
    # The rekey row takes the next number of the counter, so a gap the old chain had stays visible.
    seq = max(issued or 0, rows[-1].id) + 1
    if issued is None:
        conn.execute(counter.insert().values(name="audit", year=0, value=seq))
    else:
        conn.execute(counter.update().where(counter.c.name == "audit", counter.c.year == 0).values(value=seq))
    row = dict(id=seq, at=datetime.now(timezone.utc), actor_id=None, actor="", action="audit.rekey",
               object_type="audit", object_id="", ip="", prev_hash=prev,
               detail={"baris": len(rows), "kepala_lama": old_head, "masalah_lama": problem})
    row["hash"] = _keyed(_payload(SimpleNamespace(**row), prev))
    conn.execute(audit_event.insert().values(**row))


def downgrade():
    conn = op.get_bind()
    rows = _rows(conn)
    _clear_hashes(conn)
    _rechain(conn, rows, _plain)
