"""Photos and documents sent to the bot: size checked before anything is downloaded (getFile), then the bytes
go through the same checks as a web upload (core.attachments.inspect_files: type by content, image metadata
stripped, size)."""
from __future__ import annotations

import io

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes
from werkzeug.datastructures import FileStorage

from bot import texts as T
from bot.common import format_size, log, runtime, t
from core.attachments import inspect_files
from core.storage import Clean


class Refused(Exception):
    """The file is not taken; `.text` says why, in the user's language."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


def has_file(update: Update) -> bool:
    msg = update.effective_message
    return bool(msg and (msg.photo or msg.document))


async def download(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[bytes, str]:
    """The file of this message as (bytes, name), or Refused. A file over the limit is never downloaded."""
    msg = update.effective_message
    limit = runtime(context).app.config["MAX_FILE_BYTES"]
    if msg.photo:
        fitting = [p for p in msg.photo if p.file_size is None or p.file_size <= limit]
        if not fitting:
            raise Refused(t(context, T.BERKAS_BESAR, ukuran=format_size(msg.photo[-1].file_size or 0),
                            batas=format_size(limit)))
        photo = max(fitting, key=lambda p: (p.width or 0) * (p.height or 0))
        file_id, size, name = photo.file_id, photo.file_size, f"foto-{msg.message_id}.jpg"
    elif msg.document:
        doc = msg.document
        file_id, size, name = doc.file_id, doc.file_size, doc.file_name or f"berkas-{msg.message_id}"
    else:
        raise Refused(t(context, T.BERKAS_JENIS))
    if size is not None and size > limit:
        raise Refused(t(context, T.BERKAS_BESAR, ukuran=format_size(size), batas=format_size(limit)))
    try:
        tg_file = await context.bot.get_file(file_id)
        if tg_file.file_size is not None and tg_file.file_size > limit:
            raise Refused(t(context, T.BERKAS_BESAR, ukuran=format_size(tg_file.file_size), batas=format_size(limit)))
        data = bytes(await tg_file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("berkas tidak dapat diunduh: %s", type(exc).__name__)
        raise Refused(t(context, T.BERKAS_GAGAL)) from exc
    if len(data) > limit:
        raise Refused(t(context, T.BERKAS_BESAR, ukuran=format_size(len(data)), batas=format_size(limit)))
    return data, name


def inspect(data: bytes, name: str) -> Clean:
    """Inside an app context: the web's upload check, on the downloaded bytes."""
    return inspect_files([FileStorage(io.BytesIO(data), filename=name)], max_files=1)[0]
