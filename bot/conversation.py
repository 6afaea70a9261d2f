"""The shape every conversation shares: a 30-minute idle timeout, and polite answers to input that does not
fit the question (text where a button is expected, a photo where text is expected, a sticker, a command)."""
from __future__ import annotations

import warnings
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from bot import texts as T
from bot.common import reply, stale_button, t

# a state's catch-all: anything but a command (commands reach the fallbacks: /batal, or "finish this first")
NOT_COMMAND = ~filters.COMMAND


def conversation(command: str, start, cancel, what: str, states: dict, idle: float, *, cancel_button: str = "",
                 on_busy=None, name: str | None = None, persistent: bool = False) -> ConversationHandler:
    """A conversation started by /`command` or the menu button `menu:<command>`; /batal (or `cancel_button`)
    leaves it; another command or menu button meanwhile is told to finish `what` first; a button of a finished
    question is answered as stale; 30 minutes without an answer end it (its TIMEOUT state)."""
    busy_now = on_busy or busy(what)
    fallbacks = [CommandHandler("batal", cancel),
                 *([CallbackQueryHandler(cancel, pattern=cancel_button)] if cancel_button else []),
                 MessageHandler(filters.COMMAND, busy_now), CallbackQueryHandler(busy_now, pattern=r"^menu:"),
                 CallbackQueryHandler(stale_button)]
    with warnings.catch_warnings():
        # per_message=False is what we want (one conversation per chat, buttons included); PTB warns about it
        warnings.filterwarnings("ignore", message=".*per_message.*", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=[CommandHandler(command, start), CallbackQueryHandler(start, pattern=rf"^menu:{command}$")],
            states=states, fallbacks=fallbacks, conversation_timeout=idle, allow_reentry=True, name=name,
            persistent=persistent)


def catch_all(button_expected: bool, reask: "Reask") -> MessageHandler:
    """The last handler of a state: anything but a command that does not answer the question."""
    return MessageHandler(NOT_COMMAND, wrong_input(button_expected, reask))


Reask = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def wrong_input(button_expected: bool, reask: Reask):
    """A message that does not answer the current question: say what is expected, then ask again. The state
    does not change (the callback returns None)."""
    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        msg = update.effective_message
        if update.callback_query is not None:
            await stale_button(update, context)
            return
        if msg is not None and msg.sticker is not None:
            hint = t(context, T.STIKER) + " " + t(context, T.PILIH_TOMBOL if button_expected else T.HARAP_TEKS)
        elif button_expected:
            hint = t(context, T.PILIH_TOMBOL)
        elif msg is not None and (msg.photo or msg.document):
            hint = t(context, T.BERKAS_BELUM_DIMINTA)
        else:
            hint = t(context, T.HARAP_TEKS)
        await reply(update, context, hint)
        await reask(update, context)
        return
    return callback


def busy(what: str):
    """Another command or menu button in the middle of a conversation: finish or cancel this one first."""
    async def callback(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.callback_query is not None:
            await stale_button(update, context)
        await reply(update, context, t(context, T.DI_PERCAKAPAN, apa=t(context, what)))
    return callback
