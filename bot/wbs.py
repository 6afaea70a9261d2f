"""/wbs — first the website's anonymous channel; then, if the reporter wants it, a confidential report in the bot:
the 4W+1H questions, optional evidence, sealed by wbs.service.submit_report exactly as the web form does, and
the receipt shown once.

Confidential, not anonymous (Telegram knows the account), so the bot keeps as little as it can: the
conversation lives only in memory (chat_data, never persisted; the handler is not persistent), no chat id,
user id or message is written anywhere, nothing is logged, and the officers' group gets no alert. At the end
the reporter can have the whole exchange, receipt included, deleted from the chat.
"""
from __future__ import annotations

import secrets

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import (CallbackQueryHandler, ContextTypes, ConversationHandler, MessageHandler,
                          TypeHandler, filters)

from bot import berkas
from bot import texts as T
from bot.common import keyboard, pick, runtime, send, settle_button, short, site_url, stale_button, t, text_of
from bot.conversation import NOT_COMMAND, conversation, wrong_input
from core.attachments import MAX_FILES
from core.errors import DomainError

PILIH, JENIS, APA, DIMANA, KAPAN, SIAPA, BAGAIMANA, BUKTI, RINGKASAN, UBAH, SELESAI = range(11)
END = ConversationHandler.END
KEY = "wbs"
TEXT_STATES = {APA: "apa", DIMANA: "dimana", KAPAN: "kapan", SIAPA: "siapa", BAGAIMANA: "bagaimana"}
QUESTIONS = {APA: T.W_APA, DIMANA: T.W_DIMANA, KAPAN: T.W_KAPAN, SIAPA: T.W_SIAPA, BAGAIMANA: T.W_BAGAIMANA}
ORDER = [JENIS, APA, DIMANA, KAPAN, SIAPA, BAGAIMANA, BUKTI, RINGKASAN]
BUTTON_STATES = {PILIH, JENIS, RINGKASAN, UBAH, SELESAI}


def _report(context) -> dict | None:
    return context.chat_data.get(KEY)


async def say(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, markup=None) -> None:
    """Send, and remember the message id (in memory) so the exchange can be deleted from the chat at the end."""
    msg = await send(context, update.effective_chat.id, text, markup)
    r = _report(context)
    if msg is not None and r is not None:
        r["pesan"].append(msg.message_id)


def _remember_incoming(update: Update, context) -> None:
    r, msg = _report(context), update.message
    if r is not None and msg is not None:
        r["pesan"].append(msg.message_id)


async def ask(state: int, update, context) -> int:
    r = _report(context)
    if state == JENIS:
        from wbs.service import JENIS as WBS_JENIS

        await say(update, context, t(context, T.W_JENIS),
                  keyboard([[(t(context, label), f"w:jenis:{key}")] for key, label in WBS_JENIS.items()]))
    elif state in QUESTIONS:
        skip = None if state == APA else keyboard([[(t(context, T.LEWATI), "w:lewati")]])
        await say(update, context, t(context, QUESTIONS[state]), skip)
    elif state == BUKTI:
        await say(update, context, t(context, T.W_BUKTI, n=MAX_FILES),
                  keyboard([[(t(context, T.SELESAI), "w:selesai"), (t(context, T.LEWATI), "w:selesai")]]))
    elif state == RINGKASAN:
        r["ubah"] = False
        await say(update, context, _summary(context, r),
                  keyboard([[(t(context, T.KIRIM), "w:kirim")],
                            [(t(context, T.UBAH), "w:ubah"), (t(context, T.BATAL), "w:batal")]]))
    elif state == UBAH:
        from wbs.service import ELEMENT_LABELS

        rows = [[(t(context, ELEMENT_LABELS[field]), f"w:ubah:{field}")] for field in TEXT_STATES.values()]
        await say(update, context, t(context, T.L_UBAH_APA), keyboard(rows))
    return state


def _summary(context, r: dict) -> str:
    from wbs.service import ELEMENT_LABELS
    from wbs.service import JENIS as WBS_JENIS

    empty = t(context, T.L_KOSONG)
    lines = [t(context, T.W_RINGKASAN), "", f"{t(context, T.L_F_JENIS)}: {t(context, WBS_JENIS[r['jenis']])}"]
    lines += [f"{t(context, ELEMENT_LABELS[f])}: {short(r.get(f) or empty, 600)}" for f in TEXT_STATES.values()]
    lines.append(f"{t(context, T.L_F_LAMPIRAN)}: {t(context, T.L_N_BERKAS, n=len(r['bukti']))}")
    return "\n".join(lines)


