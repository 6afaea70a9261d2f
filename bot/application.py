"""Builds the python-telegram-bot Application: the handlers, the database persistence, updates of different chats
processed concurrently (one chat's in order), the Outbox sender thread and the timer jobs."""
from __future__ import annotations

import asyncio
import gc
import logging
import os
import time

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.ext import (Application, ApplicationBuilder, BaseUpdateProcessor, CallbackQueryHandler, CommandHandler,
                          ContextTypes, MessageHandler, TypeHandler, filters)

from bot import gratifikasi, lapor, status, survei, umum, wbs
from bot import texts as T
from bot.common import IDLE_SECONDS, Runtime, log, send
from bot.httpclient import BotApiRequest
from bot.i18n import tr
from bot.kirim import DrainThread, TelegramChannel, alert_new_complaints
from bot.persistence import DbPersistence
from core.delivery import Sender

DEFAULT_API = "https://api.telegram.org"


def api_urls(base: str | None) -> tuple[str, str]:
    """Bot API and file URLs from TELEGRAM_API_BASE_URL (the server's root, e.g. a local Bot API server or a
    test server); "{token}" is filled in by python-telegram-bot."""
    root = (base or DEFAULT_API).rstrip("/")
    root = root.removesuffix("/bot")
    return root + "/bot{token}", root + "/file/bot{token}"


class PerChatProcessor(BaseUpdateProcessor):
    """Updates of different chats run concurrently; the updates of one chat run one at a time, in order, so a
    quick double tap cannot interleave two steps of the same conversation. (ConversationHandler needs the
    updates of one conversation key one by one; the bot serves private chats only, where the key is the chat.)"""

    def __init__(self, max_concurrent_updates: int = 64):
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}  # chat -> (lock, updates holding or waiting)

    async def do_process_update(self, update: object, coroutine) -> None:
        chat = update.effective_chat.id if isinstance(update, Update) and update.effective_chat else None
        if chat is None:
            await coroutine
            return
        lock, users = self._locks.get(chat, (asyncio.Lock(), 0))
        self._locks[chat] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[chat]
            if users <= 1:
                del self._locks[chat]  # nothing about a chat is kept once its updates are done
            else:
                self._locks[chat] = (lock, users - 1)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def build_application(flask_app: Flask, *, token: str | None = None, api_base: str | None = None,
                      workers: int = 8, concurrent: int = 64, pool: int = 16, persistence_interval: float = 2.0,
                      drain: bool = True, alerts: bool = True, per_second: float | None = 25.0,
                      updater: bool = True, idle_seconds: float = IDLE_SECONDS, warm_start: bool = True
                      ) -> Application:
    # time periods as timedelta (v23's behaviour): RetryAfter.retry_after then warns about nothing
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    # httpx (the uploads' client) logs every request URL at INFO, and the bot token is part of every Bot API URL
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger("httpx").level))
    token = token or flask_app.config.get("TELEGRAM_BOT_TOKEN")
    if not token:
        raise RuntimeError("TELEGRAM_BOT_TOKEN belum diatur.")
    base_url, file_url = api_urls(api_base or flask_app.config.get("TELEGRAM_API_BASE_URL"))
    rt = Runtime(flask_app, workers)
    persistence = DbPersistence(rt, update_interval=persistence_interval, idle_seconds=idle_seconds)
    # bot.httpclient: a tenth of HTTPXRequest's CPU per Bot API call; long polling has a connection of its own
    builder = (ApplicationBuilder().token(token).base_url(base_url).base_file_url(file_url)
               .persistence(persistence).concurrent_updates(PerChatProcessor(concurrent))
               .request(BotApiRequest(connection_pool_size=pool, read_timeout=30, write_timeout=30,
                                      connect_timeout=10, pool_timeout=10))
               .get_updates_request(BotApiRequest(connection_pool_size=1, read_timeout=40, write_timeout=30,
                                                  connect_timeout=10, pool_timeout=10))
               .post_init(_post_init).post_stop(_post_stop).post_shutdown(_post_shutdown))
    if not updater:
        builder = builder.updater(None)
    application = builder.build()
    application.bot_data.update(runtime=rt, drain=drain, alerts=alerts, per_second=per_second, idle=idle_seconds,
                                warm_start=warm_start)
    register(application, idle_seconds)
    return application


