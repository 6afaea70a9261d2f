"""/lapor — a complaint, one question per message, through pengaduan.service like the web form.

The draft lives in user_data["lapor"] and the state in the persistent "lapor" ConversationHandler, so both
survive a restart (bot.persistence). Each field is checked by pengaduan.service.validate itself, the files by
the web's upload check and staging (pengaduan.service.stage_files), and the complaint is filed with
pengaduan.service.submit(kanal="telegram") under the draft's one-time token: pressing «Kirim» twice, or again
after a lost reply, shows the same ticket and code.
"""
from __future__ import annotations

import secrets
import time
from datetime import date
from functools import wraps

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import (CallbackQueryHandler, ContextTypes, ConversationHandler, MessageHandler,
                          TypeHandler, filters)

from bot import berkas
from bot import texts as T
from bot.common import (domain_call, format_size, idle_seconds, keyboard, lang, parse_date, pick, reply, runtime,
                        send, settle_button, short, site_url, stale_button, t, text_of)
from bot.conversation import catch_all, conversation
from core.attachments import MAX_FILES
from core.errors import DomainError
from core.uow import on_commit
from core.workdays import format_tanggal

(JENIS, KATEGORI, JUDUL, URAIAN, LOKASI, TANGGAL, LAMPIRAN, IDENTITAS, NAMA, KONTAK, RAHASIA, KABAR, RINGKASAN,
 UBAH) = range(14)
END = ConversationHandler.END
ORDER = [JENIS, KATEGORI, JUDUL, URAIAN, LOKASI, TANGGAL, LAMPIRAN, IDENTITAS, RAHASIA, KABAR, RINGKASAN]
BUTTON_STATES = {JENIS, KATEGORI, IDENTITAS, RAHASIA, KABAR, RINGKASAN, UBAH}
KEY = "lapor"
FIELDS = {  # the «Ubah» menu: field -> (label, state)
    "jenis": (T.L_F_JENIS, JENIS), "kategori": (T.L_F_KATEGORI, KATEGORI), "judul": (T.L_F_JUDUL, JUDUL),
    "uraian": (T.L_F_URAIAN, URAIAN), "lokasi": (T.L_F_LOKASI, LOKASI), "tanggal": (T.L_F_TANGGAL, TANGGAL),
    "lampiran": (T.L_F_LAMPIRAN, LAMPIRAN), "identitas": (T.L_F_IDENTITAS, IDENTITAS),
    "rahasia": (T.L_F_RAHASIA, RAHASIA), "kabar": (T.L_F_KABAR, KABAR),
}


# --- the draft ------------------------------------------------------------------------------------------

def data_of(draft: dict) -> dict:
    """The draft as the fields pengaduan.service.validate/submit read."""
    anonim = draft.get("identitas") == "anon"
    return {
        "jenis": draft.get("jenis") or "", "kategori": draft.get("kategori") or "",
        "judul": draft.get("judul") or "", "uraian": draft.get("uraian") or "",
        "lokasi": draft.get("lokasi") or "", "tanggal_kejadian": draft.get("tanggal") or "",
        "anonim": anonim, "rahasia": bool(draft.get("rahasia")),
        "nama": None if anonim else draft.get("nama"), "telepon": None if anonim else draft.get("telepon"),
        "email": None if anonim else draft.get("email"),
        "telegram_chat": str(draft["chat"]) if draft.get("kabar") and draft.get("chat") else None,
        "setuju": True,  # the summary shows the privacy notice next to «Kirim»
    }


def _field_error(data: dict, fields: tuple[str, ...]) -> str | None:
    """pengaduan.service.validate's message for one of `fields`, if it has one (inside a unit of work)."""
    from pengaduan import service

    try:
        service.validate(data, kanal="telegram")
    except DomainError as e:
        errors = getattr(e, "errors", None) or {e.field: e.message}
        return next((errors[f] for f in fields if f in errors), None)
    return None


