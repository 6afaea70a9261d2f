"""The Outbox sender's common core: one drain loop, with a plug-in per channel (Telegram in `bot`, e-mail later).

A row goes through three short transactions, never one long one:
1. **claim** — due rows of one channel, in a batch, get `claimed_until = now + lease` and this sender's
   `claim_token` (and one more attempt) by a conditional UPDATE that only one sender can win, so two
   senders never hold the same row (on PostgreSQL the candidates are also read with SKIP LOCKED);
2. **send** — outside any transaction, through the channel; a sender whose lease is running out stops and
   releases the rest instead of sending them (another sender may hold them by then);
3. **mark** — right after the send, in its own transaction: sent, or retry later (exponential backoff, or
   the channel's own `retry_after`), or given up (a blocked user, the retry cap).

A crash between 2 and 3 leaves the claim to expire, and the row is sent once more: a message is never lost
and never sent twice except in that one case. Nothing here locks a case table.
"""
from __future__ import annotations

import logging
import random
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from flask import Flask
from sqlalchemy import func, or_, select, update

from core.extensions import db
from core.models import Outbox
from core.outbox import recipient_of
from core.uow import unit_of_work
from core.workdays import utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
BATCH = 100
LEASE_SECONDS = 300.0
# stop sending a claimed batch this long before its lease ends: longer than one send may take
LEASE_MARGIN_SECONDS = 60.0
BACKOFF_SECONDS = 30.0
MAX_BACKOFF_SECONDS = 3600.0


@dataclass(frozen=True)
class Delivery:
    """One claimed row, as plain data: channels never see the ORM object or the session."""

    id: int
    channel: str
    recipient: str
    body: str
    dedup_key: str
    attempts: int  # including this one


@dataclass(frozen=True)
class Outcome:
    kind: str  # sent | retry | give_up
    error: str = ""
    after: float | None = None  # retry: not before this many seconds (e.g. Telegram's retry_after)
    pause: float = 0.0  # the whole channel waits this long (flood control is per bot, not per row)
    counts: bool = True  # retry: False gives the attempt back (a 429 is not the row's fault)

    @classmethod
    def sent(cls) -> Outcome:
        return cls("sent")

    @classmethod
    def retry(cls, error: str, *, after: float | None = None, pause: float = 0.0, counts: bool = True) -> Outcome:
        return cls("retry", error, after, pause, counts)

    @classmethod
    def give_up(cls, error: str) -> Outcome:
        return cls("give_up", error)


class Channel(Protocol):
    """A channel plug-in: `name` matches Outbox.channel; `send` delivers one message and says how it went.
    It may raise: an exception counts as a failed attempt to retry later."""

    name: str

    def send(self, delivery: Delivery) -> Outcome: ...


@dataclass
class Stats:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    released: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: Stats) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.released += other.released
        self.errors += other.errors[-5:]


