"""/start, /bantuan, /bahasa, /batal outside a conversation, and what is not understood: unknown messages and
commands, edited messages, group chats, errors."""
from __future__ import annotations

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import texts as T
from bot.common import keyboard, log, office_name, reply, runtime, settle_button, site_url, stale_button, t


def menu(context) -> object:
    return keyboard([
        [(t(context, T.MENU_LAPOR), "menu:lapor")],
        [(t(context, T.MENU_STATUS), "menu:status"), (t(context, T.MENU_SURVEI), "menu:survei")],
        [(t(context, T.MENU_WBS), "menu:wbs"), (t(context, T.MENU_GRATIFIKASI), "menu:gratifikasi")],
        [(t(context, T.MENU_BANTUAN), "menu:bantuan"), (t(context, T.MENU_BAHASA), "menu:bahasa")],
    ])


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await settle_button(update, context)
    rt = runtime(context)
    settings = await rt.settings()
    await reply(update, context, t(context, T.START, kantor=office_name(settings), wbs=site_url(settings, "/wbs")),
                menu(context))


async def bantuan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await settle_button(update, context)
    await reply(update, context, t(context, T.BANTUAN), menu(context))


async def bahasa(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await settle_button(update, context)
    await reply(update, context, t(context, T.BAHASA_PILIH),
                keyboard([[("Bahasa Indonesia", "bahasa:id"), ("English", "bahasa:en")]]))


async def on_bahasa(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    choice = update.callback_query.data.split(":", 1)[1]
    if choice not in ("id", "en"):
        await stale_button(update, context)
        return
    await settle_button(update, context)
    if choice == "en":
        context.user_data["bahasa"] = "en"
    else:
        context.user_data.pop("bahasa", None)  # Indonesian is the default: nothing to remember
    await reply(update, context, t(context, T.BAHASA_EN if choice == "en" else T.BAHASA_ID), menu(context))


async def batal(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, t(context, T.TIDAK_ADA_BATAL))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply(update, context, t(context, T.PERINTAH_TIDAK_DIKENAL))


async def unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.callback_query is not None:
        await stale_button(update, context)
        return
    if update.effective_chat is not None:
        await reply(update, context, t(context, T.TIDAK_MENGERTI), menu(context))


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message would be taken as a new answer by the conversations: refuse it, once, and stop there."""
    if update.effective_chat is not None and update.effective_chat.type == "private":
        await reply(update, context, t(context, T.DISUNTING))
    raise ApplicationHandlerStop


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The bot talks to people one by one; in a group (the officers' group too) it only posts alerts."""
    chat = update.effective_chat
    if chat is None or chat.type == "private":
        return
    msg = update.effective_message
    if msg is not None and msg.text and msg.text.startswith("/"):
        try:
            await msg.reply_text(t(context, T.HANYA_PRIBADI))
        except TelegramError:
            pass
    raise ApplicationHandlerStop


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the kind of error (never the update: it may be a WBS report) and apologise to the user."""
    log.error("gagal memproses pembaruan: %s", type(context.error).__name__,
              exc_info=(type(context.error), context.error, context.error.__traceback__))
    if isinstance(update, Update) and update.effective_chat is not None and update.effective_chat.type == "private":
        try:
            await context.bot.send_message(update.effective_chat.id, t(context, T.GANGGUAN))
        except TelegramError:
            pass