def _next(state: int, r: dict) -> int:
    return RINGKASAN if r.get("ubah") else ORDER[ORDER.index(state) + 1]


# --- answers ---------------------------------------------------------------------------------------------

async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await settle_button(update, context)
    rt = runtime(context)
    from wbs import keys
    from wbs.service import NOT_READY

    if not await rt.read(keys.team_ready):
        # said before any question: a report written now could be opened by no one
        await send(context, update.effective_chat.id, t(context, NOT_READY))
        return END
    settings = await rt.settings()
    context.chat_data[KEY] = {"token": secrets.token_urlsafe(24), "pesan": [], "bukti": [], "jenis": "lainnya"}
    _remember_incoming(update, context)
    url = site_url(settings, "/wbs/lapor")
    rows = [[(t(context, T.W_LEWAT_BOT), "w:bot")]]
    if url.startswith("http"):
        rows.append([(t(context, T.W_BUKA_SITUS), url)])
    rows.append([(t(context, T.BATAL), "w:batal")])
    await say(update, context, t(context, T.W_INTRO, url=url), keyboard(rows))
    return PILIH


async def on_bot(update, context) -> int:
    await settle_button(update, context, t(context, T.W_LEWAT_BOT))
    return await ask(JENIS, update, context)


async def on_jenis(update, context) -> int:
    from wbs.service import JENIS as WBS_JENIS

    key = await pick(update, context, WBS_JENIS)
    if key is None:
        return JENIS
    r = _report(context)
    r["jenis"] = key
    return await ask(_next(JENIS, r), update, context)


def _text(state: int):
    async def on_text(update, context) -> int:
        _remember_incoming(update, context)
        r = _report(context)
        r[TEXT_STATES[state]] = text_of(update)
        return await ask(_next(state, r), update, context)
    return on_text


def _skip(state: int):
    async def on_skip(update, context) -> int:
        await settle_button(update, context, t(context, T.LEWATI))
        r = _report(context)
        r[TEXT_STATES[state]] = ""
        return await ask(_next(state, r), update, context)
    return on_skip


async def on_file(update, context) -> int:
    _remember_incoming(update, context)
    r = _report(context)
    done = keyboard([[(t(context, T.SELESAI), "w:selesai")]])
    if len(r["bukti"]) >= MAX_FILES:
        await say(update, context, t(context, T.BERKAS_PENUH, n=MAX_FILES), done)
        return BUKTI
    try:
        data, name = await berkas.download(update, context)
        clean = await runtime(context).read(berkas.inspect, data, name)
    except berkas.Refused as refused:
        await say(update, context, refused.text, done)
        return BUKTI
    except DomainError as e:
        await say(update, context, t(context, e.message), done)
        return BUKTI
    r["bukti"].append(clean)  # checked and stripped of metadata; in memory until sealed
    await say(update, context, t(context, T.BERKAS_OK, nama=clean.original_name, jumlah=len(r["bukti"]), n=MAX_FILES),
              done)
    return BUKTI


async def on_bukti_done(update, context) -> int:
    await settle_button(update, context, t(context, T.L_N_BERKAS, n=len(_report(context)["bukti"])))
    return await ask(RINGKASAN, update, context)


async def on_ubah(update, context) -> int:
    await settle_button(update, context, t(context, T.UBAH))
    return await ask(UBAH, update, context)


async def on_ubah_field(update, context) -> int:
    from wbs.service import ELEMENT_LABELS

    field = await pick(update, context, {f: ELEMENT_LABELS[f] for f in TEXT_STATES.values()})
    if field is None:
        return UBAH
    _report(context)["ubah"] = True
    return await ask(next(s for s, f in TEXT_STATES.items() if f == field), update, context)


def _seal(fields: dict, files: list, token: str) -> str:
    from wbs.service import submit_report

    _report_id, receipt = submit_report(fields, files, sumber="telegram", idempotency_key=token)
    return receipt  # the report id is not kept, not even here


