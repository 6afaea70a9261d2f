"""The Telegram channel of the Outbox sender (core.delivery), and the officers' group alerts.

The sender runs in a thread of the bot process; each send is scheduled on the bot's event loop and waited
for. Telegram's answers map onto the sender's outcomes: 429 → retry after `retry_after` and pause the whole
channel (flood control is per bot); 403 (the user blocked the bot) or an unknown chat → given up, and
nothing more is tried for that chat in this process; a timeout or a network error → retried with backoff.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import os
import threading
import time
from contextlib import contextmanager

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from bot import texts as T
from bot.common import retry_seconds
from bot.models import BotState
from core.delivery import Delivery, Outcome, Sender
from core.extensions import db
from core.outbox import enqueue
from core.settings import get_setting

GRUP_BOOKMARK = "penanda:grup:pengaduan"


class TelegramChannel:
    name = "telegram"

    def __init__(self, bot: Bot, loop: asyncio.AbstractEventLoop, *, timeout: float = 30.0,
                 per_second: float | None = 25.0):
        self.bot, self.loop, self.timeout = bot, loop, timeout
        self.interval = 1.0 / per_second if per_second else 0.0  # Telegram allows about 30 messages a second
        self._last = 0.0
        self.blocked: set[str] = set()  # chats that blocked the bot: in memory only

    def send(self, d: Delivery) -> Outcome:
        chat = d.recipient.strip()
        if chat in self.blocked:
            return Outcome.give_up("403: pengguna memblokir bot")
        try:
            chat_id = int(chat)
        except ValueError:
            return Outcome.give_up("penerima bukan ID obrolan Telegram")
        if self.interval:
            wait = self._last + self.interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()
        future = asyncio.run_coroutine_threadsafe(self.bot.send_message(chat_id, d.body[:4000]), self.loop)
        try:
            future.result(self.timeout)
        except RetryAfter as exc:
            seconds = retry_seconds(exc)
            return Outcome.retry(f"429: tunggu {seconds:g} detik", after=seconds, pause=seconds, counts=False)
        except Forbidden as exc:
            self.blocked.add(chat)
            return Outcome.give_up(f"403: {exc.message}"[:200])
        except BadRequest as exc:
            if "chat not found" in exc.message.lower() or "user not found" in exc.message.lower():
                return Outcome.give_up(f"400: {exc.message}"[:200])
            return Outcome.retry(f"400: {exc.message}"[:200])
        except (TimedOut, NetworkError) as exc:
            # Telegram may have delivered it before the line dropped: retried, like a crash before the mark
            return Outcome.retry(f"jaringan: {type(exc).__name__}")
        except TelegramError as exc:
            return Outcome.retry(f"telegram: {exc.message}"[:200])
        except concurrent.futures.TimeoutError:
            future.cancel()
            return Outcome.retry("waktu habis")
        return Outcome.sent()


@contextmanager
def open_channel(app):
    """The Telegram channel for `flask outbox kirim` (its bot on an event loop in a thread of its own), or None
    without TELEGRAM_BOT_TOKEN."""
    from bot.application import api_urls

    token = app.config.get("TELEGRAM_BOT_TOKEN")
    if not token:
        yield None
        return
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # as in build_application
    base_url, file_url = api_urls(app.config.get("TELEGRAM_API_BASE_URL"))
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="outbox-telegram", daemon=True)
    thread.start()
    bot = Bot(token, base_url=base_url, base_file_url=file_url)
    try:
        asyncio.run_coroutine_threadsafe(bot.initialize(), loop).result(60)
        yield TelegramChannel(bot, loop)
    finally:
        try:
            asyncio.run_coroutine_threadsafe(bot.shutdown(), loop).result(30)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)
            loop.close()


class DrainThread:
    """core.delivery.Sender.run_forever in a thread, stopped with the bot."""

    def __init__(self, sender: Sender, idle: float = 2.0):
        self.sender, self.idle = sender, idle
        self.stop = threading.Event()
        self.thread = threading.Thread(target=sender.run_forever, args=(self.stop, idle), name="bot-outbox",
                                       daemon=True)

    def start(self) -> None:
        self.thread.start()

    async def close(self) -> None:
        self.stop.set()
        # joined off the loop: the thread may be waiting for a send that needs the loop to finish
        await asyncio.to_thread(self.thread.join, 35)


# --- the officers' group -----------------------------------------------------------------------------------

def alert_new_complaints(limit: int = 200) -> int:
    """Queue "Pengaduan baru: PGD-…" for the officers' group (no content, never WBS) for every complaint since
    the last run, whatever its channel; inside a unit of work. The bookmark starts at the newest complaint when
    a group is set, so an old backlog is not announced to it."""
    from pengaduan import queries

    group = str((get_setting("bot") or {}).get("grup_petugas") or "").strip()
    if not group:
        return 0
    mark = db.session.get(BotState, GRUP_BOOKMARK)
    state = json.loads(mark.isi) if mark is not None else {}
    if state.get("grup") != group:
        value = json.dumps({"grup": group, "id": queries.id_terakhir()})
        if mark is None:
            db.session.add(BotState(kunci=GRUP_BOOKMARK, jenis="penanda", isi=value))
        else:
            mark.isi = value
        return 0
    rows = queries.tiket_baru(int(state.get("id") or 0), limit=limit)
    for pengaduan_id, tiket in rows:
        enqueue("telegram", group, T.GRUP_PENGADUAN_BARU % {"tiket": tiket}, f"pengaduan:{pengaduan_id}:grup:tg")
    if rows:
        mark.isi = json.dumps({"grup": group, "id": rows[-1][0]})
    return len(rows)
