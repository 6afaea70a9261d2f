"""What every conversation uses: the runtime (Flask app + a thread pool for units of work), the user's language,
sending with Telegram's flood control honoured, inline keyboards, links to the website."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from flask import Flask
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import ContextTypes

from bot import texts as T
from bot.i18n import tr
from core import officecache
from core.errors import DomainError
from core.uow import unit_of_work
from core.workdays import local_today

log = logging.getLogger("bot")

IDLE_SECONDS = 30 * 60  # a conversation without an answer this long ends (issue 13)
MAX_TEXT = 4000  # Telegram's message limit is 4096 characters

# what app.py declares as the package's settings (the officers' group, the website's public address)
SETTINGS = {"bot": {"grup_petugas": "", "alamat_situs": ""}}


class Runtime:
    """The Flask app and the pools that run each update's unit of work off the event loop."""

    def __init__(self, flask_app: Flask, workers: int = 8, readers: int = 4):
        self.app = flask_app
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="bot-uow")
        # units of work that only read (a field check, a status lookup) have threads of their own: 100
        # complaints sent at once queue for the database's one writer, and a lookup waits behind none of them
        self.read_pool = ThreadPoolExecutor(readers, thread_name_prefix="bot-baca")
        self._loading: dict[str, asyncio.Future] = {}

    async def uow(self, fn: Callable, *args, **kwargs) -> Any:
        """`fn(*args)` in one unit of work (one transaction) in a worker thread: committed when it returns,
        rolled back when it raises. Return plain values, never ORM objects."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, partial(self._in_uow, fn, args, kwargs))

    async def read(self, fn: Callable, *args, **kwargs) -> Any:
        """`uow` for a `fn` that reads only. (Should it write after all, it is still one unit of work; it
        just waits for the write lock like any other.)"""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.read_pool, partial(self._in_uow, fn, args, kwargs))

    def _in_uow(self, fn, args, kwargs):
        with self.app.app_context(), unit_of_work():
            return fn(*args, **kwargs)

    async def cached(self, name: str, read: Callable[[], Any]) -> Any:
        """`read()`'s value from what the process keeps for the office (core.officecache, one store and one
        freshness for the web and the bot), read in a unit of work when stale. Those who ask while it is
        being read wait for that one read (100 people pressing /start at once make one)."""
        name = "bot:" + name
        hit, value = officecache.fresh(self.app, name)
        if hit:
            return value
        loading = self._loading.get(name)
        if loading is None:
            loading = self._loading[name] = asyncio.ensure_future(self.read(officecache.cached, name, read))
            try:
                return await asyncio.shield(loading)
            finally:
                self._loading.pop(name, None)
        return await asyncio.shield(loading)

    async def settings(self) -> dict:
        """The bot's and the office's settings (kept like every office setting: OFFICE_CACHE_SECONDS)."""
        return await self.cached("settings", _read_settings)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.read_pool.shutdown(wait=False, cancel_futures=True)


def _read_settings() -> dict:
    from core.settings import get_setting, office

    return {**get_setting("bot"), "kantor": office()}


def runtime(context: ContextTypes.DEFAULT_TYPE) -> Runtime:
    return context.application.bot_data["runtime"]


def idle_seconds(context) -> float:
    return context.application.bot_data.get("idle", IDLE_SECONDS)


def lang(context: ContextTypes.DEFAULT_TYPE) -> str:
    data = context.user_data
    return data.get("bahasa", "id") if data is not None else "id"


def t(context: ContextTypes.DEFAULT_TYPE, msgid: str, **values) -> str:
    return tr(lang(context), msgid, **values)


def site_url(settings: dict, path: str) -> str:
    """The website's address for `path`: the bot setting, else the office's site, else the path alone."""
    base = (settings.get("alamat_situs") or settings.get("kantor", {}).get("situs") or "").strip().rstrip("/")
    if base and "://" not in base:
        base = "https://" + base
    return base + path


def office_name(settings: dict) -> str:
    kantor = settings.get("kantor", {})
    return kantor.get("nama") or kantor.get("nama_singkat") or "kantor kami"


# --- keyboards -------------------------------------------------------------------------------------------

def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Rows of (label, callback data); data starting with http is a link button."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=data) if data.startswith(("http://", "https://"))
                                  else InlineKeyboardButton(label, callback_data=data) for label, data in row]
                                 for row in rows])


def short(label: str, n: int = 40) -> str:
    return label if len(label) <= n else label[: n - 1].rstrip() + "…"


# --- sending ---------------------------------------------------------------------------------------------

async def send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, text: str, markup=None, *, tries: int = 3) -> Message | None:
    """Send a message; Telegram's 429 (retry_after) and a dropped connection are retried a few times.
    A message that cannot be sent is logged (without its text) and skipped: the update does not fail."""
    for attempt in range(tries):
        try:
            return await context.bot.send_message(chat_id, text[:MAX_TEXT], reply_markup=markup)
        except RetryAfter as exc:
            await asyncio.sleep(min(retry_seconds(exc), 30))
        except (BadRequest, Forbidden) as exc:  # not worth retrying: a bad message, a user who blocked the bot
            log.warning("pesan tidak terkirim: %s", type(exc).__name__)
            return None
        except (TimedOut, NetworkError) as exc:
            if attempt == tries - 1:
                log.warning("pesan tidak terkirim: %s", type(exc).__name__)
                return None
            await asyncio.sleep(0.5 * (attempt + 1))
        except TelegramError as exc:
            log.warning("pesan tidak terkirim: %s", type(exc).__name__)
            return None
    return None


async def reply(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, markup=None) -> Message | None:
    return await send(context, update.effective_chat.id, text, markup)


async def settle_button(update: Update, context: ContextTypes.DEFAULT_TYPE, chosen: str | None = None) -> None:
    """Answer the button press and take the buttons off its message (showing what was chosen), so an
    old button cannot be pressed again by mistake."""
    query = update.callback_query
    if query is None:
        return
    calls = [query.answer()]
    if query.message is not None and getattr(query.message, "text", None):
        text = query.message.text + (f"\n\n→ {chosen}" if chosen else "")
        calls.append(query.edit_message_text(text[:MAX_TEXT], reply_markup=None))
    # both at once: the person waits for one round trip, not two
    for result in await asyncio.gather(*calls, return_exceptions=True):
        if isinstance(result, TelegramError):
            log.info("tombol tidak dirapikan: %s", type(result).__name__)
        elif isinstance(result, BaseException):
            raise result


async def pick(update: Update, context: ContextTypes.DEFAULT_TYPE, options: dict[str, str]) -> str | None:
    """The value of the pressed button `…:value` when it is one of `options` (the press settled, showing its
    label); None, the press answered as stale, for a button of another question."""
    value = update.callback_query.data.rsplit(":", 1)[-1]
    if value not in options:
        await stale_button(update, context)
        return None
    await settle_button(update, context, t(context, options[value]))
    return value


async def stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    try:
        await query.answer(t(context, T.TOMBOL_LAMA), show_alert=False)
    except TelegramError:
        pass


def retry_seconds(exc: RetryAfter) -> float:
    """RetryAfter.retry_after is an int in v22 (a timedelta later, with a deprecation warning meanwhile)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def domain_call(update: Update, context: ContextTypes.DEFAULT_TYPE, fn: Callable, *args, reads: bool = False,
                      **kwargs):
    """Run `fn` in one unit of work (`reads`: one that only reads, Runtime.read); a DomainError is shown to the
    user (its Indonesian message, or the English catalogue's where it has one) and returns None."""
    rt = runtime(context)
    try:
        return await (rt.read if reads else rt.uow)(fn, *args, **kwargs)
    except DomainError as e:
        await reply(update, context, t(context, e.message))
        return None


# --- input -----------------------------------------------------------------------------------------------

def parse_date(text: str) -> date | None:
    text = (text or "").strip().lower()
    if text in ("hari ini", "today"):
        return local_today()
    if text in ("kemarin", "yesterday"):
        return local_today() - timedelta(days=1)
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def text_of(update: Update) -> str:
    msg = update.effective_message
    return (msg.text or "").strip() if msg is not None else ""


def format_size(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " MB"
    return f"{max(1, n // 1024)} KB"
