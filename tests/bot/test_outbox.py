"""The Outbox drain (core.delivery) with the Telegram channel against the fake Bot API: claim before send, mark
right after; 429 honoured; a crash re-sends once and loses nothing; two senders never send the same row;
a user who blocked the bot is given up without stopping anything."""
from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.kirim import TelegramChannel
from core import delivery, outbox
from core.delivery import Sender
from core.extensions import db
from core.models import Outbox
from core.workdays import utcnow

CHAT = 6100001


class Clock:
    def __init__(self):
        self.t = utcnow()

    def __call__(self):
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += timedelta(seconds=seconds)


class Crash(BaseException):
    """The process dies (kill -9): nothing after this line of the sender runs."""


class CrashingChannel:
    name = "telegram"

    def __init__(self, inner, row_id: int, *, before_send: bool):
        self.inner, self.row_id, self.before = inner, row_id, before_send

    def send(self, d):
        if d.id == self.row_id and self.before:
            raise Crash
        result = self.inner.send(d)
        if d.id == self.row_id:
            raise Crash  # sent, never marked
        return result


def _queue(app, n: int, chat: int = CHAT, prefix: str = "kabar") -> list[int]:
    with app.app_context():
        rows = [outbox.enqueue("telegram", str(chat), f"{prefix} {i}", f"uji:{prefix}:{i}") for i in range(n)]
        db.session.commit()
        return [r.id for r in rows]


def _channel(bot, **kw):
    kw.setdefault("per_second", None)
    return TelegramChannel(bot.application.bot, bot.loop, **kw)


def _delivered(api) -> Counter:
    return Counter(p["text"] for p in api.sent() if p["text"].startswith(("kabar", "a ", "b ")))


def _row(app, row_id):
    with app.app_context():
        return db.session.get(Outbox, row_id)


def test_429_retry_after_is_honoured(app, bot, api):
    ids = _queue(app, 3)
    api.fail("sendMessage", times=1, code=429, retry_after=7)
    clock = Clock()
    sender = Sender(app, [_channel(bot)], now=clock)
    stats = sender.drain()
    assert stats.sent == 0 and stats.retried == 1 and sender.paused("telegram")
    first = _row(app, ids[0])
    assert first.sent_at is None and first.attempts == 0  # a 429 is not the row's fault
    assert abs((first.next_attempt_at.replace(tzinfo=None) - clock().replace(tzinfo=None)).total_seconds() - 7) < 1
    assert api.count("sendMessage") == 1  # the channel waited: nothing more was tried meanwhile

    clock.advance(3)
    assert sender.drain().sent == 0  # still paused
    clock.advance(5)
    assert sender.drain().sent == 3
    assert set(_delivered(api).values()) == {1}


@pytest.mark.parametrize("before_send", [False, True])
def test_a_crash_resends_once_and_loses_nothing(app, bot, api, before_send):
    ids = _queue(app, 5)
    clock = Clock()
    crashing = Sender(app, [CrashingChannel(_channel(bot), ids[2], before_send=before_send)], now=clock, lease=120)
    with pytest.raises(Crash):
        crashing.drain()
    assert Counter(_delivered(api)) == Counter({"kabar 0": 1, "kabar 1": 1, **({} if before_send else {"kabar 2": 1})})

    restarted = Sender(app, [_channel(bot)], now=clock, lease=120)
    assert restarted.drain().sent == 0  # rows 2–4 are still claimed by the dead sender
    clock.advance(121)
    assert restarted.drain().sent == 3
    sent = _delivered(api)
    assert set(sent) == {f"kabar {i}" for i in range(5)}  # nothing lost
    assert sent["kabar 2"] == (1 if before_send else 2)  # re-sent once only when the send had happened
    assert all(sent[f"kabar {i}"] == 1 for i in (0, 1, 3, 4))
    assert restarted.drain().sent == 0
    with app.app_context():
        assert db.session.scalar(select(Outbox.id).where(Outbox.sent_at.is_(None))) is None


def test_two_senders_never_send_the_same_row(app, bot, api):
    _queue(app, 120, prefix="a")
    _queue(app, 120, chat=CHAT + 1, prefix="b")
    senders = [Sender(app, [_channel(bot)], batch=7) for _ in range(3)]
    threads = [threading.Thread(target=s.drain) for s in senders]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    sent = _delivered(api)
    assert len(sent) == 240 and set(sent.values()) == {1}


def test_blocked_user_is_given_up_and_others_still_served(app, bot, api):
    blocked = _queue(app, 2, chat=CHAT, prefix="kabar-blok")
    _queue(app, 2, chat=CHAT + 5, prefix="kabar")
    api.blocked.add(CHAT)
    sender = Sender(app, [_channel(bot)])
    stats = sender.drain()
    assert stats.sent == 2 and stats.failed == 2
    assert sum(1 for c in api.calls if c.method == "sendMessage" and c.params["chat_id"] == CHAT) == 1  # once: the second row was not even tried
    for row_id in blocked:
        row = _row(app, row_id)
        assert row.failed_at is not None and row.sent_at is None and "403" in row.last_error
    assert sender.drain().claimed == 0  # never retried


def test_errors_and_timeouts_back_off_then_stop_at_the_cap(app, bot, api):
    (row_id,) = _queue(app, 1)
    api.fail("sendMessage", times=99, code=500)
    clock = Clock()
    sender = Sender(app, [_channel(bot, timeout=5)], now=clock, max_attempts=4, backoff=10)
    waits = []
    for _ in range(4):
        stats = sender.drain()
        assert stats.claimed == 1
        row = _row(app, row_id)
        waits.append((row.next_attempt_at.replace(tzinfo=None) - clock().replace(tzinfo=None)).total_seconds())
        clock.advance(10_000)
    assert waits[0] >= 10 and waits[1] >= 20 and waits[2] >= 40  # exponential
    row = _row(app, row_id)
    assert row.failed_at is not None and row.attempts == 4
    assert sender.drain().claimed == 0


def test_a_slow_api_is_a_retry_not_a_hang(app, bot, api):
    (row_id,) = _queue(app, 1)
    api.fail("sendMessage", times=1, code=0, delay=1.5)  # answers, but too late for the channel
    sender = Sender(app, [_channel(bot, timeout=0.5)])
    stats = sender.drain()
    assert stats.retried == 1 and "waktu habis" in _row(app, row_id).last_error


def test_waiting_count(app):
    _queue(app, 3)
    with app.app_context():
        assert delivery.waiting("telegram") == 3 and delivery.waiting("email") == 0
