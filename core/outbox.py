"""Notifications are written to the Outbox in the same transaction as the change they announce;
a sender (core.delivery: the bot process, a mailer) drains it with retries, so a crash loses none and sends
none twice."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, select

from core.extensions import db
from core.models import Outbox
from core.pii import seal, unseal
from core.workdays import utcnow

CHANNELS = ("telegram", "email")


def enqueue(channel: str, recipient: str, body: str, dedup_key: str, *, anonymous: bool = False,
            not_before: datetime | None = None) -> Outbox | None:
    """Queue a message; the same dedup_key is queued once (e.g. "pengaduan:12:status:3"). `not_before`:
    not sent earlier.

    `anonymous` (WBS): the row keeps only today's date, no time of day; the caller writes it from a daily
    job and names a fixed hour in `not_before` (a delay from now, even a random one, would carry the time
    it was written).
    """
    if channel not in CHANNELS or not recipient:
        return None
    if _queued(dedup_key):
        return None
    row = Outbox(channel=channel, recipient=seal(recipient, "outbox.recipient"), body=body, dedup_key=dedup_key)
    if anonymous:
        row.created_at = row.next_attempt_at = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    if not_before is not None:
        row.next_attempt_at = not_before
    db.session.add(row)
    return row


_SEEN = select(Outbox.__table__.c.id).where(Outbox.__table__.c.dedup_key == bindparam("key"))


def _queued(dedup_key: str) -> bool:
    # the rows this unit of work has added, then the table on the same connection: no flush of the
    # rest of the unit of work just to look up one key
    if any(isinstance(o, Outbox) and o.dedup_key == dedup_key for o in db.session.new):
        return True
    return db.session.connection().execute(_SEEN, {"key": dedup_key}).first() is not None


def recipient_of(row: Outbox) -> str:
    return unseal(row.recipient, "outbox.recipient") or ""


def due(channel: str, limit: int = 50) -> list[Outbox]:
    """Rows a sender may take now (core.delivery claims them; this is the read-only view)."""
    now = utcnow()
    q = (select(Outbox).where(Outbox.channel == channel, Outbox.sent_at.is_(None), Outbox.failed_at.is_(None),
                              Outbox.next_attempt_at <= now, Outbox.attempts < 10,
                              or_(Outbox.claimed_until.is_(None), Outbox.claimed_until < now))
         .order_by(Outbox.id).limit(limit))
    return list(db.session.scalars(q))


def mark_sent(row: Outbox) -> None:
    row.sent_at = utcnow()


def mark_failed(row: Outbox, error: str) -> None:
    row.attempts += 1
    row.last_error = error[:500]
    row.next_attempt_at = utcnow() + timedelta(seconds=min(3600, 30 * 2 ** row.attempts))
