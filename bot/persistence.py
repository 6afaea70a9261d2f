"""Complaint conversations survive a restart of the bot: a BasePersistence on the bot_state table.

Only what a complaint needs is kept: the state of the persistent ConversationHandlers ("lapor") and the
listed keys of user_data (the complaint draft, the language). Rows are keyed by an HMAC of the Telegram key
and sealed with DATA_KEY, like the complaint's own personal data. A user who never starts a complaint or
picks a language — the WBS reporter among them — gets no row at all: nothing is written for them.

PTB calls update_* for many keys at once every `update_interval`; they are gathered into one transaction.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import time
from datetime import UTC
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from telegram.ext import BasePersistence, PersistenceInput

from bot.common import IDLE_SECONDS, Runtime
from bot.models import BotState
from core.crypto import DecryptionError, keyed_hash
from core.extensions import db
from core.pii import seal, unseal
from core.uow import on_commit
from core.workdays import utcnow

log = logging.getLogger("bot")

USER = "user"
KEPT_USER_KEYS = ("lapor", "bahasa")
PURPOSE = "bot.state"
_INSERT = {"sqlite": sqlite_insert, "postgresql": pg_insert}  # the dialects with INSERT … ON CONFLICT
KEY_CACHE = 50_000  # (kind, Telegram key) -> (row key, sealed key) kept in memory at most


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


def _plain(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), sort_keys=True)


def _digest(plain: str) -> bytes:
    return hashlib.blake2b(plain.encode(), digest_size=16).digest()


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
        self._stored: dict[str, bytes] = {}  # row key -> digest of the value last written or loaded there
        self._key_cache: dict[tuple, tuple[str, str]] = {}
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
                key, value = _unseal(row.kunci_segel), _unseal(row.isi)
            except (DecryptionError, ValueError, TypeError):  # sealed under an old DATA_KEY: forget it, keep running
                log.warning("status bot tidak dapat dibaca; dilewati")
                continue
            out.append((key, value, row.diubah))
            self._known.add(row.kunci)
            self._stored[row.kunci] = _digest(_plain(value))
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
        # one batch at a time; what arrives meanwhile is the next batch of this same task, so an update_*
        # call returns only once its own write is committed
        while self._pending:
            ops, self._pending = self._pending, []
            await self.rt.uow(self._apply, ops)

    def _apply(self, ops: list[tuple]) -> None:
        """`ops` in the caller's unit of work: sealed first, then one DELETE and one INSERT … ON CONFLICT
        UPDATE, so the database's write lock is held for two statements, not for a load and a flush per row."""
        rows, gone = self._prepare(ops)
        if gone:
            db.session.execute(delete(BotState).where(BotState.kunci.in_(gone)))
        if rows:
            now = utcnow()
            table = BotState.__table__
            insert = _INSERT[db.session.get_bind().dialect.name](table)
            db.session.execute(insert.on_conflict_do_update(
                index_elements=[table.c.kunci], set_={"isi": insert.excluded.isi, "diubah": insert.excluded.diubah}),
                [{**row, "diubah": now} for row, _ in rows.values()])
        if rows or gone:
            on_commit(lambda: self._stored_now(rows, gone))

    def _prepare(self, ops: list[tuple]) -> tuple[dict[str, tuple[dict, bytes]], set[str]]:
        """The rows to write (the last value of each, sealed, with its digest) and the rows to delete. User data
        stored already as it is is not written again (the language of a user who only asked /status)."""
        rows: dict[str, tuple[dict, bytes]] = {}
        gone: set[str] = set()
        for action, kind, key, value in ops:
            row_key, sealed_key = self._keys(kind, key)
            if action == "del":
                rows.pop(row_key, None)
                if row_key in self._known:
                    gone.add(row_key)
                continue
            gone.discard(row_key)
            plain = _plain(value)
            digest = _digest(plain)
            # (a conversation's row is written even so: its time stamp says when the chat was last active)
            if kind == USER and self._stored.get(row_key) == digest:
                rows.pop(row_key, None)
                continue
            rows[row_key] = ({"kunci": row_key, "jenis": kind, "kunci_segel": sealed_key,
                              "isi": seal(plain, PURPOSE)}, digest)
        return rows, gone

    def _stored_now(self, rows: dict[str, tuple[dict, bytes]], gone: set[str]) -> None:
        """After the commit: what the table holds now."""
        for row_key in gone:
            self._known.discard(row_key)
            self._stored.pop(row_key, None)
        for row_key, (_, digest) in rows.items():
            self._known.add(row_key)
            self._stored[row_key] = digest

    def _keys(self, kind: str, key: Any) -> tuple[str, str]:
        """(row key, sealed Telegram key), kept in memory: an HMAC and a seal for every write otherwise."""
        name = (kind, json.dumps(key))
        hit = self._key_cache.get(name)
        if hit is None:
            if len(self._key_cache) >= KEY_CACHE:
                self._key_cache.clear()
            hit = self._key_cache[name] = (_row_key(kind, key), _seal(key))
        return hit

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
            await self._commit_soon()
