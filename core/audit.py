"""Append-only, hash-chained audit log.

Each row carries the hash of the previous one; `flask audit verify` walks the chain and names the first
row that was altered, removed or inserted out of order. The hash is an HMAC under AUDIT_KEY, which lives in
the instance secrets, not in the database: a copy of the database alone cannot be re-chained after a row is
removed. Removing the last rows leaves a whole chain, so the head that `verify` prints is to be written
somewhere the database admin cannot rewrite, and checked later with `--jangkar`.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timezone

from flask import current_app, has_request_context, request
from flask_login import current_user
from sqlalchemy import bindparam, select

from core.errors import N_
from core.extensions import db
from core.models import AuditEvent, Counter
from core.numbering import next_sequence
from core.workdays import utcnow

GENESIS = "0" * 64
# plain SQL on the table through the session's connection: the ORM path cost more than the query
_PREV = select(AuditEvent.__table__.c.hash).where(AuditEvent.__table__.c.id == bindparam("id"))


def _canonical_time(at: datetime) -> str:
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def event_payload(ev: AuditEvent) -> bytes:
    return json.dumps(
        [ev.id, _canonical_time(ev.at), ev.actor_id, ev.actor, ev.action, ev.object_type,
         ev.object_id, ev.detail or {}, ev.ip, ev.prev_hash],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def event_hash(ev: AuditEvent) -> str:
    return hmac.new(current_app.config["AUDIT_KEY"], event_payload(ev), hashlib.sha256).hexdigest()


def record(action: str, object_type: str = "", object_id: object = "", detail: dict | None = None,
           *, actor=None, anonymous: bool = False) -> AuditEvent:
    """Add an audit row to the current transaction. `anonymous` (WBS activity, the move to WBS) keeps the
    address out and the time of day too: the date alone cannot be matched to a request log or another row."""
    if actor is None and has_request_context() and current_user and current_user.is_authenticated:
        actor = current_user
    ip = ""
    if has_request_context() and not anonymous:
        ip = (request.remote_addr or "")[:64]
    seq = next_sequence("audit")  # takes the lock that orders the chain
    if any(isinstance(o, AuditEvent) for o in db.session.new):
        db.session.flush()  # the previous line of this unit of work, not yet written (no autoflush below)
    prev = db.session.connection().execute(_PREV, {"id": seq - 1}).scalar() or GENESIS
    at = utcnow()
    if anonymous:
        at = at.replace(hour=0, minute=0, second=0, microsecond=0)
    ev = AuditEvent(id=seq, at=at, actor_id=getattr(actor, "id", None),
                    actor=getattr(actor, "email", "") or "", action=action, object_type=object_type,
                    object_id=str(object_id or ""), detail=detail or {}, ip=ip, prev_hash=prev)
    ev.hash = event_hash(ev)
    db.session.add(ev)
    return ev


def parse_anchor(text: str) -> tuple[int, str]:
    """ "120:3f9a…" (as `verify` prints it, with or without '#') → (120, "3f9a…")."""
    number, _, digest = text.strip().lstrip("#").replace(" ", ":", 1).partition(":")
    if not number.isdigit() or len(digest) != 64:
        raise ValueError("tulis jangkar sebagai NOMOR:HASH, mis. 120:3f9a…")
    return int(number), digest.lower()


def verify() -> tuple[int, str | None]:
    """Return (rows checked, description of the first problem or None)."""
    checked, problem, _ = verify_chain()
    return checked, problem


def verify_chain(anchor: tuple[int, str] | None = None) -> tuple[int, str | None, tuple[int, str] | None]:
    """(rows checked, first problem or None, head (id, hash) of the whole chain or None). The problem is a
    Message (the page shows it in its language); row numbers go in as text, never grouped like amounts.

    `anchor` is a head printed earlier: that row must still carry that hash.
    """
    prev_hash, expected_id, checked = GENESIS, 1, 0
    anchored = anchor is None
    for ev in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(1000):
        if ev.id != expected_id:
            return checked, N_("baris #%(id)s hilang (berikutnya #%(next)s)", id=str(expected_id), next=str(ev.id)), None
        if ev.prev_hash != prev_hash:
            return checked, N_("baris #%(id)s: rantai terputus (hash sebelumnya tidak cocok)", id=str(ev.id)), None
        if not hmac.compare_digest(event_hash(ev), ev.hash):
            return checked, N_("baris #%(id)s: isi diubah (hash tidak cocok)", id=str(ev.id)), None
        if anchor is not None and ev.id == anchor[0]:
            if ev.hash != anchor[1]:
                return checked, N_("baris #%(id)s tidak sama dengan jangkar yang dicatat", id=str(ev.id)), None
            anchored = True
        prev_hash, expected_id, checked = ev.hash, ev.id + 1, checked + 1
    issued = db.session.scalar(select(Counter.value).where(Counter.name == "audit", Counter.year == 0)) or 0
    if issued >= expected_id:
        return checked, N_("baris #%(id)s sampai #%(last)s (terakhir) hilang", id=str(expected_id), last=str(issued)), None
    if not anchored:
        return checked, N_("baris #%(id)s dari jangkar yang dicatat tidak ada lagi", id=str(anchor[0])), None
    return checked, None, ((expected_id - 1, prev_hash) if checked else None)
