"""/gratifikasi — the "wajib lapor?" helper for employees: the same gratifikasi.rules.wajib_lapor as the web page
(with its dated thresholds), then a link to the web form for the report itself. Nothing is stored."""
from __future__ import annotations

from datetime import date

from telegram import Update
from telegram.ext import (CallbackQueryHandler, ContextTypes, ConversationHandler, MessageHandler,
                          TypeHandler, filters)

from bot import texts as T
from bot.common import (keyboard, parse_date, pick, reply, runtime, settle_button, short, site_url, t,
                        text_of)
from bot.conversation import catch_all, conversation
from core.errors import DomainError
from core.workdays import format_tanggal, local_today

ACARA, HUBUNGAN, BENTUK, NILAI, TANGGAL = range(5)
END = ConversationHandler.END
KEY = "gratifikasi"
BUTTON_STATES = {ACARA, HUBUNGAN, BENTUK}


def _numbered(context, options: dict) -> tuple[str, list]:
    """Long labels in the message, short numbered buttons under it (Telegram cuts long button labels)."""
    lines, rows = [], []
    for i, (key, label) in enumerate(options.items(), 1):
        lines.append(f"{i}. {t(context, label)}")
        rows.append([(short(f"{i}. {t(context, label)}", 45), key)])
    return "\n".join(lines), rows


async def ask(state: int, update, context) -> int:
    from gratifikasi import rules

    if state in BUTTON_STATES:
        question, options, prefix = {ACARA: (T.G_ACARA, rules.ACARA, "g:acara:"),
                                     HUBUNGAN: (T.G_HUBUNGAN, rules.HUBUNGAN, "g:hub:"),
                                     BENTUK: (T.G_BENTUK, rules.BENTUK, "g:bentuk:")}[state]
        listing, rows = _numbered(context, options)
        rows = [[(label, prefix + key)] for [(label, key)] in rows]
        await reply(update, context, t(context, question) + "\n\n" + listing, keyboard(rows))
    elif state == NILAI:
        await reply(update, context, t(context, T.G_NILAI))
    elif state == TANGGAL:
        await reply(update, context, t(context, T.G_TANGGAL), keyboard([[(t(context, T.HARI_INI), "g:hari_ini")]]))
    return state


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await settle_button(update, context)
    context.chat_data[KEY] = {}
    return await ask(ACARA, update, context)


def _button(state: int, field: str, next_state):
    async def on_button(update, context) -> int:
        from gratifikasi import rules

        g = context.chat_data.get(KEY)
        key = await pick(update, context, {ACARA: rules.ACARA, HUBUNGAN: rules.HUBUNGAN, BENTUK: rules.BENTUK}[state])
        if key is None or g is None:
            return state
        g[field] = key
        return await ask(next_state(g), update, context)
    return on_button


def _check_value(text: str) -> int:
    from gratifikasi import rules

    return rules.parse_rupiah(text)


async def on_nilai(update, context) -> int:
    try:
        context.chat_data[KEY]["nilai"] = await runtime(context).read(_check_value, text_of(update))
    except DomainError as e:
        await reply(update, context, t(context, e.message))
        return NILAI
    return await ask(TANGGAL, update, context)


def _verdict(g: dict, today: date) -> dict:
    from gratifikasi import rules

    day = date.fromisoformat(g["tanggal"])
    v = rules.wajib_lapor(g["acara"], g["hubungan"], g["nilai"], day, bentuk=g.get("bentuk"))
    due = rules.tenggat_pelaporan(day, today)
    return {"judul": v.judul, "alasan": v.alasan, "dasar": v.dasar, "catatan": list(v.catatan), "wajib": v.wajib,
            "upg": due.upg.isoformat(), "kpk": due.kpk.isoformat()}


async def decide(update, context, day: date) -> int:
    if day > local_today():
        await reply(update, context, t(context, T.TANGGAL_DEPAN))
        return TANGGAL
    g = context.chat_data.get(KEY)
    g["tanggal"] = day.isoformat()
    rt = runtime(context)
    try:
        v = await rt.read(_verdict, g, local_today())
    except DomainError as e:
        await reply(update, context, t(context, e.message))
        context.chat_data.pop(KEY, None)
        return END
    settings = await rt.settings()
    locale = "en" if context.user_data.get("bahasa") == "en" else "id"
    url = site_url(settings, "/gratifikasi/lapor")
    lines = [t(context, v["judul"]), "", t(context, v["alasan"]), "", t(context, T.G_DASAR, dasar=v["dasar"])]
    lines += [f"• {t(context, c)}" for c in v["catatan"]]
    lines.append("")
    if v["wajib"]:
        lines.append(t(context, T.G_LAPOR, batas=format_tanggal(date.fromisoformat(v["upg"]), locale),
                       batas_kpk=format_tanggal(date.fromisoformat(v["kpk"]), locale), url=url))
    else:
        lines.append(t(context, T.G_TIDAK_WAJIB, url=site_url(settings, "/gratifikasi/wajib-lapor")))
    context.chat_data.pop(KEY, None)
    await reply(update, context, "\n".join(lines))
    return END


async def on_tanggal(update, context) -> int:
    day = parse_date(text_of(update))
    if day is None:
        await reply(update, context, t(context, T.TANGGAL_SALAH))
        return TANGGAL
    return await decide(update, context, day)


async def on_hari_ini(update, context) -> int:
    await settle_button(update, context, t(context, T.HARI_INI))
    return await decide(update, context, local_today())


async def cancel(update, context) -> int:
    await settle_button(update, context)
    context.chat_data.pop(KEY, None)
    await reply(update, context, t(context, T.G_BATAL))
    return END


async def expire(update, context) -> int:
    context.chat_data.pop(KEY, None)
    return END


def handler(idle: float) -> ConversationHandler:
    text = filters.TEXT & ~filters.COMMAND
    button = CallbackQueryHandler

    def wrong(state: int):
        async def reask(update, context):
            if context.chat_data.get(KEY) is not None:
                await ask(state, update, context)
        return catch_all(state in BUTTON_STATES, reask)

    states = {
        ACARA: [button(_button(ACARA, "acara", lambda g: HUBUNGAN), pattern=r"^g:acara:"), wrong(ACARA)],
        HUBUNGAN: [button(_button(HUBUNGAN, "hubungan",
                                  lambda g: BENTUK if g.get("hubungan") == "rekan_kerja" else NILAI),
                          pattern=r"^g:hub:"), wrong(HUBUNGAN)],
        BENTUK: [button(_button(BENTUK, "bentuk", lambda g: NILAI), pattern=r"^g:bentuk:"),
                 wrong(BENTUK)],
        NILAI: [MessageHandler(text, on_nilai), wrong(NILAI)],
        TANGGAL: [MessageHandler(text, on_tanggal), button(on_hari_ini, pattern=r"^g:hari_ini$"), wrong(TANGGAL)],
        ConversationHandler.TIMEOUT: [TypeHandler(Update, expire)],
    }
    return conversation("gratifikasi", start, cancel, T.G_NAMA_PERCAKAPAN, states, idle)
