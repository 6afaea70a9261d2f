"""/survei — the SKM for a chosen service: the respondent profile, the office's nine questions with their four
labelled answers (skm.service.kuesioner: the office's wording, else skm.vocab's defaults), an optional
suggestion, then skm.service.kirim_respon(sumber="telegram"). Anonymous like the web survey: the answers are
held in memory only (chat_data is never persisted) and no Telegram id is stored with them."""
from __future__ import annotations

import secrets

from telegram import Update
from telegram.ext import (CallbackQueryHandler, ContextTypes, ConversationHandler, MessageHandler,
                          TypeHandler, filters)

from bot import texts as T
from bot.common import keyboard, pick, reply, runtime, settle_button, short, stale_button, t, text_of
from bot.conversation import catch_all, conversation
from core.errors import DomainError

LAYANAN, KODE, JK, USIA, PENDIDIKAN, PEKERJAAN, SOAL, SARAN = range(8)
END = ConversationHandler.END
KEY = "survei"


def _open() -> dict:
    from skm import service

    return {"layanan": [(x.kode, x.nama, x.wajib_kode) for x in service.layanan_aktif()],
            "soal": [(q.kode, q.nama, q.pertanyaan, list(q.label)) for q in service.kuesioner()]}


def _send(kode_layanan: str, s: dict) -> None:
    from skm import service

    layanan = service.layanan_by_kode(kode_layanan)
    service.kirim_respon(layanan, service.ResponBaru(jawaban=s["jawaban"], jenis_kelamin=s["jk"], usia=s["usia"],
                                                     pendidikan=s["pendidikan"], pekerjaan=s["pekerjaan"],
                                                     saran=s.get("saran", "")),
                         sumber="telegram", token=s["token"], kode_sekali=s.get("kode") or None)


# --- questions -------------------------------------------------------------------------------------------

async def ask(state: int, update, context) -> int:
    from skm import vocab

    s = context.chat_data.get(KEY) or {}
    if state == LAYANAN:
        rows = [[(short(nama, 60), f"s:lay:{i}")] for i, (_, nama, _) in enumerate(s["layanan"])]
        await reply(update, context, t(context, T.SV_PILIH), keyboard(rows))
    elif state == KODE:
        await reply(update, context, t(context, T.SV_KODE))
    elif state == JK:
        await reply(update, context, t(context, T.SV_JK),
                    keyboard([[(t(context, label), f"s:jk:{code}") for code, label in vocab.JENIS_KELAMIN.items()]]))
    elif state == USIA:
        await reply(update, context, t(context, T.SV_USIA))
    elif state == PENDIDIKAN:
        items = list(vocab.PENDIDIKAN.items())
        rows = [[(t(context, label), f"s:pend:{code}") for code, label in items[i:i + 3]] for i in range(0, len(items), 3)]
        await reply(update, context, t(context, T.SV_PENDIDIKAN), keyboard(rows))
    elif state == PEKERJAAN:
        items = list(vocab.PEKERJAAN.items())
        rows = [[(t(context, label), f"s:pek:{code}") for code, label in items[i:i + 3]] for i in range(0, len(items), 3)]
        await reply(update, context, t(context, T.SV_PEKERJAAN), keyboard(rows))
    elif state == SOAL:
        i = s["i"]
        _, nama, teks, labels = s["soal"][i]
        rows = [[(f"{v}. {t(context, label)}", f"s:q:{i}:{v}")] for v, label in enumerate(labels, 1)]
        await reply(update, context, t(context, T.SV_PERTANYAAN, i=i + 1, n=len(s["soal"]), unsur=t(context, nama),
                                       teks=t(context, teks)), keyboard(rows))
    elif state == SARAN:
        await reply(update, context, t(context, T.SV_SARAN), keyboard([[(t(context, T.LEWATI), "s:lewati")]]))
    return state


def _survey(context) -> dict | None:
    return context.chat_data.get(KEY)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await settle_button(update, context)
    opened = await runtime(context).read(_open)
    if not opened["layanan"]:
        await reply(update, context, t(context, T.SV_TIDAK_ADA))
        return END
    context.chat_data[KEY] = {**opened, "token": secrets.token_urlsafe(24), "i": 0, "jawaban": {}}
    return await ask(LAYANAN, update, context)


async def on_layanan(update, context) -> int:
    s = _survey(context)
    try:
        kode, nama, wajib_kode = s["layanan"][int(update.callback_query.data.rsplit(":", 1)[1])]
    except (TypeError, ValueError, IndexError):
        await stale_button(update, context)
        return LAYANAN
    await settle_button(update, context, nama)
    s["layanan_kode"], s["wajib_kode"] = kode, wajib_kode
    return await ask(KODE if wajib_kode else JK, update, context)