async def on_kirim(update, context) -> int:
    await settle_button(update, context, t(context, T.KIRIM))
    r = _report(context)
    rt = runtime(context)
    fields = {k: r.get(k) or "" for k in ("jenis", *TEXT_STATES.values())}
    try:
        receipt = await rt.uow(_seal, fields, r["bukti"], r["token"])
    except DomainError as e:
        await say(update, context, t(context, e.message))
        return await ask(RINGKASAN, update, context)
    settings = await rt.settings()
    # from here on the bot holds only the ids of the messages to delete
    for k in ("bukti", *TEXT_STATES.values()):
        r.pop(k, None)
    await say(update, context, t(context, T.W_TERKIRIM, resi=receipt, url=site_url(settings, "/wbs/kotak")),
              keyboard([[(t(context, T.W_HAPUS), "w:hapus")]]))
    del receipt
    return SELESAI


async def on_hapus(update, context) -> int:
    r = context.chat_data.pop(KEY, None) or {"pesan": []}
    chat_id = update.effective_chat.id
    ids = sorted(set(r["pesan"]))
    complete = True
    for i in range(0, len(ids), 100):
        try:
            await context.bot.delete_messages(chat_id, ids[i:i + 100])
        except TelegramError:
            complete = False
    try:
        await update.callback_query.answer()
    except TelegramError:
        pass
    await send(context, chat_id, t(context, T.W_DIHAPUS if complete else T.W_HAPUS_SEBAGIAN))
    context.application.drop_chat_data(chat_id)
    return END


async def on_done_other(update, context) -> int:
    """Anything after the receipt ends the WBS conversation (its memory is cleared)."""
    context.chat_data.pop(KEY, None)
    if update.callback_query is not None:
        await stale_button(update, context)
    return END


async def cancel(update, context) -> int:
    await settle_button(update, context, t(context, T.BATAL))
    context.chat_data.pop(KEY, None)
    await send(context, update.effective_chat.id, t(context, T.W_BATAL))
    return END


async def expire(update, context) -> int:
    r = context.chat_data.pop(KEY, None)
    if r is not None and "bukti" in r:  # not yet sent (after sending only the message ids are left)
        await send(context, update.effective_chat.id, t(context, T.W_KEDALUWARSA))
    return END


def handler(idle: float) -> ConversationHandler:
    text = filters.TEXT & ~filters.COMMAND
    button = CallbackQueryHandler

    def wrong(state: int):
        async def reask(update, context):
            if _report(context):
                await ask(state, update, context)
        hint = wrong_input(state in BUTTON_STATES, reask)

        async def callback(update, context):
            _remember_incoming(update, context)  # deleted at the end with the rest
            return await hint(update, context)
        return MessageHandler(NOT_COMMAND, callback)

    states = {
        PILIH: [button(on_bot, pattern=r"^w:bot$"), wrong(PILIH)],
        JENIS: [button(on_jenis, pattern=r"^w:jenis:"), wrong(JENIS)],
        **{s: [MessageHandler(text, _text(s)), *([] if s == APA else [button(_skip(s), pattern=r"^w:lewati$")]),
               wrong(s)] for s in TEXT_STATES},
        BUKTI: [MessageHandler(filters.PHOTO | filters.Document.ALL, on_file),
                button(on_bukti_done, pattern=r"^w:selesai$"), wrong(BUKTI)],
        RINGKASAN: [button(on_kirim, pattern=r"^w:kirim$"), button(on_ubah, pattern=r"^w:ubah$"), wrong(RINGKASAN)],
        UBAH: [button(on_ubah_field, pattern=r"^w:ubah:"), wrong(UBAH)],
        SELESAI: [button(on_hapus, pattern=r"^w:hapus$"), TypeHandler(Update, on_done_other)],
        ConversationHandler.TIMEOUT: [TypeHandler(Update, expire)],
    }
    return conversation("wbs", start, cancel, T.W_NAMA_PERCAKAPAN, states, idle, cancel_button=r"^w:batal$",
                        on_busy=_busy)


async def _busy(update, context) -> None:
    _remember_incoming(update, context)  # the command too is deleted with the rest
    if update.callback_query is not None:
        await stale_button(update, context)
    await say(update, context, t(context, T.DI_PERCAKAPAN, apa=t(context, T.W_NAMA_PERCAKAPAN)))