async def check(update, context, draft: dict, changes: dict, *fields: str) -> bool:
    """Apply `changes` to a copy of the draft and ask the service whether `fields` are right; tell the user if not."""
    candidate = {**draft, **changes}
    error = await runtime(context).read(_field_error, data_of(candidate), fields)
    if error:
        await reply(update, context, t(context, error))
        return False
    draft.update(changes)
    return True


def step(fn):
    """A step of a live draft: a finished or idle draft ends the conversation instead."""
    @wraps(fn)
    async def wrapper(update: Update, context: ContextTypes.DEFAULT_TYPE):
        draft = context.user_data.get(KEY)
        if not draft:
            await settle_button(update, context)
            await reply(update, context, t(context, T.L_BERAKHIR))
            return END
        if time.time() - draft.get("seen", 0) > idle_seconds(context):  # idle across a restart: no timeout job ran
            await settle_button(update, context)
            return await expire(update, context)
        draft["seen"] = time.time()
        return await fn(update, context, draft)
    return wrapper


async def goto(state: int, update: Update, context: ContextTypes.DEFAULT_TYPE, draft: dict) -> int:
    await ASK[state](update, context, draft)
    return state


def after(state: int, draft: dict) -> int:
    """The state after `state` is answered: the next question, or the summary when a field was being changed."""
    if state == IDENTITAS:
        if draft.get("identitas") == "ketik":
            return NAMA
        if draft.get("identitas") == "tg":
            return KONTAK
    if state == NAMA:
        return KONTAK
    if draft.get("ubah"):
        return RINGKASAN
    if state == KONTAK:
        return RAHASIA
    return ORDER[ORDER.index(state) + 1]


async def advance(state: int, update, context, draft: dict) -> int:
    return await goto(after(state, draft), update, context, draft)


# --- questions -------------------------------------------------------------------------------------------

def _skip(context, *extra: tuple[str, str]) -> list[list[tuple[str, str]]]:
    return [[*extra, (t(context, T.LEWATI), "l:lewati")]]


async def ask_jenis(update, context, draft, intro: str = ""):
    from pengaduan.service import JENIS as JENIS_LAPORAN

    await reply(update, context, intro + t(context, T.L_JENIS),
                keyboard([[(t(context, label), f"l:jenis:{key}")] for key, label in JENIS_LAPORAN.items()]))


async def ask_kategori(update, context, draft):
    rows = [[(short(_kategori_teks(context, draft, k), 60), f"l:kat:{i}")] for i, k in enumerate(draft["kategori_list"])]
    await reply(update, context, t(context, T.L_KATEGORI), keyboard(rows))


async def ask_judul(update, context, draft):
    await reply(update, context, t(context, T.L_JUDUL))


async def ask_uraian(update, context, draft):
    await reply(update, context, t(context, T.L_URAIAN))


async def ask_lokasi(update, context, draft):
    await reply(update, context, t(context, T.L_LOKASI), keyboard(_skip(context)))


async def ask_tanggal(update, context, draft):
    await reply(update, context, t(context, T.L_TANGGAL),
                keyboard([[(t(context, T.HARI_INI), "l:tgl:0"), (t(context, T.KEMARIN), "l:tgl:1")],
                          [(t(context, T.LEWATI), "l:lewati")]]))


async def ask_lampiran(update, context, draft):
    limit = runtime(context).app.config["MAX_FILE_BYTES"]
    await reply(update, context, t(context, T.L_LAMPIRAN, n=MAX_FILES, batas=format_size(limit)),
                keyboard([[(t(context, T.SELESAI), "l:selesai"), (t(context, T.LEWATI), "l:lewati")]]))


async def ask_identitas(update, context, draft):
    await reply(update, context, t(context, T.L_IDENTITAS, nama=draft.get("tg_nama") or "-"),
                keyboard([[(t(context, T.L_ID_TELEGRAM), "l:id:tg")], [(t(context, T.L_ID_KETIK), "l:id:ketik")],
                          [(t(context, T.L_ID_ANONIM), "l:id:anon")]]))


async def ask_nama(update, context, draft):
    await reply(update, context, t(context, T.L_NAMA))