def register(application: Application, idle: float = IDLE_SECONDS) -> None:
    application.add_handler(TypeHandler(Update, umum.private_only), group=-2)
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, umum.edited), group=-1)
    for module in (lapor, wbs, survei, status, gratifikasi):
        conversation = module.handler(idle)
        application.add_handler(conversation)
    application.add_handlers([
        CommandHandler("start", umum.start), CallbackQueryHandler(umum.start, pattern=r"^menu:start$"),
        CommandHandler(["bantuan", "help"], umum.bantuan), CallbackQueryHandler(umum.bantuan, pattern=r"^menu:bantuan$"),
        CommandHandler(["bahasa", "language"], umum.bahasa), CallbackQueryHandler(umum.bahasa, pattern=r"^menu:bahasa$"),
        CallbackQueryHandler(umum.on_bahasa, pattern=r"^bahasa:"),
        CommandHandler("batal", umum.batal),
        MessageHandler(filters.COMMAND, umum.unknown_command),
        MessageHandler(filters.ALL, umum.unknown),
        CallbackQueryHandler(umum.unknown),
    ])
    application.add_error_handler(umum.on_error)


# --- lifecycle ---------------------------------------------------------------------------------------------

async def _post_init(application: Application) -> None:
    data = application.bot_data
    rt: Runtime = data["runtime"]
    persistence: DbPersistence = application.persistence
    for chat_id, user_id in persistence.expired:  # idle while the bot was down: say so, as the timeout would
        language = application.user_data.get(user_id, {}).get("bahasa", "id")
        await send(_Context(application), chat_id, tr(language, T.L_KEDALUWARSA))
    persistence.expired.clear()
    if data.get("warm_start"):
        # the first people after a start should not pay for the imports, the settings and the categories
        await rt.settings()
        await rt.cached("pengaduan.kategori", lapor._categories)
        # the app, the libraries and their catalogues live as long as the process: a full collection walking
        # them all took 0.5 s with 100 people at once, every few seconds. Frozen, it walks what came since.
        gc.collect()
        gc.freeze()
    jobs = application.job_queue
    if jobs is not None:
        jobs.run_repeating(_sweep_idle_drafts, interval=60, first=60, name="bot:draf-kedaluwarsa")
        if data.get("alerts"):
            jobs.run_repeating(_alerts, interval=30, first=5, name="bot:grup-petugas")
    if data.get("drain"):
        channel = TelegramChannel(application.bot, asyncio.get_running_loop(), per_second=data.get("per_second"))
        thread = DrainThread(Sender(rt.app, [channel]))
        thread.start()
        data["drain_thread"] = thread


async def _post_stop(application: Application) -> None:
    thread = application.bot_data.pop("drain_thread", None)
    if thread is not None:
        await thread.close()


async def _post_shutdown(application: Application) -> None:
    application.bot_data["runtime"].close()


async def _alerts(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        await context.application.bot_data["runtime"].uow(alert_new_complaints)
    except SQLAlchemyError:  # the database away for a moment: the next run catches up from the bookmark
        log.exception("peringatan grup petugas gagal; dicoba lagi nanti")


async def _sweep_idle_drafts(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drafts restored after a restart have no timeout job: end the ones idle for 30 minutes here."""
    application = context.application
    handler = next(h for h in application.handlers[0] if getattr(h, "name", None) == lapor.KEY)
    timed = {key[-1] for key in handler.timeout_jobs}
    now = time.time()
    for user_id, data in list(application.user_data.items()):
        draft = data.get(lapor.KEY)
        if not draft or user_id in timed or now - draft.get("seen", now) <= application.bot_data["idle"]:
            continue
        data.pop(lapor.KEY, None)
        application.mark_data_for_update_persistence(user_ids=user_id)
        if draft.get("lampiran"):
            await application.bot_data["runtime"].uow(lapor._drop, draft["lampiran"])
        await send(_Context(application), draft["chat"], tr(data.get("bahasa", "id"), T.L_KEDALUWARSA))


class _Context:
    """Just enough of a CallbackContext for bot.common.send outside an update."""

    def __init__(self, application: Application):
        self.application, self.bot = application, application.bot