async def on_kode(update, context) -> int:
    s = _survey(context)
    s["kode"] = text_of(update)[:40]
    if len(s["jawaban"]) == len(s["soal"]):  # asked again after a wrong code: the answers are all there
        return await submit(update, context)
    return await ask(JK, update, context)


def _profile(state: int, next_state: int, field: str, values: dict):
    async def on_button(update, context) -> int:
        value = await pick(update, context, values)
        if value is None:
            return state
        _survey(context)[field] = value
        return await ask(next_state, update, context)
    return on_button


async def on_usia(update, context) -> int:
    from skm import vocab

    text = text_of(update)
    try:
        usia = vocab.bilangan_bulat(text, "Usia", vocab.USIA_MIN, vocab.USIA_MAX)
    except vocab.NilaiSalah:
        await reply(update, context, t(context, T.SV_USIA_SALAH, min=vocab.USIA_MIN, max=vocab.USIA_MAX))
        return USIA
    _survey(context)["usia"] = usia
    return await ask(PENDIDIKAN, update, context)


async def on_soal(update, context) -> int:
    s = _survey(context)
    try:
        _, i, v = update.callback_query.data.rsplit(":", 2)
        i, v = int(i), int(v)
    except ValueError:
        i, v = -1, 0
    if i != s["i"] or not 1 <= v <= 4:  # a button of an earlier question
        await stale_button(update, context)
        return SOAL
    kode, _, _, labels = s["soal"][i]
    await settle_button(update, context, t(context, labels[v - 1]))
    s["jawaban"][kode] = v
    s["i"] += 1
    return await ask(SOAL if s["i"] < len(s["soal"]) else SARAN, update, context)


async def on_saran(update, context) -> int:
    _survey(context)["saran"] = text_of(update)[:2000]
    return await submit(update, context)


async def on_saran_skip(update, context) -> int:
    await settle_button(update, context, t(context, T.LEWATI))
    return await submit(update, context)


async def submit(update, context) -> int:
    s = _survey(context)
    try:
        await runtime(context).uow(_send, s["layanan_kode"], s)
    except DomainError as e:
        await reply(update, context, t(context, e.message))
        if e.field == "kode":
            s["kode"] = None
            return await ask(KODE, update, context)
        context.chat_data.pop(KEY, None)
        return END
    context.chat_data.pop(KEY, None)
    await reply(update, context, t(context, T.SV_TERIMA_KASIH))
    return END


async def cancel(update, context) -> int:
    await settle_button(update, context, t(context, T.BATAL))
    context.chat_data.pop(KEY, None)
    await reply(update, context, t(context, T.SV_BATAL))
    return END


async def expire(update, context) -> int:
    if context.chat_data.pop(KEY, None) is not None and update.effective_chat:
        await reply(update, context, t(context, T.SV_KEDALUWARSA))
    return END


def handler(idle: float) -> ConversationHandler:
    from skm import vocab

    text = filters.TEXT & ~filters.COMMAND
    button = CallbackQueryHandler

    def wrong(state: int, is_button: bool):
        async def reask(update, context):
            if _survey(context):
                await ask(state, update, context)
        return catch_all(is_button, reask)

    states = {
        LAYANAN: [button(on_layanan, pattern=r"^s:lay:"), wrong(LAYANAN, True)],
        KODE: [MessageHandler(text, on_kode), wrong(KODE, False)],
        JK: [button(_profile(JK, USIA, "jk", vocab.JENIS_KELAMIN), pattern=r"^s:jk:"), wrong(JK, True)],
        USIA: [MessageHandler(text, on_usia), wrong(USIA, False)],
        PENDIDIKAN: [button(_profile(PENDIDIKAN, PEKERJAAN, "pendidikan", vocab.PENDIDIKAN),
                            pattern=r"^s:pend:"), wrong(PENDIDIKAN, True)],
        PEKERJAAN: [button(_profile(PEKERJAAN, SOAL, "pekerjaan", vocab.PEKERJAAN), pattern=r"^s:pek:"),
                    wrong(PEKERJAAN, True)],
        SOAL: [button(on_soal, pattern=r"^s:q:"), wrong(SOAL, True)],
        SARAN: [MessageHandler(text, on_saran), button(on_saran_skip, pattern=r"^s:lewati$"), wrong(SARAN, False)],
        ConversationHandler.TIMEOUT: [TypeHandler(Update, expire)],
    }
    return conversation("survei", start, cancel, T.SV_NAMA_PERCAKAPAN, states, idle)