async def ask_kontak(update, context, draft):
    share = ReplyKeyboardMarkup([[KeyboardButton(t(context, T.L_BAGIKAN_NOMOR), request_contact=True)]],
                                resize_keyboard=True, one_time_keyboard=True)
    await reply(update, context, t(context, T.L_KONTAK), share)


async def ask_rahasia(update, context, draft):
    await reply(update, context, t(context, T.L_RAHASIA),
                keyboard([[(t(context, T.YA), "l:rahasia:1"), (t(context, T.TIDAK), "l:rahasia:0")]]))


async def ask_kabar(update, context, draft):
    await reply(update, context, t(context, T.L_KABAR),
                keyboard([[(t(context, T.YA), "l:kabar:1"), (t(context, T.TIDAK), "l:kabar:0")]]))


def summary(context, draft: dict) -> str:
    from pengaduan.service import JENIS as JENIS_LAPORAN

    empty = t(context, T.L_KOSONG)
    if draft.get("identitas") == "anon":
        who = t(context, T.L_ID_ANONIM)
    else:
        who = ", ".join(x for x in (draft.get("nama"), draft.get("telepon"), draft.get("email")) if x) or empty
    tanggal = date.fromisoformat(draft["tanggal"]) if draft.get("tanggal") else None
    lines = [
        t(context, T.L_RINGKASAN), "",
        f"{t(context, T.L_F_JENIS)}: {t(context, JENIS_LAPORAN.get(draft.get('jenis') or '', '')) or empty}",
        f"{t(context, T.L_F_KATEGORI)}: {_kategori_teks(context, draft, draft.get('kategori') or '') or empty}",
        f"{t(context, T.L_F_JUDUL)}: {draft.get('judul') or empty}",
        f"{t(context, T.L_F_URAIAN)}: {short(draft.get('uraian') or empty, 1500)}",  # the message stays < 4096
        f"{t(context, T.L_F_LOKASI)}: {draft.get('lokasi') or empty}",
        f"{t(context, T.L_F_TANGGAL)}: {format_tanggal(tanggal, _locale(context)) if tanggal else empty}",
        f"{t(context, T.L_F_LAMPIRAN)}: {t(context, T.L_N_BERKAS, n=len(draft.get('lampiran') or []))}",
        f"{t(context, T.L_F_IDENTITAS)}: {who}",
        f"{t(context, T.L_F_RAHASIA)}: {t(context, T.YA if draft.get('rahasia') else T.TIDAK)}",
        f"{t(context, T.L_F_KABAR)}: {t(context, T.YA if draft.get('kabar') else T.TIDAK)}",
        "", t(context, T.L_SETUJU),
    ]
    return "\n".join(lines)


def _locale(context) -> str:
    return "en" if context.user_data.get("bahasa") == "en" else "id"


async def ask_ringkasan(update, context, draft):
    draft["ubah"] = False
    await reply(update, context, summary(context, draft),
                keyboard([[(t(context, T.KIRIM), "l:kirim")],
                          [(t(context, T.UBAH), "l:ubah"), (t(context, T.BATAL), "l:batal")]]))


async def ask_ubah(update, context, draft):
    names = list(FIELDS.items())
    rows = [[(t(context, label), f"l:ubah:{name}") for name, (label, _) in names[i:i + 2]]
            for i in range(0, len(names), 2)]
    await reply(update, context, t(context, T.L_UBAH_APA), keyboard(rows))


ASK = {JENIS: ask_jenis, KATEGORI: ask_kategori, JUDUL: ask_judul, URAIAN: ask_uraian, LOKASI: ask_lokasi,
       TANGGAL: ask_tanggal, LAMPIRAN: ask_lampiran, IDENTITAS: ask_identitas, NAMA: ask_nama, KONTAK: ask_kontak,
       RAHASIA: ask_rahasia, KABAR: ask_kabar, RINGKASAN: ask_ringkasan, UBAH: ask_ubah}


# --- answers ---------------------------------------------------------------------------------------------

