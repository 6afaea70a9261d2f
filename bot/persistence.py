"""Complaint conversations survive a restart of the bot: a BasePersistence on the bot_state table.

Only what a complaint needs is kept: the state of the persistent ConversationHandlers ("lapor") and the
listed keys of user_data (the complaint draft, the language). Rows are keyed by an HMAC of the Telegram key
and sealed with DATA_KEY, like the complaint's own personal data. A user who never starts a complaint or
picks a language — the WBS reporter among them — gets no row at all: nothing is written for them.

PTB calls update_* for many keys at once every `update_interval`; they are gathered into one transaction.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import UTC
from typing import Any

from sqlalchemy import delete, select
from telegram.ext import BasePersistence, PersistenceInput

from bot.common import IDLE_SECONDS, Runtime
from bot.models import BotState
from core.crypto import DecryptionError, keyed_hash
from core.extensions import db
from core.pii import seal, unseal
from core.workdays import utcnow

log = logging.getLogger("bot")

USER = "user"
KEPT_USER_KEYS = ("lapor", "bahasa")
PURPOSE = "bot.state"


def _row_key(kind: str, key: Any) -> str:
    from flask import current_app

    return keyed_hash(current_app.config["RECEIPT_PEPPER"], f"bot:{kind}:{json.dumps(key)}")


def _timestamp(changed) -> float:
    # SQLite hands back naive datetimes (stored as UTC)
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=UTC)
    return changed.timestamp()


def _seal(value: Any) -> str:
    return seal(json.dumps(value, separators=(",", ":")), PURPOSE)


def _unseal(token: str) -> Any:
    return json.loads(unseal(token, PURPOSE))


class DbPersistence(BasePersistence):
    def __init__(self, rt: Runtime, update_interval: float = 2.0, idle_seconds: float = IDLE_SECONDS):
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=False, user_data=True,
                                                     callback_data=False),
                         update_interval=update_interval)
        self.rt = rt
        self.idle_seconds = idle_seconds
        self._known: set[str] = set()  # row keys this process knows exist: nothing to delete otherwise
        self._pending: list[tuple] = []
        self._batch: asyncio.Task | None = None
        # keys (chat id, user id) of complaint conversations that went idle while the bot was down
        self.expired: list[tuple] = []

    # --- loading at start ------------------------------------------------------------------------

    async def get_user_data(self) -> dict[int, dict]:
        rows = await self.rt.uow(self._load, USER)
        out: dict[int, dict] = {}
        stale = []
        for key, data, _ in rows:
            draft = data.get("lapor")
            if draft and time.time() - draft.get("seen", 0) > self.idle_seconds:
                data.pop("lapor")  # went idle while the bot was down: forgotten, as the timeout would have
                stale.append(("put" if data else "del", USER, key, data))
            out[int(key)] = data
        if stale:
            await self.rt.uow(self._apply, stale)
        return out

    async def get_conversations(self, name: str) -> dict:
        rows = await self.rt.uow(self._load, f"conv:{name}")
        out, stale = {}, []
        cutoff = time.time() - self.idle_seconds
        for key, state, changed in rows:
            key = tuple(key)
            if _timestamp(changed) < cutoff:
                self.expired.append(key)  # post_init tells the chat, as the timeout would have
                stale.append(("del", f"conv:{name}", list(key), None))
                continue
            out[key] = state
        if stale:
            await self.rt.uow(self._apply, stale)
        return out

    def _load(self, kind: str) -> list[tuple[Any, Any, Any]]:
        out = []
        for row in db.session.scalars(select(BotState).where(BotState.jenis == kind)):
            try:
                out.append((_unseal(row.kunci_segel), _unseal(row.isi), row.diubah))
            except (DecryptionError, ValueError, TypeError):  # sealed under an old DATA_KEY: forget it, keep running
                log.warning("status bot tidak dapat dibaca; dilewati")
                continue
            self._known.add(row.kunci)
        return out

    async def get_chat_data(self) -> dict:
        return {}

    async def get_bot_data(self) -> dict:
        return {}

    async def get_callback_data(self):
        return None

    # --- writing ---------------------------------------------------------------------------------

    async def update_conversation(self, name: str, key: tuple, new_state: object | None) -> None:
        if new_state is None:
            await self._write(("del", f"conv:{name}", list(key), None))
        else:
            await self._write(("put", f"conv:{name}", list(key), new_state))

    async def update_user_data(self, user_id: int, data: dict) -> None:
        kept = {k: data[k] for k in KEPT_USER_KEYS if k in data and data[k] not in (None, {}, "")}
        await self._write(("put", USER, user_id, kept) if kept else ("del", USER, user_id, None))

    async def drop_user_data(self, user_id: int) -> None:
        await self._write(("del", USER, user_id, None))

    async def _write(self, op: tuple) -> None:
        self._pending.append(op)
        if self._batch is None or self._batch.done():
            self._batch = asyncio.get_running_loop().create_task(self._commit_soon())
        await asyncio.shield(self._batch)

    async def _commit_soon(self) -> None:
        await asyncio.sleep(0)  # the other update_* calls of this round join the same transaction
        ops, self._pending = self._pending, []
        if ops:
            await self.rt.uow(self._apply, ops)

    def _apply(self, ops: list[tuple]) -> None:
        now = utcnow()
        for action, kind, key, value in ops:
            row_key = _row_key(kind, key)
            if action == "del":
                if row_key in self._known:
                    db.session.execute(delete(BotState).where(BotState.kunci == row_key))
                    self._known.discard(row_key)
                continue
            row = db.session.get(BotState, row_key)
            if row is None:
                row = BotState(kunci=row_key, jenis=kind, kunci_segel=_seal(key))
                db.session.add(row)
            row.isi, row.diubah = _seal(value), now
            self._known.add(row_key)

    # --- nothing else is kept --------------------------------------------------------------------

    async def update_chat_data(self, chat_id: int, data: dict) -> None:
        return None

    async def update_bot_data(self, data: dict) -> None:
        return None

    async def update_callback_data(self, data) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: dict) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: dict) -> None:
        return None

    async def refresh_bot_data(self, bot_data: dict) -> None:
        return None

    async def flush(self) -> None:
        if self._batch is not None and not self._batch.done():
            await self._batch
        if self._pending:
            ops, self._pending = self._pending, []
            await self.rt.uow(self._apply, ops)