class Sender:
    """Drains the Outbox through the given channels. Safe to run in several processes at once."""

    def __init__(self, app: Flask, channels: Iterable[Channel], *, batch: int = BATCH,
                 lease: float = LEASE_SECONDS, lease_margin: float = LEASE_MARGIN_SECONDS,
                 max_attempts: int = MAX_ATTEMPTS, backoff: float = BACKOFF_SECONDS,
                 max_backoff: float = MAX_BACKOFF_SECONDS, now: Callable[[], datetime] = utcnow):
        self.app = app
        self.channels = {c.name: c for c in channels}
        self.batch, self.lease, self.lease_margin = batch, lease, min(lease_margin, lease / 2)
        self.max_attempts, self.backoff, self.max_backoff = max_attempts, backoff, max_backoff
        self.now = now
        self._paused_until: dict[str, datetime] = {}

    # --- 1. claim --------------------------------------------------------------------------------

    def claim(self, channel: str, limit: int | None = None) -> tuple[str, list[Delivery]]:
        """Take up to `limit` due rows of `channel` for this sender; returns (claim token, rows)."""
        token = secrets.token_hex(16)
        now = self.now()
        free = or_(Outbox.claimed_until.is_(None), Outbox.claimed_until < now)
        with self.app.app_context(), unit_of_work():
            self._give_up_exhausted(channel, now, free)
            q = (select(Outbox.id)
                 .where(Outbox.channel == channel, Outbox.sent_at.is_(None), Outbox.failed_at.is_(None),
                        Outbox.next_attempt_at <= now, Outbox.attempts < self.max_attempts, free)
                 .order_by(Outbox.next_attempt_at, Outbox.id).limit(limit or self.batch))
            if db.engine.dialect.name == "postgresql":
                q = q.with_for_update(skip_locked=True)
            ids = list(db.session.scalars(q))
            if not ids:
                return token, []
            # the condition is checked again by the UPDATE itself: of two senders that read the same ids,
            # only the first to write gets them
            db.session.execute(
                update(Outbox).where(Outbox.id.in_(ids), Outbox.sent_at.is_(None), free)
                .values(claimed_until=now + timedelta(seconds=self.lease), claim_token=token,
                        attempts=Outbox.attempts + 1)
                .execution_options(synchronize_session=False))
            rows = db.session.scalars(select(Outbox).where(Outbox.id.in_(ids), Outbox.claim_token == token)
                                      .order_by(Outbox.next_attempt_at, Outbox.id)).all()
            claimed = [Delivery(r.id, r.channel, recipient_of(r), r.body, r.dedup_key, r.attempts) for r in rows]
        return token, claimed

    def _give_up_exhausted(self, channel: str, now: datetime, free) -> None:
        # rows whose every attempt ended in a crash (claimed, never marked) stop at the cap too
        db.session.execute(
            update(Outbox).where(Outbox.channel == channel, Outbox.sent_at.is_(None), Outbox.failed_at.is_(None),
                                 Outbox.attempts >= self.max_attempts, free)
            .values(failed_at=now, claimed_until=None, claim_token=None,
                    last_error="batas percobaan tercapai (pengirim berhenti sebelum menandai)")
            .execution_options(synchronize_session=False))

    # --- 2. send, 3. mark ------------------------------------------------------------------------

    def run_once(self) -> Stats:
        """One batch per channel that is not paused."""
        stats = Stats()
        for name, channel in self.channels.items():
            if self.paused(name):
                continue
            stats.add(self._send_batch(channel))
        return stats

    def _send_batch(self, channel: Channel) -> Stats:
        stats = Stats()
        token, rows = self.claim(channel.name)
        stats.claimed = len(rows)
        stop_at = self.now() + timedelta(seconds=self.lease - self.lease_margin)
        for i, row in enumerate(rows):
            if self.paused(channel.name) or self.now() >= stop_at:
                stats.released += self._release(rows[i:], token)
                break
            try:
                outcome = channel.send(row)
            except Exception as exc:  # noqa: BLE001 - a plug-in failure is one failed attempt, not the end of the loop
                log.warning("kanal %s: pengiriman %s gagal: %s", channel.name, row.id, type(exc).__name__)
                outcome = Outcome.retry(f"{type(exc).__name__}: {exc}")
            self._mark(row, token, outcome, stats)
        return stats

    def _mark(self, row: Delivery, token: str, outcome: Outcome, stats: Stats) -> None:
        now = self.now()
        mine = (Outbox.id == row.id, Outbox.claim_token == token)
        values: dict = {"claimed_until": None, "claim_token": None}
        if outcome.kind == "sent":
            values.update(sent_at=now, last_error="")
            stats.sent += 1
        elif outcome.kind == "give_up" or (outcome.counts and row.attempts >= self.max_attempts):
            values.update(failed_at=now, last_error=outcome.error[:500])
            stats.failed += 1
        else:
            delay = outcome.after if outcome.after is not None else self._backoff(row.attempts)
            values.update(next_attempt_at=now + timedelta(seconds=delay), last_error=outcome.error[:500])
            if not outcome.counts:
                values["attempts"] = Outbox.attempts - 1
            stats.retried += 1
        if outcome.kind != "sent":
            stats.errors.append(outcome.error[:200])
        if outcome.pause:
            self.pause(row.channel, outcome.pause)
        with self.app.app_context(), unit_of_work():
            db.session.execute(update(Outbox).where(*mine).values(**values)
                               .execution_options(synchronize_session=False))

    def _release(self, rows: list[Delivery], token: str) -> int:
        """Give back claimed rows that were not sent (the attempt they were charged is returned)."""
        if not rows:
            return 0
        with self.app.app_context(), unit_of_work():
            db.session.execute(
                update(Outbox).where(Outbox.id.in_([r.id for r in rows]), Outbox.claim_token == token)
                .values(claimed_until=None, claim_token=None, attempts=Outbox.attempts - 1)
                .execution_options(synchronize_session=False))
        return len(rows)

    def _backoff(self, attempts: int) -> float:
        base = min(self.max_backoff, self.backoff * 2 ** max(0, attempts - 1))
        return base * (1 + random.random() / 10)  # rows that failed together do not return together

    # --- pauses and loops ------------------------------------------------------------------------

    def pause(self, channel: str, seconds: float) -> None:
        until = self.now() + timedelta(seconds=seconds)
        self._paused_until[channel] = max(until, self._paused_until.get(channel, until))

    def paused(self, channel: str) -> bool:
        until = self._paused_until.get(channel)
        return until is not None and self.now() < until

    def drain(self, max_rounds: int | None = None) -> Stats:
        """Send until no channel has a due row left (or every channel with rows is paused)."""
        total, rounds = Stats(), 0
        while max_rounds is None or rounds < max_rounds:
            stats = self.run_once()
            total.add(stats)
            rounds += 1
            if stats.claimed == 0:
                break
        return total

    def run_forever(self, stop: threading.Event, idle: float = 2.0) -> None:
        """The long-running worker: drain, then wait `idle` seconds (or until a pause ends) and look again."""
        while not stop.is_set():
            try:
                stats = self.run_once()
            except Exception:  # the database away for a moment: try again later, do not die
                log.exception("pengiriman outbox gagal; dicoba lagi")
                stats = Stats()
            if stats.claimed == 0 or all(self.paused(n) for n in self.channels):
                for channel in self.channels.values():  # e.g. the e-mail channel drops its SMTP connection
                    getattr(channel, "idle", lambda: None)()
                stop.wait(self._idle_wait(idle))

    def _idle_wait(self, idle: float) -> float:
        now = self.now()
        pauses = [(u - now).total_seconds() for u in self._paused_until.values() if u > now]
        return max(0.05, min([idle, *pauses]))


def waiting(channel: str | None = None) -> int:
    """Rows still to send (not sent, not given up): for a dashboard figure. Inside an app context."""
    q = select(func.count(Outbox.id)).where(Outbox.sent_at.is_(None), Outbox.failed_at.is_(None))
    if channel:
        q = q.where(Outbox.channel == channel)
    return db.session.scalar(q) or 0