def _categories() -> tuple[list[str], dict[str, str]]:
    from pengaduan.service import categories, categories_en

    return categories(), categories_en()


def _kategori_teks(context, draft: dict, kategori: str) -> str:
    """A category in the user's language: the office's English wording when it gave one, else the catalogue's."""
    english = (draft.get("kategori_en") or {}).get(kategori)
    return english if english and lang(context) == "en" else t(context, kategori)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await settle_button(update, context)
    old = context.user_data.get(KEY)
    if old and old.get("lampiran"):
        await runtime(context).uow(_drop, old["lampiran"])
    kategori, kategori_en = await runtime(context).cached("pengaduan.kategori", _categories)
    user = update.effective_user
    context.user_data[KEY] = {"token": secrets.token_urlsafe(24), "chat": update.effective_chat.id,
                              "seen": time.time(), "kategori_list": kategori, "kategori_en": kategori_en,
                              "lampiran": [],
                              "tg_nama": (user.full_name if user else "")[:200]}
    await ask_jenis(update, context, context.user_data[KEY], intro=t(context, T.L_MULAI) + "\n\n")
    return JENIS


@step
async def on_jenis(update, context, draft):
    from pengaduan.service import JENIS as JENIS_LAPORAN

    key = await pick(update, context, JENIS_LAPORAN)
    if key is None:
        return JENIS
    draft["jenis"] = key
    return await advance(JENIS, update, context, draft)


@step
async def on_kategori(update, context, draft):
    try:
        kategori = draft["kategori_list"][int(update.callback_query.data.split(":", 2)[2])]
    except (ValueError, IndexError):
        await stale_button(update, context)
        return KATEGORI
    await settle_button(update, context, t(context, kategori))
    if not await check(update, context, draft, {"kategori": kategori}, "kategori"):
        return await goto(KATEGORI, update, context, draft)
    return await advance(KATEGORI, update, context, draft)


def _text_step(state: int, field: str, service_field: str | None = None):
    @step
    async def on_text(update, context, draft):
        text = text_of(update)
        if not await check(update, context, draft, {field: text}, service_field or field):
            return state
        return await advance(state, update, context, draft)
    return on_text


on_judul = _text_step(JUDUL, "judul")
on_uraian = _text_step(URAIAN, "uraian")
on_lokasi = _text_step(LOKASI, "lokasi")


def _skip_for(state: int, field: str | None):
    @step
    async def on_skip_state(update, context, draft):
        await settle_button(update, context, t(context, T.LEWATI))
        if field:
            draft[field] = "" if field != "lampiran" else draft.get("lampiran", [])
        return await advance(state, update, context, draft)
    return on_skip_state


@step
async def on_tanggal_text(update, context, draft):
    day = parse_date(text_of(update))
    if day is None:
        await reply(update, context, t(context, T.TANGGAL_SALAH))
        return TANGGAL
    if not await check(update, context, draft, {"tanggal": day.isoformat()}, "tanggal_kejadian"):
        return TANGGAL
    return await advance(TANGGAL, update, context, draft)


@step
async def on_tanggal_button(update, context, draft):
    from datetime import timedelta

    from core.workdays import local_today

    days_ago = 1 if update.callback_query.data.endswith(":1") else 0
    day = local_today() - timedelta(days=days_ago)
    await settle_button(update, context, format_tanggal(day, _locale(context)))
    draft["tanggal"] = day.isoformat()
    return await advance(TANGGAL, update, context, draft)


@step
async def on_file(update, context, draft):
    staged = draft.setdefault("lampiran", [])
    if len(staged) >= MAX_FILES:
        await reply(update, context, t(context, T.BERKAS_PENUH, n=MAX_FILES),
                    keyboard([[(t(context, T.SELESAI), "l:selesai")]]))
        return LAMPIRAN
    try:
        data, name = await berkas.download(update, context)
    except berkas.Refused as r:
        await reply(update, context, r.text, keyboard([[(t(context, T.SELESAI), "l:selesai")]]))
        return LAMPIRAN
    stored = await domain_call(update, context, _stage, data, name)
    if stored is None:
        return LAMPIRAN
    staged.append(stored)
    await reply(update, context, t(context, T.BERKAS_OK, nama=stored["asli"], jumlah=len(staged), n=MAX_FILES),
                keyboard([[(t(context, T.SELESAI), "l:selesai")]]))
    return LAMPIRAN


