"""/status NOMOR KODE — the complaint as its reporter sees it on the web: the same status words
(pengaduan.workflow.PUBLIC_LABEL through pengaduan.service.public_view), the public history, the latest answer.

Ticket and code are checked by pengaduan.service.find_for_reporter (one message for every failure); guessing
is limited per Telegram user, under an HMAC key, like the web's tracking budget. Nothing is kept afterwards.
"""
from __future__ import annotations

from datetime import date

from limits import parse as parse_limit
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from telegram import Update
from telegram.ext import (ContextTypes, ConversationHandler, MessageHandler,
                          filters)

from bot import texts as T
from bot.common import domain_call, reply, runtime, settle_button, site_url, t, text_of
from bot.conversation import catch_all, conversation
from core.crypto import keyed_hash
from core.workdays import format_tanggal, to_local

WAIT = 0
END = ConversationHandler.END
MAX_RIWAYAT = 8


class Budget:
    """The tracking guess budget (RATELIMIT_TRACKING) per Telegram user; the key is an HMAC of the id."""

    def __init__(self, config: dict):
        self.limit = parse_limit(config["RATELIMIT_TRACKING"])
        self.limiter = MovingWindowRateLimiter(storage_from_string(config["RATELIMIT_STORAGE_URI"]))
        self.secret = config["RATE_KEY_SECRET"]
        self.enabled = config.get("RATELIMIT_ENABLED", True)

    def spend(self, user_id: int) -> bool:
        if not self.enabled:
            return True
        return self.limiter.hit(self.limit, "bot-lacak", keyed_hash(self.secret, f"tg:{user_id}"))


def _budget(context) -> Budget:
    data = context.application.bot_data
    if "budget" not in data:
        data["budget"] = Budget(runtime(context).app.config)
    return data["budget"]


def _lookup(tiket: str, kode: str) -> dict:
    from pengaduan import service

    p = service.find_for_reporter(tiket, kode)
    view = service.public_view(p)
    return {
        "tiket": view.tiket, "judul": view.judul, "status": view.status, "label": view.status_label,
        "batas": view.batas_berikutnya.isoformat() if view.batas_berikutnya else None,
        "unit": view.diteruskan_ke, "unit_en": view.diteruskan_ke_en,
        "jawaban": view.jawaban, "alasan": view.alasan_tolak, "rujukan": view.rujukan,
        "dialihkan_ke": view.dialihkan_ke,
        "dialihkan_tanggal": view.dialihkan_tanggal.isoformat() if view.dialihkan_tanggal else None,
        "riwayat": [(to_local(r["waktu"]).date().isoformat(), r["status"], r["keterangan"]) for r in view.riwayat],
    }


def render(context, v: dict, lacak: str) -> str:
    locale = "en" if context.user_data.get("bahasa") == "en" else "id"

    def day(iso: str) -> str:
        return format_tanggal(date.fromisoformat(iso), locale)

    lines = [t(context, T.ST_JUDUL, tiket=v["tiket"], judul=v["judul"]),
             t(context, T.ST_STATUS, status=t(context, v["label"]))]
    if v["batas"]:
        lines.append(t(context, T.ST_BATAS, tanggal=day(v["batas"])))
    if v["unit"]:
        lines.append(t(context, T.ST_DITERUSKAN, unit=locale == "en" and v.get("unit_en") or v["unit"]))
    if v["status"] == "ditolak":
        lines.append(t(context, T.ST_ALASAN, alasan=v["alasan"]))
        if v["rujukan"]:
            lines.append(t(context, T.ST_RUJUKAN, rujukan=v["rujukan"]))
    if v["status"] == "dialihkan" and v.get("dialihkan_ke"):  # where to, as the tracking page says
        when = day(v["dialihkan_tanggal"]) if v.get("dialihkan_tanggal") else "-"
        lines.append(t(context, T.ST_DIALIHKAN, tujuan=v["dialihkan_ke"], tanggal=when))
    lines += ["", t(context, T.ST_RIWAYAT)]
    for when, label, text in v["riwayat"][-MAX_RIWAYAT:]:
        note = f": {text}" if text else ""
        lines.append(f"• {day(when)} — {t(context, label)}{note[:300]}")
    if v["jawaban"]:
        lines += ["", t(context, T.ST_JAWABAN), v["jawaban"][:1500]]
    lines += ["", t(context, T.ST_TANGGAPI, lacak=lacak)]
    if v["status"] in ("selesai", "ditolak", "dialihkan"):
        lines.append(t(context, T.ST_OMBUDSMAN))
    return "\n".join(lines)


async def show(update: Update, context: ContextTypes.DEFAULT_TYPE, words: list[str]) -> int:
    if len(words) < 2:
        await reply(update, context, t(context, T.ST_MINTA))
        return WAIT
    if not _budget(context).spend(update.effective_user.id):
        await reply(update, context, t(context, T.ST_TERLALU_SERING))
        return END
    tiket, kode = words[0], "".join(words[1:])
    rt = runtime(context)
    view = await domain_call(update, context, _lookup, tiket, kode, reads=True)
    if view is None:  # the service's one message for a wrong ticket or code was shown
        return END
    settings = await rt.settings()
    await reply(update, context, render(context, view, site_url(settings, "/pengaduan/lacak")))
    return END


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await settle_button(update, context)
    return await show(update, context, list(context.args or []))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    return await show(update, context, text_of(update).split())


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await reply(update, context, t(context, T.DIBATALKAN))
    return END


async def _reask(update, context) -> None:
    await reply(update, context, t(context, T.ST_MINTA))


def handler(idle: float) -> ConversationHandler:
    states = {WAIT: [MessageHandler(filters.TEXT & ~filters.COMMAND, on_text), catch_all(False, _reask)],
              ConversationHandler.TIMEOUT: []}
    return conversation("status", start, cancel, T.ST_NAMA_PERCAKAPAN, states, idle)
