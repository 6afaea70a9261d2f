"""The bot's one table: what must survive a restart of the bot process, sealed."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.workdays import utcnow


class BotState(db.Model):
    """A complaint conversation's state, a user's draft and language choice, or a sender's bookmark.

    `kunci` is an HMAC of the Telegram key (never the id itself); the key and the content are sealed with
    DATA_KEY. The WBS, survey, status and gratifikasi conversations are never written here.
    """

    __tablename__ = "bot_state"

    kunci: Mapped[str] = mapped_column(String(64), primary_key=True)
    jenis: Mapped[str] = mapped_column(String(40), index=True)  # user | conv:<name> | penanda
    kunci_segel: Mapped[str] = mapped_column(Text, default="")
    isi: Mapped[str] = mapped_column(Text)
    diubah: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