def _stage(data: bytes, name: str) -> dict:
    from pengaduan.service import stage_files

    return stage_files([berkas.inspect(data, name)])[0]


def _drop(staged: list[dict]) -> None:
    from pengaduan.service import drop_staged

    drop_staged(staged)


@step
async def on_lampiran_done(update, context, draft):
    await settle_button(update, context, t(context, T.L_N_BERKAS, n=len(draft.get("lampiran") or [])))
    return await advance(LAMPIRAN, update, context, draft)


@step
async def on_identitas(update, context, draft):
    mode = await pick(update, context, {"tg": T.L_ID_TELEGRAM, "ketik": T.L_ID_KETIK, "anon": T.L_ID_ANONIM})
    if mode is None:
        return IDENTITAS
    draft["identitas"] = mode
    if mode == "tg":
        draft["nama"] = draft.get("tg_nama") or None
    elif mode == "anon":
        draft.update(nama=None, telepon=None, email=None)
    return await advance(IDENTITAS, update, context, draft)


@step
async def on_nama(update, context, draft):
    if not await check(update, context, draft, {"nama": text_of(update)[:201]}, "nama"):
        return NAMA
    return await advance(NAMA, update, context, draft)


@step
async def on_kontak(update, context, draft):
    msg = update.effective_message
    if msg.contact is not None:
        if msg.contact.user_id and msg.contact.user_id != update.effective_user.id:
            await reply(update, context, t(context, T.L_KONTAK_BUKAN_MILIK))
            return KONTAK
        value, field = msg.contact.phone_number or "", "telepon"
        if value and not value.startswith("+"):
            value = "+" + value
    else:
        value = text_of(update)
        field = "email" if "@" in value else "telepon"
    other = "telepon" if field == "email" else "email"
    if not await check(update, context, draft, {field: value, other: None}, field):
        return KONTAK
    await reply(update, context, t(context, T.L_KONTAK_OK), ReplyKeyboardRemove())
    return await advance(KONTAK, update, context, draft)


def _yes_no(state: int, field: str):
    @step
    async def on_choice(update, context, draft):
        yes = update.callback_query.data.endswith(":1")
        await settle_button(update, context, t(context, T.YA if yes else T.TIDAK))
        draft[field] = yes
        return await advance(state, update, context, draft)
    return on_choice


on_rahasia = _yes_no(RAHASIA, "rahasia")
on_kabar = _yes_no(KABAR, "kabar")


@step
async def on_ubah_menu(update, context, draft):
    await settle_button(update, context, t(context, T.UBAH))
    return await goto(UBAH, update, context, draft)


@step
async def on_ubah_field(update, context, draft):
    name = await pick(update, context, {field: label for field, (label, _) in FIELDS.items()})
    if name is None:
        return UBAH
    draft["ubah"] = True
    return await goto(FIELDS[name][1], update, context, draft)


def _submit(data: dict, staged: list[dict], token: str) -> dict:
    """One unit of work: the complaint filed exactly as the web files it; staged files removed once committed."""
    from pengaduan import service

    files = service.load_staged(staged)
    p, code = service.submit(data, files, kanal="telegram", token=token)
    on_commit(lambda: service.drop_staged(staged))
    return {"tiket": p.tiket, "kode": code, "batas": p.batas_verifikasi.isoformat()}


@step
async def on_kirim(update, context, draft):
    await settle_button(update, context, t(context, T.KIRIM))
    rt = runtime(context)
    try:
        done = await rt.uow(_submit, data_of(draft), draft.get("lampiran") or [], draft["token"])
    except DomainError as e:
        errors = getattr(e, "errors", None) or {e.field or "": e.message}
        lines = [t(context, T.L_PERIKSA_LAGI)] + [f"• {t(context, m)}" for m in errors.values()]
        if e.field == "lampiran":
            draft["lampiran"] = []
        await reply(update, context, "\n".join(lines))
        return await goto(RINGKASAN, update, context, draft)
    settings = await rt.settings()
    text = t(context, T.L_TERKIRIM, tiket=done["tiket"], kode=done["kode"],
             lacak=site_url(settings, "/pengaduan/lacak"),
             batas=format_tanggal(date.fromisoformat(done["batas"]), _locale(context)))
    if draft.get("kabar"):
        text += "\n\n" + t(context, T.L_KABAR_AKTIF)
    if await send(context, update.effective_chat.id, text, tries=5) is None:
        # the ticket and code never reached the user: keep the draft; «Kirim» again shows the same ones
        return RINGKASAN
    context.user_data.pop(KEY, None)
    return END


# --- leaving ---------------------------------------------------------------------------------------------

async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    await settle_button(update, context, t(context, T.BATAL))
    draft = context.user_data.pop(KEY, None)
    if draft and draft.get("lampiran"):
        await runtime(context).uow(_drop, draft["lampiran"])
    await reply(update, context, t(context, T.L_BATAL), ReplyKeyboardRemove())
    return END


async def expire(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    draft = context.user_data.pop(KEY, None)
    if draft and draft.get("lampiran"):
        await runtime(context).uow(_drop, draft["lampiran"])
    chat_id = (draft or {}).get("chat") or (update.effective_chat.id if update.effective_chat else None)
    if chat_id:
        await send(context, chat_id, t(context, T.L_KEDALUWARSA), ReplyKeyboardRemove())
    return END


def handler(idle: float) -> ConversationHandler:
    text = filters.TEXT & ~filters.COMMAND
    button = CallbackQueryHandler

    def wrong(state):
        return catch_all(state in BUTTON_STATES, lambda u, c: _reask(state, u, c))

    states = {
        JENIS: [button(on_jenis, pattern=r"^l:jenis:")],
        KATEGORI: [button(on_kategori, pattern=r"^l:kat:")],
        JUDUL: [MessageHandler(text, on_judul)],
        URAIAN: [MessageHandler(text, on_uraian)],
        LOKASI: [MessageHandler(text, on_lokasi), button(_skip_for(LOKASI, "lokasi"), pattern=r"^l:lewati$")],
        TANGGAL: [MessageHandler(text, on_tanggal_text), button(on_tanggal_button, pattern=r"^l:tgl:[01]$"),
                  button(_skip_for(TANGGAL, "tanggal"), pattern=r"^l:lewati$")],
        LAMPIRAN: [MessageHandler(filters.PHOTO | filters.Document.ALL, on_file),
                   button(on_lampiran_done, pattern=r"^l:(selesai|lewati)$")],
        IDENTITAS: [button(on_identitas, pattern=r"^l:id:")],
        NAMA: [MessageHandler(text, on_nama)],
        KONTAK: [MessageHandler(text | filters.CONTACT, on_kontak)],
        RAHASIA: [button(on_rahasia, pattern=r"^l:rahasia:[01]$")],
        KABAR: [button(on_kabar, pattern=r"^l:kabar:[01]$")],
        RINGKASAN: [button(on_kirim, pattern=r"^l:kirim$"), button(on_ubah_menu, pattern=r"^l:ubah$")],
        UBAH: [button(on_ubah_field, pattern=r"^l:ubah:")],
    }
    for state, handlers in states.items():
        handlers.append(wrong(state))
    states[ConversationHandler.TIMEOUT] = [TypeHandler(Update, expire)]
    return conversation("lapor", start, cancel, T.L_NAMA_PERCAKAPAN, states, idle, cancel_button=r"^l:batal$",
                        name=KEY, persistent=True)


async def _reask(state: int, update, context) -> None:
    draft = context.user_data.get(KEY)
    if draft:
        draft["seen"] = time.time()
        await ASK[state](update, context, draft)
